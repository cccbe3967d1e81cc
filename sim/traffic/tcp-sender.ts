/**
 * TcpSender: the sending half of a TCP connection: the handshake (SYN retried with backoff),
 * sending within min(cwnd, rwnd), fast retransmit and recovery, the retransmission timer
 * (RFC 6298, Karn's rule: retransmitted segments are never timed) with go-back-N from the first
 * unacknowledged byte after a timeout. Recovery is NewReno's (RFC 6582: one hole resent per
 * partial ACK) or, with SACK, RFC 6675's simplified: every byte below the highest SACKed one
 * that is not SACKed counts as lost, and holes are resent before new data while the bytes in
 * the network (the pipe) stay below the window; a resend of the first hole counts as lost once
 * data sent after it is SACKed (paths here keep order), and is resent. After a timeout no recovery starts until
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
  /** Holes below this byte have been resent in the current recovery. */
  private highRxt = 0;
  /** Per hole resent in this recovery (by its first byte): sndMax when it was last resent. */
  private resentBelow = new Map<number, number>();
  private readonly sack: boolean;

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
  }

  open(): void {
    this.synSentAt = this.sim.now;
    this.emit('syn', 0, 0);
    this.armTimer();
  }

  close(): void {
    this.closed = true;
    this.stopTimer();
  }

  /** When the retransmission timer fires, ns; undefined while it is off. */
  get rtoDeadlineNs(): number | undefined {
    return this.rtoAt;
  }

  /** Bytes believed in the network (RFC 6675's pipe): sent, neither acknowledged nor SACKed, nor lost and not yet resent. */
  get pipe(): number {
    return this.flight() - this.sackedBytes - this.lostNotResent();
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
    const newlySacked = this.sack ? this.noteSack(seg.ackNo, seg.sack) : 0;
    this.onAck(seg.ackNo, newlySacked);
  }

  /** Update the scoreboard from an ACK; returns the bytes it SACKed for the first time. */
  private noteSack(ackNo: number, blocks: TcpSegment['sack']): number {
    this.sackedBytes -= trimBelow(this.scoreboard, ackNo);
    let added = 0;
    for (const [a, b] of blocks ?? []) if (b > ackNo) added += insertRange(this.scoreboard, Math.max(a, ackNo), b);
    this.sackedBytes += added;
    return added;
  }

  /** Unsacked bytes below the highest SACKed byte and above what recovery has resent. */
  private lostNotResent(): number {
    let lost = 0;
    let at = Math.max(this.sndUna, this.highRxt);
    for (const [a, b] of this.scoreboard) {
      if (b <= at) continue;
      if (a > at) lost += a - at;
      at = b;
    }
    return lost;
  }

  /**
   * SACK recovery: resend holes, then new data, while the pipe (bytes believed in the network:
   * sent, neither acknowledged nor SACKed, nor lost and not yet resent; RFC 6675) stays under
   * the window. The pipe is worked out once and then kept up to date segment by segment.
   */
  private sackSend(): void {
    let pipe = this.pipe;
    let k = 0;
    while (pipe + this.mss <= this.cc.cwnd) {
      // The next hole above what was resent: scanning resumes where the last one was found.
      let at = Math.max(this.sndUna, this.highRxt);
      let hole: [number, number] | undefined;
      for (; k < this.scoreboard.length; k++) {
        const [a, b] = this.scoreboard[k]!;
        if (b <= at) continue;
        if (a > at) {
          hole = [at, Math.min(this.mss, a - at)];
          break;
        }
        at = b;
      }
      if (hole !== undefined) {
        this.retransmit(hole[0], hole[1]);
        this.highRxt = hole[0] + hole[1];
        pipe += hole[1];
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

  private onAck(ackNo: number, newlySacked: number): void {
    const now = this.sim.now;
    if (ackNo > this.sndUna) {
      const acked = ackNo - this.sndUna;
      this.sndUna = ackNo;
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
        this.cc.onAck(acked, now, this.rtt.srttNs);
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
      if (this.dupAcks === DUPACK_THRESHOLD && !this.inRecovery && ackNo >= this.recover) {
        this.cc.onCongestion(this.flight(), now);
        this.inRecovery = true;
        this.resentBelow.clear();
        this.partialAcked = false;
        this.recover = this.sndMax;
        this.highRxt = this.sndUna;
        if (this.sack) {
          this.retransmit(this.sndUna);
          this.highRxt = this.sndUna + Math.min(this.mss, this.flight());
        } else {
          this.retransmit(this.sndUna);
          this.cc.cwnd += DUPACK_THRESHOLD * this.mss;
        }
        this.noteCwnd();
      } else if (this.inRecovery && !this.sack) {
        this.cc.cwnd += this.mss;
        this.noteCwnd();
      }
    }
    if (this.inRecovery && this.sack) {
      this.resendLostRetransmission();
      this.sackSend();
    } else this.trySend();
  }

  /**
   * RFC 6675 never resends a hole twice, so a lost retransmission of the first hole stalls the
   * recovery until the timer fires. On these order-keeping paths, data SACKed above what had
   * been sent when the hole was resent proves that resend lost (as Linux's lost-retransmit
   * detection does): resend it again.
   */
  private resendLostRetransmission(): void {
    const top = this.scoreboard[this.scoreboard.length - 1];
    if (top !== undefined && top[1] > (this.resentBelow.get(this.sndUna) ?? Infinity)) this.retransmit(this.sndUna);
  }

  /** Send new data (or resend after a timeout) while the windows allow, at most `limit` segments. */
  private trySend(limit = Infinity): void {
    if (!this.established || this.closed) return;
    const window = this.inRecovery && this.sack ? this.rwndBytes : Math.min(this.cc.cwnd, this.rwndBytes);
    const end = this.sim.now < this.stopNs ? this.totalBytes : this.sndMax;
    for (let n = 0; n < limit && this.skipSacked() < end && this.sndNxt - this.sndUna + Math.min(this.mss, end - this.sndNxt) <= window; n++) {
      const len = Math.min(this.mss, end - this.sndNxt, this.nextSackedAbove(this.sndNxt) - this.sndNxt);
      const isRetransmit = this.sndNxt < this.sndMax;
      if (isRetransmit) {
        this.tcp.retransmitted();
        // A hole resent after a timeout is back in the network: the pipe counts it (RFC 6675's HighRxt).
        this.highRxt = Math.max(this.highRxt, this.sndNxt + len);
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
    if (this.sack) this.resentBelow.set(from, this.sndMax);
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
    this.highRxt = this.sndUna;
    this.resentBelow.clear();
    // Go back N: resend from the first unacknowledged byte as the window reopens, skipping what
    // the receiver has SACKed (RFC 6675 §5.1: the SACK information is kept across the timeout;
    // receivers here never renege).
    this.sndNxt = this.sndUna;
    this.armTimer();
    this.trySend();
  };

  private emit(kind: 'syn' | 'data', seqNo: number, len: number): void {
    const sink = this.receiver;
    const seg = new TcpSegment(sink, this.here.index, this.there.index, this.flowHash, len + TCP_IP_HEADER_BYTES, this.sim.now, this.seq++, kind, seqNo, len, 0);
    if (kind === 'data') this.stats.onSend(seg);
    this.here.receive(seg, undefined);
  }
}
