/**
 * TcpReceiver: the receiving half of a TCP connection. Answers the SYN, reassembles the byte
 * stream (out-of-order data is kept and acknowledged with a duplicate ACK at once, RFC 5681
 * §4.2), and acknowledges in-order data every second full segment or after the delayed-ACK
 * timeout when delayed ACKs are on, else every segment.
 */
import type { ScheduledEvent } from '../kernel/event-queue';
import type { Simulator } from '../kernel/simulator';
import type { FlowStats } from '../metrics/flow-stats';
import type { TcpStats } from '../metrics/tcp-stats';
import type { NetNode } from '../net/net-node';
import type { Packet, PacketSink } from '../net/packet';
import type { DropCause } from '../trace/trace-bus';
import type { TcpConfig } from '../scenario/types';
import { ByteRange, insertRange } from './byte-ranges';
import { TcpSegment } from './tcp-segment';
import { TCP_IP_HEADER_BYTES } from '../domain/expressroute';

/** SACK blocks an ACK carries: four fit in the 40 bytes of TCP options (RFC 2018). */
const MAX_SACK_BLOCKS = 4;

export class TcpReceiver implements PacketSink {
  /** The sender the ACKs go to. */
  sender!: PacketSink;
  private rcvNxt = 0;
  /** Out-of-order byte ranges [start, end), sorted and disjoint. */
  private ranges: ByteRange[] = [];
  private unacked = 0;
  /** First byte of the latest out-of-order segment: its SACK block goes first. */
  private latestSeq = -1;
  private delack: ScheduledEvent | undefined;
  private seq = 0;
  /** Transmission number of the latest data segment to arrive (echoed in every ACK). */
  private latestArrival = -1;
  private latestArrivalSentAt = 0;
  private closed = false;

  constructor(
    private readonly sim: Simulator,
    /** This receiver's node, and the sender's. */
    private readonly here: NetNode,
    private readonly there: NetNode,
    private readonly flowHash: number,
    private readonly cfg: TcpConfig,
    private readonly stats: FlowStats,
    private readonly tcp: TcpStats,
    /** Called when this many in-order bytes have arrived (request flows). */
    private readonly expect: { bytes: number; then: () => void } | undefined,
  ) {}

  onDeliver(p: Packet, now: number): void {
    if (this.closed) return;
    const seg = p as TcpSegment;
    if (seg.kind === 'syn') return this.sendAck('synack');
    if (seg.kind !== 'data') return;
    this.stats.onDeliver(p, now);
    this.latestArrival = seg.seq;
    this.latestArrivalSentAt = seg.sentAtNs;
    const end = seg.seqNo + seg.len;
    if (end <= this.rcvNxt) return this.sendAck('ack');
    if (seg.seqNo > this.rcvNxt) {
      this.latestSeq = seg.seqNo;
      this.addRange(seg.seqNo, end);
      return this.sendAck('ack');
    }
    const before = this.rcvNxt;
    const hadHoles = this.ranges.length > 0;
    this.rcvNxt = end;
    while (this.ranges.length > 0 && this.ranges[0]![0] <= this.rcvNxt) this.rcvNxt = Math.max(this.rcvNxt, this.ranges.shift()![1]);
    this.tcp.delivered(this.rcvNxt - before);
    if (this.expect !== undefined && this.rcvNxt >= this.expect.bytes) {
      this.sendAck('ack');
      this.expect.then();
      return;
    }
    // A segment that fills a hole is acknowledged at once (RFC 5681 §4.2).
    if (!this.cfg.delayedAck || hadHoles || ++this.unacked >= 2) return this.sendAck('ack');
    if (this.delack === undefined) this.delack = this.sim.schedule(this.cfg.delayedAckNs, this.delackFired);
  }

  onDrop(p: Packet, cause: DropCause, now: number): void {
    if ((p as TcpSegment).kind === 'data') this.stats.onDrop(p, cause, now);
  }

  close(): void {
    this.closed = true;
    this.sim.cancel(this.delack);
  }

  private readonly delackFired = (): void => {
    this.delack = undefined;
    if (this.unacked > 0) this.sendAck('ack');
  };

  private addRange(start: number, end: number): void {
    insertRange(this.ranges, start, end);
  }

  private sendAck(kind: 'ack' | 'synack'): void {
    this.unacked = 0;
    this.sim.cancel(this.delack);
    this.delack = undefined;
    // SACK blocks ride in the TCP options (their bytes are not counted on the wire): first the
    // block holding the latest segment, then the highest others (RFC 2018 §4 asks for recency).
    let sack: [number, number][] | undefined;
    if (this.cfg.sack && this.ranges.length > 0) {
      const latest = this.ranges.find(([a, b]) => a <= this.latestSeq && this.latestSeq < b);
      const others = this.ranges.filter((r) => r !== latest).reverse();
      sack = (latest !== undefined ? [latest, ...others] : others).slice(0, MAX_SACK_BLOCKS).map(([a, b]) => [a, b]);
    }
    const ack = new TcpSegment(this.sender, this.here.index, this.there.index, this.flowHash, TCP_IP_HEADER_BYTES, this.sim.now, this.seq++, kind, 0, 0, this.rcvNxt, sack, this.latestArrival, this.latestArrivalSentAt);
    this.here.receive(ack, undefined);
  }
}
