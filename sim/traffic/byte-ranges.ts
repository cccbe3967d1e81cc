/** Byte ranges [start, end) of a TCP stream: the receiver's out-of-order data, the sender's SACK scoreboard. */

export type ByteRange = [number, number];

/** The ranges sorted and merged where they touch or overlap. */
export function mergeRanges(ranges: ByteRange[]): ByteRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: ByteRange[] = [];
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}
