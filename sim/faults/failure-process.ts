/**
 * The failure processes of a scenario's `failures[]`, the one definition `ersim run`
 * (FailureSchedule) and the availability study both drive:
 * - a random failure is a renewal process on its own named stream, `failure:<target>#<k>` (k:
 *   its rank among the failures of that target), so changing anything else in the scenario leaves
 *   its times alone: draw the time to failure; at the failure draw the time to repair; once that
 *   is over draw the next time to failure, and so on;
 * - an outage of the VPN gateway's active instance lasts as long as the standby takes to take
 *   over, planned (admin) or unplanned (silent), whatever the repair time says [VPNHA16][VPNHA24].
 * Times run on a kernel counting `unitNs` ns per unit (1 for a run, 1e6 for the study): each
 * drawn lifetime is rounded to whole units, at least one. Nothing at or after the horizon is
 * scheduled (a long MTBF may draw beyond the clock's range).
 */
import type { RandomStream } from '../kernel/random';
import type { Simulator } from '../kernel/simulator';
import type { FailureConfig, LifetimeDist, Scenario } from '../scenario/types';

/** What a failure does when it starts and when its outage ends. */
export interface OutageHooks {
  fail(): void;
  repair(): void;
}

/** The stream names of the random failures, by index into `failures[]` (undefined for a scheduled one). */
export function failureStreams(s: Scenario): (string | undefined)[] {
  const perTarget = new Map<string, number>();
  return s.failures.map((f) => {
    if (f.kind !== 'random') return undefined;
    const k = perTarget.get(f.target) ?? 0;
    perTarget.set(f.target, k + 1);
    return `failure:${f.target}#${k}`;
  });
}

/** How long the VPN gateway's failure lasts, in ns: its standby's takeover time; undefined for any other target. */
export function gatewayTakeoverNs(f: FailureConfig, s: Scenario): number | undefined {
  if (f.target !== 'vpn-gateway' || s.vpn === undefined) return undefined;
  return f.mode === 'admin' ? s.vpn.plannedFailoverNs : s.vpn.unplannedFailoverNs;
}

/** Start an outage now: fail, and repair `length` units later unless that is at or past the horizon. */
export function outage(sim: Simulator, length: number | undefined, horizon: number, hooks: OutageHooks): void {
  hooks.fail();
  if (length !== undefined && sim.now + length < horizon) sim.schedule(length, () => hooks.repair());
}

/**
 * Run a random failure's renewal process from now: each failure calls `hooks.fail`, and its
 * repair `hooks.repair` after the drawn repair time, or after `fixedDown` units when given.
 */
export function startRenewal(
  sim: Simulator,
  f: { ttf: LifetimeDist; ttr: LifetimeDist },
  stream: RandomStream,
  horizon: number,
  unitNs: number,
  fixedDown: number | undefined,
  hooks: OutageHooks,
): void {
  const units = (ns: number): number => Math.max(1, Math.round(ns / unitNs));
  const later = (delay: number, fn: () => void): void => {
    const at = sim.now + delay;
    if (at < horizon) sim.at(at, fn);
  };
  const cycle = (): void => {
    const downFor = units(draw(f.ttr, stream));
    outage(sim, fixedDown ?? downFor, horizon, hooks);
    later(downFor, () => later(units(draw(f.ttf, stream)), cycle));
  };
  later(units(draw(f.ttf, stream)), cycle);
}

/** A lifetime in ns. Weibull is given by its mean: scale = mean / Gamma(1 + 1/shape). */
export function draw(d: LifetimeDist, rng: RandomStream): number {
  return d.dist === 'exponential' ? rng.exponential(d.meanNs) : rng.weibull(d.meanNs / gamma(1 + 1 / d.shape), d.shape);
}

/** Gamma function by the Lanczos approximation (g = 7, 9 terms; about 15 significant digits). */
export function gamma(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * a;
}
