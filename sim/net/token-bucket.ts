/**
 * TokenBucket: a single-rate policer. Traffic above the rate is dropped, not queued, which is
 * how ExpressRoute enforces a circuit's bandwidth on each leg [RLPROV][FAQ23]; the same
 * mechanism caps an ExpressRoute gateway's bits and packets per second [ERGWPERF24].
 */
import { NS_PER_S } from '../kernel/time';

export class TokenBucket {
  private tokens: number;
  private lastNs = 0;
  /** Tokens per second fluid flows use (sim/net/fluid-network.ts): packets get the rest. */
  private fluidPerS = 0;
  /**
   * When fluid flows offer more than the rate, the bucket passes this fraction of what it is
   * offered, packets included (as a policer does to everyone): every packet adds it to a credit
   * and passes when the credit reaches one, so no random draw is needed.
   */
  private passFraction = 1;
  private passCredit = 0;

  constructor(
    /** Tokens added per second (bytes/s for a bit-rate policer, packets/s for a packet policer). */
    readonly ratePerS: number,
    /** Bucket depth, in tokens. */
    readonly depth: number,
  ) {
    this.tokens = depth;
  }

  /** Fluid flows use `fluidPerS` tokens per second of it and, above its rate, thin what it passes to `passFraction`; (0, 1) gives it back to packets alone. */
  shareWithFluid(fluidPerS: number, passFraction: number): void {
    this.fluidPerS = fluidPerS;
    this.passFraction = passFraction;
  }

  /** Whether fluid flows overload the bucket, so that it thins what it passes instead of counting tokens. */
  get thinning(): boolean {
    return this.passFraction < 1;
  }

  /** The tokens accrue up to `now` (at the rate the fluid leaves): the bucket's content is a function of time, so this changes nothing a query sees. */
  private refill(now: number): void {
    if (now > this.lastNs) {
      this.tokens = Math.min(this.depth, this.tokens + ((now - this.lastNs) * Math.max(0, this.ratePerS - this.fluidPerS)) / NS_PER_S);
      this.lastNs = now;
    }
  }

  /** Whether `amount` tokens are available at `now`: a query, it takes nothing. */
  has(now: number, amount: number): boolean {
    this.refill(now);
    return this.tokens >= amount;
  }

  /** Under thinning: whether the packet now offered is one of the fraction passed (its share joins the credit). */
  passThinned(): boolean {
    this.passCredit += this.passFraction;
    if (this.passCredit < 1) return false;
    this.passCredit -= 1;
    return true;
  }

  /** Whether a packet of `amount` tokens passes now: by the thinning credit while fluid overloads the bucket, else by its tokens (not yet taken). */
  admits(now: number, amount: number): boolean {
    return this.thinning ? this.passThinned() : this.has(now, amount);
  }

  /** Take the tokens of a packet admitted; a thinning bucket counts no tokens. */
  take(amount: number): void {
    if (!this.thinning) this.tokens -= amount;
  }

  /** Take `amount` tokens if the packet is admitted; false means it is out of profile and is dropped. */
  conform(now: number, amount: number): boolean {
    if (!this.admits(now, amount)) return false;
    this.take(amount);
    return true;
  }
}

/** A gateway's two caps, bits and packets per second, checked together. */
export class RateAndPacketLimiter {
  constructor(
    readonly bytes: TokenBucket,
    readonly packets: TokenBucket,
  ) {}

  conform(now: number, wireBytes: number, packets: number): boolean {
    if (!this.bytes.admits(now, wireBytes) || !this.packets.admits(now, packets)) return false;
    this.bytes.take(wireBytes);
    this.packets.take(packets);
    return true;
  }
}
