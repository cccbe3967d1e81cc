/**
 * Device: the sending side of one link direction, as a router's port is. A packet offered to it
 * meets the admission stages in order (each passes it, reshaped, or drops it with a cause), then
 * the queue and the transmitter. The same stages, walked by `fluid`, tell the fluid model what
 * the device does to a fluid flow's packets and what capacities it offers them.
 */
import type { DropCause } from '../trace/trace-bus';
import type { Packet, PacketShape } from './packet';
import type { AdmissionStage, FluidCapacity } from './stages/admission-stage';
import { Fragmentation } from './stages/fragmentation';
import type { Transmitter } from './transmitter';

export class Device {
  constructor(
    readonly stages: readonly AdmissionStage[],
    readonly transmitter: Transmitter,
    /** Where a packet a stage drops goes (the link direction publishes it). */
    private readonly dropped: (p: Packet, cause: DropCause) => void,
  ) {}

  /** Admit the packet through every stage, then hand it to the transmitter. */
  send(p: Packet, now: number): void {
    const stages = this.stages;
    for (let i = 0; i < stages.length; i++) {
      const cause = stages[i]!.admit(p, now);
      if (cause !== undefined) return this.dropped(p, cause);
    }
    this.transmitter.offer(p, now);
  }

  /**
   * A fluid flow's packet of shape `s` through the stages, in order: reshaped as a packet would
   * be, with each capacity offered with the position of its stage (0, 1, ...); or the cause
   * that drops every such packet.
   */
  fluid(s: PacketShape, offer: (c: FluidCapacity, position: number) => void): DropCause | undefined {
    for (let i = 0; i < this.stages.length; i++) {
      const cause = this.stages[i]!.fluid(s, (c) => offer(c, i));
      if (cause !== undefined) return cause;
    }
    return undefined;
  }

  /** Packets this device split into fragments (links.csv `fragmented_packets`). */
  fragmentedPackets(): number {
    return this.stages.reduce((sum, s) => (s instanceof Fragmentation ? sum + s.fragmentedPackets : sum), 0);
  }
}
