/**
 * RoutingController: what each side's routing believes, and when it learns it. Every session
 * (sessions.ts) moves through up -> detecting -> down -> reestablishing -> up as its links fail
 * and are repaired; detection takes the protocol's time (detection.ts), then each view acts
 * after its own convergence delay: on-premises routers after `premisesConvergence`, the MSEEs
 * at once, the Azure gateways after `gatewayConvergence` (ExpressRoute sessions) [BFD20].
 * Until a view learns of a failure it keeps sending into the dead path, and those packets are
 * lost at the link. Links outside every session are seen at once, except by Azure: a link on
 * the on-premises or provider side reaches Azure's routing only as a BGP update through the
 * MSEEs, after `gatewayConvergence` like a session's change.
 * A prefix count over its limit closes a session at once, whatever its links do ("BGP sessions
 * disconnect"), and it comes back, after the usual re-establishment, once the count is under
 * the limit again [FAQ23]: the leak's receiver closes it, so there is no hold timer to wait for.
 */
import type { RandomStreams } from '../kernel/random';
import type { Simulator } from '../kernel/simulator';
import type { ScheduledEvent } from '../kernel/event-queue';
import type { EventLog, EventName } from '../metrics/event-log';
import type { LinkDirection } from '../net/link-direction';
import type { Network } from '../net/network';
import { NetNode, VIEW_AZURE, VIEWS } from '../net/net-node';
import { PATH_ER_PRIMARY, PATH_ER_SECONDARY, PATH_VPN } from '../net/packet';
import type { FailureMode, Scenario } from '../scenario/types';
import type { TopologyGraph } from '../topology/topology-graph';
import { detectionTime, Detector, repairMasksFailure } from './detection';
import { computeForwarding, RoutePolicy, tracePath } from './forwarding';
import type { PrefixLeakTarget } from '../faults/failure-targets';
import { ActiveLeak, deriveSessions, prefixExcess, SessionSpec } from './sessions';

type SessionState = 'up' | 'detecting' | 'down' | 'reestablishing';

interface Session {
  spec: SessionSpec;
  detector: Detector;
  state: SessionState;
  /** What each view (VIEW_*) currently believes. */
  believed: boolean[];
  pending: ScheduledEvent | undefined;
  detectAt: number;
  /** Closed by a prefix count over its limit. */
  refused: boolean;
}

export interface TrackedFlow {
  name: string;
  src: NetNode;
  dst: NetNode;
  flowHash: number;
}

const VIEW_NAMES = ['premises', 'msee', 'azure'];

export class RoutingController {
  private readonly sessions: Session[];
  private readonly sessionsOfLink = new Map<string, Session[]>();
  private readonly policy: RoutePolicy;
  private readonly flowPaths = new Map<string, { home: string; now: string }>();
  private readonly leaks = new Map<string, ActiveLeak>();
  /** What Azure believes of each link outside every session on the on-premises or provider side, and whether a change is on its way. */
  private readonly azureBelief = new Map<string, { up: boolean; pending: boolean }>();
  /** Called after every recomputation of the forwarding tables (fluid flows follow their routes). */
  onReroute: (() => void) | undefined;

  constructor(
    private readonly sim: Simulator,
    private readonly net: Network,
    graph: TopologyGraph,
    private readonly scenario: Scenario,
    private readonly log: EventLog,
    rng: RandomStreams,
    private readonly destinations: readonly NetNode[],
    private readonly flows: readonly TrackedFlow[],
  ) {
    const r = scenario.routing;
    this.policy = {
      premisesPreferEr: r.premisesPreferEr,
      activePassive: r.activePassive,
      circuitWeights: new Map(scenario.circuits.map((c) => [c.name, c.weight])),
      erPrefixLength: scenario.vpn?.erPrefixLength ?? 0,
      vpnPrefixLength: scenario.vpn?.vpnPrefixLength ?? 0,
    };
    this.sessions = deriveSessions(graph, scenario).map((spec) => ({
      spec,
      detector: this.detectorFor(spec, rng),
      state: 'up',
      believed: VIEWS.map(() => true),
      pending: undefined,
      detectAt: 0,
      refused: false,
    }));
    for (const s of this.sessions) for (const link of s.spec.links) this.sessionsOfLink.set(link, [...(this.sessionsOfLink.get(link) ?? []), s]);
    for (const [link, [dir]] of net.linkById) {
      const onPremisesSide = [dir.props.from, dir.props.to].every((id) => net.node(id).view !== VIEW_AZURE && net.node(id).role !== 'msee');
      if (!this.sessionsOfLink.has(link) && onPremisesSide) this.azureBelief.set(link, { up: true, pending: false });
    }
    this.applyPrefixLimits(true);
    this.reroute();
    for (const f of flows) {
      const label = this.pathLabel(f);
      this.flowPaths.set(f.name, { home: label, now: label });
    }
  }

