/** Statistics of the availability study: the mean with its Student t interval (statistics.ts), and percentiles. */
import { summarise } from './statistics';

export interface MeanInterval {
  mean: number;
  /** Half-width of the two-sided 95 % interval; NaN with fewer than 2 values. */
  halfWidth: number;
}

/** Mean and 95 % Student t half-width of independent replications. */
export function meanInterval(xs: readonly number[]): MeanInterval {
  const s = summarise(xs);
  return { mean: s.mean, halfWidth: s.ci95High - s.mean };
}

/** Nearest-rank percentile (the smallest value with at least p % of the values at or below it) of sorted values; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
