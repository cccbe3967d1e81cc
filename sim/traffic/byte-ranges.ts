/**
 * Byte ranges [start, end) of a TCP stream, sorted and disjoint: the receiver's out-of-order
 * data, the sender's SACK scoreboard. Inserting finds its place by binary search, so a long
 * list of holes (a burst of losses on a fast path) costs log n per segment, not n log n.
 */

export type ByteRange = [number, number];

/** Insert [start, end) in place, merging what it touches; returns the bytes it newly covers. */
export function insertRange(ranges: ByteRange[], start: number, end: number): number {
  if (end <= start) return 0;
  // First range that ends at or after `start`: everything before it lies wholly below.
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]![1] < start) lo = mid + 1;
    else hi = mid;
  }
  let s = start;
  let e = end;
  let covered = 0;
  let j = lo;
  for (; j < ranges.length && ranges[j]![0] <= e; j++) {
    const [a, b] = ranges[j]!;
    covered += b - a;
    if (a < s) s = a;
    if (b > e) e = b;
  }
  ranges.splice(lo, j - lo, [s, e]);
  return e - s - covered;
}

/** Drop what lies below `upTo` (acknowledged bytes); returns the bytes dropped. */
export function trimBelow(ranges: ByteRange[], upTo: number): number {
  let dropped = 0;
  let n = 0;
  while (n < ranges.length && ranges[n]![1] <= upTo) {
    dropped += ranges[n]![1] - ranges[n]![0];
    n++;
  }
  if (n > 0) ranges.splice(0, n);
  const first = ranges[0];
  if (first !== undefined && first[0] < upTo) {
    dropped += upTo - first[0];
    first[0] = upTo;
  }
  return dropped;
}
