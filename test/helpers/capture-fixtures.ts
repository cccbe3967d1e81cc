/**
 * Test helper (not a suite): tiny synthetic captures, byte by byte: Ethernet frames of made-up
 * IPv4 and IPv6 packets (headers only, cut to a 64 B snap length as tcpdump -s 64 would), written
 * as pcap (microseconds, little-endian) and pcapng (an interface with nanosecond timestamps).
 * No real traffic. scripts/make-trace-fixtures.ts writes them to test/fixtures/, and the tests
 * check the committed files are these bytes.
 */

export interface FixturePacket {
  /** Capture time, ns from the first packet. */
  timeNs: number;
  /** IP packet size written in its header; 0 for a frame that is not IP (ARP). */
  ipBytes: number;
  version: 4 | 6;
  protocol: number;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
}

const SNAP_BYTES = 64;
/** Capture times count from here: 2026-01-01T00:00:00Z, so absolute times are large, as in a real file. */
const EPOCH_S = 1_767_225_600;

const udp = (timeNs: number, ipBytes: number): FixturePacket => ({ timeNs, ipBytes, version: 4, protocol: 17, src: '10.0.0.1', dst: '10.1.0.9', srcPort: 5004, dstPort: 5004 });
const tcp = (timeNs: number, ipBytes: number): FixturePacket => ({ timeNs, ipBytes, version: 4, protocol: 6, src: '10.1.0.9', dst: '10.0.0.1', srcPort: 443, dstPort: 51000 });

/** The packets of both captures: a UDP stream, the TCP packets of another connection between them, an ARP frame and an IPv6 packet. */
export const FIXTURE_PACKETS: readonly FixturePacket[] = [
  udp(0, 200),
  tcp(1_000_000, 1500),
  { timeNs: 2_500_000, ipBytes: 0, version: 4, protocol: 0, src: '', dst: '', srcPort: 0, dstPort: 0 },
  udp(10_000_123, 1200),
  tcp(12_000_000, 52),
  udp(20_000_500, 60),
  { timeNs: 27_000_000, ipBytes: 1280, version: 6, protocol: 17, src: '2001:db8::1', dst: '2001:db8:0:0:1::9', srcPort: 5004, dstPort: 5004 },
  udp(35_000_000, 1500),
  tcp(40_000_001, 1500),
  udp(50_000_000, 400),
];

/** One Ethernet frame, cut to the snap length; its length on the wire (the frame's own, before the cut). */
function frame(p: FixturePacket): { bytes: Buffer; wireBytes: number } {
  const eth = Buffer.alloc(14);
  Buffer.from('020000000002', 'hex').copy(eth, 0);
  Buffer.from('020000000001', 'hex').copy(eth, 6);
  if (p.ipBytes === 0) {
    eth.writeUInt16BE(0x0806, 12);
    // An ARP request: who has 10.1.0.9, tell 10.0.0.1.
    const arp = Buffer.alloc(28);
    arp.writeUInt16BE(1, 0);
    arp.writeUInt16BE(0x0800, 2);
    arp.writeUInt8(6, 4);
    arp.writeUInt8(4, 5);
    arp.writeUInt16BE(1, 6);
    Buffer.from('020000000001', 'hex').copy(arp, 8);
    Buffer.from([10, 0, 0, 1]).copy(arp, 14);
    Buffer.from([10, 1, 0, 9]).copy(arp, 24);
    return { bytes: Buffer.concat([eth, arp]), wireBytes: 42 };
  }
  const ip = p.version === 4 ? ipv4Header(p) : ipv6Header(p);
  // The transport header: UDP with its length (checksum 0: none), or TCP with a 20 B header and ACK set.
  const transport = Buffer.alloc(p.protocol === 6 ? 20 : 8);
  transport.writeUInt16BE(p.srcPort, 0);
  transport.writeUInt16BE(p.dstPort, 2);
  if (p.protocol === 6) transport.writeUInt16BE(0x5010, 12);
  else transport.writeUInt16BE(p.ipBytes - ip.length, 4);
  eth.writeUInt16BE(p.version === 4 ? 0x0800 : 0x86dd, 12);
  const whole = Buffer.concat([eth, ip, transport, Buffer.alloc(SNAP_BYTES)]);
  return { bytes: whole.subarray(0, SNAP_BYTES), wireBytes: 14 + p.ipBytes };
}

