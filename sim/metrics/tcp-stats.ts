/**
 * TcpStats: what a TCP or request flow's transport did: goodput (payload delivered in order),
 * retransmissions, retransmission timeouts, the congestion window; per run and per timeseries
 * interval. Request flows add completion times (HDR histogram) and timeouts.
 */
import { PagedHdrHistogram } from './paged-hdr-histogram';

export class TcpStats {
  goodputBytes = 0;
  retransmits = 0;
  timeouts = 0;
  ackDrops = 0;
  /** The latest congestion window of the flow's (last) sender, bytes. */
  cwndBytes = 0;
  readonly interval = { goodputBytes: 0, retransmits: 0, timeouts: 0 };

  requests = 0;
  completed = 0;
  timedOut = 0;
  readonly completion = new PagedHdrHistogram();

  delivered(bytes: number): void {
    this.goodputBytes += bytes;
    this.interval.goodputBytes += bytes;
  }

  retransmitted(): void {
    this.retransmits++;
    this.interval.retransmits++;
  }

  timedOutRto(): void {
    this.timeouts++;
    this.interval.timeouts++;
  }

  resetInterval(): void {
    this.interval.goodputBytes = 0;
    this.interval.retransmits = 0;
    this.interval.timeouts = 0;
  }
}
