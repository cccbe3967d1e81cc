/**
 * Merging the shards of a sweep: check that the folders are the shards of one sweep (the same
 * sweep.json apart from `shard`: same scenario bytes, varies, seeds and ersim version), that all
 * N are there and none twice, and that every row of their runs.csv belongs where it says; then
 * aggregate exactly as a single process would, so the merged sweep.csv has the same bytes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inShard } from './shard';
import { NUMERIC_METRICS, type RunValues } from './sweep-aggregate';
import { parseCsv, RUNS_HEADERS, sha256, specOf, writeSweepFolder, type SweepInfo } from './sweep-files';
import { SweepError, sweepConfigs } from './sweep-plan';

interface ShardFolder {
  dir: string;
  info: SweepInfo;
  rows: string[][];
}

export interface MergeOutcome {
  info: SweepInfo;
  shards: number;
}

export async function mergeShards(dirs: readonly string[], outDir: string): Promise<MergeOutcome> {
  if (dirs.length === 0) throw new SweepError('expected the shard folders to merge');
  const shards: ShardFolder[] = [];
  for (const dir of dirs) shards.push(await readShard(dir));
  const first = shards[0]!;
  const count = first.info.shard!.count;
  const byIndex = new Map<number, ShardFolder>();
  for (const s of shards) {
    const differs = differingField(first.info, s.info);
    if (differs !== undefined) {
      throw new SweepError(`${s.dir} is not a shard of the same sweep as ${first.dir}: their sweep.json differ in ${differs}`);
    }
    const i = s.info.shard!.index;
    const other = byIndex.get(i);
    if (other !== undefined) throw new SweepError(`shard ${i}/${count} is given twice: ${other.dir} and ${s.dir}`);
    byIndex.set(i, s);
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new SweepError(`missing ${missing.map((i) => `shard ${i}/${count}`).join(', ')} (all ${count} shards are needed)`);

  const runs: RunValues[] = Array.from({ length: first.info.runs }, (_, run) => ({ run, values: [] }));
  for (const s of shards) collectRows(s, runs);
  const info: SweepInfo = { ...first.info, shard: null };
  await writeSweepFolder(outDir, info, runs);
  return { info, shards: count };
}

async function readShard(dir: string): Promise<ShardFolder> {
  const read = (name: string): string => {
    try {
      return fs.readFileSync(path.join(dir, name), 'utf8');
    } catch {
      throw new SweepError(`${dir}: expected a shard folder written by ersim sweep --shard, with ${name}, found no readable ${name}`);
    }
  };
  let info: SweepInfo;
  try {
    info = JSON.parse(read('sweep.json')) as SweepInfo;
  } catch (err) {
    if (err instanceof SweepError) throw err;
    throw new SweepError(`${dir}: sweep.json is not valid JSON (${(err as Error).message})`);
  }
  const wellFormed =
    typeof info === 'object' && info !== null && Array.isArray(info.varies) && Array.isArray(info.seeds) &&
    info.varies.every((v) => typeof v?.path === 'string' && Array.isArray(v.values) && v.values.every((x) => typeof x === 'string')) &&
    info.seeds.every((x) => Number.isInteger(x)) &&
    info.runs === sweepConfigs(info.varies).length * info.seeds.length;
  if (!wellFormed) throw new SweepError(`${dir}: sweep.json is not the description of a sweep written by ersim sweep`);
  if (info.shard === null || typeof info.shard !== 'object') throw new SweepError(`${dir}: a whole sweep, not a shard (its sweep.json has no shard)`);
  const { index, count, runs, rows: rowCount, runs_sha256 } = info.shard;
  if (![index, count, runs, rowCount].every(Number.isInteger) || index < 1 || index > count || typeof runs_sha256 !== 'string') {
    throw new SweepError(`${dir}: sweep.json has a malformed shard (expected index, count, runs, rows and runs_sha256, as ersim sweep --shard writes)`);
  }
  const text = read('runs.csv');
  const rows = await parseCsv(text);
  if (rows.length === 0 || rows[0]!.join(',') !== RUNS_HEADERS.join(',')) {
    throw new SweepError(`${dir}/runs.csv: expected the header ${RUNS_HEADERS.join(',')}`);
  }
  // A cut or edited runs.csv would still aggregate, with fewer samples: refuse it.
  const found = sha256(text);
  if (rows.length - 1 !== rowCount || found !== runs_sha256) {
    throw new SweepError(`${dir}/runs.csv: expected ${rowCount} rows with ${runs_sha256}, as its sweep.json records, found ${rows.length - 1} rows with ${found} (truncated or edited)`);
  }
  return { dir, info, rows: rows.slice(1) };
}

/** The first top-level field of sweep.json, other than `shard`, in which two shards differ (and shard.count). */
function differingField(a: SweepInfo, b: SweepInfo): string | undefined {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== 'shard');
  const field = keys.find((k) => JSON.stringify(a[k as keyof SweepInfo]) !== JSON.stringify(b[k as keyof SweepInfo]));
  if (field !== undefined) return field;
  return a.shard!.count !== b.shard!.count ? `shard.count (${a.shard!.count} and ${b.shard!.count})` : undefined;
}

/** Check each row of a shard's runs.csv against the plan and add its value to its run, in file order. */
function collectRows(s: ShardFolder, runs: RunValues[]): void {
  const spec = specOf(s.info);
  const configs = sweepConfigs(spec.varies);
  const seeds = spec.seeds.length;
  const shard = s.info.shard!;
  const metrics = new Set(NUMERIC_METRICS);
  const made = new Set<number>();
  s.rows.forEach((row, i) => {
    const where = `${s.dir}/runs.csv line ${i + 2}`;
    const [runText, label, seed, flow, metric, value] = row;
    const run = Number(runText);
    if (row.length !== RUNS_HEADERS.length || !/^\d+$/.test(runText ?? '') || run >= runs.length) throw new SweepError(`${where}: expected ${RUNS_HEADERS.join(',')} of a run of this sweep`);
    if (!inShard(run, shard)) throw new SweepError(`${where}: run ${run} does not belong to shard ${shard.index}/${shard.count}`);
    const config = configs[Math.floor(run / seeds)]!;
    if (label !== config.label || seed !== String(spec.seeds[run % seeds])) {
      throw new SweepError(`${where}: run ${run} is ${config.label} with seed ${spec.seeds[run % seeds]}, found ${label} with seed ${seed}`);
    }
    if (!metrics.has(metric!)) throw new SweepError(`${where}: expected a numeric summary.csv column, found "${metric}"`);
    if (value === '' || !Number.isFinite(Number(value))) throw new SweepError(`${where}: expected a number, found "${value}"`);
    runs[run]!.values.push({ flow: flow!, metric: metric!, value: value! });
    made.add(run);
  });
  const expected = runs.filter((r) => inShard(r.run, shard)).length;
  if (shard.runs !== expected || made.size !== expected) {
    throw new SweepError(`${s.dir}: shard ${shard.index}/${shard.count} of ${runs.length} runs should have made ${expected} runs, its sweep.json says ${shard.runs} and its runs.csv holds ${made.size}`);
  }
}
