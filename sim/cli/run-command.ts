/** `ersim run FILE|DIR... [--seed N] [--out DIR] [--set path=value]...`: simulate and write result folders. */
import * as path from 'node:path';
import { EventLog } from '../metrics/event-log';
import { runScenario } from '../run/run-scenario';
import { ScenarioSimulation } from '../run/scenario-simulation';
import { parseFlags } from './parse-flags';
import { expandScenarioPaths, loadScenarios } from './scenario-files';
import { printRunSummary } from './run-summary';
import { UsageError } from './usage-error';
import { ScenarioError } from '../scenario/scenario-error';

export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    seed: { type: 'string' },
    out: { type: 'string', default: 'results' },
    set: { type: 'string', multiple: true, default: [] },
  });
  const seed = values.seed === undefined ? undefined : parseSeed(values.seed);
  const scenarios = loadScenarios(expandScenarioPaths(positionals), values.set as string[]);
  // Every topology check of every scenario passes before the first run writes anything; all problems are reported together.
  const issues = scenarios.flatMap((s) => {
    try {
      new ScenarioSimulation(s, seed ?? s.seed, new EventLog());
      return [];
    } catch (err) {
      if (err instanceof ScenarioError) return err.issues;
      throw err;
    }
  });
  if (issues.length > 0) throw new ScenarioError(issues);
  const names = new Set<string>();
  for (const s of scenarios) {
    if (names.has(s.name)) throw new UsageError(`two scenarios are named "${s.name}"; they would write the same result folder`);
    names.add(s.name);
  }
  for (const s of scenarios) {
    const started = process.hrtime.bigint();
    const result = await runScenario(s, { outDir: path.join(values.out as string, s.name), ...(seed !== undefined ? { seed } : {}) });
    printRunSummary(result, Number(process.hrtime.bigint() - started) / 1e9);
  }
  return 0;
}

function parseSeed(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n > 0xffffffff) throw new UsageError(`--seed: expected an integer 0..4294967295, found "${text}"`);
  return n;
}
