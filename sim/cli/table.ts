/** Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned. */
import { defuseFormula } from '../metrics/csv-file';

export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_h, i) => rows.length > 0 && rows.every((r) => /^-?[\d.,]*%?$/.test(r[i] ?? '')));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** One CSV line: formulas defused; cells with a comma, quote or line break are quoted, quotes doubled. */
export function csvLine(cells: readonly string[]): string {
  return cells.map(defuseFormula).map((s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)).join(',');
}
