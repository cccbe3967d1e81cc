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
  fluidPerS = 0;
  /**
   * When fluid flows offer more than the rate, the bucket passes this fraction of what it is
   * offered, packets included (as a policer does to everyone): every packet adds it to a credit
   * and passes when the credit reaches one, so no random draw is needed.
   */
  passFraction = 1;
  private passCredit = 0;

  constructor(
    /** Tokens added per second (bytes/s for a bit-rate policer, packets/s for a packet policer). */
    readonly ratePerS: number,
    /** Bucket depth, in tokens. */
    readonly depth: number,
  ) {
    this.tokens = depth;
  }

  private refill(now: number): void {
    if (now > this.lastNs) {
      this.tokens = Math.min(this.depth, this.tokens + ((now - this.lastNs) * Math.max(0, this.ratePerS - this.fluidPerS)) / NS_PER_S);
      this.lastNs = now;
    }
  }

  /** Whether `amount` tokens are available now (without taking them). */
  has(now: number, amount: number): boolean {
    if (this.passFraction < 1) {
      this.passCredit += this.passFraction;
      if (this.passCredit < 1) return false;
      this.passCredit -= 1;
      return true;
    }
    this.refill(now);
    return this.tokens >= amount;
  }

  take(amount: number): void {
    if (this.passFraction === 1) this.tokens -= amount;
  }

  /** Take `amount` tokens if available; false means the packet is out of profile and is dropped. */
  conform(now: number, amount: number): boolean {
    if (!this.has(now, amount)) return false;
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
    if (!this.bytes.has(now, wireBytes) || !this.packets.has(now, packets)) return false;
    this.bytes.take(wireBytes);
    this.packets.take(packets);
    return true;
  }
}
