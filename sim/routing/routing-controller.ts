/**
 * RoutingController: what each side's routing believes, and when it learns it. Every session
 * (sessions.ts) moves through up -> detecting -> down -> reestablishing -> up as its links fail
 * and are repaired; detection takes the protocol's time (detection.ts), then each view acts
 * after its own convergence delay: on-premises routers after `premisesConvergence`, the MSEEs
 * at once, the Azure gateways after `gatewayConvergence` (ExpressRoute sessions) [BFD20].
 * Until a view learns of a failure it keeps sending into the dead path, and those packets are
 * lost at the link. Links outside every session are seen at once.
 */
import type { RandomStreams } from '../kernel/random';
import type { Simulator } from '../kernel/simulator';
import type { ScheduledEvent } from '../kernel/event-queue';
import type { EventLog, EventName } from '../metrics/event-log';
import type { LinkDirection } from '../net/link-direction';
import type { Network } from '../net/network';
import { NetNode, VIEWS } from '../net/net-node';
import { PATH_ER_PRIMARY, PATH_ER_SECONDARY, PATH_VPN } from '../net/packet';
import type { FailureMode, Scenario } from '../scenario/types';
import type { TopologyGraph } from '../topology/topology-graph';
import { detectionTime, Detector, repairMasksFailure } from './detection';
import { computeForwarding, RoutePolicy, tracePath } from './forwarding';
import { deriveSessions, SessionSpec } from './sessions';

type SessionState = 'up' | 'detecting' | 'down' | 'reestablishing';

interface Session {
  spec: SessionSpec;
  detector: Detector;
  state: SessionState;
  /** What each view (VIEW_*) currently believes. */
  believed: boolean[];
  pending: ScheduledEvent | undefined;
  detectAt: number;
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
    }));
    for (const s of this.sessions) for (const link of s.spec.links) this.sessionsOfLink.set(link, [...(this.sessionsOfLink.get(link) ?? []), s]);
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
    if (sessions === undefined) return dir.up;
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
      } else if (!broken && s.state === 'down') {
        this.reestablish(s);
      } else if (broken && s.state === 'reestablishing') {
        this.sim.cancel(s.pending);
        s.state = 'down';
      }
    }
    this.reroute();
  }

  private detected(s: Session, how: EventName): void {
    s.state = 'down';
    this.log.record(this.sim.now, how, s.spec.name, s.spec.links.join(' '));
    this.teach(s, false);
    if (!s.spec.links.some((l) => !this.net.linkById.get(l)![0].up)) this.reestablish(s);
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
