/**
 * RoutingController: what each side's routing believes, and when it learns it. Every session
 * is a SessionMachine (session-machine.ts: detection, flap masking, re-establishment, prefix
 * refusal, each view's convergence delay), driven here by the links' state and the prefix
 * counts; until a view learns of a failure it keeps sending into the dead path, and those
 * packets are lost at the link. Links outside every session are seen at once, except by Azure:
 * a link on the on-premises or provider side reaches Azure's routing only as a BGP update
 * through the MSEEs, after `gatewayConvergence` (a LateBelief). Every change is published on
 * the trace bus.
 */
import type { RandomStreams } from '../kernel/random';
import type { Simulator } from '../kernel/simulator';
import type { LinkDirection } from '../net/link-direction';
import type { Network } from '../net/network';
import { NetNode, VIEW_AZURE } from '../net/net-node';
import { PATH_ER_PRIMARY, PATH_ER_SECONDARY, PATH_VPN } from '../net/packet';
import type { FailureMode, Scenario } from '../scenario/types';
import type { TopologyGraph } from '../topology/topology-graph';
import type { ControlBus } from '../trace/trace-bus';
import { computeForwarding, RoutePolicy, routePolicy, tracePath } from './forwarding';
import type { PrefixLeakTarget } from '../faults/failure-targets';
import { LateBelief, SessionMachine } from './session-machine';
import { ActiveLeak, applyPrefixLimits, deriveSessions, SessionSpec, sessionTimings } from './sessions';

interface Session {
  spec: SessionSpec;
  machine: SessionMachine;
}

export interface TrackedFlow {
  name: string;
  src: NetNode;
  dst: NetNode;
  flowHash: number;
}

const VIEW_NAMES = ['premises', 'msee', 'azure'];

/** Whether Azure hears of a link outside every session only through BGP updates: both its ends are on the on-premises or provider side. */
export function seenLateByAzure(ends: readonly { view: number; role: string }[]): boolean {
  return ends.every((n) => n.view !== VIEW_AZURE && n.role !== 'msee');
}

export class RoutingController {
  private readonly sessions: Session[];
  private readonly sessionsOfLink = new Map<string, Session[]>();
  private readonly policy: RoutePolicy;
  private readonly flowPaths = new Map<string, { home: string; now: string }>();
  private readonly leaks = new Map<string, ActiveLeak>();
  /** What Azure believes of each link outside every session on the on-premises or provider side. */
  private readonly azureBelief = new Map<string, LateBelief>();
  /** Called after every recomputation of the forwarding tables (fluid flows follow their routes). */
  onReroute: (() => void) | undefined;

  constructor(
    private readonly sim: Simulator,
    private readonly net: Network,
    graph: TopologyGraph,
    private readonly scenario: Scenario,
    private readonly bus: ControlBus,
    rng: RandomStreams,
    private readonly destinations: readonly NetNode[],
    private readonly flows: readonly TrackedFlow[],
  ) {
    this.policy = routePolicy(scenario);
    this.sessions = deriveSessions(graph, scenario).map((spec) => ({ spec, machine: this.machineFor(spec, rng) }));
    for (const s of this.sessions) for (const link of s.spec.links) this.sessionsOfLink.set(link, [...(this.sessionsOfLink.get(link) ?? []), s]);
    for (const [link, [dir]] of net.linkById) {
      if (this.sessionsOfLink.has(link) || !seenLateByAzure([net.node(dir.props.from), net.node(dir.props.to)])) continue;
      const learned = (up: boolean): void => {
        this.bus.control(this.sim.now, 'route', up ? 'route_installed' : 'route_withdrawn', link, 'azure routes: the change reached the gateway as a BGP update');
        this.reroute();
      };
      this.azureBelief.set(link, new LateBelief(sim, scenario.routing.gatewayConvergenceNs, () => dir.up, learned));
    }
    applyPrefixLimits(this.sessions, scenario, [], true);
    this.reroute();
    for (const f of flows) {
      const label = this.pathLabel(f);
      this.flowPaths.set(f.name, { home: label, now: label });
    }
  }

