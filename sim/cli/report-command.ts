/**
 * `ersim report DIR [DIR2] [--out FILE] [--force]`: an HTML page of charts of a result folder,
 * or of two overlaid for a comparison (A = DIR, B = DIR2). Default output: DIR/report.html.
 * --out here names a file, the page: it replaces an earlier ersim page, any regular file with
 * --force, and never a device, FIFO, link or folder.
 */
import * as path from 'node:path';
import { unrelatedRuns } from '../report/related-runs';
import { writeReport } from '../report/report-page';
import { parseFlags } from './parse-flags';
import { UsageError } from './usage-error';

export async function reportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { out: { type: 'string' }, force: { type: 'boolean', default: false } });
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError(`expected one result folder, or two to compare, found ${positionals.length} arguments`);
  if (values.out === '') throw new UsageError('--out: expected a file name, found an empty string');
  const out = values.out ?? path.join(positionals[0]!, 'report.html');
  const unrelated = positionals.length === 2 ? unrelatedRuns(positionals[0]!, positionals[1]!) : undefined;
  if (unrelated !== undefined) console.error(`ersim report: warning: ${unrelated}`);
  await writeReport(positionals, out, {}, values.force);
  console.log(`wrote ${out}`);
  return 0;
}
