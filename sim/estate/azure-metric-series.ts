/**
 * A result folder -> time series under the names Azure Monitor gives ExpressRoute circuits,
 * ExpressRoute gateways and VPN gateways, one point per `timeseries.csv` interval:
 * - BitsInPerSecond / BitsOutPerSecond (circuit, per device role Primary/Secondary): the
 *   `throughput_bps` of the flows toward / from `vnet` whose interval `path` is that leg;
 * - ExpressRouteGatewayBitsPerSecond: the same flows, both directions, at the gateway;
 * - ExpressRouteGatewayPacketsPerSecond: each of those flows' bits / (8 x its mean packet size,
 *   `received_bytes` / `received_packets` of summary.csv);
 * - AverageBandwidth (VPN gateway, bytes/s): the flows whose `path` is `vpn`, both directions;
 * - BgpAvailability (ExpressRoute sessions, %) and BgpPeerStatus (every session, 1 or 0): the
 *   session states that events.csv records (down at bfd_down, hold_expired, dpd_timeout,
 *   bgp_withdraw, prefix_limit_exceeded; up again at session_up), for the sessions the run's
 *   topology has.
 * DroppedInBitsPerSecond and DroppedOutBitsPerSecond are not derived: the result files give
 * drops per interval only as a flow's loss percentage of packets, which says nothing of the
 * bits when the flow delivered none.
 */
import * as path from 'node:path';
import { deriveSessions } from '../routing/sessions';
import { parseScenarioText } from '../scenario/load-scenario';
import type { Scenario } from '../scenario/types';
import { readCsvTable, readRunRecord, type CsvTable } from '../study/result-folder-reader';
import { buildTopology } from '../topology/build-topology';

export interface MetricFamily {
  /** Azure Monitor's metric name. */
  azure: string;
  /** OpenMetrics unit (the family's name ends with it), or '' for none. */
  unit: string;
  help: string;
}

export const FAMILIES = {
  bitsIn: { azure: 'BitsInPerSecond', unit: 'bits_per_second', help: 'ExpressRoute circuit: bits per second entering Azure, per device role (leg); from timeseries.csv throughput_bps of flows to vnet on that leg' },
  bitsOut: { azure: 'BitsOutPerSecond', unit: 'bits_per_second', help: 'ExpressRoute circuit: bits per second leaving Azure, per device role (leg); from timeseries.csv throughput_bps of flows from vnet on that leg' },
  gatewayBits: { azure: 'ExpressRouteGatewayBitsPerSecond', unit: 'bits_per_second', help: 'ExpressRoute gateway: bits per second it forwards, both directions; from timeseries.csv throughput_bps of flows on ExpressRoute' },
  gatewayPackets: { azure: 'ExpressRouteGatewayPacketsPerSecond', unit: 'packets_per_second', help: 'ExpressRoute gateway: packets per second it forwards, both directions; throughput_bps / (8 x the flow mean packet size from summary.csv)' },
  vpnBandwidth: { azure: 'AverageBandwidth', unit: 'bytes_per_second', help: 'VPN gateway site-to-site bandwidth in bytes per second, both directions; from timeseries.csv throughput_bps of flows on the vpn path' },
  bgpAvailability: { azure: 'BgpAvailability', unit: 'percent', help: 'ExpressRoute BGP session availability in percent of each interval; from the session events of events.csv' },
  bgpPeerStatus: { azure: 'BgpPeerStatus', unit: '', help: 'BGP peer status at the start of each interval, 1 up, 0 down, for every ExpressRoute and VPN session; from the session events of events.csv' },
} as const satisfies Record<string, MetricFamily>;

export interface MetricSeries {
  family: MetricFamily;
  labels: [string, string][];
  /** One value per interval, in interval order. */
  values: number[];
}

export interface AzureMetrics {
  scenario: string;
  /** Start of each interval, in ns of simulated time. */
  startsNs: number[];
  series: MetricSeries[];
}

const SESSION_DOWN = new Set(['bfd_down', 'hold_expired', 'dpd_timeout', 'bgp_withdraw', 'prefix_limit_exceeded']);

export function azureMetrics(dir: string): AzureMetrics {
  const record = readRunRecord(dir);
  const scenario = parseScenarioText(JSON.stringify(record.scenario), `${record.file}#scenario.json`);
  const endNs = Math.round((record.simulatedS ?? record.durationS ?? scenario.durationNs / 1e9) * 1e9);
  const startsNs: number[] = [];
  for (let t = 0; t < endNs; t += scenario.intervalNs) startsNs.push(t);
  const summary = readCsvTable(path.join(dir, 'summary.csv'));
  const timeseries = readCsvTable(path.join(dir, 'timeseries.csv'));
  const events = readCsvTable(path.join(dir, 'events.csv'));
  const base: [string, string][] = [['scenario', scenario.name]];
  return { scenario: scenario.name, startsNs, series: [...trafficSeries(scenario, summary, timeseries, startsNs, base), ...sessionSeries(scenario, events, startsNs, endNs, base)] };
}

function column(t: CsvTable, name: string): number {
  const i = t.headers.indexOf(name);
  if (i < 0) throw new Error(`${t.file} has no ${name} column`);
  return i;
}

