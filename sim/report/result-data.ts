/**
 * Reading a result folder for the report: run.json (the scenario document as run, from which
 * the topology is rebuilt), summary.csv, timeseries.csv and events.csv, as typed rows. Every
 * problem (a missing file, a missing column, a scenario that no longer loads) is a
 * ScenarioError naming the file, which cli/ turns into exit code 2.
 */
import * as path from 'node:path';
import { parseScenarioText } from '../scenario/load-scenario';
import { ScenarioError } from '../scenario/scenario-error';
import type { FlowKind, Scenario } from '../scenario/types';
import { readCsvTable, readRunRecord, recordedScenarioName, type CsvTable, type RunRecord } from '../study/result-folder-reader';
import { buildTopology } from '../topology/build-topology';
import type { TopologyGraph } from '../topology/topology-graph';

/** One row of timeseries.csv: one flow over one interval [timeS, endS). */
export interface IntervalRow {
  timeS: number;
  endS: number;
  flow: string;
  throughputBps: number;
  /** TCP flows only: payload delivered in order. */
  goodputBps: number | null;
  /** Empty cells (nothing delivered in the interval) are null. */
  latencyMeanMs: number | null;
  latencyP99Ms: number | null;
  lossPct: number | null;
  path: string;
}

/** One row of events.csv. */
export interface EventRow {
  timeS: number;
  event: string;
  subject: string;
  detail: string;
}

export interface ReportFlow {
  name: string;
  kind: FlowKind;
  from: string;
  to: string;
}

export interface ReportRun {
  /** "A" or "B" when two runs are compared, "" for one. */
  label: string;
  dir: string;
  record: RunRecord;
  scenario: Scenario;
  /** The simulated span the files cover, s (shorter than the duration for a partial run). */
  endS: number;
  flows: ReportFlow[];
  summary: CsvTable;
  timeseries: IntervalRow[];
  events: EventRow[];
  topology: TopologyGraph;
}

const TIMESERIES_COLUMNS = ['time_s', 'flow', 'throughput_bps', 'latency_mean_ms', 'latency_p99_ms', 'loss_pct', 'path'] as const;
const EVENT_COLUMNS = ['time_s', 'event', 'subject', 'detail'] as const;

export function readReportRun(dir: string, label = ''): ReportRun {
  const record = readRunRecord(dir);
  let scenario: Scenario;
  try {
    scenario = parseScenarioText(JSON.stringify(record.scenario), recordedScenarioName(record));
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    err.message = `the scenario recorded in ${record.file} cannot be read by this ersim (it was recorded with ersim ${record.ersim}):\n${err.message}`;
    throw err;
  }
  const topology = buildTopology(scenario);
  const durationS = scenario.durationNs / 1e9;
  const endS = record.partial && record.simulatedS !== undefined ? Math.min(record.simulatedS, durationS) : durationS;
  const intervalS = scenario.intervalNs / 1e9;

  const ts = readCsvTable(path.join(dir, 'timeseries.csv'));
  const col = columns(ts, TIMESERIES_COLUMNS);
  const goodput = ts.headers.indexOf('goodput_bps');
  const timeseries: IntervalRow[] = ts.rows.map((r, i) => {
    const timeS = num(ts, i, r[col.time_s]!, 'time_s');
    return {
      timeS,
      endS: Math.min(timeS + intervalS, endS),
      flow: r[col.flow]!,
      throughputBps: num(ts, i, r[col.throughput_bps]!, 'throughput_bps'),
      goodputBps: goodput < 0 ? null : optionalNum(ts, i, r[goodput], 'goodput_bps'),
      latencyMeanMs: optionalNum(ts, i, r[col.latency_mean_ms], 'latency_mean_ms'),
      latencyP99Ms: optionalNum(ts, i, r[col.latency_p99_ms], 'latency_p99_ms'),
      lossPct: optionalNum(ts, i, r[col.loss_pct], 'loss_pct'),
      path: r[col.path]!,
    };
  });

  const ev = readCsvTable(path.join(dir, 'events.csv'));
  const ecol = columns(ev, EVENT_COLUMNS);
  const events = ev.rows.map((r, i) => ({ timeS: num(ev, i, r[ecol.time_s]!, 'time_s'), event: r[ecol.event]!, subject: r[ecol.subject]!, detail: r[ecol.detail]! }));

  const summary = readCsvTable(path.join(dir, 'summary.csv'));
  columns(summary, ['flow'] as const);
  const flows = scenario.traffic.map((f) => ({ name: f.name, kind: f.kind, from: f.from, to: f.to }));
  return { label, dir, record, scenario, endS, flows, summary, timeseries, events, topology };
}

function columns<const C extends readonly string[]>(t: CsvTable, names: C): Record<C[number], number> {
  const out = {} as Record<C[number], number>;
  for (const n of names) {
    const i = t.headers.indexOf(n);
    if (i < 0) throw new ScenarioError([{ file: t.file, path: 'line 1', expected: `a column named ${n} (the result files of ersim run)`, found: t.headers.join(',') }]);
    out[n as C[number]] = i;
  }
  return out;
}

function num(t: CsvTable, row: number, cell: string, column: string): number {
  const x = cell === '' ? NaN : Number(cell);
  if (!Number.isFinite(x)) throw new ScenarioError([{ file: t.file, path: `line ${row + 2}, ${column}`, expected: 'a number', found: JSON.stringify(cell) }]);
  return x;
}

function optionalNum(t: CsvTable, row: number, cell: string | undefined, column: string): number | null {
  return cell === undefined || cell === '' ? null : num(t, row, cell, column);
}
