/**
 * ValueChecks: parses the unit strings of a document that passed the schema and checks their
 * ranges, collecting an issue for each bad value instead of stopping at the first, so the
 * resolver can report everything wrong with a file at once.
 */
import { FIBRE_NS_PER_M, IP_MAX_PACKET_BYTES } from '../domain/expressroute';
import { NS_PER_S, TIME_HORIZON_NS } from '../kernel/time';
import { describeFound, type ScenarioIssue } from './scenario-error';
import type { QueueLimit } from './types';
import { DISTANCE, DURATION, formatDuration, PERCENT, RATE, SIZE, type UnitKind } from './units';

const HORIZON_DAYS = Math.floor(TIME_HORIZON_NS / (86_400 * NS_PER_S));

/**
 * A packet's time on one link is its wait in the queue, its serialization, the propagation delay
 * and the jitter; each of the four may take this share of what the horizon leaves after the
 * run, so that no sum of them is scheduled past it.
 */
const LINK_SHARES = 4;
const LINK_WHY = `a packet's queue wait, serialization, delay and jitter on a link may each take a quarter of what the clock's horizon (2^53 ns, about ${HORIZON_DAYS} days) leaves after the run`;

export class ValueChecks {
  readonly issues: ScenarioIssue[] = [];
  /**
   * The run's duration, once resolved: a delay or a timer starts at a time within the run, so it
   * may take only what the clock's horizon leaves after the run.
   */
  runNs = 0;

  constructor(readonly file: string) {}

  fail(path: string, expected: string, found: string): void {
    this.issues.push({ file: this.file, path, expected, found });
  }

  /** A rate above 0, in bit/s. */
  rate(path: string, text: string): number {
    const bps = this.parse(RATE, path, text);
    if (bps <= 0) this.fail(path, `a rate above 0, such as "${RATE.example}"`, describeFound(text));
    return bps;
  }

  /** A duration in whole ns, above 0 (`positive`) or from 0, and within the clock's horizon. */
  duration(path: string, text: string, sign: 'positive' | 'non-negative'): number {
    const ns = this.parse(DURATION, path, text);
    if (sign === 'positive' ? ns <= 0 : ns < 0) {
      this.fail(path, `a duration ${sign === 'positive' ? 'above 0' : 'of 0 or more'}, such as "${DURATION.example}"`, describeFound(text));
    } else if (ns > TIME_HORIZON_NS) {
      this.fail(path, `a duration of at most ${HORIZON_DAYS}d (the clock's horizon is 2^53 ns)`, describeFound(text));
    }
    return ns;
  }

  /** A delay that starts within the run (a timer, a convergence): a duration that ends within the clock's horizon. */
  delay(path: string, text: string, sign: 'positive' | 'non-negative'): number {
    const ns = this.duration(path, text, sign);
    this.fitsHorizon(path, text, ns, 1);
    return ns;
  }

  /**
   * Fails at `path` (written `found`) unless `ns` times `factor` still fits in what the horizon
   * leaves after the run, naming the largest value `path` may have; `why` says why, when the
   * factor is not 1.
   */
  fitsHorizon(path: string, found: string, ns: number, factor: number, why = ''): void {
    const leftNs = TIME_HORIZON_NS - this.runNs;
    // Past the horizon itself, duration() has already said so.
    if (ns > TIME_HORIZON_NS || ns * factor <= leftNs) return;
    const reason = why === '' ? `it starts within the run, and must end within the clock's horizon (2^53 ns, about ${HORIZON_DAYS} days)` : why;
    this.fail(path, `a duration of at most ${formatLargest(leftNs / factor)}: ${reason}`, describeFound(found));
  }

  /** A link's propagation delay or jitter: from 0, and within its share of the horizon (see LINK_SHARES). */
  linkTime(path: string, text: string): number {
    const ns = this.duration(path, text, 'non-negative');
    this.fitsHorizon(path, text, ns, LINK_SHARES, LINK_WHY);
    return ns;
  }

  /** A link's rate: above 0, and fast enough to send the largest IP packet within its share of the horizon. */
  linkRate(path: string, text: string): number {
    const bps = this.rate(path, text);
    const leftNs = TIME_HORIZON_NS - this.runNs;
    const minBps = (IP_MAX_PACKET_BYTES * 8 * NS_PER_S * LINK_SHARES) / leftNs;
    if (bps > 0 && bps < minBps) {
      const shown = `${Math.ceil(minBps * 1000) / 1000}bps`;
      this.fail(path, `a rate of at least ${shown} to send a ${IP_MAX_PACKET_BYTES}B packet, the largest IP packet: ${LINK_WHY}`, describeFound(text));
    }
    return bps;
  }

