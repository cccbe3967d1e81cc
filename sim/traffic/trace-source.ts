/**
 * TraceSource: a `kind: trace` flow's packets, each at the time and of the size its file gives,
 * in the order trace-schedule.ts defines (offset, loop).
 */
import type { Simulator } from '../kernel/simulator';
import type { FlowStats } from '../metrics/flow-stats';
import { TraceCursor } from '../scenario/trace-schedule';
import type { TraceConfig } from '../scenario/types';
import { SourceEndpoints, TrafficSource } from './traffic-source';

export class TraceSource extends TrafficSource {
  private readonly cursor: TraceCursor;

  constructor(sim: Simulator, stats: FlowStats, ends: SourceEndpoints, trace: TraceConfig, meanSizeBytes: number, startNs: number, stopNs: number) {
    super(sim, stats, ends, meanSizeBytes, startNs, stopNs);
    this.cursor = new TraceCursor(trace);
  }

  protected firstAt(): number {
    return this.startNs + this.cursor.atNs;
  }

  protected nextAt(): number {
    this.cursor.advance();
    return this.startNs + this.cursor.atNs;
  }

  protected override packetBytes(): number {
    return this.cursor.sizeBytes;
  }
}
