/**
 * TcpSender: the sending half of a TCP connection: the handshake (SYN retried with backoff),
 * sending within min(cwnd, rwnd), optionally paced, slow start (HyStart++ or RFC 5681's), fast
 * retransmit and recovery, the retransmission timer (RFC 6298, Karn's rule: retransmitted
 * segments are never timed) with go-back-N from the first unacknowledged byte after a timeout.
 * Recovery is NewReno's (RFC 6582: one hole resent per partial ACK) or, with SACK, RFC 6675's
 * simplified: every byte below the highest SACKed one that is not SACKed counts as lost, a
 * resent piece counts as lost again once a later transmission has arrived (paths here keep
 * order), and lost pieces are resent before new data while the bytes in the network (the pipe)
 * stay below the window, which PRR sets per ACK. After a timeout no recovery starts until
 * everything sent before it is acknowledged (RFC 6582 §3.2 step 1, RFC 6675 §5.1), and the
 * congestion window never exceeds the receiver's.
 */
import type { ScheduledEvent } from '../kernel/event-queue';
import type { Simulator } from '../kernel/simulator';
import type { FlowStats } from '../metrics/flow-stats';
import type { TcpStats } from '../metrics/tcp-stats';
import type { NetNode } from '../net/net-node';
import type { Packet, PacketSink } from '../net/packet';
import type { TcpConfig } from '../scenario/types';
import { TCP_IP_HEADER_BYTES } from '../domain/expressroute';
import { CongestionControl, Cubic, NewReno } from './congestion-control';
import { HyStartPlusPlus } from './hystart';
import { ProportionalRateReduction } from './prr';
import { RttEstimator } from './rtt-estimator';
import { ByteRange, insertRange, trimBelow } from './byte-ranges';
import { TcpSegment } from './tcp-segment';

const DUPACK_THRESHOLD = 3;

export class TcpSender implements PacketSink {
  /** The receiver data segments go to. */
  receiver!: PacketSink;
  readonly cc: CongestionControl;
  private readonly rtt: RttEstimator;
  private established = false;
  private sndUna = 0;
  private sndNxt = 0;
  private sndMax = 0;
  private dupAcks = 0;
  private inRecovery = false;
  private recover = 0;
  private rtoTimer: ScheduledEvent | undefined;
  /** With pacing: when the next data segment may leave, ns, and the wake-up set for it. */
  private nextSendNs = 0;
  private paceTimer: ScheduledEvent | undefined;
  /** When the retransmission timer fires, ns; undefined while it is off. */
  private rtoAt: number | undefined;
  /** Whether the timer has fired since new data was last acknowledged (RFC 5681 §3.1: then ssthresh is held). */
  private backedOff = false;
  /** Whether the current NewReno recovery has seen a partial ACK (RFC 6582 §3.2 step 5: only the first re-arms the timer). */
  private partialAcked = false;
  /** The one segment being timed: its end, and when it left. */
  private timed: { end: number; at: number } | undefined;
  private synSentAt = 0;
  private synRetransmitted = false;
  private seq = 0;
  private closed = false;
  /** SACKed ranges above sndUna, sorted and disjoint. */
  private scoreboard: ByteRange[] = [];
  private sackedBytes = 0;
  /** Per piece of a hole resent since the last recovery or timeout began (by its first byte): the transmission number of its latest resend. */
  private resent = new Map<number, number>();
  /** The latest transmission the receiver reports to have arrived (echoed in its ACKs). */
  private arrivedSeq = -1;
  private readonly sack: boolean;
  /** PRR's state when SACK recovery follows RFC 6937; undefined: RFC 6675's (cwnd = ssthresh throughout). */
  private readonly prr: ProportionalRateReduction | undefined;
  /** HyStart++ during the initial slow start (RFC 9406 §4.3: only then); undefined once it is over or with standard slow start. */
  private hystart: HyStartPlusPlus | undefined;
  private readonly pacing: boolean;