function trafficSeries(s: Scenario, summary: CsvTable, ts: CsvTable, startsNs: number[], base: [string, string][]): MetricSeries[] {
  const flows = new Map(
    summary.rows.map((r) => {
      const packets = Number(r[column(summary, 'received_packets')]);
      const bytes = Number(r[column(summary, 'received_bytes')]);
      return [r[column(summary, 'flow')]!, { toAzure: r[column(summary, 'dst')] === 'vnet', fromAzure: r[column(summary, 'src')] === 'vnet', packetBytes: packets > 0 ? bytes / packets : 0 }];
    }),
  );
  const circuit = s.circuits.length === 1 ? s.circuits[0]!.name : 'all-circuits';
  const zeros = () => startsNs.map(() => 0);
  const series = {
    inPrimary: zeros(),
    inSecondary: zeros(),
    outPrimary: zeros(),
    outSecondary: zeros(),
    gatewayBits: zeros(),
    gatewayPackets: zeros(),
    vpnBytes: zeros(),
  };
  const interval = new Map(startsNs.map((t, i) => [t, i]));
  const [timeCol, flowCol, bpsCol, pathCol] = [column(ts, 'time_s'), column(ts, 'flow'), column(ts, 'throughput_bps'), column(ts, 'path')];
  for (const row of ts.rows) {
    const i = interval.get(nsOf(row[timeCol]!));
    const flow = flows.get(row[flowCol]!);
    if (i === undefined || flow === undefined) continue;
    const bps = Number(row[bpsCol]);
    const route = row[pathCol];
    if (route === 'vpn') {
      if (flow.toAzure || flow.fromAzure) series.vpnBytes[i]! += bps / 8;
      continue;
    }
    if (route !== 'er-primary' && route !== 'er-secondary') continue;
    if (flow.toAzure) (route === 'er-primary' ? series.inPrimary : series.inSecondary)[i]! += bps;
    if (flow.fromAzure) (route === 'er-primary' ? series.outPrimary : series.outSecondary)[i]! += bps;
    if (flow.toAzure || flow.fromAzure) {
      series.gatewayBits[i]! += bps;
      if (flow.packetBytes > 0) series.gatewayPackets[i]! += bps / (8 * flow.packetBytes);
    }
  }
  const leg = (role: string): [string, string][] => [...base, ['circuit', circuit], ['device_role', role]];
  const out: MetricSeries[] = [
    { family: FAMILIES.bitsIn, labels: leg('Primary'), values: series.inPrimary },
    { family: FAMILIES.bitsIn, labels: leg('Secondary'), values: series.inSecondary },
    { family: FAMILIES.bitsOut, labels: leg('Primary'), values: series.outPrimary },
    { family: FAMILIES.bitsOut, labels: leg('Secondary'), values: series.outSecondary },
    { family: FAMILIES.gatewayBits, labels: [...base, ['gateway', 'er-gateway']], values: series.gatewayBits },
    { family: FAMILIES.gatewayPackets, labels: [...base, ['gateway', 'er-gateway']], values: series.gatewayPackets },
  ];
  if (s.vpn !== undefined) out.push({ family: FAMILIES.vpnBandwidth, labels: [...base, ['gateway', 'vpn-gateway']], values: series.vpnBytes });
  return out;
}

function sessionSeries(s: Scenario, events: CsvTable, startsNs: number[], endNs: number, base: [string, string][]): MetricSeries[] {
  const sessions = deriveSessions(buildTopology(s), s);
  const [timeCol, eventCol, subjectCol] = [column(events, 'time_s'), column(events, 'event'), column(events, 'subject')];
  const out: MetricSeries[] = [];
  for (const session of sessions) {
    // Each change of state, in time order: up at 0 unless the first event says otherwise.
    const changes = events.rows
      .filter((r) => r[subjectCol] === session.name && (SESSION_DOWN.has(r[eventCol]!) || r[eventCol] === 'session_up'))
      .map((r) => ({ atNs: nsOf(r[timeCol]!), up: r[eventCol] === 'session_up' }));
    const upAt = (t: number): boolean => changes.filter((c) => c.atNs <= t).at(-1)?.up ?? true;
    const uptime = (from: number, to: number): number => {
      let total = 0;
      let at = from;
      let up = upAt(from);
      for (const c of changes.filter((x) => x.atNs > from && x.atNs < to)) {
        if (up) total += c.atNs - at;
        at = c.atNs;
        up = c.up;
      }
      return total + (up ? to - at : 0);
    };
    const labels: [string, string][] = [...base, ['peer', session.name]];
    out.push({ family: FAMILIES.bgpPeerStatus, labels, values: startsNs.map((t) => (upAt(t) ? 1 : 0)) });
    if (session.kind === 'er') {
      const values = startsNs.map((t, i) => {
        const to = startsNs[i + 1] ?? endNs;
        return (100 * uptime(t, to)) / (to - t);
      });
      out.push({ family: FAMILIES.bgpAvailability, labels, values });
    }
  }
  return out;
}

/** A `time_s` cell (up to 9 decimals) as whole ns, exactly. */
export function nsOf(timeS: string): number {
  const [whole, frac = ''] = timeS.split('.');
  return Number(whole) * 1e9 + Number(frac.padEnd(9, '0').slice(0, 9));
}
