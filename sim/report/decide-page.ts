/**
 * The HTML page of `ersim decide` (decide.html in its output folder): the comparison table, the
 * longest outage of each design in each failure case as a chart, and every row of decide.csv.
 * Self-contained like the run report (inline CSS and SVG, no script), and the same result gives
 * the same bytes.
 */
import * as fs from 'node:fs';
import { comparisonTable } from '../decide/comparison';
import type { DecideResult } from '../decide/decide';
import { DECIDE_HEADERS, decideCells } from '../decide/decide-csv';
import { FAILURE_CASES } from '../decide/design-scenarios';
import type { Finding } from '../review/finding';
import { ERSIM_VERSION } from '../version';
import { escapeXml, renderChart } from './vega-render';

const CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 0; padding: 16px 24px 48px; color: #222; font-size: 14px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; }
.note { color: #555; font-size: 12px; margin: 2px 0; }
table { border-collapse: collapse; font-size: 12px; } th, td { border: 1px solid #ddd; padding: 2px 6px; white-space: nowrap; }
.table-wrap { overflow-x: auto; } th { background: #f4f4f4; } td.fail { background: #fbe3e1; } td.pass { background: #e5f4e3; }
`;

function table(headers: readonly string[], rows: string[][]): string {
  const cell = (c: string) => `<td${c === 'pass' || c === 'fail' ? ` class="${c}"` : ''}>${escapeXml(c)}</td>`;
  return `<div class="table-wrap"><table><thead><tr>${headers.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table></div>`;
}

function reviewTable(findings: readonly Finding[]): string {
  if (findings.length === 0) return '<p class="note">No findings.</p>';
  return table(['severity', 'rule', 'subject', 'message', 'consequence', 'source'], findings.map((f) => [f.severity, f.rule, f.subject, f.message, f.reason, f.source]));
}

/** Lines that say what the figures are: the study, the seeds, where the prices come from, which models were left out and why. */
export function decideNotes(result: DecideResult): string[] {
  const d = result.study.doc;
  const notes = [
    `Study ${d.name} (${result.study.file}): ${result.designs.length} designs x ${result.rows.length / result.designs.length} cases, seeds ${result.seeds.join(', ')} (the same seeds for every design: common random numbers).`,
  ];
  if (d.costs !== undefined) notes.push(`Costs per month in ${d.costs.currency ?? 'USD'}: ${d.costs.label}.`);
  for (const m of result.study.models) if (!m.applies) notes.push(`${m.model} left out: ${m.why}.`);
  return notes;
}

export async function writeDecidePage(file: string, result: DecideResult): Promise<void> {
  fs.writeFileSync(file, await decidePage(result));
}

export async function decidePage(result: DecideResult): Promise<string> {
  const outages = result.rows
    .filter((r) => r.failureCase !== 'normal' && r.figures.outageMaxMs !== undefined)
    .map((r) => ({ design: r.design.name, failureCase: r.failureCase, outageS: r.figures.outageMaxMs! / 1e3 }));
  const comparison = comparisonTable(result);
  const designs = result.designs.map((d) => d.name);
  const cases = FAILURE_CASES.filter((c) => c !== 'normal');
  const chart = await renderChart('decide-outages', 'decide-outage', 'Longest outage per design and failure case', {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Longest outage per failure case', subtitle: 'longest gap in deliveries of any outage flow, worst seed' },
    data: { values: outages },
    mark: 'bar',
    width: 520,
    height: 220,
    encoding: {
      x: { field: 'failureCase', type: 'nominal', title: 'failure case', sort: cases, axis: { labelAngle: 0 } },
      xOffset: { field: 'design', type: 'nominal', sort: designs },
      y: { field: 'outageS', type: 'quantitative', title: 'longest outage (s)' },
      color: { field: 'design', type: 'nominal', title: 'design', sort: designs },
    },
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="generator" content="ersim ${ERSIM_VERSION}">
<title>ersim decide: ${escapeXml(result.study.doc.name)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>ersim decide: ${escapeXml(result.study.doc.name)}</h1>
${decideNotes(result).map((n) => `<p class="note">${escapeXml(n)}</p>`).join('\n')}
<section id="comparison">
<h2>Comparison</h2>
${table(comparison.headers, comparison.rows)}
</section>
<section id="outages">
<h2>Outage per failure case</h2>
${chart.svg}
</section>
<section id="review">
<h2>Design review</h2>
<p class="note">The rules of <code>ersim review</code> on each design under normal operation.</p>
${result.designs.map((d) => `<h3>${escapeXml(d.name)}</h3>\n${reviewTable(result.reviews.get(d)!)}`).join('\n')}
</section>
<section id="rows">
<h2>Every design and failure case (decide.csv)</h2>
${table(DECIDE_HEADERS, result.rows.map((r) => decideCells(r, result.reviews.get(r.design)!)))}
</section>
<footer><p class="note">Made by ersim ${ERSIM_VERSION} (<code>ersim decide</code>).</p></footer>
</body>
</html>
`;
}
