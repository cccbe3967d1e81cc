/**
 * `ersim sweep FILE --vary path=v1,v2,... [--vary ...] --seeds A-B|N,M,... [--workers N]
 * [--shard I/N | --shards N] [--out DIR] [--force]`: a parameter study with replications and
 * confidence intervals (sim/study/), written into DIR/<name>-sweep (DIR default results). This
 * file parses, shows progress and prints (the path, then a line per configuration); the study
 * itself prints nothing.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { parseShard, shardFromEnvironment, type Shard } from '../study/shard';
import { readCsvTable } from '../study/result-folder-reader';
import { runSweep } from '../study/sweep';
import { sweepSummary } from '../study/sweep-summary';
import { checkVaries, parseSeeds, parseVary, SweepError, type SweepSpec } from '../study/sweep-plan';
import { OUT_FLAG, outParent } from './out-flag';
import { parseFlags } from './parse-flags';
import { exitOnSignal, runsProgress } from './progress-bar';
import { renderTable } from './table';
import { UsageError } from './usage-error';

/** Default workers: one per CPU, at most 8 (beyond that a sweep is better split into shards). */
const MAX_DEFAULT_WORKERS = 8;

export async function sweepCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    vary: { type: 'string', multiple: true, default: [] },
    seeds: { type: 'string' },
    workers: { type: 'string' },
    shard: { type: 'string' },
    shards: { type: 'string' },
    out: OUT_FLAG,
    force: { type: 'boolean', default: false },
  });
  if (positionals.length !== 1) throw new UsageError(`expected one scenario file, found ${positionals.length}`);
  const out = outParent(values.out);
  if (values.seeds === undefined) throw new UsageError('--seeds is required, such as --seeds 1-30 or --seeds 1,2,3');
  let spec: SweepSpec;
  let shard: Shard | undefined;
  let workers: number;
  try {
    const varies = values.vary.map(parseVary);
    checkVaries(varies);
    spec = { varies, seeds: parseSeeds(values.seeds) };
    if (values.shard !== undefined && values.shards !== undefined) throw new SweepError('--shards goes with JOB_COMPLETION_INDEX, not with --shard I/N');
    shard = values.shard !== undefined ? parseShard(values.shard) : shardFromEnvironment(process.env, values.shards);
    workers = values.workers === undefined ? Math.min(os.availableParallelism(), MAX_DEFAULT_WORKERS) : parseWorkers(values.workers);
  } catch (err) {
    if (err instanceof SweepError) throw new UsageError(err.message);
    throw err;
  }

  const started = process.hrtime.bigint();
  const progress = runsProgress('sweep');
  const signals = exitOnSignal('sweep', progress, 'no sweep file was written (the previous ones, if any, are untouched)');
  const outcome = await runSweep({
    file: positionals[0]!,
    spec,
    workers,
    shard,
    outDir: out,
    force: values.force,
    onStart: progress.start,
    onProgress: progress.update,
  }).finally(() => {
    progress.clear();
    signals.release();
  });
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;

  const info = outcome.info;
  const what = info.shard === null
    ? `${plural(info.configurations, 'configuration')} x ${plural(info.seeds.length, 'seed')} = ${plural(info.runs, 'run')}`
    : `shard ${info.shard.index}/${info.shard.count}: ${outcome.runs} of ${info.runs} runs`;
  const target = info.shard === null ? path.join(outcome.written, 'sweep.csv') : outcome.written;
  console.log(`sweep ${info.scenario_name}, ${what} on ${plural(outcome.workers, 'worker')} in ${wallS.toFixed(2)} s -> ${target}`);
  if (info.shard === null) {
    const summary = sweepSummary(readCsvTable(target));
    console.log(`per configuration, means over the seeds (worst flow for p99, loss and outage; flows summed for Mbps and timeouts):\n${renderTable(summary.headers, summary.rows)}`);
  }
  return 0;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function parseWorkers(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 256) throw new SweepError(`--workers: expected an integer 1..256, found "${text}"`);
  return n;
}
