/**
 * `ersim export`: a result folder's time series as OpenMetrics text under Azure Monitor's names,
 * or each of its CSV files as Parquet beside it. Files are written atomically; an export replaces
 * only an earlier export (an OpenMetrics file that starts as ersim writes it, a Parquet file
 * beside its CSV), anything else only with `force`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../metrics/atomic-file';
import { readCsvTable, readRunRecord } from '../study/result-folder-reader';
import { azureMetrics, FAMILIES } from './azure-metric-series';
import { familyName, openMetricsText } from './openmetrics-text';
import { parquetOf } from './parquet-export';

export const OPENMETRICS_FILE = 'openmetrics.txt';
const OPENMETRICS_START = `# TYPE ${familyName(FAMILIES.bitsIn)} gauge`;
const PARQUET_MAGIC = 'PAR1';

/** Write the OpenMetrics file (default DIR/openmetrics.txt); returns its path. */
export function exportOpenMetrics(dir: string, startMs: number, out: string | undefined, force: boolean): string {
  const text = openMetricsText(azureMetrics(dir), startMs);
  const dest = out ?? path.join(dir, OPENMETRICS_FILE);
  writeFileAtomic(dest, text, { force, isOurs: (t) => t.startsWith(OPENMETRICS_START) });
  return dest;
}

/** Simulated seconds of the run in `dir` (for a default start that ends the series now). */
export function simulatedSeconds(dir: string): number {
  const r = readRunRecord(dir);
  return r.simulatedS ?? r.durationS ?? 0;
}

/** Write DIR/<name>.parquet for every DIR/<name>.csv; returns the files written. */
export async function exportParquet(dir: string, force: boolean): Promise<string[]> {
  readRunRecord(dir);
  const csvs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort();
  // Convert every file before writing any, so that a CSV that cannot be read leaves nothing half done.
  const outputs: [string, Uint8Array][] = [];
  for (const csv of csvs) outputs.push([path.join(dir, csv.replace(/\.csv$/, '.parquet')), await parquetOf(readCsvTable(path.join(dir, csv)))]);
  for (const [dest, data] of outputs) writeFileAtomic(dest, data, { force, isOurs: (t) => t.startsWith(PARQUET_MAGIC) });
  return outputs.map(([dest]) => dest);
}
