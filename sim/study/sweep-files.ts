/**
 * The files of a sweep. A whole sweep (one process, or shards merged) writes into its folder:
 *   sweep.csv   the statistics, one row per configuration x flow x metric
 *   runs.csv    every raw value: run,config,seed,flow,metric,value
 *   sweep.json  what was swept (scenario, its hash, varies, seeds, ersim version)
 * A shard writes runs.csv and sweep.json into `shard-I-of-N/` below that folder.
 *
 * A shard's folder is replaced whole (ResultFolder). The sweep's own folder is not: shards live
 * in it (merge reads them from it), so it is made once with ersim's marker (and written into
 * only when it has it, or with --force), its three files are written into a hidden temporary
 * folder inside it and each renamed into place only when all are complete (and only onto a
 * regular file); a failed sweep leaves the previous files untouched.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseString, writeToString } from 'fast-csv';
import { defuseFormula, restoreFormula } from '../metrics/csv-file';
import { checkFileTarget, ensureFolder } from '../metrics/output-target';
import { ResultFolder } from '../metrics/result-folder';
import type { Shard } from './shard';
import { aggregateSweep, sweepHeaders, type RunValues } from './sweep-aggregate';
import { sweepConfigs, type SweepSpec, type Vary } from './sweep-plan';

export const RUNS_HEADERS = ['run', 'config', 'seed', 'flow', 'metric', 'value'] as const;

/** sweep.json. Shards of one sweep have the same sweep.json apart from `shard`. */
export interface SweepInfo {
  ersim: string;
  scenario_file: string;
  scenario_name: string;
  /** `sha256:` and the hex SHA-256 of the scenario file's bytes: shards must have run the same text. */
  scenario_sha256: string;
  varies: Vary[];
  seeds: number[];
  configurations: number;
  runs: number;
  /** null for a whole sweep; for a shard, which one and what it wrote (merge checks runs.csv against these). */
  shard: ShardMade | null;
}

export interface ShardMade extends Shard {
  /** Runs the shard made. */
  runs: number;
  /** Lines of its runs.csv below the header. */
  rows: number;
  /** `sha256:` and the hex SHA-256 of its runs.csv bytes. */
  runs_sha256: string;
}

export function sha256(bytes: string | Buffer): string {
  return 'sha256:' + crypto.createHash('sha256').update(bytes).digest('hex');
}

export function specOf(info: SweepInfo): SweepSpec {
  return { varies: info.varies, seeds: info.seeds };
}

const CSV_OPTIONS = { rowDelimiter: '\n', includeEndRowDelimiter: true, alwaysWriteHeaders: true };

export function csvText(headers: readonly string[], rows: string[][]): Promise<string> {
  return writeToString(rows.map((r) => r.map(defuseFormula)), { ...CSV_OPTIONS, headers: [...headers] });
}

/** Every row of a CSV text, the header first, each cell as it was before `csvText` defused it. */
export function parseCsv(text: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString<string[], string[]>(text, { headers: false })
      .on('data', (row: string[]) => rows.push(row.map(restoreFormula)))
      .on('end', () => resolve(rows))
      .on('error', reject);
  });
}

/** runs.csv rows, in the order of `runs` (global run order). */
export function runsRows(spec: SweepSpec, runs: readonly RunValues[]): string[][] {
  const configs = sweepConfigs(spec.varies);
  const seeds = spec.seeds.length;
  return runs.flatMap((r) => {
    const config = configs[Math.floor(r.run / seeds)]!;
    const seed = String(spec.seeds[r.run % seeds]!);
    return r.values.map((v) => [String(r.run), config.label, seed, v.flow, v.metric, v.value]);
  });
}

/** The scenario name a shard folder's sweep.json gives, which names the sweep's folder; undefined when it has none a folder may be named after. */
export function shardScenarioName(dir: string): string | undefined {
  try {
    const info = JSON.parse(fs.readFileSync(path.join(dir, 'sweep.json'), 'utf8')) as Partial<SweepInfo>;
    const name = info.scenario_name;
    return typeof name === 'string' && /^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

const json = (info: SweepInfo) => JSON.stringify(info, null, 2) + '\n';

/** A whole sweep's three files, into `dir` (created if need be; with `force`, also a folder ersim did not make). */
export async function writeSweepFolder(dir: string, info: SweepInfo, runs: readonly RunValues[], force = false): Promise<void> {
  const spec = specOf(info);
  const files: [string, string][] = [
    ['runs.csv', await csvText(RUNS_HEADERS, runsRows(spec, runs))],
    ['sweep.json', json(info)],
    // Last: a reader who sees the new sweep.csv also finds its runs.csv and sweep.json.
    ['sweep.csv', await csvText(sweepHeaders(spec), aggregateSweep(spec, runs))],
  ];
  ensureFolder(dir, 'sweep', force);
  for (const [name] of files) checkFileTarget(path.join(dir, name), true, () => true);
  const tmp = fs.mkdtempSync(path.join(dir, '.sweep.partial-'));
  try {
    for (const [name, text] of files) fs.writeFileSync(path.join(tmp, name), text, { flag: 'wx' });
    for (const [name] of files) fs.renameSync(path.join(tmp, name), path.join(dir, name));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * A shard's runs.csv and sweep.json (which records runs.csv's row count and hash), replacing the
 * folder `dir` whole, inside the sweep's folder (made if need be).
 */
export async function writeShardFolder(dir: string, info: SweepInfo, shard: Shard, runs: readonly RunValues[], force = false): Promise<SweepInfo> {
  const rows = runsRows(specOf(info), runs);
  const text = await csvText(RUNS_HEADERS, rows);
  const made: SweepInfo = { ...info, shard: { ...shard, runs: runs.length, rows: rows.length, runs_sha256: sha256(text) } };
  ensureFolder(path.dirname(dir), 'sweep', force);
  const folder = new ResultFolder(dir, { kind: 'shard', force });
  try {
    folder.write('runs.csv', text);
    folder.write('sweep.json', json(made));
    folder.commit();
  } catch (err) {
    folder.discard();
    throw err;
  }
  return made;
}
