/**
 * LatencyHistogram: an HDR histogram of one-way delays (3 significant digits: percentiles
 * within 0.1 % of the true value; counts in pages where the delays fall) that records a run of equal
 * values as one count. The packets of a flow on an uncongested path without jitter all take
 * the same delay, and HDR's bucket arithmetic per value (a log2, a power, a division) was a
 * sixth of a packet run's time. A run of n equal values recorded with count n leaves the
 * histogram exactly as n single records would: counts, total, minimum and maximum alike.
 */
import { PagedHdrHistogram } from './paged-hdr-histogram';

export class LatencyHistogram {
  private readonly hdr = new PagedHdrHistogram();
  private runValue = -1;
  private runCount = 0;

  record(valueNs: number, count = 1): void {
    if (valueNs === this.runValue) {
      this.runCount += count;
      return;
    }
    this.flush();
    this.runValue = valueNs;
    this.runCount = count;
  }

  /** The HDR histogram with every value recorded so far in it, to read percentiles, minimum and maximum. */
  get histogram(): PagedHdrHistogram {
    this.flush();
    return this.hdr;
  }

  reset(): void {
    this.runCount = 0;
    this.hdr.reset();
  }

  private flush(): void {
    if (this.runCount === 0) return;
    this.hdr.recordValueWithCount(this.runValue, this.runCount);
    this.runCount = 0;
  }
}
