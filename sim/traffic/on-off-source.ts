/**
 * OnOffSource: sends at the flow's rate (constant spacing) during ON periods and nothing during
 * OFF periods, the periods drawn from exponential or Pareto distributions (heavy-tailed ON/OFF
 * periods make self-similar aggregate traffic). It starts ON.
 */
import { NS_PER_S } from '../kernel/time';
import type { Simulator } from '../kernel/simulator';
import type { RandomStream } from '../kernel/random';
import type { FlowStats } from '../metrics/flow-stats';
import type { PeriodDist } from '../scenario/types';
import { SourceEndpoints, TrafficSource } from './traffic-source';

export function drawPeriod(d: PeriodDist, rng: RandomStream): number {
  if (d.dist === 'exponential') return rng.exponential(d.meanNs);
  // Pareto with mean m and shape a has its minimum at m (a - 1) / a.
  return rng.pareto((d.meanNs * (d.shape - 1)) / d.shape, d.shape);
}

export class OnOffSource extends TrafficSource {
  private readonly gapNs: number;
  private onEndNs = 0;
  /** Exact (float) time of the next packet. */
  private t: number;

  constructor(
    sim: Simulator,
    stats: FlowStats,
    ends: SourceEndpoints,
    sizeBytes: number,
    rateBps: number,
    startNs: number,
    stopNs: number,
    private readonly on: PeriodDist,
    private readonly off: PeriodDist,
    private readonly rng: RandomStream,
  ) {
    super(sim, stats, ends, sizeBytes, startNs, stopNs);
    this.gapNs = (sizeBytes * 8 * NS_PER_S) / rateBps;
    this.t = startNs;
  }

  protected firstAt(): number {
    this.onEndNs = this.t + drawPeriod(this.on, this.rng);
    return Math.round(this.t);
  }

  protected nextAt(): number {
    this.t += this.gapNs;
    // Past the end of this ON period: skip an OFF period and start the next ON period.
    while (this.t >= this.onEndNs) {
      this.t = this.onEndNs + drawPeriod(this.off, this.rng);
      this.stats.noteIdle(this.onEndNs, this.t);
      this.onEndNs = this.t + drawPeriod(this.on, this.rng);
    }
    return Math.round(this.t);
  }
}
