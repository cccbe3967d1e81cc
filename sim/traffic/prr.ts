/**
 * Proportional Rate Reduction (RFC 6937), Linux's loss recovery: during a SACK recovery the
 * sender sends in proportion to what the receiver reports delivered, so the window comes down
 * to ssthresh smoothly instead of at once, and losses, which free room in RFC 6675's pipe, do
 * not release a burst above what the path delivers. Below ssthresh it grows back by at most the
 * data delivered plus one segment per ACK (the slow-start reduction bound, PRR-SSRB).
 */
export class ProportionalRateReduction {
  /** Bytes delivered to the receiver since recovery started (RFC 6937's prr_delivered). */
  private delivered = 0;
  /** Bytes sent since recovery started, resends included (prr_out). */
  private out = 0;
  /** FlightSize when recovery started (RecoverFS). */
  private recoverFs = 1;

  start(flightBytes: number): void {
    this.delivered = 0;
    this.out = 0;
    this.recoverFs = Math.max(flightBytes, 1);
  }

  sent(bytes: number): void {
    this.out += bytes;
  }

  /**
   * An ACK in recovery reported `deliveredBytes` (the advance of the cumulative ACK plus the
   * change in SACKed bytes); returns the bytes the sender may now send (sndcnt).
   */
  onAck(deliveredBytes: number, pipe: number, ssthresh: number, mss: number): number {
    this.delivered += deliveredBytes;
    const sndcnt =
      pipe > ssthresh
        ? Math.ceil((this.delivered * ssthresh) / this.recoverFs) - this.out
        : Math.min(ssthresh - pipe, Math.max(this.delivered - this.out, deliveredBytes) + mss);
    return Math.max(sndcnt, 0);
  }
}
