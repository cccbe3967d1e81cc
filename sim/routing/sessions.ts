/**
 * The routing sessions of a topology and the links whose failure each one must detect:
 * - one ExpressRoute BGP session per circuit leg (and per site where each site has its own
 *   line on the leg: point-to-point, Direct), covering the leg's links, with BFD when the
 *   circuit has it [ROUTING16][BFD20];
 * - one session per leg between its MSEE and the ExpressRoute gateway, covering the MSEE's link
 *   to the gateway: BFD runs between the edge routers and the MSEEs only [BFD20], so this path
 *   of Microsoft's is watched by BGP at the MSEE's fixed timers (derived: no source gives its
 *   detection time);
 * - one VPN session per tunnel: BGP inside IPsec with dead peer detection, no BFD [VPNFAQ26].
 * Links in no session (access links, the provider's network, the VNet) are noticed at once.
 * A session also closes while a prefix count it carries exceeds its limit (prefixExcess).
 */
import {
  ER_GATEWAY_TO_PREMISES_PREFIX_LIMIT,
  ER_PRIVATE_PEERING_PREFIX_LIMIT,
  ER_PRIVATE_PEERING_PREFIX_LIMIT_PREMIUM,
  MSEE_BGP_HOLD_NS,
  MSEE_BGP_KEEPALIVE_NS,
  VPN_GATEWAY_PREFIX_LIMIT,
} from '../domain/expressroute';
import type { PrefixLeakTarget } from '../faults/failure-targets';
import type { RandomStream } from '../kernel/random';
import type { CircuitConfig, Leg, RoutingConfig, Scenario } from '../scenario/types';
import type { Detector } from './detection';
import type { SessionMachine, SessionTimings } from './session-machine';
import { circuitParts, LEGS, mseeId } from '../topology/template-parts';
import type { TopologyGraph } from '../topology/topology-graph';

export interface SessionSpec {
  name: string;
  /** er: customer (or provider) edge to MSEE; er-gateway: MSEE to ExpressRoute gateway; vpn: a tunnel. */
  kind: 'er' | 'er-gateway' | 'vpn';
  leg: Leg | null;
  /** The circuit of an ExpressRoute session. */
  circuit: CircuitConfig | undefined;
  links: string[];
}

export function deriveSessions(g: TopologyGraph, s: Scenario): SessionSpec[] {
  const siteNodes = new Set(s.sites.map((site) => site.name).filter((n) => g.hasNode(n)));
  const sessions: SessionSpec[] = [];
  for (const { c, prefix } of circuitParts(s)) {
    for (const leg of LEGS) {
      const legLinks = g.filterEdges((_e, a) => a.leg === leg && a.circuit === c.name);
      if (legLinks.length === 0) continue;
      const name = `${s.circuits.length > 1 ? `${c.name}/` : ''}er-${leg}`;
      const shared = legLinks.filter((e) => !g.extremities(e).some((n) => siteNodes.has(n)));
      const msee = mseeId(prefix, leg);
      const backbone = g.hasNode(msee) && g.hasNode('er-gateway') && g.hasEdge(msee, 'er-gateway') ? [g.edge(msee, 'er-gateway')!] : [];
      const perSite = [...siteNodes].map((site) => ({ site, own: legLinks.filter((e) => g.extremities(e).includes(site)) })).filter((x) => x.own.length > 0);
      if (perSite.length === 0) sessions.push({ name, kind: 'er', leg, circuit: c, links: shared });
      else for (const { site, own } of perSite) sessions.push({ name: `${name}:${site}`, kind: 'er', leg, circuit: c, links: [...own, ...shared] });
      if (backbone.length > 0) sessions.push({ name: `${name}/gateway`, kind: 'er-gateway', leg, circuit: c, links: backbone });
    }
  }
  if (s.vpn !== undefined && g.hasNode('internet') && g.hasNode('vpn-gateway')) {
    const edge = g.edge('internet', 'vpn-gateway')!;
    for (const site of s.vpn.sites) sessions.push({ name: `vpn:${site}`, kind: 'vpn', leg: null, circuit: undefined, links: [g.edge(site, 'internet')!, edge] });
  }
  return sessions;
}

/** A prefix leak in progress: `prefixes` advertised to its target in place of the usual count. */
export interface ActiveLeak {
  target: PrefixLeakTarget;
  prefixes: number;
}

/** The prefixes on-premises may advertise to a circuit's MSEEs [FAQ23]. */
export function mseePrefixLimit(c: CircuitConfig): number {
  return c.premium ? ER_PRIVATE_PEERING_PREFIX_LIMIT_PREMIUM : ER_PRIVATE_PEERING_PREFIX_LIMIT;
}

/**
 * Why a prefix limit closes this session now, or undefined when every count it carries is
 * within its limit: on-premises to the MSEEs (4,000, 10,000 with Premium) and the gateway to
 * on-premises (1,000 per connection) for an ExpressRoute session [FAQ23]; on-premises to the
 * VPN gateway (4,000) for a VPN session [VPNFAQ26]. A count is the usual one (routing's
 * advertisedPrefixes or vnetPrefixes) unless leaks to that receiver are in progress: then the
 * largest of theirs.
 */
