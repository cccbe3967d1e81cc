/** Rates for review messages: bit/s in the largest unit that keeps a number of at least 1, to three significant digits. */
export function formatRate(bps: number): string {
  const units: [number, string][] = [
    [1e9, 'Gbps'],
    [1e6, 'Mbps'],
    [1e3, 'kbps'],
  ];
  const [scale, unit] = units.find(([scale]) => bps >= scale) ?? [1, 'bps'];
  return `${Number((bps / scale).toPrecision(3))}${unit}`;
}
