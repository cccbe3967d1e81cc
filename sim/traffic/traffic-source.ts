/**
 * TrafficSource: sends a flow's packets into its source node at the times its arrival process
 * gives, between the flow's start and stop. Subclasses implement `firstAt` and `nextAt`, and
 * `packetBytes` when their packets differ in size.
 */
import type { Simulator } from '../kernel/simulator';
import type { FlowStats } from '../metrics/flow-stats';
import type { NetNode } from '../net/net-node';
import { Packet } from '../net/packet';

export interface SourceEndpoints {
  src: NetNode;
  dst: NetNode;
  flowHash: number;
}

export abstract class TrafficSource {
  private seq = 0;

  constructor(
    protected readonly sim: Simulator,
    readonly stats: FlowStats,
    private readonly ends: SourceEndpoints,
    readonly sizeBytes: number,
    readonly startNs: number,
    readonly stopNs: number,
  ) {}

  start(): void {
    const t = this.firstAt();
    if (t < this.stopNs) this.sim.at(t, this.emit);
  }

  /** Time of the first packet (ns). */
  protected abstract firstAt(): number;
  /** Time of the packet after the one sent at `now` (ns, at or after now). */
  protected abstract nextAt(now: number): number;
  /** Size of the packet about to be sent. */
  protected packetBytes(): number {
    return this.sizeBytes;
  }

  private readonly emit = (): void => {
    const now = this.sim.now;
    const p = new Packet(this.stats, this.ends.src.index, this.ends.dst.index, this.ends.flowHash, this.packetBytes(), now, this.seq++);
    this.stats.onSend(p);
    this.ends.src.receive(p, undefined);
    const next = this.nextAt(now);
    if (next < this.stopNs) this.sim.at(next, this.emit);
  };
}
