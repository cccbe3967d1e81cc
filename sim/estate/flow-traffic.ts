/**
 * Flow records -> `traffic[]`: one poisson flow per site, direction and DSCP class, at the rate of
 * its busiest interval. A record belongs to the site whose local network gateway prefixes hold its
 * source (up: site -> vnet) or its destination (down: vnet -> site); Azure is every address that
 * is in no site's prefixes. The interval is the median spacing of the records of one flow (same
 * addresses, port, protocol and class): a collector exports each active flow once per interval.
 */
import * as net from 'node:net';
import type { ScenarioIssue } from '../scenario/scenario-error';
import type { FlowRecord, FlowRecordFile } from './flow-records';

export interface SitePrefixes {
  site: string;
  prefixes: string[];
}

export interface ImportedFlow {
  name: string;
  from: string;
  to: string;
  /** Bits per second, whole. */
  rateBps: number;
  sizeBytes: number;
  note: string;
}

export interface FlowTraffic {
  flows: ImportedFlow[];
  intervalS: number;
  /** Records whose addresses are both in sites' prefixes, and records with neither. */
  siteToSite: number;
  noSite: number;
}

/** IP packet sizes the scenario accepts for open-loop flows. */
const MIN_SIZE = 28;
const MAX_SIZE = 65535;

export function flowTraffic(files: readonly FlowRecordFile[], sites: readonly SitePrefixes[], sampling: number, issues: ScenarioIssue[]): FlowTraffic | undefined {
  const file = files.map((f) => f.file).join(', ');
  const lists = sites.map((s) => ({ site: s.site, list: prefixList(s.prefixes) }));
  if (lists.every((l) => l.list === undefined)) {
    issues.push({ file, path: '', expected: 'local network gateways with address prefixes in the other files, to tell the sites\' addresses from Azure\'s', found: 'none' });
    return undefined;
  }
  const records = files.flatMap((f) => f.records);
  const intervalMs = exportInterval(records);
  if (intervalMs === undefined) {
    issues.push({ file, path: 'FlowRecordTime', expected: 'some flow (same SourceIp, DestinationIp, DestinationPort, IpProtocolIdentifier, IpClassOfService) recorded at two times, to find the export interval', found: 'each flow once' });
    return undefined;
  }
  const siteOf = (ip: string) => lists.find((l) => l.list?.check(ip, net.isIPv6(ip) ? 'ipv6' : 'ipv4') === true)?.site;
  const t0 = Math.min(...records.map((r) => r.timeMs));
  interface Group {
    site: string;
    up: boolean;
    dscp: number;
    /** Interval index -> bytes and packets recorded in it. */
    buckets: Map<number, { bytes: number; packets: number }>;
    records: number;
  }
  const groups = new Map<string, Group>();
  let siteToSite = 0;
  let noSite = 0;
  for (const r of records) {
    const [from, to] = [siteOf(r.sourceIp), siteOf(r.destinationIp)];
    if (from !== undefined && to !== undefined) siteToSite++;
    if (from === undefined && to === undefined) noSite++;
    if ((from === undefined) === (to === undefined)) continue;
    const up = from !== undefined;
    const site = (from ?? to)!;
    const dscp = r.ipClassOfService >> 2;
    const key = `${sites.findIndex((s) => s.site === site)} ${up ? 0 : 1} ${63 - dscp}`;
    const g: Group = groups.get(key) ?? { site, up, dscp, buckets: new Map<number, { bytes: number; packets: number }>(), records: 0 };
    // Intervals are counted from the earliest record: one export of every active flow each.
    const bucket = Math.floor((r.timeMs - t0) / intervalMs);
    const b = g.buckets.get(bucket) ?? { bytes: 0, packets: 0 };
    g.buckets.set(bucket, { bytes: b.bytes + r.bytes, packets: b.packets + r.packets });
    g.records++;
    groups.set(key, g);
  }
  const order = [...groups.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const flows = order.map((key) => {
    const g = groups.get(key)!;
    // The busiest interval; the earliest of equals, so the choice does not depend on file order.
    const [bucket, busiest] = [...g.buckets].sort(([ia, a], [ib, b]) => b.bytes - a.bytes || ia - ib)[0]!;
    const rateBps = Math.max(1, Math.round((busiest.bytes * sampling * 8) / (intervalMs / 1000)));
    const mean = Math.round(busiest.bytes / busiest.packets);
    const sizeBytes = Math.min(MAX_SIZE, Math.max(MIN_SIZE, mean));
    const cls = dscpName(g.dscp);
    const when = new Date(t0 + bucket * intervalMs).toISOString();
    const scaled = sampling === 1 ? '' : `, x ${sampling} sampling`;
    const clamped = sizeBytes === mean ? '' : `; mean packet ${mean} B, kept within ${MIN_SIZE}..${MAX_SIZE} B`;
    const note = `from flow records: DSCP ${g.dscp} (${cls.toUpperCase()}), ${g.records} records in ${g.buckets.size} intervals; busiest the ${intervalMs / 1000} s interval of ${when}: ${busiest.bytes} B in ${busiest.packets} packets${scaled}${clamped}`;
    return { name: `${g.site.slice(0, 50)}-${g.up ? 'up' : 'down'}-${cls}`, from: g.up ? g.site : 'vnet', to: g.up ? 'vnet' : g.site, rateBps, sizeBytes, note };
  });
  if (flows.length === 0) issues.push({ file, path: '', expected: 'flow records between a site\'s prefixes and Azure', found: `${siteToSite} between sites, ${noSite} in no site's prefixes` });
  return { flows, intervalS: intervalMs / 1000, siteToSite, noSite };
}

/** The median gap between consecutive records of one flow, over all flows; undefined when no flow repeats. */
function exportInterval(records: readonly FlowRecord[]): number | undefined {
  const times = new Map<string, number[]>();
  for (const r of records) times.set(r.flowKey, [...(times.get(r.flowKey) ?? []), r.timeMs]);
  const gaps = [...times.values()].flatMap((ts) => {
    const sorted = [...new Set(ts)].sort((a, b) => a - b);
    return sorted.slice(1).map((t, i) => t - sorted[i]!);
  });
  if (gaps.length === 0) return undefined;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor((gaps.length - 1) / 2)];
}

