/**
 * Compare: two result folders (their summary.csv) or two sweep files (sweep.csv, the mean of
 * each config, flow and metric) side by side, value by value, with absolute and relative
 * deltas and a tolerance. Values are kept as the files wrote them, so what is shown is what
 * is on disk; deltas are printed with as many decimals as the values have, never more.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixed } from '../metrics/format-number';
import { SUMMARY_HEADERS } from '../metrics/result-files';
import { ScenarioError } from '../scenario/scenario-error';
import { existsProblem, isDirectory, readCsvTable, type CsvTable } from './result-folder-reader';

/**
 * The metrics compared unless --metrics names others: those that stay put across seeds (measured
 * over seeds 1-5 of failover-circuit-bfd: throughput and p50/p99 latency within 0.4 % sd/mean,
 * while jitter_ms moved 109-200 %, outage_ms and loss_pct 1-10 %, jitter_max_ms 4-5 %), so a gate
 * on the defaults flags changes, not noise; and request timeouts, which loss does not show.
 * The noisy ones are compared by name.
 */
export const DEFAULT_METRICS = ['throughput_bps', 'latency_p50_ms', 'latency_p99_ms', 'requests_timed_out'] as const;
export const NOISY_METRICS = ['loss_pct', 'jitter_ms', 'jitter_max_ms', 'outage_ms'] as const;

/** Columns of summary.csv that describe a flow rather than measure it. */
const DESCRIPTIVE = new Set(['flow', 'src', 'dst', 'kind']);
const SWEEP_REQUIRED = ['config', 'flow', 'metric', 'mean'];

export type SideKind = 'summary' | 'sweep';

/** One side of a comparison: per row (a flow, or a config and flow), per metric, the value as written ('' when empty). */
export interface Side {
  kind: SideKind;
  file: string;
  rows: { config: string | undefined; flow: string; values: Map<string, string> }[];
  /** The metrics the file has, in file order. */
  metrics: string[];
}

export interface ComparedValue {
  /** Sweeps only. */
  config: string | undefined;
  flow: string;
  metric: string;
  a: string;
  b: string;
  /** b - a; empty when either side is empty. */
  delta: string;
  /** 100 x (b - a) / |a|; 0 when a = b, `inf` or `-inf` when a is 0 and b is not. */
  deltaPct: string;
  beyond: boolean;
  /** A side's cell is neither empty nor a finite number (`NaN`, `Infinity`, text): always a difference. */
  notANumber: boolean;
  /** Set when the row (flow, or config and flow) is in one side only. */
  only: 'A' | 'B' | undefined;
}

export interface Comparison {
  kind: SideKind;
  values: ComparedValue[];
  /** Values beyond the tolerance; every value of a row in one side only counts. */
  beyond: number;
  onlyInA: string[];
  onlyInB: string[];
  /** Anything beyond the tolerance, or a row in one side only: the check fails (exit 1). */
  differs: boolean;
}

/** A result folder, a sweep folder, a summary.csv or a sweep.csv; the header tells the two files apart. */
export function readSide(p: string): Side {
  let file = p;
  if (isDirectory(p)) {
    file = [path.join(p, 'summary.csv'), path.join(p, 'sweep.csv')].find((f) => fs.existsSync(f)) ?? '';
    if (file === '') fail(p, 'a result folder (with summary.csv) or a sweep folder (with sweep.csv)', 'a folder with neither');
  } else if (!fs.existsSync(p)) {
    fail(p, 'a result folder, a summary.csv or a sweep.csv', existsProblem(p));
  }
  const table = readCsvTable(file);
  if (SWEEP_REQUIRED.every((h) => table.headers.includes(h))) return sweepSide(table);
  if (table.headers[0] === 'flow') return summarySide(table);
  return fail(file, `a summary.csv header (flow,src,...) or a sweep.csv header (${SWEEP_REQUIRED.join(', ')}, ...)`, JSON.stringify(table.headers.slice(0, 4).join(',')));
}

/** Both sides, which must be of one kind: two result folders or two sweeps. */
export function readSides(pathA: string, pathB: string): [Side, Side] {
  const a = readSide(pathA);
  const b = readSide(pathB);
  if (a.kind !== b.kind) fail(b.file, `a ${a.kind === 'sweep' ? 'sweep file' : 'result folder'}, like A (${a.file})`, a.kind === 'sweep' ? 'a result folder' : 'a sweep file');
  return [a, b];
}

function summarySide(t: CsvTable): Side {
  const metrics = t.headers.filter((h) => !DESCRIPTIVE.has(h));
  const rows = t.rows.map((r) => ({ config: undefined, flow: r[0]!, values: new Map(t.headers.map((h, i) => [h, r[i]!])) }));
  return { kind: 'summary', file: t.file, rows, metrics };
}

