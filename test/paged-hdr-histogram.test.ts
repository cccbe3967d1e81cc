/**
 * PagedHdrHistogram against hdr-histogram-js, the library whose layout it keeps: the same
 * records give the same percentiles, maximum, minimum and count, before and after a reset.
 */
import fc from 'fast-check';
import * as hdr from 'hdr-histogram-js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PagedHdrHistogram } from '../sim/metrics/paged-hdr-histogram';

const paged = suite('PagedHdrHistogram');

const PERCENTILES = [0, 0.1, 1, 25, 50, 90, 95, 99, 99.9, 99.99, 100];

/** A delay in ns from 1 ns to about 10 hours, spread over the orders of magnitude; fluid flows record fractions. */
const delay = fc.oneof(
  fc.integer({ min: 0, max: 5000 }),
  fc.integer({ min: 1, max: 45 }).chain((bits) => fc.integer({ min: 2 ** (bits - 1), max: 2 ** bits })),
  fc.double({ min: 1, max: 1e10, noNaN: true }),
);
const records = fc.array(fc.tuple(delay, fc.integer({ min: 1, max: 1000 })), { maxLength: 300 });

function library() {
  return hdr.build({ bitBucketSize: 64, autoResize: true, numberOfSignificantValueDigits: 3, useWebAssembly: false });
}

function same(got: PagedHdrHistogram, want: hdr.Histogram, at: string): void {
  for (const p of PERCENTILES) assert.is(got.getValueAtPercentile(p), want.getValueAtPercentile(p), `${at}: p${p}`);
  assert.is(got.maxValue, want.maxValue, `${at}: max`);
  assert.is(got.minNonZeroValue, want.minNonZeroValue, `${at}: min`);
  assert.is(got.totalCount, want.totalCount, `${at}: count`);
}

paged('the same records give the library\'s percentiles, maximum, minimum and count, also after a reset', () => {
  fc.assert(
    fc.property(records, records, (first, second) => {
      const got = new PagedHdrHistogram();
      const want = library();
      for (const [v, n] of first) {
        got.recordValueWithCount(v, n);
        want.recordValueWithCount(v, n);
      }
      same(got, want, 'first');
      got.reset();
      want.reset();
      same(got, want, 'reset');
      for (const [v, n] of second) {
        got.recordValueWithCount(v, n);
        want.recordValueWithCount(v, n);
      }
      same(got, want, 'second');
    }),
    { numRuns: 300 },
  );
});

paged('an empty histogram reads 0 at every percentile', () => {
  const h = new PagedHdrHistogram();
  for (const p of PERCENTILES) assert.is(h.getValueAtPercentile(p), 0);
  assert.is(h.maxValue, 0);
});

paged.run();
