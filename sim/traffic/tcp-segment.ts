/**
 * TcpSegment: a packet of a TCP connection. Sequence numbers count payload bytes from 0 (the
 * SYN and SYN-ACK are control segments outside the byte stream). ACKs are separate segments
 * (no piggybacking), 40 bytes of IP and TCP headers like every segment's overhead.
 */
import { Packet, PacketSink } from '../net/packet';

export type SegmentKind = 'syn' | 'synack' | 'data' | 'ack';

export class TcpSegment extends Packet {
  constructor(
    sink: PacketSink,
    src: number,
    dst: number,
    flowHash: number,
    sizeBytes: number,
    sentAtNs: number,
    seq: number,
    readonly kind: SegmentKind,
    /** First payload byte (data), or 0. */
    readonly seqNo: number,
    /** Payload bytes. */
    readonly len: number,
    /** Next byte expected by the receiver (ack, synack). */
    readonly ackNo: number,
    /** SACK blocks (ack): byte ranges [start, end) received above ackNo, at most four (RFC 2018). */
    readonly sack: readonly (readonly [number, number])[] | undefined = undefined,
    /**
     * ack: the transmission number (`seq`) of the latest data segment to arrive, echoed as a TCP
     * timestamp would be (RFC 7323), so that the sender knows which of its transmissions got
     * through; -1 when none has.
     */
    readonly echoSeq = -1,
    /** ack: when that segment was sent, ns: the sender's RTT sample for this ACK (RFC 7323's RTTM). */
    readonly echoSentAtNs = 0,
  ) {
    super(sink, src, dst, flowHash, sizeBytes, sentAtNs, seq);
  }
}
