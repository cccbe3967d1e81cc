/**
 * Simulated time: an integer number of nanoseconds held in a JS number.
 *
 * A double holds every integer exactly up to 2^53, so whole nanoseconds are exact up to
 * 9,007,199 s, about 104.2 days of simulated time (TIME_HORIZON_NS). Nothing adds float
 * seconds: every delay is rounded to a whole nanosecond once, where it is computed.
 */

export const NS_PER_US = 1_000;
export const NS_PER_MS = 1_000_000;
export const NS_PER_S = 1_000_000_000;

/** The last instant the clock can represent exactly (2^53 - 1 ns, about 104.2 days). */
export const TIME_HORIZON_NS = Number.MAX_SAFE_INTEGER;

/** Time for `bytes` to leave a transmitter of `bps` bits per second, rounded to the nearest ns. */
export function txTimeNs(bytes: number, bps: number): number {
  return Math.round((bytes * 8 * NS_PER_S) / bps);
}

export function seconds(ns: number): number {
  return ns / NS_PER_S;
}

export function millis(ns: number): number {
  return ns / NS_PER_MS;
}
