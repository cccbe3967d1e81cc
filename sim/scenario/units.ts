/**
 * Unit strings of scenario files ("1Gbps", "2ms", "256KiB", "20km", "0.1%") and their parsers
 * to the simulator's base units: bit/s, whole nanoseconds, whole bytes, metres and fractions.
 * The JSON schema uses the same patterns, so any string the schema accepts parses here.
 *
 * Grammar: an optional "-", a decimal number ("1", "1.5", ".5"), then the unit with no space.
 * Negative numbers match so that the semantic checks can say "above 0" rather than "not a rate".
 */

export interface UnitKind {
  /** Anchored regular expression, as a JSON schema `pattern`. */
  readonly pattern: string;
  /** What a string of this kind looks like, for error messages ("a rate such as ..."). */
  readonly expected: string;
  readonly example: string;
  /** The value in base units, or undefined when `text` is not of this kind. */
  parse(text: string): number | undefined;
}

const NUMBER = String.raw`-?(?:\d+(?:\.\d+)?|\.\d+)`;

/** A unit scales the number by 10^exp10 (exact: done by the decimal parser) and then by `factor`. */
interface Scale {
  exp10: number;
  factor?: number;
}

function unitKind(noun: string, example: string, units: Record<string, Scale>, round: boolean, shown = Object.keys(units)): UnitKind {
  const names = Object.keys(units);
  const pattern = `^(${NUMBER})(${names.join('|')})$`;
  const re = new RegExp(pattern, 'u');
  return {
    pattern,
    example,
    expected: `${noun} such as "${example}" (a number then ${listOr(shown)}, no space)`,
    parse(text: string): number | undefined {
      const m = re.exec(text);
      if (!m) return undefined;
      const scale = units[m[2]!]!;
      // "1.1e9" is parsed correctly rounded, where 1.1 * 1e9 would be 1100000000.0000002.
      const value = Number(`${m[1]}e${scale.exp10}`) * (scale.factor ?? 1);
      return round ? Math.round(value) + 0 : value; // + 0 turns -0 into 0
    },
  };
}

function listOr(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

export const RATE = unitKind('a rate', '1Gbps', {
  bps: { exp10: 0 },
  kbps: { exp10: 3 },
  Mbps: { exp10: 6 },
  Gbps: { exp10: 9 },
  Tbps: { exp10: 12 },
}, false);

// µ is accepted both as the micro sign (U+00B5, what most keyboards type) and as Greek mu (U+03BC).
export const DURATION = unitKind('a duration', '10ms', {
  ns: { exp10: 0 },
  us: { exp10: 3 },
  'µs': { exp10: 3 },
  'μs': { exp10: 3 },
  ms: { exp10: 6 },
  s: { exp10: 9 },
  min: { exp10: 9, factor: 60 },
  h: { exp10: 9, factor: 3600 },
  d: { exp10: 9, factor: 86_400 },
}, true, ['ns', 'us', 'µs', 'ms', 's', 'min', 'h', 'd']);

export const SIZE = unitKind('a size', '1500B', {
  B: { exp10: 0 },
  KB: { exp10: 3 },
  MB: { exp10: 6 },
  GB: { exp10: 9 },
  KiB: { exp10: 0, factor: 1024 },
  MiB: { exp10: 0, factor: 1024 ** 2 },
  GiB: { exp10: 0, factor: 1024 ** 3 },
}, true);

export const DISTANCE = unitKind('a distance', '20km', { m: { exp10: 0 }, km: { exp10: 3 } }, false);

export const PERCENT = unitKind('a percentage', '0.1%', { '%': { exp10: -2 } }, false);

/** A queue limit is either a size or a duration (the time to drain it at the link's capacity). */
export const SIZE_OR_DURATION_PATTERN = `^(?:${SIZE.pattern.slice(1, -1)}|${DURATION.pattern.slice(1, -1)})$`;

/** bit/s, e.g. "1.5Gbps" -> 1.5e9. */
export function parseRate(text: string): number | undefined {
  return RATE.parse(text);
}

/** Whole nanoseconds, rounded to the nearest, e.g. "2ms" -> 2_000_000. */
export function parseDuration(text: string): number | undefined {
  return DURATION.parse(text);
}

/** Whole bytes, rounded to the nearest, e.g. "1KiB" -> 1024, "1KB" -> 1000. */
export function parseSize(text: string): number | undefined {
  return SIZE.parse(text);
}

/** Metres, e.g. "20km" -> 20000. */
export function parseDistance(text: string): number | undefined {
  return DISTANCE.parse(text);
}

/** A fraction, e.g. "0.1%" -> 0.001. */
export function parsePercent(text: string): number | undefined {
  return PERCENT.parse(text);
}

/** Whole ns as a file would write them, in the largest of s, ms, us and ns that keeps the number whole: 300e6 -> "300ms". */
export function formatDuration(ns: number): string {
  for (const [unit, per] of [['s', 1e9], ['ms', 1e6], ['us', 1e3]] as const) {
    if (Number.isInteger(ns / per)) return `${ns / per}${unit}`;
  }
  return `${ns}ns`;
}
