/**
 * Scenario files named on the command line: files as given, folders expanded to the YAML and
 * JSON scenarios they hold (sorted, so runs are in a stable order), then all loaded and
 * validated before anything runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadScenarioFile } from '../scenario/load-scenario';
import { ScenarioError, ScenarioIssue } from '../scenario/scenario-error';
import type { Scenario } from '../scenario/types';
import { UsageError } from './usage-error';

const SCENARIO_FILE = /\.(ya?ml|json)$/;

export function expandScenarioPaths(args: string[]): string[] {
  if (args.length === 0) throw new UsageError('expected at least one scenario file or folder');
  return args.flatMap((arg) => {
    if (fs.existsSync(arg) && fs.statSync(arg).isDirectory()) {
      const files = fs
        .readdirSync(arg)
        .filter((f) => SCENARIO_FILE.test(f) && !f.endsWith('.schema.json'))
        .sort()
        .map((f) => path.join(arg, f));
      // Running nothing and exiting 0 would pass a CI step that checks nothing.
      if (files.length === 0) throw new UsageError(`no scenario files in ${arg} (files ending in .yaml, .yml or .json)`);
      return files;
    }
    return [arg];
  });
}

/** Load every file; report the issues of all of them together. */
export function loadScenarios(files: string[], sets: string[] = []): Scenario[] {
  const issues: ScenarioIssue[] = [];
  const scenarios: Scenario[] = [];
  for (const file of files) {
    try {
      scenarios.push(loadScenarioFile(file, sets));
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      issues.push(...err.issues);
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return scenarios;
}