  constructor(
    private readonly sim: Simulator,
    private readonly here: NetNode,
    private readonly there: NetNode,
    private readonly flowHash: number,
    cfg: TcpConfig,
    readonly mss: number,
    /** Bytes to send (Infinity: until `stopNs`). */
    private readonly totalBytes: number,
    private readonly stopNs: number,
    private readonly stats: FlowStats,
    private readonly tcp: TcpStats,
    private readonly rwndBytes: number,
    /** Called once every byte is acknowledged. */
    private readonly onDone: (() => void) | undefined,
  ) {
    this.cc = cfg.cc === 'cubic' ? new Cubic(mss, cfg.initialWindowSegments) : new NewReno(mss, cfg.initialWindowSegments);
    this.rtt = new RttEstimator(cfg.minRtoNs, cfg.maxRtoNs);
    this.sack = cfg.sack;
    this.prr = cfg.sack && cfg.recovery === 'prr' ? new ProportionalRateReduction() : undefined;
    this.hystart = cfg.slowStart === 'hystart++' ? new HyStartPlusPlus() : undefined;
    this.pacing = cfg.pacing;
  }

  open(): void {
    this.synSentAt = this.sim.now;
    this.emit('syn', 0, 0);
    this.armTimer();
  }

  close(): void {
    this.closed = true;
    this.stopTimer();
    this.sim.cancel(this.paceTimer);
  }

  /** When the retransmission timer fires, ns; undefined while it is off. */
  get rtoDeadlineNs(): number | undefined {
    return this.rtoAt;
  }

  /** Bytes believed in the network (RFC 6675's pipe): sent, neither acknowledged nor SACKed, nor lost and not yet resent. */
  get pipe(): number {
    return this.flight() - this.sackedBytes - this.lostBytes();
  }

  onDeliver(p: Packet): void {
    if (this.closed) return;
    const seg = p as TcpSegment;
    if (seg.kind === 'synack') {
      if (this.established) return;
      this.established = true;
      if (!this.synRetransmitted) this.rtt.sample(this.sim.now - this.synSentAt);
      this.stopTimer();
      this.trySend();
      return;
    }
    if (seg.kind !== 'ack') return;
    if (seg.echoSeq > this.arrivedSeq) this.arrivedSeq = seg.echoSeq;
    const sackedBefore = this.sackedBytes;
    const newlySacked = this.sack ? this.noteSack(seg.ackNo, seg.sack) : 0;
    this.onAck(seg.ackNo, newlySacked, this.sackedBytes - sackedBefore, seg.echoSeq >= 0 ? this.sim.now - seg.echoSentAtNs : undefined);
  }

  /** Update the scoreboard from an ACK; returns the bytes it SACKed for the first time. */
  private noteSack(ackNo: number, blocks: TcpSegment['sack']): number {
    this.sackedBytes -= trimBelow(this.scoreboard, ackNo);
    let added = 0;
    for (const [a, b] of blocks ?? []) if (b > ackNo) added += insertRange(this.scoreboard, Math.max(a, ackNo), b);
    this.sackedBytes += added;
    return added;
  }

  /**
   * Whether the piece of a hole that starts at `at` is lost: never resent, or resent before a
   * transmission that has since arrived. These paths keep a flow's order, so a resend that did
   * not arrive before a later transmission is lost (Linux's RACK reasons the same way by time).
   */
  private isLostPiece(at: number): boolean {
    const seq = this.resent.get(at);
    return seq === undefined || seq < this.arrivedSeq;
  }

  /** The lost pieces of the holes below the highest SACKed byte, in order: [first byte, length], each at most a segment. */
  private *lostPieces(): Generator<[number, number]> {
    let at = this.sndUna;
    for (const [a, b] of this.scoreboard) {
      for (let x = at; x < a; x += this.mss) if (this.isLostPiece(x)) yield [x, Math.min(this.mss, a - x)];
      at = Math.max(at, b);
    }
  }

  /** Bytes lost and not (successfully) resent: RFC 6675's holes that count outside the pipe. */
  private lostBytes(): number {
    let lost = 0;
    for (const [, len] of this.lostPieces()) lost += len;
    return lost;
  }

  /** RFC 6675's IsLost(SND.UNA): more than DupThresh - 1 segments' worth of data SACKed above the first unacknowledged byte. */
  private firstSegmentLost(): boolean {
    return this.sackedBytes > (DUPACK_THRESHOLD - 1) * this.mss;
  }

