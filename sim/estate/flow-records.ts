/**
 * An ExpressRoute Traffic Collector export (the `ATCExpressRouteCircuitIpfix` table of Log
 * Analytics, as CSV) -> its flow records, every cell checked. A file is one when its header
 * names `FlowRecordTime`; columns are found by name, case ignored, a `[UTC]` suffix allowed.
 */
import * as net from 'node:net';
import { describeFound, type ScenarioIssue } from '../scenario/scenario-error';
import { parseCsv } from '../study/result-folder-reader';

const FLOW_COLUMNS = ['FlowRecordTime', 'SourceIp', 'DestinationIp', 'DestinationPort', 'IpProtocolIdentifier', 'IpClassOfService', 'NumberOfBytes', 'NumberOfPackets'] as const;

export interface FlowRecord {
  /** FlowRecordTime, ms since the epoch. */
  timeMs: number;
  sourceIp: string;
  destinationIp: string;
  /** Source, destination, port, protocol and class: the records of one flow share it. */
  flowKey: string;
  ipClassOfService: number;
  bytes: number;
  packets: number;
  /** `line N` of the file, for messages. */
  line: number;
}

export interface FlowRecordFile {
  file: string;
  records: FlowRecord[];
}

/** Whether a file's text is a flow record export: a header (not JSON) that names FlowRecordTime. */
export function isFlowRecordText(text: string): boolean {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return !/^\s*[[{]/.test(first) && /(^|,)"?FlowRecordTime\b/i.test(first);
}

// An ISO 8601 time with its zone: what tostring(FlowRecordTime) gives in KQL.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function readFlowRecords(text: string, file: string, issues: ScenarioIssue[]): FlowRecordFile {
  const [headers, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''), file).filter((r) => !(r.length === 1 && r[0] === ''));
  const index = (name: string) => (headers ?? []).findIndex((h) => h.replace(/\s*\[.*\]$/, '').trim().toLowerCase() === name.toLowerCase());
  const missing = FLOW_COLUMNS.filter((c) => index(c) < 0);
  if (headers === undefined || missing.length > 0) {
    issues.push({ file, path: 'header', expected: `the columns ${FLOW_COLUMNS.join(', ')} of ATCExpressRouteCircuitIpfix`, found: `no ${missing.join(', ')}` });
    return { file, records: [] };
  }
  const [time, src, dst, port, proto, cos, bytes, packets] = FLOW_COLUMNS.map(index) as [number, number, number, number, number, number, number, number];
  const records: FlowRecord[] = [];
  rows.forEach((row, i) => {
    const line = i + 2;
    const at = (col: number, name: string, expected: string, ok: (v: string) => boolean): string | undefined => {
      const v = (row[col] ?? '').trim();
      if (ok(v)) return v;
      issues.push({ file, path: `line ${line}.${name}`, expected, found: describeFound(row[col] ?? '') });
      return undefined;
    };
    const int = (col: number, name: string, min: number, max: number, allowEmpty = false): number | undefined => {
      const v = at(col, name, `an integer from ${min} to ${max}${allowEmpty ? ', or empty' : ''}`, (s) => (allowEmpty && s === '') || (/^\d+$/.test(s) && Number(s) >= min && Number(s) <= max));
      return v === undefined ? undefined : Number(v);
    };
    const t = at(time, 'FlowRecordTime', 'an ISO 8601 time with its zone (2026-12-01T09:00:00Z; tostring(FlowRecordTime) in KQL)', (s) => ISO_TIME.test(s) && Number.isFinite(Date.parse(s)));
    const s = at(src, 'SourceIp', 'an IPv4 or IPv6 address', (v) => net.isIP(v) !== 0);
    const d = at(dst, 'DestinationIp', 'an IPv4 or IPv6 address', (v) => net.isIP(v) !== 0);
    const p = at(port, 'DestinationPort', 'an integer from 0 to 65535, or empty', (v) => v === '' || (/^\d+$/.test(v) && Number(v) <= 65535));
    const pr = int(proto, 'IpProtocolIdentifier', 0, 255);
    const c = int(cos, 'IpClassOfService', 0, 255);
    const b = int(bytes, 'NumberOfBytes', 0, Number.MAX_SAFE_INTEGER);
    const n = int(packets, 'NumberOfPackets', 1, Number.MAX_SAFE_INTEGER);
    if (t === undefined || s === undefined || d === undefined || p === undefined || pr === undefined || c === undefined || b === undefined || n === undefined) return;
    records.push({ timeMs: Date.parse(t), sourceIp: s, destinationIp: d, flowKey: [s, d, p, pr, c].join(' '), ipClassOfService: c, bytes: b, packets: n, line });
  });
  if (rows.length === 0) issues.push({ file, path: 'line 2', expected: 'flow records below the header', found: 'none' });
  return { file, records };
}
