/**
 * Latency distribution of one flow: the empirical CDF of its per-interval mean latencies
 * (timeseries.csv latency_mean_ms, one value per interval that delivered something). The
 * result files keep no per-packet latencies, so this is the distribution of interval means,
 * not of packets, and the chart says so; the per-packet percentiles are in the summary table.
 */
import { RUN_COLOURS } from './chart-style';
import type { ReportFlow, ReportRun } from './result-data';
import { renderChart, type ChartSvg } from './vega-render';

/** At most this many steps per run are drawn (evenly spaced ranks of the sorted values). */
const MAX_STEPS = 600;

export async function cdfChart(runs: ReportRun[], flow: ReportFlow, id: string): Promise<ChartSvg> {
  const compare = runs.length > 1;
  const values: object[] = [];
  const counts: string[] = [];
  for (const run of runs) {
    const ms = run.timeseries
      .filter((r) => r.flow === flow.name && r.latencyMeanMs !== null)
      .map((r) => r.latencyMeanMs!)
      .sort((a, b) => a - b);
    counts.push(`${run.label === '' ? '' : `${run.label}: `}${ms.length} intervals`);
    for (const [ms0, p] of steps(ms)) values.push({ run: run.label === '' ? 'run' : run.label, ms: ms0, p });
  }
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `${flow.name}: CDF of per-interval mean latency`,
    width: 300,
    height: 200,
    title: { text: `${flow.name}: latency distribution`, subtitle: [`CDF of per-interval mean latency, not per packet`, counts.join(', ')] },
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
    name: 'latency_cdf',
    encoding: {
      x: { field: 'ms', type: 'quantitative', title: 'mean latency in an interval (ms)', scale: { zero: false } },
      y: { field: 'p', type: 'quantitative', title: 'fraction of intervals', scale: { domain: [0, 1] } },
      color: compare
        ? { field: 'run', type: 'nominal', scale: { domain: ['A', 'B'], range: [RUN_COLOURS.A, RUN_COLOURS.B] }, legend: { title: 'run' } }
        : { value: RUN_COLOURS[''] },
    },
  };
  return renderChart(id, 'cdf', `${flow.name}: latency distribution, CDF of per-interval mean latency`, spec);
}

/** (value, cumulative fraction) at each step of the empirical CDF, thinned to MAX_STEPS. */
export function steps(sorted: number[]): [number, number][] {
  const n = sorted.length;
  if (n === 0) return [];
  const out: [number, number][] = [[sorted[0]!, 0]];
  const stride = Math.max(1, Math.ceil(n / MAX_STEPS));
  for (let i = 0; i < n; i += stride) out.push([sorted[i]!, (i + 1) / n]);
  if ((n - 1) % stride !== 0) out.push([sorted[n - 1]!, 1]);
  return out;
}
