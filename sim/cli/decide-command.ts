/**
 * `ersim decide STUDY [--seeds A-B] [--workers N] [--out DIR] [--force]`: build the comparable
 * design of every connectivity model that applies to a study, run each under normal operation
 * and each failure case over the seeds, study each one's availability, write the output folder
 * DIR/<study name>-decide (DIR default results) and print the comparison table.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { comparisonTable } from '../decide/comparison';
import { runDecide } from '../decide/decide';
import { loadStudyFile } from '../decide/load-study';
import { decideNotes, writeDecidePage } from '../report/decide-page';
import { parseSeeds, SweepError } from '../study/sweep-plan';
import { OUT_FLAG, outParent } from './out-flag';
import { parseFlags } from './parse-flags';
import { exitOnSignal, runsProgress } from './progress-bar';
import { parseWorkers, plural } from './sweep-command';
import { findingsTable } from './review-command';
import { renderTable } from './table';
import { UsageError } from './usage-error';

/** Three seeds: enough to see whether a difference between models repeats, few enough for a study in minutes. */
const DEFAULT_SEEDS = '1-3';

export async function decideCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    seeds: { type: 'string', default: DEFAULT_SEEDS },
    workers: { type: 'string' },
    out: OUT_FLAG,
    force: { type: 'boolean', default: false },
  });
  if (positionals.length !== 1) throw new UsageError(`expected one study file, found ${positionals.length === 0 ? 'none' : positionals.join(' ')}`);
  let seeds: number[];
  let workers: number;
  try {
    seeds = parseSeeds(values.seeds);
    workers = values.workers === undefined ? os.availableParallelism() : parseWorkers(values.workers);
  } catch (err) {
    if (err instanceof SweepError) throw new UsageError(err.message);
    throw err;
  }
  const out = outParent(values.out);
  const study = loadStudyFile(positionals[0]!);
  const outDir = path.join(out, `${study.doc.name}-decide`);
  const started = process.hrtime.bigint();
  const progress = runsProgress('decide');
  const signals = exitOnSignal('decide', progress, `nothing was written to ${outDir}`);
  const result = await runDecide({ study, seeds, workers, outDir, force: values.force, writePage: writeDecidePage, onStart: progress.start, onProgress: progress.update }).finally(() => {
    progress.clear();
    signals.release();
  });
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`decide ${study.doc.name}: ${plural(result.designs.length, 'design')}, ${plural(result.runs, 'run')} on ${plural(result.workers, 'worker')} in ${wallS.toFixed(1)} s -> ${path.join(outDir, 'decide.csv')}`);
  const table = comparisonTable(result);
  console.log(renderTable(table.headers, table.rows));
  for (const note of decideNotes(result)) console.log(`note: ${note}`);
  for (const design of result.designs) {
    const flagged = result.reviews.get(design)!.filter((f) => f.severity !== 'info');
    if (flagged.length > 0) console.log(`review ${design.name}:\n${findingsTable(flagged)}`);
  }
  return 0;
}
