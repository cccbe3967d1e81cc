/**
 * The plan of a parameter study: the varied fields and their values, the seeds, and from them
 * the configurations (the cartesian product of the values, first --vary outermost) and the runs
 * (every configuration with every seed). Run k is configuration floor(k / seeds) with seed
 * k mod seeds: this global order is what shards split and what the aggregation follows, so
 * results never depend on how many workers or machines ran them, or in what order they finished.
 */
import { setPathProblem } from '../scenario/set-edits';

/** A sweep that cannot be planned, or shards that cannot be merged: bad input, exit code 2. */
export class SweepError extends Error {
  override name = 'SweepError';
}

export interface Vary {
  /** A `--set` path, such as `circuit.bandwidth` or `traffic[0].rate`. */
  path: string;
  /** Values as written, each applied as `--set path=value`. */
  values: string[];
}

/** Everything that decides a sweep's numbers (apart from the scenario text itself). */
export interface SweepSpec {
  varies: Vary[];
  seeds: number[];
}

export interface SweepConfig {
  index: number;
  /** `path=value;path=value`, in --vary order: the `config` column. */
  label: string;
  /** One value per vary. */
  values: string[];
  /** The `--set` edits that make this configuration. */
  sets: string[];
}

export interface SweepRun {
  /** Global index: config-major, seed-minor. */
  index: number;
  config: SweepConfig;
  seed: number;
}

/** The label of the only configuration of a sweep with no --vary (seeds only). */
export const BASE_LABEL = 'base';

const MAX_SEED = 0xffffffff;

/** `path=v1,v2,...`; commas inside quotes, brackets or braces belong to the value (`{a: 1, b: 2}`). */
export function parseVary(text: string): Vary {
  const eq = text.indexOf('=');
  const path = eq < 0 ? '' : text.slice(0, eq);
  const problem = setPathProblem(path, '--vary', 'path=v1,v2,... such as circuit.bandwidth=1Gbps,2Gbps');
  if (problem !== undefined) throw new SweepError(`--vary: expected ${problem}, found ${JSON.stringify(text)}`);
  const values = splitTopLevel(text.slice(eq + 1)).map((v) => v.trim());
  if (values.some((v) => v === '')) throw new SweepError(`--vary ${path}: expected non-empty values separated by commas, found "${text.slice(eq + 1)}"`);
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) throw new SweepError(`--vary ${path}: the value "${v}" is listed twice`);
    seen.add(v);
  }
  return { path, values };
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** `A-B` (inclusive) or `N,M,...`, or a mix (`1-10,20`); each an integer 0..4294967295, none twice. */
export function parseSeeds(text: string): number[] {
  const seeds: number[] = [];
  const bad = () => new SweepError(`--seeds: expected a range such as 1-30 or a list such as 1,5,9 (integers 0..${MAX_SEED}), found "${text}"`);
  for (const item of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(item);
    if (m === null) throw bad();
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from > MAX_SEED || to > MAX_SEED || to < from) throw bad();
    if (to - from >= 1e6) throw new SweepError(`--seeds: ${item.trim()} is more than a million runs per configuration`);
    for (let s = from; s <= to; s++) seeds.push(s);
  }
  const seen = new Set<number>();
  for (const s of seeds) {
    // A seed twice would be the same run counted twice: its copies are not independent replications.
    if (seen.has(s)) throw new SweepError(`--seeds: seed ${s} is listed twice`);
    seen.add(s);
  }
  return seeds;
}

/** Check that no path is varied twice (the second would silently win). */
export function checkVaries(varies: readonly Vary[]): void {
  const paths = new Set<string>();
  for (const v of varies) {
    if (paths.has(v.path)) throw new SweepError(`--vary: ${v.path} is varied twice; give all its values in one --vary`);
    paths.add(v.path);
  }
}

/** Every configuration, the first vary outermost: a=1;b=x, a=1;b=y, a=2;b=x, ... */
export function sweepConfigs(varies: readonly Vary[]): SweepConfig[] {
  let combos: string[][] = [[]];
  for (const v of varies) combos = combos.flatMap((c) => v.values.map((value) => [...c, value]));
  return combos.map((values, index) => {
    const sets = values.map((value, i) => `${varies[i]!.path}=${value}`);
    return { index, label: sets.length === 0 ? BASE_LABEL : sets.join(';'), values, sets };
  });
}

/** Every run of the sweep, in global order. */
export function sweepRuns(spec: SweepSpec): SweepRun[] {
  return sweepConfigs(spec.varies).flatMap((config) =>
    spec.seeds.map((seed, k) => ({ index: config.index * spec.seeds.length + k, config, seed })),
  );
}
