/**
 * PacketQueue: where a device's packets wait for its transmitter. `enqueue` refuses (returns
 * false) a packet it has no room for, and the device drops it (cause `queue`). Drop-tail is one
 * discipline (sim/net/drop-tail-queue.ts); the device is given its queue where it is assembled.
 */
import type { Packet } from './packet';

export interface PacketQueue {
  enqueue(p: Packet): boolean;
  dequeue(): Packet | undefined;
  readonly packets: number;
  readonly bytes: number;
  /** Its room in bytes (fluid flows' background queue fills the same room). */
  readonly limitBytes: number;
}