function ipv4Header(p: FixturePacket): Buffer {
  const h = Buffer.alloc(20);
  h.writeUInt8(0x45, 0);
  h.writeUInt16BE(p.ipBytes, 2);
  h.writeUInt8(64, 8);
  h.writeUInt8(p.protocol, 9);
  p.src.split('.').forEach((b, i) => h.writeUInt8(Number(b), 12 + i));
  p.dst.split('.').forEach((b, i) => h.writeUInt8(Number(b), 16 + i));
  // The header checksum: the ones' complement of the ones' complement sum of its 16-bit words.
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += h.readUInt16BE(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  h.writeUInt16BE(~sum & 0xffff, 10);
  return h;
}

function ipv6Header(p: FixturePacket): Buffer {
  const h = Buffer.alloc(40);
  h.writeUInt8(0x60, 0);
  h.writeUInt16BE(p.ipBytes - 40, 4);
  h.writeUInt8(p.protocol, 6);
  h.writeUInt8(64, 7);
  ipv6Bytes(p.src).copy(h, 8);
  ipv6Bytes(p.dst).copy(h, 24);
  return h;
}

/** An IPv6 address with one `::` at most, as 16 bytes. */
function ipv6Bytes(text: string): Buffer {
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const b = Buffer.alloc(16);
  groups.forEach((g, i) => b.writeUInt16BE(parseInt(g, 16), 2 * i));
  return b;
}

/**
 * The packets as a pcap file: by default what test/fixtures/trace.pcap holds (little-endian,
 * microseconds, Ethernet); or big-endian, with nanoseconds, or as raw IP (link type 101), as
 * other capture tools write.
 */
export function pcapFixture(opts: { bigEndian?: boolean; nano?: boolean; rawIp?: boolean } = {}): Buffer {
  const u32 = (b: Buffer, value: number, at: number) => (opts.bigEndian === true ? b.writeUInt32BE(value, at) : b.writeUInt32LE(value, at));
  const header = Buffer.alloc(24);
  u32(header, opts.nano === true ? 0xa1b23c4d : 0xa1b2c3d4, 0);
  header.writeUInt32BE(opts.bigEndian === true ? 0x00020004 : 0x02000400, 4);
  u32(header, SNAP_BYTES, 16);
  u32(header, opts.rawIp === true ? 101 : 1, 20);
  const packets = opts.rawIp === true ? FIXTURE_PACKETS.filter((p) => p.ipBytes > 0) : FIXTURE_PACKETS;
  const records = packets.map((p) => {
    const framed = frame(p);
    const bytes = opts.rawIp === true ? framed.bytes.subarray(14) : framed.bytes;
    const r = Buffer.alloc(16);
    // Microseconds cut the fixture's sub-microsecond parts, as a pcap file would.
    const ticks = opts.nano === true ? p.timeNs : Math.floor(p.timeNs / 1000);
    const perS = opts.nano === true ? 1e9 : 1e6;
    u32(r, EPOCH_S + Math.floor(ticks / perS), 0);
    u32(r, ticks % perS, 4);
    u32(r, bytes.length, 8);
    u32(r, framed.wireBytes - (opts.rawIp === true ? 14 : 0), 12);
    return Buffer.concat([r, bytes]);
  });
  return Buffer.concat([header, ...records]);
}

/** A pcapng block: type, length, body padded to 4 bytes, length again. */
function block(type: number, body: Buffer): Buffer {
  const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
  const head = Buffer.alloc(8);
  head.writeUInt32LE(type, 0);
  head.writeUInt32LE(padded.length + 12, 4);
  const tail = Buffer.alloc(4);
  tail.writeUInt32LE(padded.length + 12, 0);
  return Buffer.concat([head, padded, tail]);
}

export function pcapngFixture(): Buffer {
  const shb = Buffer.alloc(16);
  shb.writeUInt32LE(0x1a2b3c4d, 0);
  shb.writeUInt16LE(1, 4);
  shb.writeBigInt64LE(-1n, 8);
  // An interface with if_tsresol 9 (nanoseconds), then the end of its options.
  const idb = Buffer.alloc(20);
  idb.writeUInt16LE(1, 0);
  idb.writeUInt32LE(SNAP_BYTES, 4);
  idb.writeUInt16LE(9, 8);
  idb.writeUInt16LE(1, 10);
  idb.writeUInt8(9, 12);
  const epbs = FIXTURE_PACKETS.map((p) => {
    const { bytes, wireBytes } = frame(p);
    const ns = BigInt(EPOCH_S) * 1_000_000_000n + BigInt(p.timeNs);
    const b = Buffer.alloc(20);
    b.writeUInt32LE(Number(ns >> 32n), 4);
    b.writeUInt32LE(Number(ns & 0xffffffffn), 8);
    b.writeUInt32LE(bytes.length, 12);
    b.writeUInt32LE(wireBytes, 16);
    return block(6, Buffer.concat([b, bytes]));
  });
  return Buffer.concat([block(0x0a0d0d0a, shb), block(1, idb), ...epbs]);
}

/** The CSV fixture: a few packets, times in seconds from the trace's origin (the first at 0 here). */
export const CSV_FIXTURE = 'time_s,size_bytes\n0,200\n0.01,1200\n0.0200005,60\n0.035,1500\n0.05,400\n';

export const FIXTURES: Readonly<Record<string, () => Buffer>> = {
  'trace.csv': () => Buffer.from(CSV_FIXTURE),
  'trace.pcap': () => pcapFixture(),
  'trace.pcapng': pcapngFixture,
};