  private machineFor(spec: SessionSpec, rng: RandomStreams): SessionMachine {
    const timings = sessionTimings(spec, this.scenario, rng.stream(`session:${spec.name}/phase`));
    return new SessionMachine(this.sim, timings, spec.links.join(' '), {
      event: (kind, event, detail) => this.bus.control(this.sim.now, kind, event, spec.name, detail),
      belief: (views, up) => {
        this.bus.control(this.sim.now, 'route', up ? 'route_installed' : 'route_withdrawn', spec.name, `${views.map((v) => VIEW_NAMES[v]).join(' and ')} routes`);
        this.reroute();
      },
    });
  }

  /** Whether a view's routing uses this link direction now. */
  readonly usable = (dir: LinkDirection, view: number): boolean => {
    const sessions = this.sessionsOfLink.get(dir.props.link);
    if (sessions === undefined) return view === VIEW_AZURE ? (this.azureBelief.get(dir.props.link)?.up ?? dir.up) : dir.up;
    return sessions.some((s) => s.machine.believed[view]);
  };

  /** Links or nodes changed state: each session learns whether its links are broken, and Azure's late beliefs whether theirs changed. */
  physicalChange(mode: FailureMode): void {
    for (const s of this.sessions) s.machine.linksChanged(this.broken(s), mode);
    for (const belief of this.azureBelief.values()) belief.changed();
    this.reroute();
  }

  private broken(s: Session): boolean {
    return s.spec.links.some((l) => !this.net.linkById.get(l)![0].up);
  }

  /** The sessions a prefix count over its limit keeps closed now. */
  prefixClosed(): string[] {
    return this.sessions.filter((s) => s.machine.refused).map((s) => s.spec.name);
  }

  /** A prefix leak to `target` starts (`prefixes` advertised in place of the usual count) or, with undefined, ends. */
  prefixLeak(leak: string, target: PrefixLeakTarget, prefixes: number | undefined): void {
    const to = target.receiver === 'msee' ? `to the MSEEs of ${target.circuits.join(', ')}` : target.receiver === 'vpn-gateway' ? 'to the VPN gateway' : 'from the ExpressRoute gateway to on-premises';
    if (prefixes === undefined) {
      this.leaks.delete(leak);
      this.bus.control(this.sim.now, 'failure', 'prefix_leak_end', target.name, `the usual prefix count is advertised ${to} again`);
    } else {
      this.leaks.set(leak, { target, prefixes });
      this.bus.control(this.sim.now, 'failure', 'prefix_leak', target.name, `${prefixes} prefixes advertised ${to}`);
    }
    applyPrefixLimits(this.sessions, this.scenario, this.leaks.values(), false);
    this.reroute();
  }

  /** Recompute every forwarding table from what routing believes, and log flows whose path moved. */
  reroute(): void {
    computeForwarding(this.net, this.destinations, this.usable, this.policy);
    for (const f of this.flows) {
      const track = this.flowPaths.get(f.name);
      if (track === undefined) continue;
      const label = this.pathLabel(f);
      if (label === track.now) continue;
      const er = (l: string) => l.includes('er-');
      const back = label === track.home || (er(label) && track.now === 'vpn');
      this.bus.control(this.sim.now, 'route', back ? 'failback' : 'failover', f.name, `${track.now} -> ${label}`);
      track.now = label;
    }
    this.onReroute?.();
  }

  /** The path a flow's packets take now: er-primary, er-secondary (after `<circuit>/` when there are several), vpn, provider (neither), or none. */
  private pathLabel(f: TrackedFlow): string {
    const path = tracePath(this.net, f.src, f.dst, f.flowHash);
    if (path === undefined) return 'none';
    const bits = path.reduce((b, d) => b | d.props.pathBit, 0);
    if (bits & PATH_VPN) return 'vpn';
    const leg = path.find((d) => d.props.pathBit & (PATH_ER_PRIMARY | PATH_ER_SECONDARY));
    if (leg === undefined) return 'provider';
    const circuit = this.scenario.circuits.length > 1 ? `${leg.props.circuit}/` : '';
    return `${circuit}${bits & PATH_ER_SECONDARY ? 'er-secondary' : 'er-primary'}`;
  }
}
