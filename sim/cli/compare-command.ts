/**
 * `ersim compare A B [--tolerance P] [--metrics m1,m2] [--format table|csv|markdown]`: two result
 * folders (or two sweeps) value by value; exit 1 when a value moves beyond the tolerance or a
 * flow is in one side only, 0 otherwise.
 */
import { compareSides, defaultMetrics, knownMetrics, NOISY_METRICS, readSides, type ComparedValue, type Comparison } from '../study/compare';
import { parseFlags } from './parse-flags';
import { csvLine, renderTable } from './table';
import { UsageError } from './usage-error';

const FORMATS = ['table', 'csv', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

export function compareCommand(args: string[]): number {
  const { values, positionals } = parseFlags(args, {
    tolerance: { type: 'string', default: '0' },
    metrics: { type: 'string' },
    format: { type: 'string', default: 'table' },
  });
  if (positionals.length !== 2) throw new UsageError(`expected two result folders (or two sweep files) A and B, found ${positionals.length} arguments`);
  const tolerance = parseTolerance(values.tolerance);
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format: expected one of ${FORMATS.join(', ')}, found "${format}"`);
  const [a, b] = readSides(positionals[0]!, positionals[1]!);
  const known = knownMetrics(a, b);
  const metrics = values.metrics === undefined ? defaultMetrics(a, b, known) : parseMetrics(values.metrics, known);
  const c = compareSides(a, b, metrics, tolerance);
  const noisy = NOISY_METRICS.filter((m) => known.includes(m));
  const note = values.metrics === undefined && noisy.length > 0 ? `\n(the default metrics; ${noisy.join(', ')} move across seeds: compare them with --metrics and a tolerance)` : '';

  if (format === 'csv') {
    console.log(csv(c));
    // stdout stays a clean CSV for tools; the verdict is for the person.
    console.error(verdict(c, tolerance) + note);
  } else if (format === 'markdown') {
    console.log(`A: \`${a.file}\`, B: \`${b.file}\`\n\n${markdown(c)}\n\n${verdict(c, tolerance)}${note}`);
  } else {
    console.log(`A: ${a.file}\nB: ${b.file}\n${table(c)}\n${verdict(c, tolerance)}${note}`);
  }
  return c.differs ? 1 : 0;
}

/** `5%`, `5` and `0.5%` are percentages; the default 0 flags any change at all. */
function parseTolerance(text: string): number {
  const m = /^(\d+(?:\.\d+)?|\.\d+)%?$/.exec(text);
  if (m === null) throw new UsageError(`--tolerance: expected a percentage such as 5% or 0.5 (a number, percent), found "${text}"`);
  return Number(m[1]);
}

function parseMetrics(text: string, known: readonly string[]): string[] {
  const metrics = text.split(',').map((m) => m.trim()).filter((m) => m !== '');
  if (metrics.length === 0) throw new UsageError(`--metrics: expected metric names separated by commas; known: ${known.join(', ')}`);
  const unknown = metrics.filter((m) => !known.includes(m));
  if (unknown.length > 0) {
    throw new UsageError(`--metrics: unknown metric${unknown.length > 1 ? 's' : ''} ${unknown.map((m) => `"${m}"`).join(', ')}; known: ${known.join(', ')}`);
  }
  return [...new Set(metrics)];
}

function check(v: ComparedValue): string {
  if (v.only !== undefined) return `only in ${v.only}`;
  if (v.notANumber) return 'not a number';
  return v.beyond ? 'beyond' : 'ok';
}

/** The columns shared by every format; sweeps lead with the config. */
function cells(c: Comparison, v: ComparedValue): string[] {
  const row = [v.flow, v.metric, v.a, v.b, v.delta, v.deltaPct];
  return c.kind === 'sweep' ? [v.config ?? '', ...row] : row;
}

function headers(c: Comparison, names: string[]): string[] {
  return c.kind === 'sweep' ? ['config', ...names] : names;
}

function table(c: Comparison): string {
  return renderTable(
    headers(c, ['flow', 'metric', 'A', 'B', 'delta', 'delta %', 'check']),
    c.values.map((v) => [...cells(c, v), check(v)]),
  );
}

function csv(c: Comparison): string {
  const lines = [headers(c, ['flow', 'metric', 'a', 'b', 'delta', 'delta_pct', 'beyond_tolerance']), ...c.values.map((v) => [...cells(c, v), String(v.beyond)])];
  return lines.map(csvLine).join('\n');
}

function markdown(c: Comparison): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const head = headers(c, ['flow', 'metric', 'A', 'B', 'delta', 'delta %', 'check']);
  const align = head.map((h) => (['A', 'B', 'delta', 'delta %'].includes(h) ? '---:' : '---'));
  const rows = c.values.map((v) => [...cells(c, v), v.beyond ? `**${check(v)}**` : check(v)]);
  return [head, align, ...rows].map((r) => `| ${r.map(escape).join(' | ')} |`).join('\n');
}

/** The last line: how many values moved, and which rows are in one side only. */
function verdict(c: Comparison, tolerance: number): string {
  const what = c.kind === 'sweep' ? 'config/flow' : 'flow';
  const parts = [`${c.beyond} of ${c.values.length} values moved beyond the tolerance of ${tolerance}%`];
  const notANumber = c.values.filter((v) => v.notANumber).length;
  if (notANumber > 0) parts.push(`${notANumber} not a number (NaN, Infinity or text), each counted as moved`);
  if (c.onlyInA.length > 0) parts.push(`${what} only in A: ${c.onlyInA.join(', ')}`);
  if (c.onlyInB.length > 0) parts.push(`${what} only in B: ${c.onlyInB.join(', ')}`);
  return `${c.differs ? 'different' : 'same within tolerance'}: ${parts.join('; ')}`;
}
