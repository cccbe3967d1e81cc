/**
 * FailureSchedule: takes targets down and back up, at scheduled times or at random (a renewal
 * process: time to failure, then time to repair, drawn from the failure's own named stream so
 * that changing anything else in the scenario leaves its times alone). Overlapping failures of
 * the same element are counted, so an element returns only when the last failure holding it
 * down ends. The failure of the VPN gateway's active instance lasts as long as the standby
 * takes over: planned (admin) or unplanned (silent) [VPNHA16][VPNHA24]. A prefix leak takes
 * nothing down: it tells routing the prefix count its receiver gets, and when that ends.
 */
import type { RandomStream, RandomStreams } from '../kernel/random';
import type { Simulator } from '../kernel/simulator';
import type { EventLog } from '../metrics/event-log';
import type { Network } from '../net/network';
import type { FailureConfig, FailureMode, LifetimeDist, Scenario } from '../scenario/types';
import type { PrefixLeakTarget, ResolvedTarget } from './failure-targets';

/** Routing's side of a prefix leak: `prefixes` advertised to `target` from now on, under the key `leak`; undefined when the leak ends. */
export type LeakListener = (leak: string, target: PrefixLeakTarget, prefixes: number | undefined) => void;

export class FailureSchedule {
  private readonly holds = new Map<string, number>();
  private readonly streamCount = new Map<string, number>();

  constructor(
    private readonly sim: Simulator,
    private readonly net: Network,
    private readonly scenario: Scenario,
    private readonly log: EventLog,
    private readonly rng: RandomStreams,
    /** Called after elements change state, with how the change shows itself. */
    private readonly onChange: (mode: FailureMode) => void,
    private readonly onLeak: LeakListener,
  ) {}

  schedule(f: FailureConfig, target: ResolvedTarget): void {
    if (f.kind === 'scheduled') {
      this.sim.at(f.atNs, () => this.fail(f, target, f.forNs));
      return;
    }
    // One stream per failure, named by its target and its rank among failures of that target.
    const k = this.streamCount.get(f.target) ?? 0;
    this.streamCount.set(f.target, k + 1);
    const stream = this.rng.stream(`failure:${f.target}#${k}`);
    // Times past the end of the run are never scheduled: a long MTBF may draw beyond the clock's horizon.
    const later = (delay: number, fn: () => void): void => {
      const at = this.sim.now + Math.max(1, Math.round(delay));
      if (at < this.scenario.durationNs) this.sim.at(at, fn);
    };
    const cycle = (): void => {
      const downFor = Math.max(1, Math.round(draw(f.ttr, stream)));
      this.fail(f, target, downFor);
      later(downFor, () => later(draw(f.ttf, stream), cycle));
    };
    later(draw(f.ttf, stream), cycle);
  }

  private fail(f: FailureConfig, target: ResolvedTarget, forNs: number | undefined): void {
    const leak = target.leak;
    if (leak !== undefined) {
      this.onLeak(f.path, leak, f.prefixes);
      if (forNs !== undefined && this.sim.now + forNs < this.scenario.durationNs) this.sim.schedule(forNs, () => this.onLeak(f.path, leak, undefined));
      return;
    }
    const vpn = this.scenario.vpn;
    if (f.target === 'vpn-gateway' && vpn !== undefined) {
      // The standby instance takes over after the failover time, whatever happens to the failed one.
      forNs = f.mode === 'admin' ? vpn.plannedFailoverNs : vpn.unplannedFailoverNs;
      this.log.record(this.sim.now, 'gateway_failover', 'vpn-gateway', `${f.mode === 'admin' ? 'planned' : 'unplanned'}: standby active in ${forNs / 1e9} s`);
    }
    this.apply(target, false, f.target, f.mode);
    // A repair after the end of the run is never scheduled.
    if (forNs !== undefined && this.sim.now + forNs < this.scenario.durationNs) this.sim.schedule(forNs, () => this.apply(target, true, f.target, f.mode));
  }

  private apply(t: ResolvedTarget, up: boolean, cause: string, mode: FailureMode): void {
    const now = this.sim.now;
    const detail = `${mode} failure of ${cause}`;
    for (const link of t.links)
      if (this.hold(`link:${link}`, up)) {
        this.net.setLinkUp(link, up);
        this.log.record(now, up ? 'link_up' : 'link_down', link, detail);
      }
    for (const node of t.nodes)
      if (this.hold(`node:${node}`, up)) {
        this.net.setNodeUp(node, up);
        this.log.record(now, up ? 'node_up' : 'node_down', node, detail);
      }
    this.onChange(mode);
  }

  /** Count failures holding an element down; true when its state actually changes. */
  private hold(key: string, up: boolean): boolean {
    const n = (this.holds.get(key) ?? 0) + (up ? -1 : 1);
    this.holds.set(key, n);
    return up ? n === 0 : n === 1;
  }
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
