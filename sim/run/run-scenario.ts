/**
 * runScenario: simulate one scenario and write its result folder (summary, timeseries,
 * events, links, run.json). The kernel runs one timeseries interval at a time and yields to
 * the I/O between intervals, so rows reach the disk as they are made and memory stays flat.
 */
import * as fs from 'node:fs';
import { CsvFile } from '../metrics/csv-file';
import { EVENT_HEADERS, EventLog } from '../metrics/event-log';
import { LINKS_HEADERS, linkRows, SUMMARY_HEADERS, summaryRow, TIMESERIES_HEADERS, writeTimeseries } from '../metrics/result-files';
import { ResultFolder } from '../metrics/result-folder';
import type { Scenario } from '../scenario/types';
import { ERSIM_VERSION } from '../version';
import { ScenarioSimulation } from './scenario-simulation';

export const RESULT_FILES = ['summary.csv', 'timeseries.csv', 'events.csv', 'links.csv'] as const;

export interface RunOptions {
  /** Result folder to write (replaced when the run completes). */
  outDir: string;
  /** Overrides the scenario's seed. */
  seed?: number;
}

export interface RunResult {
  scenario: Scenario;
  seed: number;
  outDir: string;
  events: number;
  /** summary.csv rows, keyed by column. */
  flows: Record<(typeof SUMMARY_HEADERS)[number], string>[];
}

export async function runScenario(s: Scenario, opts: RunOptions): Promise<RunResult> {
  const seed = opts.seed ?? s.seed;
  const log = new EventLog();
  const run = new ScenarioSimulation(s, seed, log);
  const folder = new ResultFolder(opts.outDir);
  try {
    const timeseries = new CsvFile(folder.file('timeseries.csv'), TIMESERIES_HEADERS);
    const events = new CsvFile(folder.file('events.csv'), EVENT_HEADERS);
    log.file = events;
    run.start();
    for (let t = 0; t < s.durationNs; ) {
      const end = Math.min(t + s.intervalNs, s.durationNs);
      // The interval is [t, end): an event at exactly `end` belongs to the next one.
      run.sim.run({ until: end - 1 });
      writeTimeseries(timeseries, run.flows, t, end);
      await Promise.all([timeseries.drained(), events.drained()]);
      t = end;
    }
    for (const f of run.flows) f.stats.finish(s.durationNs);

    const rows = run.flows.map((f) => summaryRow({ stats: f.stats, tcp: f.tcp, src: f.config.from, dst: f.config.to, kind: f.config.kind, startNs: f.config.startNs, stopNs: f.config.stopNs }, s.durationNs));
    const summary = new CsvFile(folder.file('summary.csv'), SUMMARY_HEADERS);
    rows.forEach((r) => summary.write(r));
    const links = new CsvFile(folder.file('links.csv'), LINKS_HEADERS);
    linkRows(run.net, s.durationNs).forEach((r) => links.write(r));
    await Promise.all([timeseries.close(), events.close(), summary.close(), links.close()]);

    const runJson = {
      ersim: ERSIM_VERSION,
      scenario_file: s.file,
      seed,
      duration_s: s.durationNs / 1e9,
      events_executed: run.sim.executed,
      scenario: s.source,
      // Every value the run used, defaults applied, in base units (ns, bit/s, bytes, metres, fractions).
      resolved: { ...s, source: undefined },
      files: Object.fromEntries(RESULT_FILES.map((f) => [f, folder.hash(f)])),
    };
    fs.writeFileSync(folder.file('run.json'), JSON.stringify(runJson, null, 2) + '\n');
    folder.commit();
    return {
      scenario: s,
      seed,
      outDir: opts.outDir,
      events: run.sim.executed,
      flows: rows.map((r) => Object.fromEntries(SUMMARY_HEADERS.map((h, i) => [h, r[i]!])) as RunResult['flows'][number]),
    };
  } catch (err) {
    folder.discard();
    throw err;
  }
}
