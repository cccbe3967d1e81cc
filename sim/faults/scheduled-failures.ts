/**
 * Scheduled failures: take links and nodes down at a failure's `at` and back up after its
 * `for`. Overlapping failures of the same element are counted, so an element returns only
 * when the last failure holding it down ends.
 */
import type { Simulator } from '../kernel/simulator';
import type { EventLog } from '../metrics/event-log';
import type { Network } from '../net/network';
import type { FailureConfig } from '../scenario/types';
import type { ResolvedTarget } from './failure-targets';

export class ScheduledFailures {
  private readonly holds = new Map<string, number>();

  constructor(
    private readonly sim: Simulator,
    private readonly net: Network,
    private readonly log: EventLog,
    /** Called after any element changes state (the routing layer reacts here). */
    private readonly onChange: () => void,
  ) {}

  schedule(f: FailureConfig, target: ResolvedTarget): void {
    this.sim.at(f.atNs, () => this.apply(target, false, f.target));
    if (f.forNs !== undefined) this.sim.at(f.atNs + f.forNs, () => this.apply(target, true, f.target));
  }

  private apply(t: ResolvedTarget, up: boolean, cause: string): void {
    const now = this.sim.now;
    for (const link of t.links) if (this.hold(`link:${link}`, up)) {
      this.net.setLinkUp(link, up);
      this.log.record(now, up ? 'link_up' : 'link_down', link, `failure of ${cause}`);
    }
    for (const node of t.nodes) if (this.hold(`node:${node}`, up)) {
      this.net.setNodeUp(node, up);
      this.log.record(now, up ? 'node_up' : 'node_down', node, `failure of ${cause}`);
    }
    this.onChange();
  }

  /** Count failures holding an element down; true when its state actually changes. */
  private hold(key: string, up: boolean): boolean {
    const n = (this.holds.get(key) ?? 0) + (up ? -1 : 1);
    this.holds.set(key, n);
    return up ? n === 0 : n === 1;
  }
}