  /** BFD when the circuit has it, else the BGP hold timer; VPN: BGP hold or dead peer detection, whichever is first. Hello phases are drawn per session. */
  private detectorFor(spec: SessionSpec, rng: RandomStreams): Detector {
    const s = this.scenario;
    const phase = rng.stream(`session:${spec.name}/phase`);
    if (spec.kind === 'vpn') {
      const bgp = s.vpn!.bgp;
      return { kind: 'bgp-hold', periodNs: bgp.keepaliveNs, timeoutNs: bgp.holdNs, phaseNs: Math.floor(phase.uniform() * bgp.keepaliveNs), deadPeerNs: s.vpn!.dpdTimeoutNs };
    }
    if (spec.circuit!.bfd) {
      const i = s.routing.bfdIntervalNs;
      return { kind: 'bfd', periodNs: i, timeoutNs: i * s.routing.bfdMultiplier, phaseNs: Math.floor(phase.uniform() * i) };
    }
    // The MSEE's timers are fixed at 60/180 s; a session runs at the lower of both ends' [FAQ23].
    const k = Math.min(s.routing.erBgp.keepaliveNs, 60e9);
    const h = Math.min(s.routing.erBgp.holdNs, 180e9);
    return { kind: 'bgp-hold', periodNs: k, timeoutNs: h, phaseNs: Math.floor(phase.uniform() * k) };
  }

  /** Whether a view's routing uses this link direction now. */
  readonly usable = (dir: LinkDirection, view: number): boolean => {
    const sessions = this.sessionsOfLink.get(dir.props.link);
    if (sessions === undefined) return view === VIEW_AZURE ? (this.azureBelief.get(dir.props.link)?.up ?? dir.up) : dir.up;
    return sessions.some((s) => s.believed[view]);
  };

  /** Links or nodes changed state: start or stop the detection of each session they belong to. */
  physicalChange(mode: FailureMode): void {
    const now = this.sim.now;
    for (const s of this.sessions) {
      const broken = s.spec.links.some((l) => !this.net.linkById.get(l)![0].up);
      if (broken && s.state === 'up') {
        const d = mode === 'admin' ? { at: now, kind: 'admin' as const } : detectionTime(s.detector, now);
        s.state = 'detecting';
        s.detectAt = d.at;
        s.pending = this.sim.at(d.at, () => this.detected(s, d.kind === 'bfd' ? 'bfd_down' : d.kind === 'dpd' ? 'dpd_timeout' : d.kind === 'admin' ? 'bgp_withdraw' : 'hold_expired'));
      } else if (!broken && s.state === 'detecting') {
        const masked = s.detector.deadPeerNs !== undefined ? now < s.detectAt : repairMasksFailure(s.detector, now, s.detectAt);
        if (masked) {
          this.sim.cancel(s.pending);
          s.state = 'up';
          this.log.record(now, 'flap_masked', s.spec.name, 'repaired before the peers noticed');
        }
      } else if (!broken && s.state === 'down' && !s.refused) {
        this.reestablish(s);
      } else if (broken && s.state === 'reestablishing') {
        this.sim.cancel(s.pending);
        s.state = 'down';
      }
    }
    for (const [link, belief] of this.azureBelief) {
      if (belief.pending || belief.up === this.net.linkById.get(link)![0].up) continue;
      belief.pending = true;
      this.sim.schedule(this.scenario.routing.gatewayConvergenceNs, () => this.azureLearns(link, belief));
    }
    this.reroute();
  }

