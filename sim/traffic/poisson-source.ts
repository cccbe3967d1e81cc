/**
 * PoissonSource: exponential gaps between packets with the mean that gives the flow's rate.
 * Arrival times accumulate in exact float ns and are rounded only when scheduled.
 */
import { NS_PER_S } from '../kernel/time';
import type { Simulator } from '../kernel/simulator';
import type { RandomStream } from '../kernel/random';
import type { FlowStats } from '../metrics/flow-stats';
import { SourceEndpoints, TrafficSource } from './traffic-source';

export class PoissonSource extends TrafficSource {
  private t: number;
  private readonly meanGapNs: number;

  constructor(
    sim: Simulator,
    stats: FlowStats,
    ends: SourceEndpoints,
    sizeBytes: number,
    rateBps: number,
    startNs: number,
    stopNs: number,
    private readonly rng: RandomStream,
  ) {
    super(sim, stats, ends, sizeBytes, startNs, stopNs);
    this.meanGapNs = (sizeBytes * 8 * NS_PER_S) / rateBps;
    this.t = startNs;
  }

  protected firstAt(): number {
    this.t += this.rng.exponential(this.meanGapNs);
    return Math.round(this.t);
  }

  protected nextAt(): number {
    return this.firstAt();
  }
}
