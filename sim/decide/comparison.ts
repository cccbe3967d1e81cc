/**
 * The comparison table of a decide result: one row per design, the figures a reader acts on
 * side by side (what it costs, how it does in normal operation, the outage each failure case
 * causes, the worst throughput, the availability) and which requirements it misses, in which
 * case. The terminal and the HTML page print the same table.
 */
import type { Finding } from '../review/finding';
import type { DecideResult, DecideRow } from './decide';
import { FAILURE_CASES } from './design-scenarios';

export interface Comparison {
  headers: string[];
  rows: string[][];
}

const num = (x: number | undefined, d: number): string => (x === undefined ? '-' : x.toFixed(d));

export function comparisonTable(result: DecideResult): Comparison {
  const currency = result.study.doc.costs?.currency;
  const failures = FAILURE_CASES.filter((c) => c !== 'normal');
  const headers = [
    'design',
    currency === undefined ? 'cost/month' : `${currency}/month`,
    'p99 ms',
    'max jitter ms',
    'min Mbps',
    ...failures.map((c) => `outage s: ${c}`),
    'max loss %',
    'avail %',
    'down min/yr',
    'review',
    'misses',
  ];
  const rows = result.designs.map((design) => {
    const rows = result.rows.filter((r) => r.design === design);
    const normal = rows.find((r) => r.failureCase === 'normal')!;
    const lowest = Math.min(...rows.map((r) => r.figures.throughputBps ?? 0));
    const outage = (c: string) => {
      const ms = rows.find((r) => r.failureCase === c)?.figures.outageMaxMs;
      return num(ms === undefined ? undefined : ms / 1e3, 1);
    };
    return [
      design.name,
      num(normal.costPerMonth, 0),
      num(normal.figures.latencyP99Ms, 2),
      num(normal.figures.jitterMaxMs, 3),
      num(lowest / 1e6, 1),
      ...failures.map(outage),
      num(Math.max(...rows.map((r) => r.figures.lossPct ?? 0)), 2),
      num(normal.availability?.pct, 4),
      num(normal.availability?.downtimeMinPerYear, 1),
      reviewCell(result.reviews.get(design)!),
      misses(rows),
    ];
  });
  return { headers, rows };
}

/** The review's errors and warnings by rule, "-" when it has none (notes are left to decide.html). */
function reviewCell(findings: readonly Finding[]): string {
  const flagged = findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule} (${f.severity})`);
  return flagged.length === 0 ? '-' : [...new Set(flagged)].join('; ');
}

/** The requirements a design fails, each with the cases it fails in: "outage (leg, circuit)"; "none" when it meets all. */
function misses(rows: DecideRow[]): string {
  const checks = [
    ['latency', (r: DecideRow) => r.verdicts.latency],
    ['jitter', (r: DecideRow) => r.verdicts.jitter],
    ['throughput', (r: DecideRow) => r.verdicts.throughput],
    ['outage', (r: DecideRow) => r.verdicts.outage],
  ] as const;
  const out: string[] = [];
  for (const [name, verdict] of checks) {
    const failed = rows.filter((r) => verdict(r) === 'fail').map((r) => r.failureCase);
    if (failed.length > 0) out.push(`${name} (${failed.join(', ')})`);
  }
  if (rows[0]!.availabilityVerdict === 'fail') out.push('availability');
  if (out.length > 0) return out.join('; ');
  return rows.some((r) => r.all === 'pass') ? 'none' : '-';
}
