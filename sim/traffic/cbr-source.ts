/**
 * CbrSource: constant bit rate. Packet k leaves at start + round(k * size / rate), so the
 * rounding to whole ns never accumulates into drift.
 */
import { NS_PER_S } from '../kernel/time';
import type { Simulator } from '../kernel/simulator';
import type { FlowStats } from '../metrics/flow-stats';
import { SourceEndpoints, TrafficSource } from './traffic-source';

export class CbrSource extends TrafficSource {
  private k = 0;
  private readonly intervalNs: number;

  constructor(sim: Simulator, stats: FlowStats, ends: SourceEndpoints, sizeBytes: number, rateBps: number, startNs: number, stopNs: number) {
    super(sim, stats, ends, sizeBytes, startNs, stopNs);
    this.intervalNs = (sizeBytes * 8 * NS_PER_S) / rateBps;
  }

  protected firstAt(): number {
    return this.startNs;
  }

  protected nextAt(): number {
    return this.startNs + Math.round(++this.k * this.intervalNs);
  }
}
