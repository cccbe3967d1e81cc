/** Test helper (not a suite): scenario documents to load, and the issues a bad one must give. */
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import { parseScenarioText } from '../../sim/scenario/load-scenario';
import { ScenarioError, type ScenarioIssue } from '../../sim/scenario/scenario-error';
import type { Scenario } from '../../sim/scenario/types';

export type Doc = Record<string, unknown>;

export function minimal(): Doc {
  return {
    name: 'colo-london',
    model: 'cloud-exchange',
    duration: '60s',
    sites: [{ name: 'hq', distance: '20km' }],
    traffic: [{ name: 'voice', kind: 'cbr', from: 'hq', to: 'vnet', rate: '64kbps', size: '200B' }],
  };
}

export function load(doc: Doc, sets: string[] = []): Scenario {
  return parseScenarioText(stringify(doc), 'test.yaml', sets);
}

/** The issues of a load that must fail. */
export function issuesOf(run: () => unknown): ScenarioIssue[] {
  try {
    run();
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    for (const issue of err.issues) assert.ok(issue.expected.length > 0, `empty expected at ${issue.path}`);
    return err.issues;
  }
  assert.unreachable('expected a ScenarioError');
  return [];
}

/** The one issue of a load that must fail, which must be at `path`. */
export function issueAt(path: string, run: () => unknown): ScenarioIssue {
  const issues = issuesOf(run);
  assert.equal(issues.map((i) => i.path), [path], JSON.stringify(issues));
  return issues[0]!;
}

/** `doc` with `edit` applied to it. */
export function edited(edit: (doc: Doc & { circuit?: Doc; sites: Doc[]; traffic: Doc[] }) => void): Doc {
  const doc = minimal() as Doc & { sites: Doc[]; traffic: Doc[] };
  edit(doc);
  return doc;
}

/** minimal() whose one flow, from hq to vnet, is `flow` (name, from and to may be overridden). */
export function withFlow(flow: Doc): Doc {
  return { ...minimal(), traffic: [{ name: 'flow', from: 'hq', to: 'vnet', ...flow }] };
}
