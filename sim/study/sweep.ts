/**
 * A parameter study end to end: read the scenario once, check every configuration, run this
 * process's share of the runs, and write the sweep's folder (or the shard's). Nothing here
 * prints: progress goes to a callback and problems are thrown (ScenarioError, SweepError).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EventLog } from '../metrics/event-log';
import { checkFolderTarget } from '../metrics/output-target';
import { ScenarioSimulation } from '../run/scenario-simulation';
import { loadScenarioFile, parseScenarioText } from '../scenario/load-scenario';
import { ScenarioError, type ScenarioIssue } from '../scenario/scenario-error';
import { ERSIM_VERSION } from '../version';
import { inShard, shardFolderName, type Shard } from './shard';
import type { RunValues } from './sweep-aggregate';
import { sha256, writeShardFolder, writeSweepFolder, type SweepInfo } from './sweep-files';
import { sweepConfigs, sweepRuns, type SweepConfig, type SweepSpec } from './sweep-plan';
import { openSweepPool } from './sweep-runner';

export interface SweepOptions {
  file: string;
  spec: SweepSpec;
  workers: number;
  /** Undefined, or 1 of 1, for the whole sweep. */
  shard?: Shard | undefined;
  /** The folder that holds the sweep's folder `<scenario name>-sweep`; default `results`. */
  outDir?: string | undefined;
  /** Write into a sweep folder ersim did not make. */
  force?: boolean;
  /** Called once the configurations are checked, before the first run. */
  onStart?: (runs: number, workers: number) => void;
  onProgress?: (done: number, total: number) => void;
}

export interface SweepOutcome {
  info: SweepInfo;
  /** What was written: the sweep's folder, or the shard's below it. */
  written: string;
  /** Runs this process made. */
  runs: number;
  workers: number;
}

export async function runSweep(opts: SweepOptions): Promise<SweepOutcome> {
  const { file, spec } = opts;
  const bytes = readScenarioBytes(file);
  const text = bytes.toString('utf8');
  const configs = sweepConfigs(spec.varies);
  const shard = opts.shard !== undefined && opts.shard.count > 1 ? opts.shard : undefined;
  const all = sweepRuns(spec);
  const mine = shard === undefined ? all : all.filter((r) => inShard(r.index, shard));
  const pool = openSweepPool(Math.min(opts.workers, mine.length));
  let values: RunValues[];
  let name: string;
  let dir: string;
  try {
    name = checkConfigurations(text, file, configs, spec.seeds[0]!);
    dir = path.join(opts.outDir ?? 'results', `${name}-sweep`);
    // Before the runs: the sweep's folder must be one ersim may write into.
    checkFolderTarget(dir, opts.force ?? false);
    opts.onStart?.(mine.length, pool.workers);
    values = await pool.run(text, file, mine, opts.onProgress);
  } finally {
    await pool.close();
  }
  const planned: SweepInfo = {
    ersim: ERSIM_VERSION,
    scenario_file: file,
    scenario_name: name,
    scenario_sha256: sha256(bytes),
    varies: spec.varies,
    seeds: spec.seeds,
    configurations: configs.length,
    runs: all.length,
    shard: null,
  };
  if (shard === undefined) {
    await writeSweepFolder(dir, planned, values, opts.force ?? false);
    return { info: planned, written: dir, runs: mine.length, workers: pool.workers };
  }
  const written = path.join(dir, shardFolderName(shard));
  const info = await writeShardFolder(written, planned, shard, values, opts.force ?? false);
  return { info, written, runs: mine.length, workers: pool.workers };
}

function readScenarioBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    // The loader turns an unreadable file into the usual "FILE: expected a readable scenario file" issue.
    loadScenarioFile(file);
    throw err;
  }
}

/**
 * Load every configuration and build its topology (the checks `ersim run` makes before it
 * simulates), all before the first run. Each issue names its configuration after the file:
 * `FILE [circuit.bandwidth=0Gbps]: circuit.bandwidth: expected ...`; an issue every
 * configuration has is the file's own and is reported once, without a label. Returns the
 * scenario name of the first configuration (the default folder's name).
 */
function checkConfigurations(text: string, file: string, configs: readonly SweepConfig[], seed: number): string {
  const found: { config: SweepConfig; issue: ScenarioIssue }[] = [];
  let name: string | undefined;
  for (const config of configs) {
    try {
      const s = parseScenarioText(text, file, config.sets);
      new ScenarioSimulation(s, seed, new EventLog());
      name ??= s.name;
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      found.push(...err.issues.map((issue) => ({ config, issue })));
    }
  }
  if (found.length === 0) return name!;
  const key = (i: ScenarioIssue) => `${i.path}\n${i.expected}\n${i.found}`;
  const configsWith = new Map<string, number>();
  for (const f of found) configsWith.set(key(f.issue), (configsWith.get(key(f.issue)) ?? 0) + 1);
  const reported = new Set<string>();
  const issues: ScenarioIssue[] = [];
  for (const { config, issue } of found) {
    if (configs.length > 1 && configsWith.get(key(issue)) === configs.length) {
      if (!reported.has(key(issue))) issues.push(issue);
      reported.add(key(issue));
    } else {
      issues.push({ ...issue, file: `${issue.file} [${config.label}]` });
    }
  }
  throw new ScenarioError(issues);
}
