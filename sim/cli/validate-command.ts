/** `ersim validate FILE|DIR...`: check scenario files and print every problem with its field path. */
import { EventLog } from '../metrics/event-log';
import { ScenarioSimulation } from '../run/scenario-simulation';
import { loadScenarioFile } from '../scenario/load-scenario';
import { ScenarioError, ScenarioIssue } from '../scenario/scenario-error';
import { parseFlags } from './parse-flags';
import { expandScenarioPaths } from './scenario-files';

export async function validateCommand(args: string[]): Promise<number> {
  const { positionals } = parseFlags(args, {});
  const issues: ScenarioIssue[] = [];
  for (const file of expandScenarioPaths(positionals)) {
    try {
      const s = loadScenarioFile(file);
      // Building the simulation runs every topology check (endpoints, reachability, failure targets) without running it.
      new ScenarioSimulation(s, s.seed, new EventLog());
      console.log(`ok  ${s.file}: ${s.name} (${s.model}, ${s.traffic.length} flows, ${s.failures.length} failures)`);
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      issues.push(...err.issues);
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return 0;
}
