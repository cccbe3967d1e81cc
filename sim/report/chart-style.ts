/** Colours and number formats the report's charts share, so a path or a run looks the same everywhere. */

/** The `path` values of timeseries.csv. */
export const PATHS = ['er-primary', 'er-secondary', 'vpn', 'none'] as const;
export const PATH_COLOURS = ['#4c78a8', '#54a24b', '#f58518', '#bab0ac'];

/** Runs of a comparison: A, then B. */
export const RUN_COLOURS: Record<string, string> = { '': '#1f4e79', A: '#1f77b4', B: '#8c564b' };

/** A rate in bit/s as people write it: "1 Gbps", "400 Gbps", "80 kbps". */
export function formatRate(bps: number): string {
  const units: [number, string][] = [
    [1e12, 'Tbps'],
    [1e9, 'Gbps'],
    [1e6, 'Mbps'],
    [1e3, 'kbps'],
  ];
  for (const [scale, unit] of units) {
    if (bps >= scale) return `${trim(bps / scale)} ${unit}`;
  }
  return `${trim(bps)} bps`;
}

function trim(x: number): string {
  return Number(x.toFixed(x >= 100 ? 0 : x >= 10 ? 1 : 2)).toString();
}
