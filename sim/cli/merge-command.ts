/**
 * `ersim merge SHARD_DIR... --out DIR`: join the shards of one sweep (`ersim sweep --shard`,
 * or a Slurm or Kubernetes array) into the sweep.csv, runs.csv and sweep.json a single
 * process would have written, byte for byte, in DIR/<name>-sweep as `sweep --out DIR` writes.
 */
import * as path from 'node:path';
import { mergeShards } from '../study/merge-shards';
import { shardScenarioName } from '../study/sweep-files';
import { SweepError } from '../study/sweep-plan';
import { outParent } from './out-flag';
import { parseFlags } from './parse-flags';
import { plural } from './sweep-command';
import { UsageError } from './usage-error';

export async function mergeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { out: { type: 'string' } });
  if (positionals.length === 0) throw new UsageError('expected the shard folders to merge (DIR/shard-*-of-N)');
  if (values.out === undefined) throw new UsageError('--out DIR is required: the folder that holds the sweep folder (<name>-sweep), as for sweep');
  const out = outParent(values.out);
  const name = shardScenarioName(positionals[0]!);
  if (name === undefined) {
    console.error(`ersim merge: ${positionals[0]!}: expected a shard folder written by ersim sweep --shard, with a sweep.json naming its scenario`);
    return 2;
  }
  const outDir = path.join(out, `${name}-sweep`);
  try {
    const { info, shards } = await mergeShards(positionals, outDir);
    console.log(`merged ${shards} shards of sweep ${info.scenario_name}: ${plural(info.configurations, 'configuration')} x ${plural(info.seeds.length, 'seed')} = ${plural(info.runs, 'run')} -> ${path.join(outDir, 'sweep.csv')}`);
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
