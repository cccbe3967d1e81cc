/**
 * `ersim validate FILE|DIR... [--set path=value]...`: check scenario files and print every problem with its field path;
 * after each valid file, its design review (sim/review), which never changes the exit code.
 */
import { EventLog } from '../metrics/event-log';
import { ScenarioSimulation } from '../run/scenario-simulation';
import { loadScenarioGroups } from '../scenario/load-scenario';
import { ScenarioError, ScenarioIssue } from '../scenario/scenario-error';
import { reviewScenario } from '../review/review-scenario';
import { parseFlags } from './parse-flags';
import { findingsText } from './review-command';
import { expandScenarioPaths } from './scenario-files';

export function validateCommand(args: string[]): number {
  const { positionals, values } = parseFlags(args, { set: { type: 'string', multiple: true, default: [] } });
  const issues: ScenarioIssue[] = [];
  for (const file of expandScenarioPaths(positionals)) {
    try {
      const { scenario: s, groups } = loadScenarioGroups(file, values.set);
      // Building the simulation runs every topology check (endpoints, reachability, failure targets) without running it.
      new ScenarioSimulation(s, s.seed, new EventLog());
      const sites = groups.length > 0 ? `${s.sites.length} sites, ` : '';
      console.log(`ok  ${s.file}: ${s.name} (${s.model}, ${sites}${s.traffic.length} flows, ${s.failures.length} failures)`);
      for (const g of groups) console.log(`    group ${g.group}: ${g.members} sites, ${g.flows} flows, ${g.failures} failures`);
      const findings = reviewScenario(s);
      if (findings.length > 0) console.log(findingsText(s, findings));
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      issues.push(...err.issues);
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return 0;
}
