/**
 * `ersim export DIR --format openmetrics|parquet [--start ISO-TIME] [--out FILE] [--force]`:
 * a result folder for the tools operators already use. openmetrics: the time series under
 * Azure Monitor's metric names, timestamped from --start (default: so that the series ends
 * now), in DIR/openmetrics.txt or --out FILE. parquet: DIR/<name>.parquet beside each CSV.
 */
import { exportOpenMetrics, exportParquet, simulatedSeconds } from '../estate/export-result';
import { parseFlags } from './parse-flags';
import { UsageError } from './usage-error';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    format: { type: 'string' },
    start: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean', default: false },
  });
  if (positionals.length !== 1) throw new UsageError(`expected one result folder, found ${positionals.length} arguments`);
  const dir = positionals[0]!;
  if (values.format === 'parquet') {
    if (values.out !== undefined) throw new UsageError('--out: parquet files are written beside the CSV files they hold; --out is for --format openmetrics');
    if (values.start !== undefined) throw new UsageError('--start: parquet files keep time_s as simulated seconds; --start is for --format openmetrics');
    for (const file of await exportParquet(dir, values.force)) console.log(`wrote ${file}`);
    return 0;
  }
  if (values.format !== 'openmetrics') throw new UsageError(`--format: expected openmetrics or parquet, found ${values.format === undefined ? 'nothing' : JSON.stringify(values.format)}`);
  if (values.out === '') throw new UsageError('--out: expected a file name, found an empty string');
  let startMs: number;
  if (values.start === undefined) {
    // The wall clock, read here in cli/: the series ends at the current second.
    startMs = Math.floor(Date.now() / 1000) * 1000 - Math.round(simulatedSeconds(dir) * 1000);
  } else {
    startMs = ISO_TIME.test(values.start) ? Date.parse(values.start) : NaN;
    if (!Number.isFinite(startMs) || startMs < 0) throw new UsageError(`--start: expected an ISO 8601 time with its zone, such as 2026-12-01T09:00:00Z, found ${JSON.stringify(values.start)}`);
  }
  console.log(`wrote ${exportOpenMetrics(dir, startMs, values.out, values.force)}`);
  return 0;
}
