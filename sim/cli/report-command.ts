/**
 * `ersim report DIR [DIR2] [--out FILE]`: an HTML page of charts of a result folder, or of two
 * overlaid for a comparison (A = DIR, B = DIR2). Default output: DIR/report.html.
 */
import * as path from 'node:path';
import { unrelatedRuns } from '../report/related-runs';
import { writeReport } from '../report/report-page';
import { parseFlags } from './parse-flags';
import { UsageError } from './usage-error';

export async function reportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { out: { type: 'string' } });
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError(`expected one result folder, or two to compare, found ${positionals.length} arguments`);
  const out = values.out ?? path.join(positionals[0]!, 'report.html');
  const unrelated = positionals.length === 2 ? unrelatedRuns(positionals[0]!, positionals[1]!) : undefined;
  if (unrelated !== undefined) console.error(`ersim report: warning: ${unrelated}`);
  await writeReport(positionals, out);
  console.log(`wrote ${out}`);
  return 0;
}
