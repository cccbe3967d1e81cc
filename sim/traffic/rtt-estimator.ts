/**
 * RttEstimator: the retransmission timeout of RFC 6298: SRTT and RTTVAR from samples (alpha
 * 1/8, beta 1/4), RTO = SRTT + max(G, 4 RTTVAR) within [minRto, maxRto], an initial RTO of
 * 1 s, and exponential backoff after a timeout until the next fresh sample (Karn's rule: the
 * caller never samples a retransmitted segment).
 */

/** Clock granularity G: the simulator's clock is exact, so only the 1 ms of common stacks' timers is kept. */
const GRANULARITY_NS = 1_000_000;
const INITIAL_RTO_NS = 1_000_000_000;

export class RttEstimator {
  srttNs = 0;
  rttvarNs = 0;
  private rtoNs = INITIAL_RTO_NS;
  private sampled = false;

  constructor(
    private readonly minRtoNs: number,
    private readonly maxRtoNs: number,
  ) {}

  get rto(): number {
    return this.rtoNs;
  }

  sample(rttNs: number): void {
    if (!this.sampled) {
      this.srttNs = rttNs;
      this.rttvarNs = rttNs / 2;
      this.sampled = true;
    } else {
      this.rttvarNs = 0.75 * this.rttvarNs + 0.25 * Math.abs(this.srttNs - rttNs);
      this.srttNs = 0.875 * this.srttNs + 0.125 * rttNs;
    }
    this.rtoNs = Math.min(this.maxRtoNs, Math.max(this.minRtoNs, Math.round(this.srttNs + Math.max(GRANULARITY_NS, 4 * this.rttvarNs))));
  }

  /** After a timeout: double the RTO (RFC 6298 §5.5). */
  backoff(): void {
    this.rtoNs = Math.min(this.maxRtoNs, this.rtoNs * 2);
  }
}
