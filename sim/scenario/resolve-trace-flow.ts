/**
 * A `kind: trace` flow's fields resolved: its file read (relative to the scenario file) and
 * filtered, its loop and offset checked against the trace, and the mean rate and size it offers
 * from start to stop worked out for those who plan with rates (the review, the fluid model).
 */
import * as fs from 'node:fs';
import { isIP } from 'node:net';
import * as path from 'node:path';
import { NS_PER_S } from '../kernel/time';
import { TraceFileError } from './capture-file';
import { describeFound } from './scenario-error';
import type { FlowDocument } from './schema';
import { FILTER_PROTOCOLS } from './schema-traffic';
import { type CaptureFilter, readTrace, TracePackets } from './trace-file';
import { tracedWithin } from './trace-schedule';
import type { TraceConfig } from './types';
import { formatDuration } from './units';
import type { ValueChecks } from './value-checks';

const FILE_EXPECTED = 'a CSV trace (time_s,size_bytes) or a pcap or pcapng capture, its path relative to the scenario file';

export interface ResolvedTrace {
  trace: TraceConfig;
  rateBps: number;
  sizeBytes: number;
}

/** `windowNs`: from the flow's start to its stop. */
export function resolveTraceFlow(c: ValueChecks, flowPath: string, f: FlowDocument, windowNs: number): ResolvedTrace {
  const offsetNs = c.duration(`${flowPath}.offset`, f.offset ?? '0s', 'non-negative');
  const loopNs = f.loop === undefined ? undefined : c.duration(`${flowPath}.loop`, f.loop, 'positive');
  const filter = resolveFilter(c, `${flowPath}.filter`, f.filter);
  const empty: ResolvedTrace = { trace: { file: f.file ?? '', packets: new TracePackets(new Float64Array(), new Uint32Array(), ''), offsetNs, loopNs }, rateBps: 0, sizeBytes: 0 };
  if (f.file === undefined) {
    c.fail(`${flowPath}.file`, `${FILE_EXPECTED} (kind trace needs one)`, describeFound(undefined));
    return empty;
  }
  const where = path.resolve(path.dirname(c.file), f.file);
  let data: Buffer;
  try {
    // A device or a pipe (/dev/zero, a FIFO) would never end: only a regular file is read.
    if (!fs.statSync(where).isFile()) {
      c.fail(`${flowPath}.file`, FILE_EXPECTED, `${JSON.stringify(f.file)}: not a regular file (${where})`);
      return empty;
    }
    data = fs.readFileSync(where);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    c.fail(`${flowPath}.file`, FILE_EXPECTED, `${JSON.stringify(f.file)}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')} (${where})`);
    return empty;
  }
  let packets: TracePackets;
  try {
    const read = readTrace(data, filter);
    if (!read.capture && f.filter !== undefined) {
      c.fail(`${flowPath}.filter`, `no filter for a CSV trace (it has no addresses or ports; ${f.file} is one)`, describeFound(f.filter));
    }
    packets = read.packets;
  } catch (err) {
    if (!(err instanceof TraceFileError)) throw err;
    c.fail(`${flowPath}.${filter !== undefined && err.expected.startsWith('a filter') ? 'filter' : 'file'}`, `${err.expected} (in ${f.file})`, err.found);
    return empty;
  }
  const trace: TraceConfig = { file: f.file, packets, offsetNs, loopNs };
  checkTiming(c, flowPath, trace);
  const sent = tracedWithin(trace, windowNs);
  return {
    trace,
    rateBps: (sent.bytes * 8 * NS_PER_S) / windowNs,
    sizeBytes: sent.packets > 0 ? Math.round(sent.bytes / sent.packets) : packets.sizes[0]!,
  };
}

/** Passes may not overlap, and without a loop the offset must leave something to send. */
function checkTiming(c: ValueChecks, flowPath: string, t: TraceConfig): void {
  const times = t.packets.timesNs;
  const first = times[0]!;
  const last = times[times.length - 1]!;
  if (t.loopNs !== undefined && t.loopNs < last - first) {
    c.fail(`${flowPath}.loop`, `a duration of at least ${formatDuration(last - first)}, the time from the trace's first packet to its last (passes may not overlap)`, describeFound(formatDuration(t.loopNs)));
  }
  if (t.loopNs === undefined && t.offsetNs > last) {
    c.fail(`${flowPath}.offset`, `a time of at most ${formatDuration(last)}, when the trace's last packet is sent (or give loop)`, describeFound(formatDuration(t.offsetNs)));
  }
}

function resolveFilter(c: ValueChecks, filterPath: string, doc: FlowDocument['filter']): CaptureFilter | undefined {
  if (doc === undefined) return undefined;
  const filter: CaptureFilter = {};
  if (doc.protocol !== undefined) filter.protocol = typeof doc.protocol === 'number' ? doc.protocol : FILTER_PROTOCOLS[doc.protocol];
  for (const end of ['src', 'dst'] as const) {
    const address = doc[end];
    if (address === undefined) continue;
    if (isIP(address) === 0) c.fail(`${filterPath}.${end}`, 'an IPv4 or IPv6 address, such as 10.0.0.1 or 2001:db8::1', describeFound(address));
    else filter[end] = address;
  }
  if (doc.srcPort !== undefined) filter.srcPort = doc.srcPort;
  if (doc.dstPort !== undefined) filter.dstPort = doc.dstPort;
  return filter;
}
