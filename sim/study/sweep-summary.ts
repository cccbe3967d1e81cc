/**
 * One line per configuration of a sweep, from its sweep.csv: what a person reads first (the
 * file itself has a line per configuration, flow and metric). Each figure is over the flows of
 * the configuration, from the means over the seeds: throughput summed, the worst p99 latency,
 * loss and outage, and the request timeouts summed.
 */
import { fixed } from '../metrics/format-number';
import type { CsvTable } from './result-folder-reader';

const FIGURES: { header: string; metric: string; over: 'sum' | 'max'; scale: number; decimals: number }[] = [
  { header: 'Mbps', metric: 'throughput_bps', over: 'sum', scale: 1e-6, decimals: 3 },
  { header: 'p99 ms', metric: 'latency_p99_ms', over: 'max', scale: 1, decimals: 3 },
  { header: 'loss %', metric: 'loss_pct', over: 'max', scale: 1, decimals: 2 },
  { header: 'outage ms', metric: 'outage_ms', over: 'max', scale: 1, decimals: 1 },
  { header: 'timed out', metric: 'requests_timed_out', over: 'sum', scale: 1, decimals: 1 },
];

export function sweepSummary(sweep: CsvTable): { headers: string[]; rows: string[][] } {
  const h = sweep.headers;
  const [config, flow, metric, mean] = ['config', 'flow', 'metric', 'mean'].map((name) => h.indexOf(name)) as [number, number, number, number];
  const varied = h.slice(config + 1, flow);
  const configs = new Map<string, { values: string[]; flows: Set<string>; figures: Map<string, number[]> }>();
  for (const r of sweep.rows) {
    const label = r[config]!;
    let c = configs.get(label);
    if (c === undefined) configs.set(label, (c = { values: r.slice(config + 1, flow), flows: new Set(), figures: new Map() }));
    c.flows.add(r[flow]!);
    const xs = c.figures.get(r[metric]!) ?? [];
    xs.push(Number(r[mean]));
    c.figures.set(r[metric]!, xs);
  }
  const rows = [...configs.values()].map((c) => [
    ...c.values,
    String(c.flows.size),
    ...FIGURES.map((f) => {
      const xs = c.figures.get(f.metric);
      if (xs === undefined) return '-';
      return fixed(f.scale * (f.over === 'sum' ? xs.reduce((a, b) => a + b, 0) : Math.max(...xs)), f.decimals);
    }),
  ]);
  return { headers: [...varied, 'flows', ...FIGURES.map((f) => f.header)], rows };
}
