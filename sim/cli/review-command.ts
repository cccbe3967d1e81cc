/**
 * `ersim review FILE|DIR... [--format table|csv] [--demonstrate [--out DIR]]`: the design
 * review of each scenario (sim/review), as a table of findings per file or as CSV; with
 * --demonstrate (one file), the runs that show each finding's consequence and their figures.
 * `ersim review --rules` lists the rules.
 * Exit code 1 when any finding is an error, 0 otherwise, 2 for bad input.
 */
import * as path from 'node:path';
import { type Demonstration, planDemonstration, runDemonstration } from '../review/demonstrations';
import type { Finding } from '../review/finding';
import { reviewScenario, RULES } from '../review/review-scenario';
import type { Scenario } from '../scenario/types';
import { outParent } from './out-flag';
import { parseFlags } from './parse-flags';
import { expandScenarioPaths, loadScenarios } from './scenario-files';
import { csvLine, renderTable } from './table';
import { UsageError } from './usage-error';

const FORMATS = ['table', 'csv'] as const;
const CSV_HEADERS = ['file', 'severity', 'rule', 'subject', 'message', 'reason', 'source'];

export async function reviewCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    format: { type: 'string', default: 'table' },
    demonstrate: { type: 'boolean', default: false },
    out: { type: 'string' },
    rules: { type: 'boolean', default: false },
  });
  if (values.rules) {
    if (positionals.length > 0) throw new UsageError('--rules: expected no scenario file');
    console.log(renderTable(['rule', 'what it flags'], RULES.map((r) => [r.id, r.what])));
    return 0;
  }
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format: expected one of ${FORMATS.join(', ')}, found "${format}"`);
  if (values.out !== undefined && !values.demonstrate) throw new UsageError('--out: only with --demonstrate');
  const scenarios = loadScenarios(expandScenarioPaths(positionals));
  if (values.demonstrate && scenarios.length !== 1) throw new UsageError(`--demonstrate: expected one scenario file, found ${scenarios.length}`);
  const reviews = scenarios.map((s) => ({ s, findings: reviewScenario(s) }));
  if (format === 'csv') {
    console.log([CSV_HEADERS, ...reviews.flatMap(({ s, findings }) => findings.map((f) => [s.file, f.severity, f.rule, f.subject, f.message, f.reason, f.source]))].map(csvLine).join('\n'));
  } else {
    for (const { s, findings } of reviews) console.log(findingsText(s, findings));
  }
  if (values.demonstrate) {
    const { s, findings } = reviews[0]!;
    const outDir = values.out === undefined ? path.join('results', 'review', s.name) : outParent(values.out);
    for (const f of findings) {
      const plan = planDemonstration(s, f);
      if (plan !== undefined) console.log(demonstrationText(await runDemonstration(plan, outDir)));
    }
  }
  return reviews.some(({ findings }) => findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** A file's findings: a count line, then the table (the message followed by its consequence). */
export function findingsText(s: Scenario, findings: readonly Finding[]): string {
  const count = (severity: Finding['severity'], word: string) => {
    const n = findings.filter((f) => f.severity === severity).length;
    return `${n} ${word}${n === 1 ? '' : 's'}`;
  };
  const head = `review ${s.file}: ${s.name}: ${count('error', 'error')}, ${count('warning', 'warning')}, ${count('info', 'note')}`;
  if (findings.length === 0) return head;
  return `${head}\n${findingsTable(findings)}\n`;
}

/** The findings as a table: the message followed by its consequence. */
export function findingsTable(findings: readonly Finding[]): string {
  const rows = findings.map((f) => [f.severity, f.rule, f.subject, `${f.message}; ${f.reason}`, f.source]);
  return renderTable(['severity', 'rule', 'subject', 'message', 'source'], rows);
}

function demonstrationText(d: Demonstration): string {
  const f = d.plan.finding;
  const rows = d.rows.map((r) => [r.variant, r.subject, r.figure, r.value]);
  return `demonstration of ${f.rule} (${f.subject}): ${d.plan.what} -> ${d.dir}\n${renderTable(['variant', 'flow or session', 'figure', 'value'], rows)}\n`;
}
