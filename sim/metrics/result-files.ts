/**
 * The result files of a run (DESIGN.md "Result folder"): the columns of summary.csv,
 * timeseries.csv, events.csv and links.csv, and the rows each gets. Required columns come
 * first, in the contract's order; extra columns follow.
 */
import type { Network } from '../net/network';
import type { CsvFile } from './csv-file';
import type { LinkCounters } from './link-counters';
import type { FlowStats } from './flow-stats';
import type { TcpStats } from './tcp-stats';
import { fixed, int, ms, pct, sec } from './format-number';

export const SUMMARY_HEADERS = [
  'flow', 'src', 'dst', 'kind', 'sent_packets', 'received_packets', 'lost_packets', 'loss_pct', 'sent_bytes', 'received_bytes',
  'throughput_bps', 'latency_mean_ms', 'latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms', 'latency_max_ms', 'jitter_ms',
  'outage_ms', 'er_share_pct', 'vpn_share_pct',
  // extras
  'in_flight_packets', 'latency_min_ms', 'path_changes', 'path_change_ms', 'lost_in_path_changes', 'jitter_max_ms',
  // tcp and request flows (empty for the others)
  'goodput_bps', 'retransmits', 'rto_timeouts', 'requests', 'requests_completed', 'requests_timed_out', 'completion_p50_ms', 'completion_p99_ms',
] as const;

/** A summary.csv row keyed by column. */
export type SummaryRecord = Record<(typeof SUMMARY_HEADERS)[number], string>;

export function summaryRecord(row: readonly string[]): SummaryRecord {
  return Object.fromEntries(SUMMARY_HEADERS.map((h, i) => [h, row[i]!])) as SummaryRecord;
}

export const TIMESERIES_HEADERS = [
  'time_s', 'flow', 'throughput_bps', 'latency_mean_ms', 'latency_p99_ms', 'jitter_ms', 'loss_pct', 'path',
  // tcp and request flows (empty for the others)
  'goodput_bps', 'cwnd_bytes', 'retransmits', 'rto_timeouts',
] as const;

export const LINKS_HEADERS = [
  'link', 'from', 'to', 'capacity_bps', 'delay_ms', 'tx_packets', 'tx_bytes', 'utilization_pct', 'drops_queue', 'drops_policer',
  'drops_down', 'drops_loss', 'down_s',
  // extras
  'drops_gateway', 'fragmented_packets', 'drops_mtu', 'drops_noroute',
] as const;

export interface FlowRowInput {
  stats: FlowStats;
  tcp: TcpStats | undefined;
  src: string;
  dst: string;
  kind: string;
}

/** One summary.csv row; throughput is averaged over the time the source was sending. */
export function summaryRow(f: FlowRowInput, endNs: number): string[] {
  const s = f.stats;
  const activeNs = Math.max(s.sendingEndNs(endNs) - s.startNs, 0);
  const h = s.latency.histogram;
  const got = s.receivedPackets > 0;
  // HDR reports the top of a percentile's bucket; the exact maximum bounds it.
  const q = (p: number) => (got ? ms(Math.min(h.getValueAtPercentile(p), h.maxValue)) : '');
  return [
    s.name, f.src, f.dst, f.kind,
    String(s.sentPackets), String(s.receivedPackets), String(s.lostPackets), pct(s.lostPackets, s.receivedPackets + s.lostPackets),
    String(s.sentBytes), String(s.receivedBytes),
    int(activeNs > 0 ? (s.receivedBytes * 8 * 1e9) / activeNs : 0),
    got ? ms(s.latencySumNs / s.receivedPackets) : '', q(50), q(95), q(99), got ? ms(h.maxValue) : '',
    ms(s.jitterNs), ms(s.longestGapNs),
    pct(s.erPackets, s.receivedPackets), pct(s.vpnPackets, s.receivedPackets),
    String(s.inFlightPackets), got ? ms(h.minNonZeroValue) : '',
    String(s.pathChanges), ms(s.longestPathChangeNs), String(s.lostInPathChanges), ms(s.jitterMaxNs),
    ...tcpColumns(f.tcp, activeNs),
  ];
}

function tcpColumns(t: TcpStats | undefined, activeNs: number): string[] {
  if (t === undefined) return ['', '', '', '', '', '', '', ''];
  const requests = t.requests > 0;
  const c = t.completion;
  const q = (p: number) => (t.completed > 0 ? ms(Math.min(c.getValueAtPercentile(p), c.maxValue)) : '');
  return [
    int(activeNs > 0 ? (t.goodputBytes * 8 * 1e9) / activeNs : 0), String(t.retransmits), String(t.timeouts),
    requests ? String(t.requests) : '', requests ? String(t.completed) : '', requests ? String(t.timedOut) : '', q(50), q(99),
  ];
}

/** timeseries.csv rows for the interval [startNs, endNs), then the interval's counters are reset. */
export function writeTimeseries(file: Pick<CsvFile, 'write'>, flows: readonly { stats: FlowStats; tcp: TcpStats | undefined }[], startNs: number, endNs: number): void {
  const widthS = (endNs - startNs) / 1e9;
  for (const { stats: s, tcp } of flows) {
    s.beforeRead?.(endNs);
    const iv = s.interval;
    const got = iv.receivedPackets > 0;
    file.write([
      sec(startNs), s.name,
      int(widthS > 0 ? (iv.receivedBytes * 8) / widthS : 0),
      got ? ms(iv.latencySumNs / iv.receivedPackets) : '',
      got ? ms(Math.min(iv.latency.histogram.getValueAtPercentile(99), iv.latency.histogram.maxValue)) : '',
      ms(s.jitterNs),
      pct(iv.lostPackets, iv.receivedPackets + iv.lostPackets),
      iv.path(),
      ...(tcp === undefined
        ? ['', '', '', '']
        : [int(widthS > 0 ? (tcp.interval.goodputBytes * 8) / widthS : 0), int(tcp.cwndBytes), String(tcp.interval.retransmits), String(tcp.interval.timeouts)]),
    ]);
    iv.reset();
    tcp?.resetInterval();
  }
}

export function linkRows(net: Network, counters: LinkCounters, endNs: number): string[][] {
  return net.links.map((d) => {
    const p = d.props;
    const t = counters.of(d);
    return [
      p.link, p.from, p.to, int(p.capacityBps), ms(p.delayNs), String(t.totalTxPackets()), String(t.totalTxBytes()),
      fixed(endNs > 0 ? (100 * t.totalTxBytes() * 8 * 1e9) / (p.capacityBps * endNs) : 0, 4),
      String(t.totalDrops('queue')), String(t.totalDrops('policer')), String(t.totalDrops('down')), String(t.totalDrops('loss')),
      sec(d.downTimeNs(endNs)), String(t.totalDrops('gateway')), String(d.device.fragmentedPackets()), String(t.totalDrops('mtu')), String(t.totalDrops('noroute')),
    ];
  });
}
