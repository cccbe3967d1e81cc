/**
 * The report page: one self-contained HTML file (inline CSS and SVG, no script, no external
 * font or image), so it opens from disk or an e-mail attachment without a network. It holds,
 * for one result folder or two compared (A and B):
 *   the topology (one drawing per run), the summary table, per flow a timeline
 *   (latency, throughput, loss, path, event marks) and a latency CDF, the events, and the
 *   scenario as run (YAML) with its seed and ersim version.
 * The same folders give the same bytes: nothing depends on the clock, the machine or the
 * folder's absolute path (the page names the folders as given).
 */
import * as path from 'node:path';
import { stringify as toYaml } from 'yaml';
import { writeFileAtomic } from '../metrics/atomic-file';
import { ERSIM_VERSION } from '../version';
import { cdfChart } from './cdf-chart';
import { PATH_COLOURS, PATHS } from './chart-style';
import { readReportRun, type ReportFlow, type ReportRun } from './result-data';
import { summaryTable } from './summary-table';
import { timelineChart } from './timeline-chart';
import { topologyChart } from './topology-chart';
import { escapeXml } from './vega-render';

/** events.csv rows listed on the page per run; the file itself has them all. */
const MAX_EVENT_ROWS = 400;

const CSS = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 0; padding: 16px 24px 48px; color: #222; background: #fff; font-size: 14px; line-height: 1.4; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
.meta { color: #555; margin: 2px 0; }
.meta code, td code { font-size: 12px; }
nav a { margin-right: 12px; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.charts svg { max-width: 100%; height: auto; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: 12px; }
th, td { border: 1px solid #ddd; padding: 2px 6px; text-align: left; white-space: nowrap; }
th { background: #f4f4f4; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.run-B td { background: #faf6f3; }
pre { background: #f7f7f7; border: 1px solid #e4e4e4; padding: 8px; overflow-x: auto; font-size: 12px; }
.legend span { display: inline-block; width: 12px; height: 12px; vertical-align: middle; margin: 0 4px 0 10px; border-radius: 2px; }
.note { color: #555; font-size: 12px; }
`;

export interface ReportOptions {
  /** How the page names each result folder (default: the folder as given, normalised). */
  sources?: string[];
}

/** Read one or two result folders and build the page. */
export async function buildReport(dirs: string[], opts: ReportOptions = {}): Promise<string> {
  const labels = dirs.length > 1 ? ['A', 'B'] : [''];
  const runs = dirs.map((d, i) => readReportRun(d, labels[i]));
  const sources = opts.sources ?? dirs.map(displayPath);
  return reportHtml(runs, sources);
}

/**
 * Write the report of `dirs` to `outFile` (through a temporary file beside it, renamed into
 * place): over an earlier ersim page, or with `force` any regular file; never over anything else.
 */
export async function writeReport(dirs: string[], outFile: string, opts: ReportOptions = {}, force = false): Promise<void> {
  const html = await buildReport(dirs, opts);
  writeFileAtomic(outFile, html, { force, isOurs: isErsimPage });
}

/** A page ersim wrote: its head names ersim as the generator. */
export function isErsimPage(text: string): boolean {
  return /^<!DOCTYPE html>[\s\S]*?<meta name="generator" content="ersim /.test(text);
}

export function displayPath(dir: string): string {
  const p = path.normalize(dir).split(path.sep).join('/');
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

export async function reportHtml(runs: ReportRun[], sources: string[]): Promise<string> {
  const compare = runs.length > 1;
  const first = runs[0]!;
  const title = compare ? `${runs.map((r) => r.scenario.name).join(' vs ')}` : first.scenario.name;

  const topologies: string[] = [];
  for (const run of runs) topologies.push((await topologyChart(run, `topology-graph${run.label === '' ? '' : `-${run.label}`}`)).svg);

  // Flows in scenario order of A, then those only in B.
  const flows: ReportFlow[] = [];
  for (const run of runs) for (const f of run.flows) if (!flows.some((g) => g.name === f.name)) flows.push(f);
  const flowSections: string[] = [];
  for (const [i, flow] of flows.entries()) {
    const withFlow = runs.filter((r) => r.flows.some((f) => f.name === flow.name));
    const timeline = await timelineChart(withFlow, flow, `timeline-${i}`);
    const cdf = await cdfChart(withFlow, flow, `cdf-${i}`);
    const only = withFlow.length < runs.length ? ` <span class="note">(only in run ${withFlow.map((r) => r.label).join(', ')})</span>` : '';
    const grouped = timeline.groupedBy > 1 ? `<p class="note">Each point of the timeline groups ${timeline.groupedBy} consecutive intervals: throughput averaged over time, latency mean and loss averaged over the intervals, p99 the largest, the path the one of most of the time.</p>` : '';
    flowSections.push(
      `<section class="flow" id="flow-${escapeXml(flow.name)}" data-flow="${escapeXml(flow.name)}">\n<h3>${escapeXml(flow.name)} <span class="note">${flow.kind}, ${escapeXml(flow.from)} &gt; ${escapeXml(flow.to)}</span>${only}</h3>\n${grouped}<div class="charts">\n${timeline.svg}\n${cdf.svg}\n</div>\n</section>`,
    );
  }

  const runMeta = runs.map((r, i) => {
    const rec = r.record;
    const partial = rec.partial ? `; <strong>partial</strong>: stopped at ${r.endS} s` : '';
    return `<p class="meta">${compare ? `<strong>${r.label}</strong>: ` : ''}<code>${escapeXml(sources[i]!)}</code>: ${escapeXml(r.scenario.name)}, ${r.scenario.model}, ${r.scenario.durationNs / 1e9} s simulated in intervals of ${r.scenario.intervalNs / 1e9} s, seed ${rec.seed}, ${rec.eventsExecuted ?? '?'} events, ersim ${escapeXml(rec.ersim)}${partial}${r.scenario.description === '' ? '' : ` &mdash; ${escapeXml(r.scenario.description)}`}</p>`;
  });

  const pathLegend = `<p class="note legend">Path shading (timeseries.csv <code>path</code>):${PATHS.map((p, i) => `<span style="background:${PATH_COLOURS[i]}"></span>${p}`).join('')}</p>`;

  const events = runs.map((r) => {
    const rows = r.events.slice(0, MAX_EVENT_ROWS).map((e) => `<tr><td class="num">${e.timeS}</td><td>${escapeXml(e.event)}</td><td>${escapeXml(e.subject)}</td><td>${escapeXml(e.detail)}</td></tr>`);
    const more = r.events.length > MAX_EVENT_ROWS ? `<p class="note">The first ${MAX_EVENT_ROWS} of ${r.events.length} events; events.csv has them all.</p>` : '';
    return `${compare ? `<h3>run ${r.label}</h3>` : ''}<details${r.events.length <= 60 ? ' open' : ''}><summary>${r.events.length} events</summary><div class="table-wrap"><table class="events"><thead><tr><th>time_s</th><th>event</th><th>subject</th><th>detail</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>${more}</details>`;
  });

  const scenarios = runs.map((r) => `${compare ? `<h3>run ${r.label}</h3>` : ''}<pre class="scenario">${escapeXml(toYaml(r.record.scenario))}</pre>`);

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ersim ${ERSIM_VERSION}">
<title>ersim report: ${escapeXml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>ersim report: ${escapeXml(title)}</h1>
${runMeta.join('\n')}
<nav><a href="#topology">topology</a><a href="#summary">summary</a><a href="#flows">flows</a><a href="#events">events</a><a href="#scenario">scenario</a></nav>
</header>
<section id="topology">
<h2>Topology</h2>
<div class="charts">
${topologies.join('\n')}
</div>
</section>
<section id="summary">
<h2>Summary</h2>
${summaryTable(runs)}
</section>
<section id="flows">
<h2>Flows over time</h2>
<p class="note">Per flow: the events of events.csv as vertical rules (failures, detections by BFD, the hold timer or DPD, this flow's failovers and failbacks, repairs); latency mean and p99, throughput${flows.some((f) => f.kind === 'tcp' || f.kind === 'request') ? ' (and goodput for TCP)' : ''} and loss per interval of timeseries.csv; the path the flow took${compare ? ', one row per run' : ', also shading the panels'}. Beside it, the distribution of the flow's per-interval mean latency.${compare ? ' Run A is blue, run B brown.' : ''}</p>
${pathLegend}
${flowSections.join('\n')}
</section>
<section id="events">
<h2>Events</h2>
${events.join('\n')}
</section>
<section id="scenario">
<h2>Scenario as run</h2>
<p class="note">The scenario document recorded in run.json (after any --set edits).</p>
${scenarios.join('\n')}
</section>
<footer><p class="note">Made by ersim ${ERSIM_VERSION} (<code>ersim report</code>) from ${sources.map((s) => `<code>${escapeXml(s)}</code>`).join(' and ')}.</p></footer>
</body>
</html>
`;
}
