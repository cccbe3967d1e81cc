/**
 * Reads the packets of a capture file, pcap (libpcap 2.4, microsecond or nanosecond
 * timestamps, either byte order) or pcapng (Enhanced and obsolete Packet Blocks, with each
 * interface's timestamp resolution and offset), into send times and IP packet headers. It
 * understands the link types a capture of IP traffic has: Ethernet (with 802.1Q/802.1ad tags),
 * raw IP, BSD loopback and Linux cooked captures (SLL, SLL2). Packets that are not IPv4 or IPv6
 * (ARP, LLDP) are left out. Packets are put in time order (a pcapng file with several interfaces
interleaves them). A problem throws a TraceFileError that says which packet or block.
 *
 * No npm package is used: see README, "Dependencies", for the ones weighed and why.
 */

/** One IP packet of a capture. */
export interface CapturedPacket {
  /** Capture time from the earliest packet of the file (of any kind), ns. */
  timeNs: number;
  /** The IP packet's length from its own header: what the sender put on the wire, whatever the snap length cut. */
  sizeBytes: number;
  /** IP protocol number (6 TCP, 17 UDP, ...). */
  protocol: number;
  /** Addresses in their canonical text form (`10.0.0.1`, `2001:db8::1`). */
  src: string;
  dst: string;
  /** TCP, UDP or SCTP ports; undefined for other protocols and for fragments after the first. */
  srcPort: number | undefined;
  dstPort: number | undefined;
}

/** What is wrong with a trace file: `expected` and `found` as a ScenarioIssue words them. */
export class TraceFileError extends Error {
  override name = 'TraceFileError';
  constructor(
    readonly expected: string,
    readonly found: string,
  ) {
    super(`expected ${expected}, found ${found}`);
  }
}

const PCAP_MICRO = 0xa1b2c3d4;
const PCAP_NANO = 0xa1b23c4d;
const PCAPNG_SHB = 0x0a0d0d0a;
const PCAPNG_BYTE_ORDER = 0x1a2b3c4d;

/** Whether the bytes start like a pcap or a pcapng file. */
export function isCapture(data: Buffer): boolean {
  if (data.length < 4) return false;
  const magic = data.readUInt32LE(0);
  return magic === PCAPNG_SHB || [PCAP_MICRO, PCAP_NANO].some((m) => magic === m || data.readUInt32BE(0) === m);
}

export function readCapture(data: Buffer): CapturedPacket[] {
  const packets = data.readUInt32LE(0) === PCAPNG_SHB ? readPcapng(data) : readPcap(data);
  if (packets.length === 0) return [];
  // Times stay exact (bigint) until they are made relative to the earliest packet; the sort is stable.
  packets.sort((a, b) => (a.absNs < b.absNs ? -1 : a.absNs > b.absNs ? 1 : 0));
  const first = packets[0]!.absNs;
  return packets.flatMap((p) => {
    const ip = parseIp(p.linkType, p.bytes, p.index);
    return ip === undefined ? [] : [{ ...ip, timeNs: Number(p.absNs - first) }];
  });
}

interface RawPacket {
  /** 1-based position among the file's packets, for messages. */
  index: number;
  absNs: bigint;
  linkType: number;
  bytes: Buffer;
}

/** Integers in the byte order of the file (pcap) or of the section (pcapng). */
interface Reader {
  u16(at: number): number;
  u32(at: number): number;
  i64(at: number): bigint;
}

function reader(data: Buffer, littleEndian: boolean): Reader {
  return littleEndian
    ? { u16: (at) => data.readUInt16LE(at), u32: (at) => data.readUInt32LE(at), i64: (at) => data.readBigInt64LE(at) }
    : { u16: (at) => data.readUInt16BE(at), u32: (at) => data.readUInt32BE(at), i64: (at) => data.readBigInt64BE(at) };
}

function need(data: Buffer, end: number, what: string): void {
  if (end > data.length) throw new TraceFileError(`a whole ${what}`, `the file ends at byte ${data.length}, ${end - data.length} bytes before its end`);
}