export function prefixExcess(spec: SessionSpec, s: Scenario, leaks: Iterable<ActiveLeak>): string | undefined {
  const active = [...leaks];
  const count = (usual: number, reaches: (t: PrefixLeakTarget) => boolean): number => {
    const leaked = active.filter((l) => reaches(l.target)).map((l) => l.prefixes);
    return leaked.length > 0 ? Math.max(...leaked) : usual;
  };
  const r = s.routing;
  // The limits close the edge's sessions, which take the leg down with them.
  if (spec.kind === 'er-gateway') return undefined;
  if (spec.kind === 'vpn') {
    const n = count(r.advertisedPrefixes, (t) => t.receiver === 'vpn-gateway');
    return n > VPN_GATEWAY_PREFIX_LIMIT ? `${n} prefixes advertised to the VPN gateway, limit ${VPN_GATEWAY_PREFIX_LIMIT}` : undefined;
  }
  const c = spec.circuit!;
  const ofCircuit = (receiver: PrefixLeakTarget['receiver']) => (t: PrefixLeakTarget) => t.receiver === receiver && t.circuits.includes(c.name);
  const toMsee = count(r.advertisedPrefixes, ofCircuit('msee'));
  const limit = mseePrefixLimit(c);
  if (toMsee > limit) return `${toMsee} prefixes advertised to the MSEEs of ${c.name}, limit ${limit}${c.premium ? ' (Premium)' : ''}`;
  const fromGateway = count(r.vnetPrefixes, ofCircuit('er-gateway'));
  if (fromGateway > ER_GATEWAY_TO_PREMISES_PREFIX_LIMIT)
    return `the ExpressRoute gateway advertises ${fromGateway} prefixes to on-premises over ${c.name}, limit ${ER_GATEWAY_TO_PREMISES_PREFIX_LIMIT} per connection`;
  return undefined;
}

/**
 * Close every session a prefix count now exceeds the limit of, and let those back under every
 * limit re-establish. `initial`: the scenario's own counts, before anything runs: a session
 * over a limit then never comes up, so every view knows it from the start.
 */
export function applyPrefixLimits(sessions: readonly { spec: SessionSpec; machine: SessionMachine }[], s: Scenario, leaks: Iterable<ActiveLeak>, initial: boolean): void {
  const active = [...leaks];
  for (const { spec, machine } of sessions) {
    const excess = prefixExcess(spec, s, active);
    if (excess !== undefined) machine.refuse(`${excess}: BGP session ${initial ? 'never established' : 'closed'}`, initial);
    else machine.admit();
  }
}

/** An ExpressRoute session's BGP timers: the lower of the customer's and the MSEE's fixed 60/180 s [FAQ23]. */
export function erBgpTimers(r: RoutingConfig): { keepaliveNs: number; holdNs: number } {
  return { keepaliveNs: Math.min(r.erBgp.keepaliveNs, MSEE_BGP_KEEPALIVE_NS), holdNs: Math.min(r.erBgp.holdNs, MSEE_BGP_HOLD_NS) };
}

/**
 * A session's timings in a kernel counting `unitNs` ns per unit (1 for a run, 1e6 for the
 * availability study), each duration rounded to whole units. Detection: BFD when the circuit
 * has it, else the BGP hold timer; MSEE to gateway: the BGP hold timer at the MSEE's fixed
 * 60/180 s; VPN: BGP hold or dead peer detection, whichever is first.
 * The hello phase is drawn from `phase` (the stream `session:<name>/phase`) so sessions are
 * not in lockstep. Convergence per view (VIEW_*): on-premises routers after
 * `premisesConvergence`, the MSEEs at once, the Azure gateways after `gatewayConvergence` for an
 * ExpressRoute session; the VPN gateway is Azure's BGP speaker and acts at once [BFD20].
 */
export function sessionTimings(spec: SessionSpec, s: Scenario, phase: RandomStream, unitNs = 1): SessionTimings {
  const u = (ns: number): number => Math.round(ns / unitNs);
  const r = s.routing;
  let detector: Detector;
  if (spec.kind === 'vpn') {
    const k = u(s.vpn!.bgp.keepaliveNs);
    detector = { kind: 'bgp-hold', periodNs: k, timeoutNs: u(s.vpn!.bgp.holdNs), phaseNs: Math.floor(phase.uniform() * k), deadPeerNs: u(s.vpn!.dpdTimeoutNs) };
  } else if (spec.kind === 'er-gateway') {
    const k = u(MSEE_BGP_KEEPALIVE_NS);
    detector = { kind: 'bgp-hold', periodNs: k, timeoutNs: u(MSEE_BGP_HOLD_NS), phaseNs: Math.floor(phase.uniform() * k) };
  } else if (spec.circuit!.bfd) {
    const i = u(r.bfdIntervalNs);
    detector = { kind: 'bfd', periodNs: i, timeoutNs: u(r.bfdIntervalNs * r.bfdMultiplier), phaseNs: Math.floor(phase.uniform() * i) };
  } else {
    const bgp = erBgpTimers(r);
    const k = u(bgp.keepaliveNs);
    detector = { kind: 'bgp-hold', periodNs: k, timeoutNs: u(bgp.holdNs), phaseNs: Math.floor(phase.uniform() * k) };
  }
  const convergence = [u(r.premisesConvergenceNs), 0, spec.kind === 'vpn' ? 0 : u(r.gatewayConvergenceNs)];
  return { detector, reestablish: u(r.reestablishNs), convergence };
}
