/**
 * Shards: splitting one sweep over several processes or machines (a Slurm array job, a
 * Kubernetes Indexed Job, or by hand). Shard I of N (1-based) runs the runs whose global index
 * k satisfies k mod N = I - 1, so every shard gets a similar mix of configurations and seeds,
 * and the shards together run each run exactly once.
 *
 * Where I and N come from, first match wins:
 *   1. `--shard I/N`. `--shard 1/1` is the whole sweep, whatever the environment says.
 *   2. Slurm: SLURM_ARRAY_TASK_ID. I = SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN + 1 and
 *      N = SLURM_ARRAY_TASK_MAX - SLURM_ARRAY_TASK_MIN + 1, so `--array=1-3` and `--array=0-2`
 *      both make shards 1..3. The array must be a contiguous range (step 1, COUNT = N when set).
 *   3. Kubernetes Indexed Job: JOB_COMPLETION_INDEX (0-based) is I - 1; N, which Kubernetes
 *      does not pass, comes from `--shards N` or the environment variable ERSIM_SHARDS
 *      (set it to the Job's `completions`).
 *   Otherwise the sweep is not sharded.
 */
import { SweepError } from './sweep-plan';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && index >= 1 && index <= count && count <= 1e6)) {
    throw new SweepError(`--shard: expected I/N with 1 <= I <= N, such as 2/3, found "${text}"`);
  }
  return { index, count };
}

/** The shard the environment asks for (rules 2 and 3 above), or undefined. */
export function shardFromEnvironment(env: NodeJS.ProcessEnv, shardsFlag: string | undefined): Shard | undefined {
  const slurmId = env.SLURM_ARRAY_TASK_ID;
  if (slurmId !== undefined && slurmId !== '') {
    const id = envInt(env, 'SLURM_ARRAY_TASK_ID');
    const min = envInt(env, 'SLURM_ARRAY_TASK_MIN');
    const max = envInt(env, 'SLURM_ARRAY_TASK_MAX');
    const count = max - min + 1;
    if (env.SLURM_ARRAY_TASK_STEP !== undefined && envInt(env, 'SLURM_ARRAY_TASK_STEP') !== 1) {
      throw new SweepError('SLURM_ARRAY_TASK_STEP: a sweep needs a contiguous array such as --array=1-8 (step 1)');
    }
    if (env.SLURM_ARRAY_TASK_COUNT !== undefined && envInt(env, 'SLURM_ARRAY_TASK_COUNT') !== count) {
      throw new SweepError(`SLURM_ARRAY_TASK_COUNT: ${env.SLURM_ARRAY_TASK_COUNT} tasks in an array ${min}-${max}: a sweep needs a contiguous array such as --array=1-8`);
    }
    const shard = { index: id - min + 1, count };
    if (shardsFlag !== undefined && parseCount(shardsFlag, '--shards') !== count) {
      throw new SweepError(`--shards ${shardsFlag} disagrees with the Slurm array (${count} tasks, ${min}-${max})`);
    }
    return checked(shard, 'SLURM_ARRAY_TASK_ID');
  }
  const k8s = env.JOB_COMPLETION_INDEX;
  if (k8s !== undefined && k8s !== '') {
    const given = shardsFlag ?? env.ERSIM_SHARDS;
    if (given === undefined) {
      throw new SweepError('JOB_COMPLETION_INDEX is set but not the number of shards: give --shards N or ERSIM_SHARDS=N (the Job\'s completions)');
    }
    const count = parseCount(given, shardsFlag !== undefined ? '--shards' : 'ERSIM_SHARDS');
    return checked({ index: envInt(env, 'JOB_COMPLETION_INDEX') + 1, count }, 'JOB_COMPLETION_INDEX');
  }
  if (shardsFlag !== undefined) throw new SweepError('--shards: only with JOB_COMPLETION_INDEX (a Kubernetes Indexed Job); otherwise use --shard I/N');
  return undefined;
}

export function inShard(runIndex: number, shard: Shard): boolean {
  return runIndex % shard.count === shard.index - 1;
}

/** The folder a shard writes below the sweep's output folder. */
export function shardFolderName(shard: Shard): string {
  return `shard-${shard.index}-of-${shard.count}`;
}

function envInt(env: NodeJS.ProcessEnv, name: string): number {
  const text = env[name];
  if (text === undefined || !/^\d+$/.test(text)) throw new SweepError(`${name}: expected a non-negative integer, found ${text === undefined ? 'nothing (not set)' : `"${text}"`}`);
  return Number(text);
}

function parseCount(text: string, what: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new SweepError(`${what}: expected a number of shards (an integer of at least 1), found "${text}"`);
  return Number(text);
}

function checked(shard: Shard, from: string): Shard {
  if (shard.index < 1 || shard.index > shard.count) throw new SweepError(`${from}: shard ${shard.index} of ${shard.count} is out of range`);
  return shard;
}