  /**
   * SACK recovery: resend holes, then new data, while the pipe (bytes believed in the network:
   * sent, neither acknowledged nor SACKed, nor lost and not yet resent; RFC 6675) stays under
   * the window. The pipe is worked out once and then kept up to date segment by segment.
   */
  private sackSend(): void {
    let pipe = this.pipe;
    const lost = this.lostPieces();
    let hole = lost.next();
    while (pipe + this.mss <= this.cc.cwnd && !this.heldByPacing()) {
      if (!hole.done) {
        const [at, len] = hole.value;
        this.retransmit(at, len);
        pipe += len;
        hole = lost.next();
        continue;
      }
      const before = this.sndNxt;
      this.trySend(1);
      if (this.sndNxt === before) break;
      pipe += this.sndNxt - before;
    }
  }

  onDrop(): void {
    this.tcp.ackDrops++;
  }

  private flight(): number {
    return this.sndMax - this.sndUna;
  }

  /** `sackedChange`: the change in SACKed bytes (negative when the cumulative ACK covers SACKed data). */
  private onAck(ackNo: number, newlySacked: number, sackedChange: number, rttNs: number | undefined): void {
    const now = this.sim.now;
    // What this ACK reports delivered (RFC 6937's DeliveredData).
    const delivered = Math.max(ackNo - this.sndUna, 0) + sackedChange;
    if (ackNo > this.sndUna) {
      const acked = ackNo - this.sndUna;
      this.sndUna = ackNo;
      for (const at of this.resent.keys()) if (at < ackNo) this.resent.delete(at);
      this.backedOff = false;
      if (this.sndNxt < this.sndUna) this.sndNxt = this.sndUna;
      if (this.timed !== undefined && ackNo >= this.timed.end) {
        this.rtt.sample(now - this.timed.at);
        this.timed = undefined;
      }
      // RFC 6298 (5.3): new data acknowledged restarts the timer, except NewReno's later partial ACKs.
      let restartTimer = true;
      if (this.inRecovery && this.sack) {
        if (ackNo >= this.recover) {
          this.inRecovery = false;
          this.cc.cwnd = this.cc.ssthresh;
          this.dupAcks = 0;
        }
      } else if (this.inRecovery) {
        if (ackNo >= this.recover) {
          // Full ACK: leave recovery with the window deflated to ssthresh (RFC 6582 §3.2 step 3).
          this.inRecovery = false;
          this.cc.cwnd = Math.min(this.cc.ssthresh, this.flight() + this.mss);
          this.dupAcks = 0;
        } else {
          // Partial ACK: the next hole is lost too; resend it and deflate by what was acknowledged.
          // Only the first one restarts the timer, so that many holes end in a timeout rather
          // than one resent segment per round trip (RFC 6582 §3.2 step 5).
          this.retransmit(this.sndUna);
          this.cc.cwnd = Math.max(this.cc.cwnd - acked + this.mss, this.mss);
          restartTimer = !this.partialAcked;
          this.partialAcked = true;
        }
      } else {
        this.dupAcks = 0;
        this.cc.onAck(acked, now, this.rtt.srttNs, this.slowStartBytes(ackNo, acked, rttNs));
      }
      this.noteCwnd();
      if (this.sndUna >= this.totalBytes) {
        this.close();
        this.onDone?.();
        return;
      }
      if (this.flight() === 0) this.stopTimer();
      else if (restartTimer) this.armTimer();
    } else if (ackNo === this.sndUna && this.flight() > 0 && (!this.sack || newlySacked > 0)) {
      // With SACK, a duplicate ACK is one that reports data not reported before (RFC 6675 §2),
      // so a resend of what the receiver holds cannot trigger recovery. No recovery starts below
      // `recover`, where duplicates are expected: the end of the last recovery, or what was sent
      // before a timeout (RFC 6582 §3.2 step 1, RFC 6675 §5.1).
      this.dupAcks++;
      if (this.inRecovery && !this.sack) {
        this.cc.cwnd += this.mss;
        this.noteCwnd();
      }
    }
    // Recovery starts at the third duplicate ACK or, with SACK, as soon as the scoreboard shows
    // the first unacknowledged segment lost (RFC 6675 §5 step 4: also when a recovery ends with
    // holes left above its recovery point), never below `recover`.
    const lossSeen = this.dupAcks >= DUPACK_THRESHOLD || (this.sack && this.firstSegmentLost());
    if (!this.inRecovery && lossSeen && ackNo >= this.recover && this.flight() > 0) this.enterRecovery(now);
    if (this.inRecovery && this.sack) {
      if (this.prr !== undefined) {
        const pipe = this.pipe;
        this.cc.cwnd = pipe + this.prr.onAck(delivered, pipe, this.cc.ssthresh, this.mss);
        this.noteCwnd();
      }
      this.sackSend();
    } else this.trySend();
  }

