/**
 * Statistics of replicated runs: the sample mean, the sample standard deviation and the
 * Student-t 95 % confidence interval of the mean,
 *
 *   mean ± t(0.975, n - 1) × sd / sqrt(n)
 *
 * (NIST/SEMATECH e-Handbook of Statistical Methods, 1.3.5.2 "Confidence Limits for the Mean"),
 * valid for independent replications whose means are near normal. Only +, -, ×, / and sqrt are used, all correctly
 * rounded in IEEE 754, so the same values give the same bits on every machine.
 */

/**
 * t(0.975, df) for df = 1..30, to 9 decimals (scipy.stats.t.ppf(0.975, df); the usual printed
 * tables give the first 3: 12.706, 4.303, ..., 2.042).
 */
const T975 = [
  12.706204736, 4.30265273, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135, 2.262157163, 2.228138852,
  2.20098516, 2.17881283, 2.160368656, 2.144786688, 2.131449546, 2.119905299, 2.109815578, 2.10092204, 2.093024054, 2.085963447,
  2.079613845, 2.073873068, 2.06865761, 2.063898562, 2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
];

/** The standard normal quantile z(0.975). */
const Z975 = 1.959963984540054;

/**
 * The 0.975 quantile of Student's t with `df` degrees of freedom. Beyond the table, the
 * Cornish-Fisher expansion of t in powers of 1/df (Abramowitz and Stegun 26.7.5):
 *   t ≈ z + g1/ν + g2/ν² + g3/ν³ + g4/ν⁴, with
 *   g1 = (z³ + z)/4, g2 = (5z⁵ + 16z³ + 3z)/96, g3 = (3z⁷ + 19z⁵ + 17z³ − 15z)/384,
 *   g4 = (79z⁹ + 776z⁷ + 1482z⁵ − 1920z³ − 945z)/92160,
 * within 3e-8 of the exact value for every df above 30 (2.6e-8 at 31, less as df grows).
 */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`degrees of freedom must be a positive integer, not ${df}`);
  if (df <= T975.length) return T975[df - 1]!;
  const z = Z975;
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  const v = 1 / df;
  return z + v * (g1 + v * (g2 + v * (g3 + v * g4)));
}

export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (divisor n - 1); NaN when n < 2. */
  sd: number;
  /** Bounds of the 95 % confidence interval of the mean; NaN when n < 2. */
  ci95Low: number;
  ci95High: number;
}

/** Summarise values in the order given (the order fixes the rounding of the sums). */
export function summarise(values: readonly number[]): Summary {
  const n = values.length;
  if (n === 0) return { n, mean: NaN, sd: NaN, ci95Low: NaN, ci95High: NaN };
  let sum = 0;
  for (const x of values) sum += x;
  const mean = sum / n;
  if (n < 2) return { n, mean, sd: NaN, ci95Low: NaN, ci95High: NaN };
  // Two passes: squared deviations from the mean, not E[x²] - mean², which cancels badly
  // for values like throughputs near 1e9 that differ in the last digits.
  let ss = 0;
  for (const x of values) ss += (x - mean) * (x - mean);
  const sd = Math.sqrt(ss / (n - 1));
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, ci95Low: mean - half, ci95High: mean + half };
}
