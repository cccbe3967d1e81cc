/**
 * From raw per-run values to sweep.csv rows. Both a single process and `ersim merge` come
 * through here with the same values (the summary.csv strings of each run), so both write the
 * same bytes: the values are taken in global run order (configuration, then seed in the order
 * of --seeds), never in the order runs finished.
 */
import { fixed } from '../metrics/format-number';
import { SUMMARY_HEADERS } from '../metrics/result-files';
import type { SummaryRecord } from '../metrics/result-files';
import { summarise } from './statistics';
import { SweepError, sweepConfigs, type SweepSpec } from './sweep-plan';

/** The numeric columns of summary.csv, in its order: every column but the flow's names and kind. */
export const NUMERIC_METRICS: readonly string[] = SUMMARY_HEADERS.filter((h) => !['flow', 'src', 'dst', 'kind'].includes(h));

/** Decimals of every statistic in sweep.csv: 1 ns for values in ms; fixed, so bytes repeat. */
const DECIMALS = 6;

export interface RunValue {
  flow: string;
  metric: string;
  /** As summary.csv has it; never empty. */
  value: string;
}

export interface RunValues {
  /** Global run index (sweep-plan.ts). */
  run: number;
  values: RunValue[];
}

/** The numeric values of one run's summary rows, flow by flow, metrics in column order; empty cells are skipped. */
export function runValuesOf(rows: readonly SummaryRecord[]): RunValue[] {
  const values: RunValue[] = [];
  for (const row of rows) {
    for (const metric of NUMERIC_METRICS) {
      const value = row[metric as keyof SummaryRecord];
      if (value !== '') values.push({ flow: row.flow, metric, value });
    }
  }
  return values;
}

/** sweep.csv columns: one per varied path, named by the path, after `config`. */
export function sweepHeaders(spec: SweepSpec): string[] {
  return ['config', ...spec.varies.map((v) => v.path), 'flow', 'metric', 'n', 'mean', 'sd', 'ci95_low', 'ci95_high'];
}

/**
 * One row per configuration x flow x metric. Flows in the order they first appear in the
 * configuration's runs, metrics in summary.csv's order; `n` counts the runs that had a value
 * (a flow that delivered nothing has no latency). With n = 1, sd and the interval are empty.
 */
export function aggregateSweep(spec: SweepSpec, runs: readonly RunValues[]): string[][] {
  const seeds = spec.seeds.length;
  const configs = sweepConfigs(spec.varies);
  const byRun = new Map<number, RunValues>();
  for (const r of runs) byRun.set(r.run, r);
  const rows: string[][] = [];
  for (const config of configs) {
    const flows = new Map<string, Map<string, number[]>>();
    for (let k = 0; k < seeds; k++) {
      const run = byRun.get(config.index * seeds + k);
      if (run === undefined) throw new SweepError(`run ${config.index * seeds + k} (${config.label}, seed ${spec.seeds[k]}) has no results`);
      for (const v of run.values) {
        let metrics = flows.get(v.flow);
        if (metrics === undefined) flows.set(v.flow, (metrics = new Map<string, number[]>()));
        let xs = metrics.get(v.metric);
        if (xs === undefined) metrics.set(v.metric, (xs = []));
        xs.push(Number(v.value));
      }
    }
    for (const [flow, metrics] of flows) {
      for (const metric of NUMERIC_METRICS) {
        const xs = metrics.get(metric);
        if (xs === undefined) continue;
        const s = summarise(xs);
        rows.push([config.label, ...config.values, flow, metric, String(s.n), ...[s.mean, s.sd, s.ci95Low, s.ci95High].map((x) => fixed(x, DECIMALS))]);
      }
    }
  }
  return rows;
}
