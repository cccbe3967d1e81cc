/**
 * The packets of a `kind: trace` flow's file: a CSV of send times and sizes, or a pcap or pcapng
 * capture (capture-file.ts) from which one 5-tuple or every IP packet is taken. The file's kind
 * is told by its first bytes, not its name.
 */
import { createHash } from 'node:crypto';
import { IP_MAX_PACKET_BYTES, IPV4_HEADER_BYTES } from '../domain/expressroute';
import { NS_PER_S } from '../kernel/time';
import { type CapturedPacket, canonicalIpv6, isCapture, readCapture, TraceFileError } from './capture-file';

/** The packets of one pass of a trace, in time order: times from the trace's origin (ns) and IP sizes. */
export class TracePackets {
  constructor(
    readonly timesNs: Float64Array,
    readonly sizes: Uint32Array,
    /** SHA-256 of the file, so run.json says which file a run replayed. */
    readonly sha256: string,
  ) {}

  get count(): number {
    return this.timesNs.length;
  }

  /** run.json records what the trace was, not every packet of it. */
  toJSON(): { packets: number; sha256: string } {
    return { packets: this.count, sha256: this.sha256 };
  }
}

/** Which packets of a capture a flow takes: those matching every field given. */
export interface CaptureFilter {
  /** IP protocol number. */
  protocol?: number;
  src?: string;
  srcPort?: number;
  dst?: string;
  dstPort?: number;
}

export const CSV_COLUMNS = ['time_s', 'size_bytes'] as const;

/** Read a trace: a capture (filtered) or a CSV (which has nothing to filter on: `filter` must be undefined, the caller checks). */
export function readTrace(data: Buffer, filter: CaptureFilter | undefined): { packets: TracePackets; capture: boolean } {
  const sha256 = createHash('sha256').update(data).digest('hex');
  if (!isCapture(data)) return { packets: fromRows(readTraceCsv(data.toString('utf8')), sha256), capture: false };
  const all = readCapture(data);
  const chosen = filter === undefined ? all : all.filter((p) => matches(p, filter));
  if (chosen.length === 0) throw new TraceFileError(filter === undefined ? 'a capture with IPv4 or IPv6 packets' : 'a filter that some packet of the capture matches', noneFound(all));
  return { packets: fromRows(chosen.map((p) => ({ timeNs: p.timeNs, sizeBytes: p.sizeBytes })), sha256), capture: true };
}

function fromRows(rows: readonly { timeNs: number; sizeBytes: number }[], sha256: string): TracePackets {
  return new TracePackets(Float64Array.from(rows, (r) => r.timeNs), Uint32Array.from(rows, (r) => r.sizeBytes), sha256);
}

/** A CSV whose header names time_s (seconds from the trace's origin, non-decreasing) and size_bytes (the IP packet's size), other columns ignored; fields may be quoted. */
export function readTraceCsv(text: string): { timeNs: number; sizeBytes: number }[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim());
  const [timeAt, sizeAt] = CSV_COLUMNS.map((c) => header.indexOf(c));
  if (timeAt === undefined || sizeAt === undefined || timeAt < 0 || sizeAt < 0) {
    throw new TraceFileError('a CSV trace whose first line names the columns time_s and size_bytes, or a pcap or pcapng capture', `the first line ${JSON.stringify(lines[0]?.slice(0, 80) ?? '')}`);
  }
  const rows: { timeNs: number; sizeBytes: number }[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `line ${i + 2}`;
    const cells = splitCsvLine(line);
    const timeText = cells[timeAt]?.trim() ?? '';
    const sizeText = cells[sizeAt]?.trim() ?? '';
    const timeS = /^\d+(\.\d+)?([eE][-+]?\d+)?$/.test(timeText) ? Number(timeText) : NaN;
    if (!Number.isFinite(timeS)) throw new TraceFileError('time_s as seconds of 0 or more, such as 0.0125', `${JSON.stringify(timeText)} on ${where}`);
    const timeNs = Math.round(timeS * NS_PER_S);
    const previous = rows[rows.length - 1];
    if (previous !== undefined && timeNs < previous.timeNs) throw new TraceFileError('time_s that never decreases from one line to the next', `${timeText} after ${previous.timeNs / NS_PER_S} on ${where}`);
    const sizeBytes = /^\d+$/.test(sizeText) ? Number(sizeText) : NaN;
    if (!(sizeBytes >= IPV4_HEADER_BYTES && sizeBytes <= IP_MAX_PACKET_BYTES)) {
      throw new TraceFileError(`size_bytes as a whole IP packet size from ${IPV4_HEADER_BYTES} to ${IP_MAX_PACKET_BYTES}`, `${JSON.stringify(sizeText)} on ${where}`);
    }
    rows.push({ timeNs, sizeBytes });
  });
  if (rows.length === 0) throw new TraceFileError('a CSV trace with at least one packet after its header', 'none');
  return rows;
}

/** The fields of one CSV line; a quoted field may hold commas and doubled quotes. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  return cells;
}

function matches(p: CapturedPacket, f: CaptureFilter): boolean {
  return (
    (f.protocol === undefined || p.protocol === f.protocol) &&
    (f.src === undefined || p.src === canonicalAddress(f.src)) &&
    (f.dst === undefined || p.dst === canonicalAddress(f.dst)) &&
    (f.srcPort === undefined || p.srcPort === f.srcPort) &&
    (f.dstPort === undefined || p.dstPort === f.dstPort)
  );
}

/** An address as capture-file.ts writes a packet's: IPv4 as written, IPv6 in its RFC 5952 form. */
export function canonicalAddress(text: string): string {
  return text.includes(':') ? canonicalIpv6(text) : text;
}

/** What a filter found nothing in: the count, and the first few 5-tuples there are, to pick from. */
function noneFound(all: readonly CapturedPacket[]): string {
  if (all.length === 0) return 'no IPv4 or IPv6 packet in the capture';
  const tuples = [...new Set(all.map(tupleText))];
  const shown = tuples.slice(0, 4).join('; ');
  return `none of its ${all.length} IP packets (their 5-tuples include ${shown}${tuples.length > 4 ? `, and ${tuples.length - 4} more` : ''})`;
}

function tupleText(p: CapturedPacket): string {
  const end = (addr: string, port: number | undefined) => (port === undefined ? addr : addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`);
  return `protocol ${p.protocol} ${end(p.src, p.srcPort)} > ${end(p.dst, p.dstPort)}`;
}
