/**
 * Whether two result folders are worth overlaying: runs of one scenario (the same name, as
 * `--set` variants and other seeds keep it) or at least sharing a flow. Anything else is two
 * unrelated scenarios, whose overlaid charts compare nothing.
 */
import * as path from 'node:path';
import { readCsvTable, readRunRecord } from '../study/result-folder-reader';

/** A sentence saying why A and B look unrelated, or undefined when they share a scenario name or a flow. */
export function unrelatedRuns(dirA: string, dirB: string): string | undefined {
  const name = (dir: string) => {
    const n = readRunRecord(dir).scenario.name;
    return typeof n === 'string' ? n : '';
  };
  const flows = (dir: string) => new Set(readCsvTable(path.join(dir, 'summary.csv')).rows.map((r) => r[0]!));
  const [nameA, nameB] = [name(dirA), name(dirB)];
  if (nameA === nameB) return undefined;
  const inB = flows(dirB);
  if ([...flows(dirA)].some((f) => inB.has(f))) return undefined;
  return `A (${dirA}) is a run of scenario "${nameA}" and B (${dirB}) of "${nameB}", with no flow in common: their charts are overlaid, but compare nothing`;
}
