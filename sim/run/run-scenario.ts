/**
 * runScenario: simulate one scenario and write its result folder (summary, timeseries,
 * events, links, run.json). The kernel runs in slices (at most a timeseries interval or
 * one ScenarioSimulation.runSlice) and yields to the I/O between slices, so rows reach the disk as they
 * are made, memory stays flat, and an interruption is noticed within a fraction of a second.
 * A run that is interrupted or exceeds its limits keeps its partial output, marked partial
 * in run.json, in the temporary folder, and never replaces the previous result.
 */
import { CsvFile } from '../metrics/csv-file';
import { EVENT_HEADERS, EventLog } from '../metrics/event-log';
import { LINKS_HEADERS, linkRows, SUMMARY_HEADERS, SummaryRecord, summaryRecord, TIMESERIES_HEADERS, writeTimeseries } from '../metrics/result-files';
import { ResultFolder } from '../metrics/result-folder';
import type { Scenario } from '../scenario/types';
import { ERSIM_VERSION } from '../version';
import { ScenarioSimulation } from './scenario-simulation';

export const RESULT_FILES = ['summary.csv', 'timeseries.csv', 'events.csv', 'links.csv'] as const;

export interface RunOptions {
  /** Result folder to write (replaced when the run completes, if ersim made it). */
  outDir: string;
  /** Replace `outDir` even when it is a folder ersim did not make. */
  force?: boolean;
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Stop early, keeping partial output (SIGINT, SIGTERM). */
  signal?: AbortSignal;
  /** Stop after this many kernel events. */
  maxEvents?: number;
  /** Stop after `ms` of wall-clock time read from `clockMs` (the caller's clock: the simulation reads none, to stay reproducible from its seed). */
  maxWall?: { ms: number; clockMs: () => number };
  /** Called between slices of the run (about every 50 ms of work) with the simulated time reached and the events run so far. */
  onProgress?: (simNs: number, events: number) => void;
  /**
   * Called when every file of a complete run is written, with the temporary folder that holds
   * them, before it is renamed into place: what it adds there (a report) is committed with the
   * rest, atomically. Not called for a partial run.
   */
  beforeCommit?: (dir: string) => Promise<void>;
}

export interface RunResult {
  scenario: Scenario;
  seed: number;
  outDir: string;
  events: number;
  /** summary.csv rows, keyed by column. */
  flows: SummaryRecord[];
  /** Why the run stopped before its duration, if it did; its output is then in `partialDir`. */
  stopped: string | undefined;
  partialDir: string | undefined;
}

export async function runScenario(s: Scenario, opts: RunOptions): Promise<RunResult> {
  const seed = opts.seed ?? s.seed;
  const log = new EventLog();
  const run = new ScenarioSimulation(s, seed, log);
  const folder = new ResultFolder(opts.outDir, { kind: 'run', force: opts.force ?? false });
  try {
    const timeseries = new CsvFile(folder.file('timeseries.csv'), TIMESERIES_HEADERS);
    const events = new CsvFile(folder.file('events.csv'), EVENT_HEADERS);
    log.file = events;
    run.start();
    const wallStarted = opts.maxWall?.clockMs() ?? 0;
    /** Run up to `until` in slices; why it stopped early, if it did. */
    const runUntil = async (until: number): Promise<string | undefined> => {
      for (;;) {
        const done = run.runSlice(until);
        opts.onProgress?.(done ? until + 1 : run.sim.now, run.sim.executed);
        if (done) return undefined;
        await Promise.all([timeseries.drained(), events.drained(), new Promise((r) => setImmediate(r))]);
        const reason = stopReason(opts, run.sim.executed, wallStarted);
        if (reason !== undefined) return reason;
      }
    };
    let stopped: string | undefined;
    let endNs = s.durationNs;
    for (let t = 0; t < s.durationNs; ) {
      const end = Math.min(t + s.intervalNs, s.durationNs);
      // The interval is [t, end): an event at exactly `end` belongs to the next one.
      stopped = await runUntil(end - 1);
      if (stopped !== undefined) endNs = Math.max(run.sim.now, t + 1);
      writeTimeseries(timeseries, run.flows, t, Math.min(end, endNs));
      await Promise.all([timeseries.drained(), events.drained()]);
      if (stopped === undefined && end < s.durationNs) {
        stopped = stopReason(opts, run.sim.executed, wallStarted);
        if (stopped !== undefined) endNs = end;
      }
      if (stopped !== undefined) break;
      t = end;
    }
    for (const f of run.flows) f.stats.finish(endNs);

    const rows = run.summaryRows(endNs);
    const summary = new CsvFile(folder.file('summary.csv'), SUMMARY_HEADERS);
    rows.forEach((r) => summary.write(r));
    const links = new CsvFile(folder.file('links.csv'), LINKS_HEADERS);
    linkRows(run.net, run.linkCounters, endNs).forEach((r) => links.write(r));
    await Promise.all([timeseries.close(), events.close(), summary.close(), links.close()]);

    const runJson = {
      ersim: ERSIM_VERSION,
      scenario_file: s.file,
      seed,
      duration_s: s.durationNs / 1e9,
      events_executed: run.sim.executed,
      ...(stopped !== undefined ? { partial: true, stopped, simulated_s: endNs / 1e9 } : {}),
      scenario: s.source,
      // Every value the run used, defaults applied, in base units (ns, bit/s, bytes, metres, fractions).
      resolved: { ...s, source: undefined },
      files: Object.fromEntries(RESULT_FILES.map((f) => [f, folder.hash(f)])),
    };
    folder.write('run.json', JSON.stringify(runJson, null, 2) + '\n');
    if (stopped === undefined) {
      await opts.beforeCommit?.(folder.tmp);
      folder.commit();
    }
    return {
      scenario: s,
      seed,
      outDir: opts.outDir,
      stopped,
      partialDir: stopped === undefined ? undefined : folder.tmp,
      events: run.sim.executed,
      flows: rows.map(summaryRecord),
    };
  } catch (err) {
    folder.discard();
    throw err;
  }
}

function stopReason(opts: RunOptions, events: number, wallStarted: number): string | undefined {
  if (opts.signal?.aborted) return `interrupted (${String(opts.signal.reason ?? 'signal')})`;
  if (opts.maxEvents !== undefined && events >= opts.maxEvents) return `--max-events ${opts.maxEvents} reached`;
  const wall = opts.maxWall;
  if (wall !== undefined && wall.clockMs() - wallStarted >= wall.ms) return `--max-wall ${wall.ms / 1000}s reached`;
  return undefined;
}
