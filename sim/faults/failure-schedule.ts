/**
 * FailureSchedule: takes targets down and back up in a run, at scheduled times or at random
 * (failure-process.ts: the renewal process on the failure's own named stream, the VPN gateway's
 * takeover time). Overlapping failures of the same element are counted, so an element returns
 * only when the last failure holding it down ends. A prefix leak takes nothing down: it tells
 * routing the prefix count its receiver gets, and when that ends. Every change is published on
 * the trace bus.
 */
import type { RandomStreams } from '../kernel/random';
import type { Simulator } from '../kernel/simulator';
import type { Network } from '../net/network';
import type { FailureConfig, FailureMode, Scenario } from '../scenario/types';
import type { ControlBus } from '../trace/trace-bus';
import type { PrefixLeakTarget, ResolvedTarget } from './failure-targets';
import { failureStreams, gatewayTakeoverNs, outage, OutageHooks, startRenewal } from './failure-process';

/** Routing's side of a prefix leak: `prefixes` advertised to `target` from now on, under the key `leak`; undefined when the leak ends. */
export type LeakListener = (leak: string, target: PrefixLeakTarget, prefixes: number | undefined) => void;

export class FailureSchedule {
  private readonly holds = new Map<string, number>();
  private readonly streams: (string | undefined)[];

  constructor(
    private readonly sim: Simulator,
    private readonly net: Network,
    private readonly scenario: Scenario,
    private readonly bus: ControlBus,
    private readonly rng: RandomStreams,
    /** Called after elements change state, with how the change shows itself. */
    private readonly onChange: (mode: FailureMode) => void,
    private readonly onLeak: LeakListener,
  ) {
    this.streams = failureStreams(scenario);
  }

  /** Schedule `failures[i]`, whose target resolves to `target`. */
  schedule(i: number, target: ResolvedTarget): void {
    const f = this.scenario.failures[i]!;
    const hooks = this.hooks(f, target);
    const horizon = this.scenario.durationNs;
    const takeover = target.leak === undefined ? gatewayTakeoverNs(f, this.scenario) : undefined;
    if (f.kind === 'scheduled') this.sim.at(f.atNs, () => outage(this.sim, takeover ?? f.forNs, horizon, hooks));
    else startRenewal(this.sim, f, this.rng.stream(this.streams[i]!), horizon, 1, takeover, hooks);
  }

  private hooks(f: FailureConfig, target: ResolvedTarget): OutageHooks {
    const leak = target.leak;
    if (leak !== undefined) return { fail: () => this.onLeak(f.path, leak, f.prefixes), repair: () => this.onLeak(f.path, leak, undefined) };
    const takeover = gatewayTakeoverNs(f, this.scenario);
    return {
      fail: () => {
        if (takeover !== undefined)
          this.bus.control(this.sim.now, 'failure', 'gateway_failover', 'vpn-gateway', `${f.mode === 'admin' ? 'planned' : 'unplanned'}: standby active in ${takeover / 1e9} s`);
        this.apply(target, false, f.target, f.mode);
      },
      repair: () => this.apply(target, true, f.target, f.mode),
    };
  }

  private apply(t: ResolvedTarget, up: boolean, cause: string, mode: FailureMode): void {
    const now = this.sim.now;
    const detail = `${mode} failure of ${cause}`;
    const kind = up ? 'repair' : 'failure';
    for (const link of t.links)
      if (this.hold(`link:${link}`, up)) {
        this.net.setLinkUp(link, up);
        this.bus.control(now, kind, up ? 'link_up' : 'link_down', link, detail);
      }
    for (const node of t.nodes)
      if (this.hold(`node:${node}`, up)) {
        this.net.setNodeUp(node, up);
        this.bus.control(now, kind, up ? 'node_up' : 'node_down', node, detail);
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
