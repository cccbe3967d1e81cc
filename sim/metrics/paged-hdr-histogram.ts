/**
 * PagedHdrHistogram: an HDR histogram with hdr-histogram-js's layout and percentile rule
 * (lowest discernible value 1, 3 significant digits: 2,048 sub-buckets, percentiles within
 * 0.1 % of the true value) whose counts live in pages of PAGE entries, each allocated when a
 * value first falls in it. A flow's delays span a few pages (a path's delay plus its queueing
 * and jitter, and another path's after a failover), where the library's one array from 0 to the
 * largest value held 17,000 counts for delays up to 100 ms and 34,000 up to an hour, twice per
 * flow, and was zeroed whole at every timeseries interval. Reading a percentile and resetting
 * visit the allocated pages only.
 */

/** Sub-buckets per half bucket: 2^10, for 3 significant digits (2 x 10^3 rounded up to a power of two, halved). */
const HALF_MAGNITUDE = 10;
const HALF_COUNT = 1 << HALF_MAGNITUDE;
const SUB_BUCKET_COUNT = 2 * HALF_COUNT;
/** Counts per page: 1 KiB of Float64 (exact up to 2^53 per count, as the library's). */
const PAGE_BITS = 7;
const PAGE = 1 << PAGE_BITS;

export class PagedHdrHistogram {
  private pages: (Float64Array | undefined)[] = [];
  private lowestPage = Infinity;
  totalCount = 0;
  /** The largest value recorded (0 when empty). */
  maxValue = 0;
  /** The smallest value above zero recorded, rounded down to an integer (Number.MAX_SAFE_INTEGER when none). */
  minNonZeroValue = Number.MAX_SAFE_INTEGER;

  recordValueWithCount(value: number, count: number): void {
    const i = countsIndex(value);
    const p = i >> PAGE_BITS;
    let page = this.pages[p];
    if (page === undefined) {
      page = new Float64Array(PAGE);
      while (this.pages.length < p) this.pages.push(undefined);
      this.pages[p] = page;
      if (p < this.lowestPage) this.lowestPage = p;
    }
    const k = i & (PAGE - 1);
    page[k] = page[k]! + count;
    this.totalCount += count;
    if (value > this.maxValue) this.maxValue = value;
    if (value < this.minNonZeroValue && value > 0) this.minNonZeroValue = Math.floor(value);
  }

  /**
   * The value that `percentile` % of the recorded values are at or below, as the library gives
   * it: the highest value equivalent to the bucket where the running count reaches the rank (the
   * lowest for percentile 0); 0 when empty.
   */
  getValueAtPercentile(percentile: number): number {
    const fpCount = (Math.min(percentile, 100) / 100) * this.totalCount;
    // The library's guard against a rank one ulp too high from the floating-point product.
    const rank = Math.max(Math.ceil(fpCount - ulp(fpCount)), 1);
    let running = 0;
    for (let p = this.lowestPage; p < this.pages.length; p++) {
      const page = this.pages[p];
      if (page === undefined) continue;
      for (let k = 0; k < PAGE; k++) {
        running += page[k]!;
        if (running >= rank) {
          const value = valueFromIndex((p << PAGE_BITS) + k);
          return percentile === 0 ? lowestEquivalentValue(value) : lowestEquivalentValue(value) + equivalentRange(value) - 1;
        }
      }
    }
    return 0;
  }

  /** Empty again; the pages stay allocated, zeroed, for the values to come. */
  reset(): void {
    for (const page of this.pages) page?.fill(0);
    this.totalCount = 0;
    this.maxValue = 0;
    this.minNonZeroValue = Number.MAX_SAFE_INTEGER;
  }
}

function bucketIndex(value: number): number {
  return Math.max(Math.floor(Math.log2(value)) - HALF_MAGNITUDE, 0);
}

function countsIndex(value: number): number {
  const b = bucketIndex(value);
  const sub = Math.floor(value / 2 ** b);
  return (b + 1) * HALF_COUNT + (sub - HALF_COUNT);
}

function valueFromIndex(index: number): number {
  let b = Math.floor(index / HALF_COUNT) - 1;
  let sub = (index % HALF_COUNT) + HALF_COUNT;
  if (b < 0) {
    sub -= HALF_COUNT;
    b = 0;
  }
  return sub * 2 ** b;
}

function lowestEquivalentValue(value: number): number {
  const b = bucketIndex(value);
  return Math.floor(value / 2 ** b) * 2 ** b;
}

/** How many values share the bucket of `value`. */
function equivalentRange(value: number): number {
  const b = bucketIndex(value);
  return 2 ** (Math.floor(value / 2 ** b) >= SUB_BUCKET_COUNT ? b + 1 : b);
}

function ulp(x: number): number {
  return 2 ** (Math.floor(Math.log2(x)) - 52);
}