  /** A link's length: a distance whose propagation delay fits its share of the horizon. */
  linkDistance(path: string, text: string): number {
    const m = this.distance(path, text);
    const leftNs = TIME_HORIZON_NS - this.runNs;
    const maxM = leftNs / LINK_SHARES / FIBRE_NS_PER_M;
    if (m > maxM) this.fail(path, `a distance of at most ${Math.floor(maxM / 1000)}km: ${LINK_WHY}`, describeFound(text));
    return m;
  }

  /** A duration in whole ns from `min` to `max`; `why` says where the range comes from. */
  durationIn(path: string, text: string, min: number, max = TIME_HORIZON_NS, why = ''): number {
    const ns = this.parse(DURATION, path, text);
    if (ns > TIME_HORIZON_NS) {
      this.fail(path, `a duration of at most ${HORIZON_DAYS}d (the clock's horizon is 2^53 ns)`, describeFound(text));
    } else if (ns < min || ns > max) {
      const range = max === TIME_HORIZON_NS ? `of at least ${formatDuration(min)}` : `from ${formatDuration(min)} to ${formatDuration(max)}`;
      this.fail(path, `a duration ${range}${why}`, describeFound(text));
    }
    return ns;
  }

  /**
   * The mean of a random time, above 0, in ns. A mean is not a clock reading, so it may pass
   * the clock's horizon (an MTBF of years is common): a draw past the end of the run never happens.
   */
  mean(path: string, text: string): number {
    const ns = this.parse(DURATION, path, text);
    if (!(ns > 0 && Number.isFinite(ns))) this.fail(path, `a duration above 0, such as "${DURATION.example}"`, describeFound(text));
    return ns;
  }

  /** A size in whole bytes from `min` to `max`; `why` says where `min` comes from, when it is not obvious. */
  size(path: string, text: string, min: number, max = IP_MAX_PACKET_BYTES, why = ''): number {
    const bytes = this.parse(SIZE, path, text);
    if (bytes < min || bytes > max) {
      const range = max === Infinity ? `of at least ${min}B` : `from ${min}B to ${max}B`;
      this.fail(path, `a size ${range}${why}`, describeFound(text));
    }
    return bytes;
  }

  /** A distance of 0 or more, in metres. */
  distance(path: string, text: string): number {
    const m = this.parse(DISTANCE, path, text);
    if (m < 0) this.fail(path, `a distance of 0 or more, such as "${DISTANCE.example}"`, describeFound(text));
    return m;
  }

  /** A percentage from 0% to 100%, as a fraction. */
  fraction(path: string, text: string): number {
    const p = this.parse(PERCENT, path, text);
    if (p < 0 || p > 1) this.fail(path, `a percentage from 0% to 100%, such as "${PERCENT.example}"`, describeFound(text));
    return p;
  }

  /** A queue limit above 0: a size, or a duration to drain at the link's capacity. */
  queue(path: string, text: string): QueueLimit {
    if (SIZE.parse(text) !== undefined) return { bytes: this.size(path, text, 1, Infinity) };
    const ns = this.duration(path, text, 'positive');
    this.fitsHorizon(path, text, ns, LINK_SHARES, LINK_WHY);
    return { ns };
  }

  /** A checker of names that must be unique: it reports each repeat, pointing at the first use. */
  uniqueNames(noun: string): (name: string, path: string) => void {
    const first = new Map<string, string>();
    return (name, path) => {
      const earlier = first.get(name);
      if (earlier === undefined) first.set(name, path);
      else this.fail(path, `a ${noun} not used before (${earlier} is already ${JSON.stringify(name)})`, describeFound(name));
    };
  }

  private parse(kind: UnitKind, path: string, text: string): number {
    const value = kind.parse(text);
    // The schema's pattern is the parser's, so this only fires if the two ever disagree.
    if (value === undefined) this.fail(path, kind.expected, describeFound(text));
    return value ?? 0;
  }
}

/** The largest whole number of seconds in `ns`, as a file would write it, with its size in days. */
function formatLargest(ns: number): string {
  const s = Math.floor(ns / NS_PER_S);
  return `${s}s (${Math.floor((s / 86_400) * 10) / 10} days)`;
}

/** A list of names for a message, cut short when long. */
export function listNames(names: readonly string[], max = 10): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')}, ... (${names.length} in all)`;
}
