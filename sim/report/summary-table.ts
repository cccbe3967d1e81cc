/** summary.csv as an HTML table: the headline columns per flow (and per run in a comparison), and every column on demand. */
import type { ReportRun } from './result-data';
import { escapeXml } from './vega-render';

/** [header, column of summary.csv, scale] ; a scale turns bit/s into Mbps. */
const COLUMNS: [string, string, number?][] = [
  ['flow', 'flow'],
  ['kind', 'kind'],
  ['src', 'src'],
  ['dst', 'dst'],
  ['sent_packets', 'sent_packets'],
  ['received_packets', 'received_packets'],
  ['lost_packets', 'lost_packets'],
  ['loss_pct', 'loss_pct'],
  ['throughput Mbps', 'throughput_bps', 1e-6],
  ['goodput Mbps', 'goodput_bps', 1e-6],
  ['latency_mean_ms', 'latency_mean_ms'],
  ['latency_p50_ms', 'latency_p50_ms'],
  ['latency_p99_ms', 'latency_p99_ms'],
  ['latency_max_ms', 'latency_max_ms'],
  ['jitter_ms', 'jitter_ms'],
  ['jitter_max_ms', 'jitter_max_ms'],
  ['outage_ms', 'outage_ms'],
  ['er_share_pct', 'er_share_pct'],
  ['vpn_share_pct', 'vpn_share_pct'],
  ['path_changes', 'path_changes'],
  ['path_change_ms', 'path_change_ms'],
  ['lost_in_path_changes', 'lost_in_path_changes'],
];

export function summaryTable(runs: ReportRun[]): string {
  const compare = runs.length > 1;
  // A goodput column only when some flow has one.
  const columns = COLUMNS.filter(([, col]) => col !== 'goodput_bps' || runs.some((r) => cells(r, col).some((c) => c !== '')));
  const head = `<tr>${compare ? '<th>run</th>' : ''}${columns.map(([h]) => `<th>${escapeXml(h)}</th>`).join('')}</tr>`;
  const flows = [...new Set(runs.flatMap((r) => cells(r, 'flow')))];
  const body: string[] = [];
  for (const flow of flows) {
    for (const run of runs) {
      const i = cells(run, 'flow').indexOf(flow);
      if (i < 0) continue;
      const row = run.summary.rows[i]!;
      const tds = columns.map(([, col, scale]) => {
        const j = run.summary.headers.indexOf(col);
        const raw = j < 0 ? '' : row[j]!;
        const text = scale !== undefined && raw !== '' ? (Number(raw) * scale).toFixed(3) : raw;
        return `<td${/^-?[\d.]+$/.test(text) ? ' class="num"' : ''}>${escapeXml(text)}</td>`;
      });
      body.push(`<tr${compare ? ` class="run-${run.label}"` : ''}>${compare ? `<td>${run.label}</td>` : ''}${tds.join('')}</tr>`);
    }
  }
  const raw = runs
    .map((r) => `<details><summary>every column of ${compare ? `run ${r.label}'s ` : ''}summary.csv</summary><pre>${escapeXml([r.summary.headers, ...r.summary.rows].map((row) => row.join(',')).join('\n'))}</pre></details>`)
    .join('\n');
  return `<div class="table-wrap"><table class="summary"><thead>${head}</thead><tbody>${body.join('')}</tbody></table></div>\n${raw}`;
}

function cells(run: ReportRun, column: string): string[] {
  const j = run.summary.headers.indexOf(column);
  return j < 0 ? [] : run.summary.rows.map((r) => r[j]!);
}
