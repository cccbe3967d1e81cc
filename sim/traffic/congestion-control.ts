/**
 * Congestion control: how the congestion window (bytes) grows with ACKs and shrinks on loss.
 * NewReno: slow start and congestion avoidance of RFC 5681 (one segment per RTT, counted per
 * ACK, so delayed ACKs halve the growth as the Mathis formula's b = 2 assumes), halving on loss.
 * CUBIC: RFC 9438 (C = 0.4, beta = 0.7, fast convergence, the Reno-friendly region).
 */

export interface CongestionControl {
  cwnd: number;
  ssthresh: number;
  /** New data acknowledged outside loss recovery; `slowStartBytes`: what slow start adds for it (the slow-start algorithm's choice). */
  onAck(ackedBytes: number, now: number, srttNs: number, slowStartBytes: number): void;
  /** Loss found by duplicate ACKs: set ssthresh and the window recovery starts from. */
  onCongestion(flightBytes: number, now: number): void;
  /** Retransmission timeout: back to one segment; `flightBytes` is FlightSize less what the receiver has SACKed. */
  onTimeout(flightBytes: number, now: number): void;
}

export class NewReno implements CongestionControl {
  cwnd: number;
  ssthresh = Infinity;

  constructor(private readonly mss: number, initialWindowSegments: number) {
    this.cwnd = initialWindowSegments * mss;
  }

  onAck(_ackedBytes: number, _now: number, _srttNs: number, slowStartBytes: number): void {
    if (this.cwnd < this.ssthresh) this.cwnd += slowStartBytes;
    else this.cwnd += (this.mss * this.mss) / this.cwnd;
  }

  onCongestion(flightBytes: number): void {
    this.halve(flightBytes);
    this.cwnd = this.ssthresh;
  }

  onTimeout(flightBytes: number): void {
    this.halve(flightBytes);
    this.cwnd = this.mss;
  }

  /**
   * ssthresh = FlightSize / 2 (RFC 5681 eq. 4), the flight capped at cwnd as CUBIC's is: after a
   * long SACK recovery the data sent and not yet cumulatively acknowledged can be many windows.
   */
  private halve(flightBytes: number): void {
    this.ssthresh = Math.max(Math.min(flightBytes, this.cwnd) / 2, 2 * this.mss);
  }
}

const CUBIC_C = 0.4;
const CUBIC_BETA = 0.7;

export class Cubic implements CongestionControl {
  cwnd: number;
  ssthresh = Infinity;
  /** Window before the last reduction, and the one before it (fast convergence), in segments. */
  private wMax = 0;
  private wLastMax = 0;
  private k = 0;
  /** Start of the current congestion-avoidance epoch, ns; -1 when none. */
  private epochNs = -1;
  /** The window at the start of the epoch, segments: where the Reno-friendly estimate starts. */
  private wEst = 0;

  constructor(private readonly mss: number, initialWindowSegments: number) {
    this.cwnd = initialWindowSegments * mss;
  }

  onAck(ackedBytes: number, now: number, srttNs: number, slowStartBytes: number): void {
    if (this.cwnd < this.ssthresh) {
      this.cwnd += slowStartBytes;
      return;
    }
    const segs = this.cwnd / this.mss;
    if (this.epochNs < 0) {
      this.epochNs = now;
      if (segs < this.wMax) this.k = Math.cbrt((this.wMax - segs) / CUBIC_C);
      else {
        this.k = 0;
        this.wMax = segs;
      }
      this.wEst = segs;
    }
    const t = (now - this.epochNs + srttNs) / 1e9;
    const target = CUBIC_C * Math.pow(t - this.k, 3) + this.wMax;
    // The Reno-friendly estimate grows by 3 (1 - beta) / (1 + beta) segments per window of ACKs (RFC 9438 §4.3).
    this.wEst += ((3 * (1 - CUBIC_BETA)) / (1 + CUBIC_BETA)) * (ackedBytes / this.mss / segs);
    if (this.wEst > target) this.cwnd = this.wEst * this.mss;
    else if (target > segs) this.cwnd += ((target - segs) / segs) * this.mss * (ackedBytes / this.mss);
  }

  onCongestion(flightBytes: number): void {
    this.reduce(flightBytes);
    this.cwnd = this.ssthresh;
  }

  onTimeout(flightBytes: number): void {
    this.reduce(flightBytes);
    this.cwnd = this.mss;
  }

  private reduce(flightBytes: number): void {
    const segs = this.cwnd / this.mss;
    // Fast convergence: a flow whose window did not regain its last maximum releases bandwidth sooner.
    this.wMax = segs < this.wLastMax ? (segs * (1 + CUBIC_BETA)) / 2 : segs;
    this.wLastMax = segs;
    this.ssthresh = Math.max(Math.min(flightBytes, this.cwnd) * CUBIC_BETA, 2 * this.mss);
    this.epochNs = -1;
  }
}