function prefixList(prefixes: readonly string[]): net.BlockList | undefined {
  const list = new net.BlockList();
  let any = false;
  for (const p of prefixes.map(parsePrefix)) {
    if (p === undefined) continue;
    list.addSubnet(p.address, p.bits, p.family);
    any = true;
  }
  return any ? list : undefined;
}

/** `192.0.2.0/24` or `2001:db8::/32`; undefined for anything else. */
export function parsePrefix(prefix: string): { address: string; bits: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address = '', bits = '', ...rest] = prefix.split('/');
  const family = net.isIPv6(address) ? 'ipv6' : net.isIPv4(address) ? 'ipv4' : undefined;
  if (family === undefined || rest.length > 0 || !/^\d+$/.test(bits) || Number(bits) > (family === 'ipv4' ? 32 : 128)) return undefined;
  return { address, bits: Number(bits), family };
}

/** The per-hop behaviour's name (RFC 2474, 2597, 3246, 5865), or `dscpN`. */
function dscpName(dscp: number): string {
  if (dscp === 46) return 'ef';
  if (dscp === 44) return 'voice-admit';
  const af = [1, 2, 3, 4].flatMap((x) => [1, 2, 3].map((y) => ({ code: 8 * x + 2 * y, name: `af${x}${y}` }))).find((a) => a.code === dscp);
  if (af !== undefined) return af.name;
  if (dscp % 8 === 0) return `cs${dscp / 8}`;
  return `dscp${dscp}`;
}
