/** `ersim replay DIR`: re-run a result folder's scenario and seed; exit 0 when every CSV is byte-identical, 1 when not. */
import { planReplay, replay, type FileCheck, type ReplayReport } from '../study/replay';
import { printable } from '../scenario/scenario-error';
import { parseFlags } from './parse-flags';
import { UsageError } from './usage-error';

export async function replayCommand(args: string[]): Promise<number> {
  const { positionals } = parseFlags(args, {});
  if (positionals.length !== 1) throw new UsageError(`expected one result folder, found ${positionals.length} arguments`);
  const dir = positionals[0]!;
  const plan = planReplay(dir);
  const r = plan.record;
  // run.json may have been edited by anyone: what it says is printed escaped.
  console.log(`replaying ${printable(dir)}: scenario ${plan.scenario.name}${r.scenarioFile !== undefined ? ` (${printable(r.scenarioFile)})` : ''}, seed ${printable(r.seed)}`);
  // Said before the run, on stderr, so a version difference is not mistaken for a broken result.
  if (plan.otherVersion !== undefined) {
    console.error(`ersim replay: ${printable(dir)} was recorded with ersim ${printable(plan.otherVersion.recorded)}, replaying with ${plan.otherVersion.replaying}: differences may come from the version`);
  }
  const report = await replay(plan);
  printReport(dir, report);
  return report.identical ? 0 : 1;
}

function printReport(dir: string, report: ReplayReport): void {
  const width = Math.max(...report.files.map((f) => f.file.length));
  for (const f of report.files) console.log(fileLine(f, width));
  for (const h of report.hashes) {
    if (h.status === 'mismatch') console.log(`${h.recorded} does not match the hash recorded in run.json`);
    if (h.status === 'unrecorded') console.log(`${h.recorded}: run.json records no hash for it`);
  }
  const differing = report.files.filter((f) => f.status !== 'identical').length;
  const badHashes = report.hashes.filter((h) => h.status === 'mismatch').length;
  if (report.identical) {
    console.log(`identical: all ${report.files.length} files of ${dir} are reproduced byte for byte`);
    return;
  }
  const parts = [`${differing} of ${report.files.length} files differ`];
  if (badHashes > 0) parts.push(`${badHashes} ${badHashes === 1 ? 'file does' : 'files do'} not match run.json's hashes`);
  console.log(`not identical: ${parts.join('; ')}`);
}

function fileLine(f: FileCheck, width: number): string {
  const name = f.file.padEnd(width);
  if (f.status === 'identical') return `${name}  identical`;
  if (f.status === 'missing') return `${name}  differs: ${f.recorded} is missing`;
  const d = f.difference!;
  const show = (row: string | undefined) => (row === undefined ? '(end of file)' : row === '' ? '(empty line)' : row);
  const lines = [`${name}  differs from line ${d.line}`, `    expected (recorded): ${show(d.expected)}`, `    found (replayed):    ${show(d.found)}`];
  // Same text on both sides means the bytes that differ are line ends (\r\n) or a missing final newline.
  if (d.expected === d.found) lines.push('    (the text is the same: the line ends differ)');
  return lines.join('\n');
}
