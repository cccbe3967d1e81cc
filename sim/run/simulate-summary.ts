/**
 * simulateSummary: one scenario and seed simulated to the end, returning only its summary.csv
 * rows. The same simulation as runScenario (same construction, same run to duration - 1 ns, same
 * row function), without timeseries, events or any file: a parameter study runs hundreds of
 * these and keeps only the summaries.
 */
import { EventLog } from '../metrics/event-log';
import { SUMMARY_HEADERS, summaryRow } from '../metrics/result-files';
import type { Scenario } from '../scenario/types';
import { ScenarioSimulation } from './scenario-simulation';

export type SummaryRecord = Record<(typeof SUMMARY_HEADERS)[number], string>;

export function simulateSummary(s: Scenario, seed: number): SummaryRecord[] {
  const run = new ScenarioSimulation(s, seed, new EventLog());
  run.start();
  // runScenario runs interval by interval to stream its timeseries; the summary does not depend
  // on those pauses, so one run to the same last instant gives the same rows.
  run.sim.run({ until: s.durationNs - 1 });
  for (const f of run.flows) f.stats.finish(s.durationNs);
  return run.flows.map((f) => {
    const row = summaryRow({ stats: f.stats, tcp: f.tcp, src: f.config.from, dst: f.config.to, kind: f.config.kind }, s.durationNs);
    return Object.fromEntries(SUMMARY_HEADERS.map((h, i) => [h, row[i]!])) as SummaryRecord;
  });
}
