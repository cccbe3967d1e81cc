/**
 * Azure metric series -> OpenMetrics 1.0 text (the format `promtool tsdb create-blocks-from
 * openmetrics` backfills): per family `# TYPE` gauge, `# UNIT` and `# HELP`, then each series'
 * samples in time order with a timestamp in seconds since the epoch (simulated time 0 is
 * `startMs`), and `# EOF`. A family's name is the Azure Monitor name followed by its unit, as
 * OpenMetrics requires of a family with a unit.
 */
import type { AzureMetrics, MetricFamily } from './azure-metric-series';

export function familyName(f: MetricFamily): string {
  return f.unit === '' ? f.azure : `${f.azure}_${f.unit}`;
}

export function openMetricsText(m: AzureMetrics, startMs: number): string {
  const lines: string[] = [];
  const families = [...new Set(m.series.map((s) => s.family))];
  for (const family of families) {
    const name = familyName(family);
    lines.push(`# TYPE ${name} gauge`);
    if (family.unit !== '') lines.push(`# UNIT ${name} ${family.unit}`);
    lines.push(`# HELP ${name} ${escapeHelp(family.help)}`);
    for (const series of m.series.filter((s) => s.family === family)) {
      const labels = series.labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',');
      series.values.forEach((value, i) => lines.push(`${name}{${labels}} ${formatValue(value)} ${timestamp(startMs, m.startsNs[i]!)}`));
    }
  }
  lines.push('# EOF');
  return lines.join('\n') + '\n';
}

/** Seconds since the epoch with up to 9 decimals, exact: `startMs` plus whole ns of simulated time. */
function timestamp(startMs: number, ns: number): string {
  const total = BigInt(startMs) * 1_000_000n + BigInt(ns);
  const frac = (total % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return `${total / 1_000_000_000n}${frac === '' ? '' : `.${frac}`}`;
}

/** A sample value, never in exponent notation (a series is a finite, non-negative rate or percentage). */
function formatValue(v: number): string {
  const rounded = Math.round(v * 1e6) / 1e6;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(6).replace(/0+$/, '');
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
