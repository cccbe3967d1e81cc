/**
 * A Connection Monitor export (the `NWConnectionMonitorTestResult` table of Log Analytics, as
 * CSV) -> what was measured between each on-premises site and Azure: round trip, jitter and
 * failed checks, all rows of one site together. A row belongs to a site when its `SourceName`
 * or `DestinationName` is the site's name (case ignored).
 */
import { describeFound, ScenarioError } from '../scenario/scenario-error';
import { readCsvTable } from '../study/result-folder-reader';

export const MONITOR_COLUMNS = ['SourceName', 'DestinationName', 'AvgRoundTripTimeMs', 'JitterMs', 'ChecksFailed', 'ChecksTotal'] as const;

export interface SiteMeasurement {
  site: string;
  rows: number;
  checksTotal: number;
  checksFailed: number;
  /** Mean round trip of the successful checks, weighted by their number per row. */
  rttMs: number;
  /** Mean of JitterMs, weighted the same way. */
  jitterMs: number;
}

export function readConnectionMonitor(file: string, sites: readonly string[]): { measured: SiteMeasurement[]; unmatched: string[] } {
  const table = readCsvTable(file);
  // Log Analytics writes a column's type or zone after its name at times ("TimeGenerated [UTC]").
  const index = (name: string) => table.headers.findIndex((h) => h.replace(/\s*\[.*\]$/, '').toLowerCase() === name.toLowerCase());
  const missing = MONITOR_COLUMNS.filter((c) => index(c) < 0);
  if (missing.length > 0) throw new ScenarioError([{ file, path: 'header', expected: `the columns ${MONITOR_COLUMNS.join(', ')} of NWConnectionMonitorTestResult`, found: `no ${missing.join(', ')}` }]);
  const [src, dst, rtt, jitter, failed, total] = MONITOR_COLUMNS.map(index) as [number, number, number, number, number, number];
  const sums = new Map<string, { rows: number; total: number; failed: number; rttW: number; jitterW: number }>();
  const unmatched = new Set<string>();
  const issues: { file: string; path: string; expected: string; found: string }[] = [];
  table.rows.forEach((row, i) => {
    const site = sites.find((s) => [row[src], row[dst]].some((n) => n?.toLowerCase() === s.toLowerCase()));
    if (site === undefined) {
      unmatched.add(`${row[src]} -> ${row[dst]}`);
      return;
    }
    const num = (col: number, name: string): number => {
      const v = Number(row[col]);
      if (row[col] === '' || !Number.isFinite(v) || v < 0) issues.push({ file, path: `line ${i + 2}.${name}`, expected: 'a number, 0 or more', found: describeFound(row[col]) });
      return v;
    };
    const [r, j, f, t] = [num(rtt, 'AvgRoundTripTimeMs'), num(jitter, 'JitterMs'), num(failed, 'ChecksFailed'), num(total, 'ChecksTotal')];
    if (f > t) issues.push({ file, path: `line ${i + 2}.ChecksFailed`, expected: 'at most ChecksTotal', found: describeFound(row[failed]) });
    const s = sums.get(site) ?? { rows: 0, total: 0, failed: 0, rttW: 0, jitterW: 0 };
    const ok = t - f;
    sums.set(site, { rows: s.rows + 1, total: s.total + t, failed: s.failed + f, rttW: s.rttW + r * ok, jitterW: s.jitterW + j * ok });
  });
  if (issues.length > 0) throw new ScenarioError(issues);
  const measured = [...sums].map(([site, s]) => {
    const ok = s.total - s.failed;
    return { site, rows: s.rows, checksTotal: s.total, checksFailed: s.failed, rttMs: ok > 0 ? s.rttW / ok : NaN, jitterMs: ok > 0 ? s.jitterW / ok : NaN };
  });
  return { measured, unmatched: [...unmatched] };
}
