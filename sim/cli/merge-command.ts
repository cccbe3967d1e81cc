/**
 * `ersim merge SHARD_DIR... --out DIR`: join the shards of one sweep (`ersim sweep --shard`,
 * or a Slurm or Kubernetes array) into the sweep.csv, runs.csv and sweep.json a single
 * process would have written, byte for byte.
 */
import * as path from 'node:path';
import { mergeShards } from '../study/merge-shards';
import { SweepError } from '../study/sweep-plan';
import { parseFlags } from './parse-flags';
import { plural } from './sweep-command';
import { UsageError } from './usage-error';

export async function mergeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { out: { type: 'string' } });
  if (positionals.length === 0) throw new UsageError('expected the shard folders to merge (DIR/shard-*-of-N)');
  if (values.out === undefined) throw new UsageError('--out DIR is required: the folder that gets sweep.csv');
  try {
    const { info, shards } = await mergeShards(positionals, values.out);
    console.log(`merged ${shards} shards of sweep ${info.scenario_name}: ${plural(info.configurations, 'configuration')} x ${plural(info.seeds.length, 'seed')} = ${plural(info.runs, 'run')} -> ${path.join(values.out, 'sweep.csv')}`);
    return 0;
  } catch (err) {
    // Shards that do not fit together are bad input, not bad usage: the message alone, without the usage text.
    if (err instanceof SweepError) {
      console.error(`ersim merge: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