function readPcap(data: Buffer): RawPacket[] {
  need(data, 24, 'the pcap file header');
  const little = [PCAP_MICRO, PCAP_NANO].includes(data.readUInt32LE(0));
  const r = reader(data, little);
  const nanoPerTick = r.u32(0) === PCAP_NANO ? 1n : 1000n;
  const linkType = r.u32(20) & 0xffff;
  const packets: RawPacket[] = [];
  for (let at = 24; at < data.length; ) {
    const index = packets.length + 1;
    need(data, at + 16, `the header of packet ${index}`);
    const captured = r.u32(at + 8);
    need(data, at + 16 + captured, `packet ${index}`);
    packets.push({ index, absNs: BigInt(r.u32(at)) * 1_000_000_000n + BigInt(r.u32(at + 4)) * nanoPerTick, linkType, bytes: data.subarray(at + 16, at + 16 + captured) });
    at += 16 + captured;
  }
  return packets;
}

interface Interface {
  linkType: number;
  /** Timestamp units per second, and seconds added to every timestamp (if_tsresol, if_tsoffset). */
  unitsPerS: bigint;
  offsetS: bigint;
}

function readPcapng(data: Buffer): RawPacket[] {
  const packets: RawPacket[] = [];
  let r = reader(data, true);
  let interfaces: Interface[] = [];
  for (let at = 0, block = 1; at < data.length; block++) {
    need(data, at + 12, `block ${block}`);
    if (data.readUInt32LE(at) === PCAPNG_SHB) {
      // Each section says its own byte order.
      const order = data.readUInt32LE(at + 8);
      if (order !== PCAPNG_BYTE_ORDER && order !== 0x4d3c2b1a) throw new TraceFileError('a pcapng section header with the byte-order magic 1a2b3c4d', `${order.toString(16)} in block ${block}`);
      r = reader(data, order === PCAPNG_BYTE_ORDER);
      interfaces = [];
    }
    const type = r.u32(at);
    const length = r.u32(at + 4);
    if (length < 12 || length % 4 !== 0) throw new TraceFileError('pcapng blocks whose length is a multiple of 4, at least 12', `block ${block} of length ${length}`);
    need(data, at + length, `block ${block}`);
    const body = at + 8;
    if (type === 1) interfaces.push(interfaceOf(data, r, body, at + length - 4));
    else if (type === 6 || type === 2) {
      // Enhanced Packet Block: interface (4), time (8), captured, original; the obsolete Packet Block: interface (2), drops (2), then the same.
      const iface = type === 6 ? r.u32(body) : r.u16(body);
      const i = interfaces[iface];
      if (i === undefined) throw new TraceFileError('packets on an interface described before them', `block ${block} on interface ${iface}, of ${interfaces.length} described`);
      const units = (BigInt(r.u32(body + 4)) << 32n) | BigInt(r.u32(body + 8));
      const captured = r.u32(body + 12);
      need(data, body + 20 + captured, `block ${block}`);
      const absNs = i.offsetS * 1_000_000_000n + (units * 1_000_000_000n) / i.unitsPerS;
      packets.push({ index: packets.length + 1, absNs, linkType: i.linkType, bytes: data.subarray(body + 20, body + 20 + captured) });
    } else if (type === 3) {
      throw new TraceFileError('packets with a time (Enhanced Packet Blocks, as dumpcap and tcpdump write)', `a Simple Packet Block, which has none, in block ${block}`);
    }
    at += length;
  }
  return packets;
}

/** An Interface Description Block: link type, then options up to `end`. */
function interfaceOf(data: Buffer, r: Reader, body: number, end: number): Interface {
  const iface: Interface = { linkType: r.u16(body), unitsPerS: 1_000_000n, offsetS: 0n };
  for (let at = body + 8; at + 4 <= end; ) {
    const code = r.u16(at);
    const length = r.u16(at + 2);
    if (code === 0) break;
    if (code === 9 && length >= 1) {
      // if_tsresol: the high bit chooses a power of 2, else of 10.
      const v = data.readUInt8(at + 4);
      iface.unitsPerS = v & 0x80 ? 1n << BigInt(v & 0x7f) : 10n ** BigInt(v);
    }
    if (code === 14 && length >= 8) iface.offsetS = r.i64(at + 4);
    at += 4 + Math.ceil(length / 4) * 4;
  }
  return iface;
}

type IpHeader = Omit<CapturedPacket, 'timeNs'>;

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100]);

