/**
 * Transmitter: a device's sending side. It is idle (a packet offered is sent at once) or busy
 * sending until `busyUntil` (a packet offered waits in the queue, and one event sends the head
 * of the queue when it frees up). The end of a transmission is not an event of its own: a busy
 * transmitter whose queue is empty turns idle when its time is up, so an idle link costs one
 * event per packet (its arrival).
 *
 * While fluid flows cross the link (FluidBackground), they share it: a packet waits for the
 * fluid work and the real packets ahead of it, computed in one step, instead.
 */
import type { ScheduledEvent } from '../kernel/event-queue';
import type { Simulator } from '../kernel/simulator';
import { txTimeNs } from '../kernel/time';
import type { FluidBackground } from './fluid-background';
import type { Packet } from './packet';
import type { PacketQueue } from './packet-queue';

/** Where a transmitter hands what it does: a packet starts on the wire at `start` for `txNs`, waits, or finds no room. */
export interface TransmitterOutput {
  launch(p: Packet, start: number, txNs: number): void;
  enqueued(p: Packet): void;
  refused(p: Packet): void;
}

export type TransmitterState = 'idle' | 'busy';

export class Transmitter {
  /** When the packet on the transmitter has been sent. */
  private busyUntil = 0;
  /** The pending event that sends the head of the queue when the transmitter frees up. */
  private drain: ScheduledEvent | undefined;
  /** The queue fluid flows build here, while some cross the link. */
  private background: FluidBackground | undefined;
  /** With a fluid background: when the real packets accepted so far are all sent. */
  private realFreeNs = 0;
  /**
   * The packets and frame bytes it has sent, as a port's own counters (links.csv reads them): a
   * subscriber to every transmission would cost a call per packet and hop (measured: about 5 %
   * of the chain benchmark's packet-hops per second).
   */
  sentPackets = 0;
  sentBytes = 0;

  constructor(
    private readonly sim: Simulator,
    readonly capacityBps: number,
    readonly queue: PacketQueue,
    private readonly out: TransmitterOutput,
  ) {}

  /** Idle: nothing is being sent at `now`, so a packet offered goes at once. */
  state(now: number): TransmitterState {
    return now >= this.busyUntil && this.queue.packets === 0 ? 'idle' : 'busy';
  }

  /** A packet admitted to the device: sent now, queued, or refused for want of room. */
  offer(p: Packet, now: number): void {
    if (this.background !== undefined) return this.offerBehindFluid(p, now);
    // A transmitter that frees up at this very instant frees up first, so the head of the queue
    // leaves before the new packet is measured against the queue's limit.
    if (this.drain !== undefined && now >= this.busyUntil) {
      this.sim.cancel(this.drain);
      this.transmitComplete();
    }
    if (now >= this.busyUntil && this.queue.packets === 0) return this.transmitStart(p);
    if (!this.queue.enqueue(p)) return this.out.refused(p);
    this.out.enqueued(p);
    if (this.drain === undefined) this.drain = this.sim.at(Math.max(this.busyUntil, now), this.transmitComplete);
  }

  /** Empty the queue (the link went down): what waited, in order. */
  flush(each: (p: Packet) => void): void {
    for (let p = this.queue.dequeue(); p !== undefined; p = this.queue.dequeue()) each(p);
  }

  private transmitStart(p: Packet): void {
    const frame = p.wireBytes + p.framingBytes;
    const tx = txTimeNs(frame, this.capacityBps);
    this.busyUntil = this.sim.now + tx;
    p.predWireBytes = 0;
    this.sentPackets++;
    this.sentBytes += frame;
    this.out.launch(p, this.sim.now, tx);
  }

  /** The transmitter is free: send the head of the queue, and come back when it is sent if more wait. */
  private readonly transmitComplete = (): void => {
    this.drain = undefined;
    const next = this.queue.dequeue();
    if (next === undefined) return;
    this.transmitStart(next);
    if (this.queue.packets > 0) this.drain = this.sim.at(this.busyUntil, this.transmitComplete);
  };

  private offerBehindFluid(p: Packet, now: number): void {
    const start = Math.ceil(this.background!.admit(p, now, this.realFreeNs));
    if (start < 0) return this.out.refused(p);
    if (start > now) this.out.enqueued(p);
    const frame = p.wireBytes + p.framingBytes;
    const tx = txTimeNs(frame, this.capacityBps);
    this.realFreeNs = start + tx;
    this.sentPackets++;
    this.sentBytes += frame;
    this.out.launch(p, start, tx);
  }

  /**
   * Fluid flows start or stop crossing the link. Real packets already queued drain as before,
   * and those that come later are sent after them.
   */
  setBackground(background: FluidBackground | undefined): void {
    const now = this.sim.now;
    if (this.background === undefined && background !== undefined) {
      this.realFreeNs = Math.max(this.busyUntil, now) + txTimeNs(this.queue.bytes, this.capacityBps);
    } else if (this.background !== undefined && background === undefined) {
      this.busyUntil = Math.max(this.busyUntil, this.realFreeNs);
    }
    this.background = background;
  }
}