/** sweep.csv has one line per config, flow and metric (`config,<varied fields...>,flow,metric,n,mean,...`); the mean is compared. */
function sweepSide(t: CsvTable): Side {
  const col = (h: string) => t.headers.indexOf(h);
  const [c, f, m, mean] = [col('config'), col('flow'), col('metric'), col('mean')];
  const rows: Side['rows'] = [];
  const byKey = new Map<string, Side['rows'][number]>();
  const metrics: string[] = [];
  t.rows.forEach((r, i) => {
    const key = JSON.stringify([r[c], r[f]]);
    let row = byKey.get(key);
    if (row === undefined) {
      row = { config: r[c]!, flow: r[f]!, values: new Map() };
      byKey.set(key, row);
      rows.push(row);
    }
    if (row.values.has(r[m]!)) fail(t.file, `one line per config, flow and metric (line ${i + 2} repeats config ${r[c]}, flow ${r[f]}, metric ${r[m]})`, 'a repeat');
    row.values.set(r[m]!, r[mean]!);
    if (!metrics.includes(r[m]!)) metrics.push(r[m]!);
  });
  return { kind: 'sweep', file: t.file, rows, metrics };
}

/**
 * Metrics that can be compared: every measuring column of either side. A cell that is not a
 * number does not hide its column; it is reported as a difference (see `delta`).
 */
export function knownMetrics(a: Side, b: Side): string[] {
  return [...new Set([...(a.kind === 'summary' ? SUMMARY_HEADERS.filter((h) => !DESCRIPTIVE.has(h)) : []), ...a.metrics, ...b.metrics])];
}

/**
 * The default metrics the sides hold a value of (request timeouts only with request flows); a
 * file with none of them (a sweep that recorded other metrics) is compared on all it has.
 */
export function defaultMetrics(a: Side, b: Side, known: readonly string[]): string[] {
  const valued = (m: string) => [a, b].some((s) => s.rows.some((r) => (r.values.get(m) ?? '') !== ''));
  const stable = DEFAULT_METRICS.filter((m) => known.includes(m) && valued(m));
  return stable.length > 0 ? stable : [...known];
}

export function compareSides(a: Side, b: Side, metrics: readonly string[], tolerancePct: number): Comparison {
  const keyOf = (r: Side['rows'][number]) => JSON.stringify([r.config ?? null, r.flow]);
  const inB = new Map(b.rows.map((r) => [keyOf(r), r]));
  const inA = new Set(a.rows.map(keyOf));
  const label = (r: Side['rows'][number]) => (r.config === undefined ? r.flow : `${r.config}/${r.flow}`);
  const values: ComparedValue[] = [];
  const onlyInA: string[] = [];
  const onlyInB: string[] = [];
  const add = (ra: Side['rows'][number] | undefined, rb: Side['rows'][number] | undefined) => {
    const row = (ra ?? rb)!;
    const only = ra === undefined ? 'B' : rb === undefined ? 'A' : undefined;
    for (const metric of metrics) {
      const va = ra?.values.get(metric) ?? '';
      const vb = rb?.values.get(metric) ?? '';
      const d = delta(va, vb, tolerancePct);
      // A flow in one side only is a difference whatever its values (even when all are empty).
      values.push({ config: row.config, flow: row.flow, metric, a: va, b: vb, ...d, beyond: d.beyond || only !== undefined, only });
    }
  };
  for (const ra of a.rows) {
    const rb = inB.get(keyOf(ra));
    if (rb === undefined) onlyInA.push(label(ra));
    add(ra, rb);
  }
  for (const rb of b.rows.filter((r) => !inA.has(keyOf(r)))) {
    onlyInB.push(label(rb));
    add(undefined, rb);
  }
  const beyond = values.filter((v) => v.beyond).length;
  return { kind: a.kind, values, beyond, onlyInA, onlyInB, differs: beyond > 0 || onlyInA.length > 0 || onlyInB.length > 0 };
}

function delta(a: string, b: string, tolerancePct: number): Pick<ComparedValue, 'delta' | 'deltaPct' | 'beyond' | 'notANumber'> {
  // A gate must not pass what it cannot read: NaN, Infinity or text differ from everything, themselves included.
  if (!isNumberOrEmpty(a) || !isNumberOrEmpty(b)) return { delta: '', deltaPct: '', beyond: true, notANumber: true };
  if (a === '' || b === '') return { delta: '', deltaPct: '', beyond: a !== b, notANumber: false };
  const x = Number(a);
  const y = Number(b);
  const d = y - x;
  const pct = x === y ? 0 : x === 0 ? Math.sign(d) * Infinity : (100 * d) / Math.abs(x);
  const deltaPct = Number.isFinite(pct) ? fixed(pct, 4) : pct > 0 ? 'inf' : '-inf';
  // A relative delta computed in binary can land a hair above an exact tolerance (5.000000000000001 for 5%).
  const beyond = Math.abs(pct) - tolerancePct > 1e-9 * Math.max(1, tolerancePct);
  return { delta: fixed(d, Math.max(decimals(a), decimals(b))), deltaPct, beyond, notANumber: false };
}

function decimals(s: string): number {
  if (/e/i.test(s)) return 12;
  return Math.min(s.split('.')[1]?.length ?? 0, 12);
}

function isNumberOrEmpty(s: string): boolean {
  return s === '' || (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) && Number.isFinite(Number(s)));
}

function fail(file: string, expected: string, found: string): never {
  throw new ScenarioError([{ file, path: '', expected, found }]);
}