/** The IP packet in a frame of `linkType`, or undefined when it carries something else. */
function parseIp(linkType: number, frame: Buffer, index: number): IpHeader | undefined {
  let ipAt: number;
  let etherType: number | undefined;
  switch (linkType) {
    case 0: {
      // BSD loopback: the address family in the capturing host's byte order.
      if (frame.length < 4) return undefined;
      const family = frame.readUInt32LE(0) <= 0xff ? frame.readUInt32LE(0) : frame.readUInt32BE(0);
      etherType = family === 2 ? ETHERTYPE_IPV4 : [24, 28, 30].includes(family) ? ETHERTYPE_IPV6 : undefined;
      ipAt = 4;
      break;
    }
    case 1: {
      ipAt = 14;
      if (frame.length < ipAt) return undefined;
      etherType = frame.readUInt16BE(12);
      while (etherType !== undefined && VLAN_TAGS.has(etherType) && frame.length >= ipAt + 4) {
        etherType = frame.readUInt16BE(ipAt + 2);
        ipAt += 4;
      }
      break;
    }
    case 101:
      ipAt = 0;
      break;
    case 113:
      ipAt = 16;
      etherType = frame.length >= 16 ? frame.readUInt16BE(14) : undefined;
      break;
    case 276:
      ipAt = 20;
      etherType = frame.length >= 20 ? frame.readUInt16BE(0) : undefined;
      break;
    default:
      throw new TraceFileError('a capture of Ethernet, raw IP, loopback or Linux cooked frames (link types 1, 101, 0, 113, 276)', `link type ${linkType} at packet ${index}`);
  }
  const version = frame.length > ipAt ? frame.readUInt8(ipAt) >> 4 : 0;
  if (etherType !== undefined && etherType !== (version === 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4)) return undefined;
  if (version === 4) return ipv4(frame, ipAt, index);
  if (version === 6) return ipv6(frame, ipAt);
  return undefined;
}

function ipv4(frame: Buffer, at: number, index: number): IpHeader | undefined {
  if (frame.length < at + 20) return undefined;
  const size = frame.readUInt16BE(at + 2);
  if (size < 20) throw new TraceFileError('IPv4 packets whose header gives their length, at least 20B (a capture taken with segmentation offload has 0: capture with offload off)', `${size}B at packet ${index}`);
  const headerBytes = (frame.readUInt8(at) & 0x0f) * 4;
  const protocol = frame.readUInt8(at + 9);
  const firstFragment = (frame.readUInt16BE(at + 6) & 0x1fff) === 0;
  const src = [...frame.subarray(at + 12, at + 16)].join('.');
  const dst = [...frame.subarray(at + 16, at + 20)].join('.');
  return { sizeBytes: size, protocol, src, dst, ...(firstFragment ? ports(frame, at + headerBytes, protocol) : NO_PORTS) };
}

/** IPv6: the ports are read only right after the fixed header (no extension headers walked). */
function ipv6(frame: Buffer, at: number): IpHeader | undefined {
  if (frame.length < at + 40) return undefined;
  const protocol = frame.readUInt8(at + 6);
  return { sizeBytes: 40 + frame.readUInt16BE(at + 4), protocol, src: ipv6Text(frame.subarray(at + 8, at + 24)), dst: ipv6Text(frame.subarray(at + 24, at + 40)), ...ports(frame, at + 40, protocol) };
}

const NO_PORTS = { srcPort: undefined, dstPort: undefined };
const PORT_PROTOCOLS = new Set([6, 17, 132]);

function ports(frame: Buffer, at: number, protocol: number): { srcPort: number | undefined; dstPort: number | undefined } {
  if (!PORT_PROTOCOLS.has(protocol) || frame.length < at + 4) return NO_PORTS;
  return { srcPort: frame.readUInt16BE(at), dstPort: frame.readUInt16BE(at + 2) };
}

/** The canonical text of an IPv6 address (RFC 5952), as the URL parser writes it. */
export function ipv6Text(bytes: Buffer): string {
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(2 * i).toString(16));
  return canonicalIpv6(groups.join(':'));
}

export function canonicalIpv6(text: string): string {
  return new URL(`http://[${text}]/`).hostname.slice(1, -1);
}
