/**
 * HyStart++ (RFC 9406): leaves the initial slow start when the round trip grows, before the
 * queue overflows. Each round (a window of data, from the ACK of the byte that was next to send
 * when the round began), the smallest RTT sample is kept; once a round has 8 samples and its
 * minimum exceeds the last round's by 1/8 of it (at least 4 ms, at most 16 ms), growth slows to
 * a quarter (Conservative Slow Start, CSS) for up to 5 rounds, then congestion avoidance starts.
 * An RTT back below the one that triggered CSS resumes slow start (a jitter spike, not a queue).
 */

const MIN_RTT_THRESH_NS = 4e6;
const MAX_RTT_THRESH_NS = 16e6;
const MIN_RTT_DIVISOR = 8;
const N_RTT_SAMPLE = 8;
export const CSS_GROWTH_DIVISOR = 4;
export const CSS_ROUNDS = 5;

export type HyStartPhase = 'slow-start' | 'css' | 'done';

export class HyStartPlusPlus {
  phase: HyStartPhase = 'slow-start';
  /** The round ends when this byte is acknowledged; -1 before the first ACK. */
  private windowEnd = -1;
  private lastRoundMinRtt = Infinity;
  private currentRoundMinRtt = Infinity;
  private rttSampleCount = 0;
  private cssBaselineMinRtt = Infinity;
  private cssRoundsDone = 0;

  /**
   * An ACK of new data during the initial slow start. `sndNxt`: the next byte to send, where the
   * next round ends; `rttNs`: this ACK's RTT sample, if any. Returns the phase after it: `done`
   * means congestion avoidance (the caller sets ssthresh to cwnd).
   */
  onAck(ackNo: number, sndNxt: number, rttNs: number | undefined): HyStartPhase {
    if (this.phase === 'done') return this.phase;
    if (ackNo >= this.windowEnd) {
      if (this.windowEnd >= 0 && this.phase === 'css' && ++this.cssRoundsDone >= CSS_ROUNDS) return (this.phase = 'done');
      this.windowEnd = sndNxt;
      this.lastRoundMinRtt = this.currentRoundMinRtt;
      this.currentRoundMinRtt = Infinity;
      this.rttSampleCount = 0;
    }
    if (rttNs === undefined) return this.phase;
    this.currentRoundMinRtt = Math.min(this.currentRoundMinRtt, rttNs);
    this.rttSampleCount++;
    if (this.rttSampleCount < N_RTT_SAMPLE) return this.phase;
    if (this.phase === 'slow-start' && this.lastRoundMinRtt !== Infinity) {
      const threshNs = Math.max(MIN_RTT_THRESH_NS, Math.min(this.lastRoundMinRtt / MIN_RTT_DIVISOR, MAX_RTT_THRESH_NS));
      if (this.currentRoundMinRtt >= this.lastRoundMinRtt + threshNs) {
        this.cssBaselineMinRtt = this.currentRoundMinRtt;
        this.cssRoundsDone = 0;
        this.phase = 'css';
      }
    } else if (this.phase === 'css' && this.currentRoundMinRtt < this.cssBaselineMinRtt) {
      this.cssBaselineMinRtt = Infinity;
      this.phase = 'slow-start';
    }
    return this.phase;
  }

  /** What slow start adds for an ACK of `ackedBytes` (RFC 9406 §4.2: L is unbounded without pacing, 8 segments with it). */
  increase(ackedBytes: number, mss: number, paced: boolean): number {
    const grown = Math.min(ackedBytes, paced ? 8 * mss : Infinity);
    return this.phase === 'css' ? grown / CSS_GROWTH_DIVISOR : grown;
  }
}
