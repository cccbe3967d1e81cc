/**
 * One run of a sweep, as a piscina worker task (and, with one worker, called in-process): the
 * scenario text with the configuration's `--set` edits, simulated with the run's seed.
 * The scenario is parsed afresh for every run rather than cached, so no run can see state that
 * an earlier run on the same thread left behind: results must not depend on which worker ran what.
 */
import { simulateSummary } from '../run/simulate-summary';
import { parseScenarioText } from '../scenario/load-scenario';
import { runValuesOf, type RunValue } from './sweep-aggregate';

export interface SweepTask {
  /** The scenario file's text, read once by the main thread, so every run sees the same bytes. */
  text: string;
  file: string;
  sets: string[];
  seed: number;
}

export async function runSweepTask(task: SweepTask): Promise<RunValue[]> {
  const scenario = parseScenarioText(task.text, task.file, task.sets);
  return runValuesOf(await simulateSummary(scenario, task.seed));
}