  /** What slow start adds for an ACK: HyStart++'s growth in the initial slow start, else at most two segments (RFC 3465, L = 2). */
  private slowStartBytes(ackNo: number, acked: number, rttNs: number | undefined): number {
    if (this.hystart === undefined || this.cc.cwnd >= this.cc.ssthresh) return Math.min(acked, 2 * this.mss);
    if (this.hystart.onAck(ackNo, this.sndNxt, rttNs) === 'done') {
      this.hystart = undefined;
      this.cc.ssthresh = this.cc.cwnd;
      return 0;
    }
    return this.hystart.increase(acked, this.mss, this.pacing);
  }

  /** Fast retransmit: reduce the window and resend the first unacknowledged segment. */
  private enterRecovery(now: number): void {
    this.hystart = undefined;
    this.cc.onCongestion(this.flight(), now);
    this.prr?.start(this.flight());
    this.inRecovery = true;
    this.resent.clear();
    this.partialAcked = false;
    this.recover = this.sndMax;
    this.retransmit(this.sndUna);
    if (!this.sack) this.cc.cwnd += DUPACK_THRESHOLD * this.mss;
    this.noteCwnd();
  }

  /** Send new data (or resend after a timeout) while the windows allow, at most `limit` segments. */
  private trySend(limit = Infinity): void {
    if (!this.established || this.closed) return;
    const window = this.inRecovery && this.sack ? this.rwndBytes : Math.min(this.cc.cwnd, this.rwndBytes);
    const end = this.sim.now < this.stopNs ? this.totalBytes : this.sndMax;
    for (let n = 0; n < limit && this.skipSacked() < end && this.sndNxt - this.sndUna + Math.min(this.mss, end - this.sndNxt) <= window && !this.heldByPacing(); n++) {
      const len = Math.min(this.mss, end - this.sndNxt, this.nextSackedAbove(this.sndNxt) - this.sndNxt);
      const isRetransmit = this.sndNxt < this.sndMax;
      if (isRetransmit) {
        this.tcp.retransmitted();
        // A hole resent after a timeout is back in the network: the pipe counts it.
        this.resent.set(this.sndNxt, this.seq);
      } else if (this.timed === undefined) this.timed = { end: this.sndNxt + len, at: this.sim.now };
      this.emit('data', this.sndNxt, len);
      this.sndNxt += len;
      if (this.sndNxt > this.sndMax) this.sndMax = this.sndNxt;
      if (this.rtoTimer === undefined) this.armTimer();
    }
  }

  /** Move sndNxt past a SACKed range it stands in (resending after a timeout); returns it. */
  private skipSacked(): number {
    for (const [a, b] of this.scoreboard) {
      if (a > this.sndNxt) break;
      if (b > this.sndNxt) this.sndNxt = b;
    }
    return this.sndNxt;
  }

  /** Start of the first SACKed range above `at`, so that a resent segment stops short of it. */
  private nextSackedAbove(at: number): number {
    for (const [a] of this.scoreboard) if (a > at) return a;
    return Infinity;
  }

  private retransmit(from: number, upTo = this.mss): void {
    const len = Math.min(upTo, this.sndMax - from);
    if (len <= 0) return;
    this.tcp.retransmitted();
    if (this.timed !== undefined && this.timed.end > from) this.timed = undefined;
    this.resent.set(from, this.seq);
    this.emit('data', from, len);
  }