  /** Azure's routing takes in the state of a link it hears of only through BGP updates. */
  private azureLearns(link: string, belief: { up: boolean; pending: boolean }): void {
    belief.pending = false;
    const up = this.net.linkById.get(link)![0].up;
    if (up === belief.up) return;
    belief.up = up;
    this.log.record(this.sim.now, up ? 'route_installed' : 'route_withdrawn', link, 'azure routes: the change reached the gateway as a BGP update');
    this.reroute();
  }

  private detected(s: Session, how: EventName): void {
    s.state = 'down';
    this.log.record(this.sim.now, how, s.spec.name, s.spec.links.join(' '));
    this.teach(s, false);
    if (!this.broken(s) && !s.refused) this.reestablish(s);
  }

  private broken(s: Session): boolean {
    return s.spec.links.some((l) => !this.net.linkById.get(l)![0].up);
  }

  /** The sessions a prefix count over its limit keeps closed now. */
  prefixClosed(): string[] {
    return this.sessions.filter((s) => s.refused).map((s) => s.spec.name);
  }

  /** A prefix leak to `target` starts (`prefixes` advertised in place of the usual count) or, with undefined, ends. */
  prefixLeak(leak: string, target: PrefixLeakTarget, prefixes: number | undefined): void {
    const to = target.receiver === 'msee' ? `to the MSEEs of ${target.circuits.join(', ')}` : target.receiver === 'vpn-gateway' ? 'to the VPN gateway' : 'from the ExpressRoute gateway to on-premises';
    if (prefixes === undefined) {
      this.leaks.delete(leak);
      this.log.record(this.sim.now, 'prefix_leak_end', target.name, `the usual prefix count is advertised ${to} again`);
    } else {
      this.leaks.set(leak, { target, prefixes });
      this.log.record(this.sim.now, 'prefix_leak', target.name, `${prefixes} prefixes advertised ${to}`);
    }
    this.applyPrefixLimits(false);
    this.reroute();
  }

  /**
   * Close every session a prefix count now exceeds the limit of, and let those back under every
   * limit re-establish. `initial`: the scenario's own counts, before anything runs: a session
   * over a limit then never comes up, so every view knows it from the start.
   */
  private applyPrefixLimits(initial: boolean): void {
    const now = this.sim.now;
    for (const s of this.sessions) {
      const excess = prefixExcess(s.spec, this.scenario, this.leaks.values());
      if (excess !== undefined && !s.refused) {
        s.refused = true;
        this.log.record(now, 'prefix_limit_exceeded', s.spec.name, `${excess}: BGP session ${initial ? 'never established' : 'closed'}`);
        if (s.state === 'detecting' || s.state === 'reestablishing') this.sim.cancel(s.pending);
        s.state = 'down';
        if (initial) s.believed.fill(false);
        else this.teach(s, false);
      } else if (excess === undefined && s.refused) {
        s.refused = false;
        this.log.record(now, 'prefix_limit_cleared', s.spec.name, 'every prefix count under its limit again');
        if (!this.broken(s)) this.reestablish(s);
      }
    }
  }

  private reestablish(s: Session): void {
    s.state = 'reestablishing';
    s.pending = this.sim.schedule(this.scenario.routing.reestablishNs, () => {
      s.state = 'up';
      this.log.record(this.sim.now, 'session_up', s.spec.name);
      this.teach(s, true);
    });
  }

  /** Each view learns the session's new state after its convergence delay; views with the same delay learn together. */
  private teach(s: Session, up: boolean): void {
    const r = this.scenario.routing;
    const delay = [r.premisesConvergenceNs, 0, s.spec.kind === 'er' ? r.gatewayConvergenceNs : 0];
    for (const d of [...new Set(delay)]) {
      const views = VIEWS.filter((v) => delay[v] === d);
      this.sim.schedule(d, () => {
        const changed = views.filter((v) => s.believed[v] !== up);
        if (changed.length === 0) return;
        for (const v of changed) s.believed[v] = up;
        this.log.record(this.sim.now, up ? 'route_installed' : 'route_withdrawn', s.spec.name, `${changed.map((v) => VIEW_NAMES[v]).join(' and ')} routes`);
        this.reroute();
      });
    }
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
      this.log.record(this.sim.now, back ? 'failback' : 'failover', f.name, `${track.now} -> ${label}`);
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
