/** decide.csv: one row per design and failure case, its columns and their cells. */
import { fixed } from '../metrics/format-number';
import type { Finding } from '../review/finding';
import type { DecideRow } from './decide';

export const DECIDE_HEADERS = [
  'design', 'model', 'vpn', 'failure_case', 'seeds', 'latency_p50_ms', 'latency_p99_ms', 'jitter_max_ms', 'throughput_mbps', 'outage_max_s',
  'loss_pct', 'requests_timed_out_pct', 'availability_pct', 'downtime_min_per_year', 'cost_per_month', 'latency_pass', 'jitter_pass', 'throughput_pass',
  'outage_pass', 'availability_pass', 'all_pass', 'review_errors', 'review_warnings',
] as const;

/** 6 decimals (1 ns in ms, 1 µs in s), like summary.csv; cost to the cent. An unmeasured value is an empty cell. */
const num = (x: number | undefined, decimals = 6): string => (x === undefined ? '' : fixed(x, decimals));

/** A row's cells; `review` is its design's review, counted in the last two columns. */
export function decideCells(r: DecideRow, review: readonly Finding[]): string[] {
  const f = r.figures;
  return [
    r.design.name,
    r.design.model,
    r.design.vpn ? 'yes' : 'no',
    r.failureCase,
    String(f.seeds),
    num(f.latencyP50Ms),
    num(f.latencyP99Ms),
    num(f.jitterMaxMs),
    num(f.throughputBps === undefined ? undefined : f.throughputBps / 1e6),
    num(f.outageMaxMs === undefined ? undefined : f.outageMaxMs / 1e3),
    num(f.lossPct),
    num(f.requestsTimedOutPct),
    num(r.availability?.pct),
    num(r.availability?.downtimeMinPerYear, 4),
    num(r.costPerMonth, 2),
    r.verdicts.latency,
    r.verdicts.jitter,
    r.verdicts.throughput,
    r.verdicts.outage,
    r.availabilityVerdict,
    r.all,
    String(review.filter((f) => f.severity === 'error').length),
    String(review.filter((f) => f.severity === 'warning').length),
  ];
}
