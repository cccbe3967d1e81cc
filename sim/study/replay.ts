/**
 * Replay: re-run the scenario document and seed a result folder's run.json recorded, into a
 * temporary folder, and check that every CSV comes out byte for byte the same. This is the
 * promise of DESIGN.md (same scenario + seed + version -> same bytes) made checkable. The
 * hashes in run.json are checked as well: a mismatch there says the folder was edited after
 * the run, which tells a tampered result apart from a simulator that stopped being
 * deterministic (both make the replay differ).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RESULT_FILES, runScenario } from '../run/run-scenario';
import { parseScenarioText } from '../scenario/load-scenario';
import { printable, ScenarioError, type ScenarioIssue } from '../scenario/scenario-error';
import type { Scenario } from '../scenario/types';
import { ERSIM_VERSION } from '../version';
import { firstDifference, readRunRecord, recordedScenarioName, sha256File, type LineDifference, type RunRecord } from './result-folder-reader';

export interface ReplayPlan {
  record: RunRecord;
  scenario: Scenario;
  /** Set when run.json was written by another ersim version: differences may come from the version, not the run. */
  otherVersion: { recorded: string; replaying: string } | undefined;
}

export type FileStatus = 'identical' | 'differs' | 'missing';

export interface FileCheck {
  file: string;
  /** The file in the result folder. */
  recorded: string;
  status: FileStatus;
  /** For `differs`: the first line that is not the same. */
  difference?: LineDifference;
}

export interface HashCheck {
  file: string;
  recorded: string;
  /** `unrecorded`: run.json has no hash for this file; `missing`: run.json has one but the file is gone. */
  status: 'ok' | 'mismatch' | 'missing' | 'unrecorded';
}

export interface ReplayReport {
  files: FileCheck[];
  hashes: HashCheck[];
  /** Events the replay executed (run.json records the original's). */
  events: number;
  /** Every file identical and every recorded hash matching. */
  identical: boolean;
}

/** The scenario copied into run.json no longer passes the checks (edited by hand, or a newer ersim is stricter). */
export class RecordedScenarioError extends ScenarioError {
  constructor(runJson: string, recordedVersion: string, issues: ScenarioIssue[]) {
    super(issues);
    const by = recordedVersion === ERSIM_VERSION ? '' : ` (it was recorded with ersim ${printable(recordedVersion)})`;
    this.message = `the scenario recorded in ${runJson} cannot be run by ersim ${ERSIM_VERSION}${by}:\n${this.message}`;
  }
}

/** Read run.json and check its scenario like a scenario file; throws a ScenarioError naming the file. */
export function planReplay(dir: string): ReplayPlan {
  const record = readRunRecord(dir);
  // The same parse and checks as a scenario file, so a document this version cannot run is
  // reported field by field. Errors name the original file when run.json says which it was.
  const name = recordedScenarioName(record);
  let scenario: Scenario;
  try {
    scenario = parseScenarioText(JSON.stringify(record.scenario), name);
  } catch (err) {
    if (err instanceof ScenarioError) throw new RecordedScenarioError(record.file, record.ersim, err.issues);
    throw err;
  }
  const otherVersion = record.ersim === ERSIM_VERSION ? undefined : { recorded: record.ersim, replaying: ERSIM_VERSION };
  return { record, scenario, otherVersion };
}

/** Run the plan into a temporary folder (removed afterwards, whatever happens) and compare. */
export async function replay(plan: ReplayPlan, tmpRoot: string = os.tmpdir()): Promise<ReplayReport> {
  const tmp = fs.mkdtempSync(path.join(tmpRoot, 'ersim-replay-'));
  try {
    const out = path.join(tmp, 'result');
    const run = await runScenario(plan.scenario, { outDir: out, seed: plan.record.seed });
    const files = RESULT_FILES.map((f) => compareFile(f, path.join(plan.record.dir, f), path.join(out, f)));
    const hashes = checkHashes(plan.record);
    const identical = files.every((f) => f.status === 'identical') && hashes.every((h) => h.status === 'ok' || h.status === 'unrecorded');
    return { files, hashes, events: run.events, identical };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function compareFile(file: string, recorded: string, replayed: string): FileCheck {
  if (!fs.existsSync(recorded)) return { file, recorded, status: 'missing' };
  const difference = firstDifference(recorded, replayed);
  return difference === undefined ? { file, recorded, status: 'identical' } : { file, recorded, status: 'differs', difference };
}

/** Every CSV of a result folder against run.json, plus any other file run.json lists. */
export function checkHashes(record: RunRecord): HashCheck[] {
  const names = [...new Set([...RESULT_FILES, ...Object.keys(record.files)])];
  return names.map((file) => {
    const recorded = path.join(record.dir, file);
    const want = record.files[file];
    if (want === undefined) return { file, recorded, status: 'unrecorded' };
    const got = sha256File(recorded);
    return { file, recorded, status: got === undefined ? 'missing' : got === want ? 'ok' : 'mismatch' };
  });
}
