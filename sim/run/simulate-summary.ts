/**
 * simulateSummary: one scenario and seed simulated to the end, returning only its summary.csv
 * rows. The same simulation as runScenario (same construction, same run to duration - 1 ns, same
 * rows), without timeseries, events or any file: a parameter study runs hundreds of these and
 * keeps only the summaries.
 */
import { EventLog } from '../metrics/event-log';
import { SummaryRecord, summaryRecord } from '../metrics/result-files';
import type { Scenario } from '../scenario/types';
import { ScenarioSimulation } from './scenario-simulation';

export async function simulateSummary(s: Scenario, seed: number): Promise<SummaryRecord[]> {
  const run = new ScenarioSimulation(s, seed, new EventLog());
  run.start();
  // runScenario pauses at every timeseries interval to stream its rows; the summary does not
  // depend on where the kernel pauses, so slices to the same last instant give the same rows.
  await run.runToEndInSlices();
  return run.summaryRows(s.durationNs).map(summaryRecord);
}