  /** Keep the congestion window within the receiver's and publish it. */
  private noteCwnd(): void {
    if (this.cc.cwnd > this.rwndBytes) this.cc.cwnd = this.rwndBytes;
    this.tcp.cwndBytes = this.cc.cwnd;
  }

  private armTimer(): void {
    this.sim.cancel(this.rtoTimer);
    this.rtoTimer = this.sim.schedule(this.rtt.rto, this.onTimeout);
    this.rtoAt = this.sim.now + this.rtt.rto;
  }

  private stopTimer(): void {
    this.sim.cancel(this.rtoTimer);
    this.rtoTimer = undefined;
    this.rtoAt = undefined;
  }

  private readonly onTimeout = (): void => {
    this.rtoTimer = undefined;
    this.rtoAt = undefined;
    if (this.closed) return;
    this.rtt.backoff();
    if (!this.established) {
      this.synRetransmitted = true;
      this.emit('syn', 0, 0);
      this.armTimer();
      return;
    }
    this.tcp.timedOutRto();
    this.hystart = undefined;
    // ssthresh from FlightSize (RFC 5681 eq. 4): what was sent and not acknowledged, less what
    // the receiver holds (SACKed). A timeout of a segment the timer already resent keeps the
    // ssthresh the first timeout set (RFC 5681 §3.1). One that ends a fast recovery means a
    // retransmission was lost, a further congestion signal: the window recovery kept in the
    // network (ssthresh; NewReno's inflation is not data in flight) is reduced once more, not
    // the data sent and SACKed during the recovery.
    if (this.backedOff) this.cc.cwnd = this.mss;
    else this.cc.onTimeout(this.inRecovery ? this.cc.ssthresh : this.flight() - this.sackedBytes, this.sim.now);
    this.backedOff = true;
    this.noteCwnd();
    this.inRecovery = false;
    this.recover = this.sndMax;
    this.dupAcks = 0;
    this.timed = undefined;
    this.resent.clear();
    // Go back N: resend from the first unacknowledged byte as the window reopens, skipping what
    // the receiver has SACKed (RFC 6675 §5.1: the SACK information is kept across the timeout;
    // receivers here never renege).
    this.sndNxt = this.sndUna;
    this.armTimer();
    this.trySend();
  };

  /** Whether pacing holds the next data segment back; if so, a wake-up is set for when it may leave. */
  private heldByPacing(): boolean {
    if (!this.pacing || this.sim.now >= this.nextSendNs) return false;
    this.paceTimer ??= this.sim.schedule(this.nextSendNs - this.sim.now, this.paceWake);
    return true;
  }

  private readonly paceWake = (): void => {
    this.paceTimer = undefined;
    if (this.closed) return;
    if (this.inRecovery && this.sack) this.sackSend();
    else this.trySend();
  };

  /**
   * Space data segments at the pacing rate, cwnd / SRTT times 2 while cwnd is below half of
   * ssthresh (slow start) and 1.2 after it, as Linux does with the fq qdisc
   * (tcp_pacing_ss_ratio, tcp_pacing_ca_ratio).
   */
  private paceAfter(wireBytes: number): void {
    if (!this.pacing || this.rtt.srttNs === 0) return;
    const ratio = this.cc.cwnd < this.cc.ssthresh / 2 ? 2 : 1.2;
    const bytesPerNs = (ratio * this.cc.cwnd) / this.rtt.srttNs;
    this.nextSendNs = Math.max(this.nextSendNs, this.sim.now) + Math.ceil(wireBytes / bytesPerNs);
  }

  private emit(kind: 'syn' | 'data', seqNo: number, len: number): void {
    const sink = this.receiver;
    const seg = new TcpSegment(sink, this.here.index, this.there.index, this.flowHash, len + TCP_IP_HEADER_BYTES, this.sim.now, this.seq++, kind, seqNo, len, 0);
    if (kind === 'data') {
      this.stats.onSend(seg);
      if (this.inRecovery) this.prr?.sent(len);
      this.paceAfter(seg.sizeBytes);
    }
    this.here.receive(seg, undefined);
  }
}
