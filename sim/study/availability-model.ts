/**
 * The availability structure of a scenario, without packets: which paths each site has to
 * the VNet, which elements (links and nodes) each path needs, what each random failure takes
 * down, and how long routing takes to notice a failure and to bring a repaired path back.
 *
 * Paths, found on the scenario's topology graph (so every failure target of `ersim run` means
 * the same thing here):
 * - one ExpressRoute path per site, circuit and leg: the site reaches the VNet using that leg's
 *   links and every link outside the legs (access, provider network, MSEE to gateway of that
 *   circuit), never another leg, another circuit's links, another site or the VPN;
 * - one VPN path per site with a tunnel: site--internet, internet, internet--vpn-gateway,
 *   vpn-gateway, vpn-gateway--vnet.
 * A path is up while some chain of its elements from the site to the VNet is up.
 *
 * Time unit of the study: milliseconds (see availability-replication.ts).
 */
import { ER_BGP_HOLD_NS, ER_CIRCUIT_SLA, VPN_GATEWAY_SLA } from '../domain/expressroute';
import { resolveFailureTargets } from '../faults/failure-targets';
import { detectionTime, type Detector } from '../routing/detection';
import { deriveSessions, type SessionSpec } from '../routing/sessions';
import type { FailureMode, LifetimeDist, Scenario } from '../scenario/types';
import { buildTopology } from '../topology/build-topology';
import type { TopologyGraph } from '../topology/topology-graph';

export const MS_PER_NS = 1e-6;
/** A Julian year, 365.25 days, in ms: the unit of "per year". */
export const MS_PER_YEAR = 365.25 * 86_400_000;

/** A renewal process of failures and repairs of one `failures[]` item with mtbf/mttr. */
export interface FailureProcess {
  target: string;
  mode: FailureMode;
  /** Stream name as `ersim run` names it: `failure:<target>#<k>`. */
  stream: string;
  ttf: LifetimeDist;
  ttr: LifetimeDist;
  /** The VPN gateway's active instance: down for the standby's takeover, whatever the repair time says. */
  fixedDownMs: number | undefined;
  /** Element ids it takes down. */
  elements: number[];
  /** Indices of the paths that use one of them. */
  paths: number[];
}

export interface PathDef {
  site: string;
  kind: 'er' | 'vpn';
  /** Circuit name of an ExpressRoute path. */
  circuit: string | null;
  /** Routes of a lower rank win while believed: ExpressRoute 0 (the AS-path prepended secondary of active/passive 1), VPN 2 [COEX23][HA19]. */
  rank: number;
  /** Node indices into `adjacency`: the site and the VNet. */
  source: number;
  target: number;
  /** Per node: its element id and its allowed neighbours with the link's element id. */
  nodeElement: number[];
  adjacency: [neighbour: number, link: number][][];
  /**
   * The elements its routing session watches (the session's links and their end nodes, as
   * sessions.ts defines them): their failure is noticed only by detection. Per element id, 1 if
   * watched; every other element's state is known at once, as in `ersim run`.
   */
  watched: Uint8Array;
  watchedList: number[];
  /** Silent failure to routes moved: detection bound plus the worse side's convergence (ms). */
  detectMs: number;
  convergeMs: number;
  /** Repair to routes back: session re-establishment (then convergence). */
  reestablishMs: number;
}

export interface DesignDef {
  name: string;
  circuits: string[];
  vpn: boolean;
  slaPct: number;
  vpnSlaPct: number | undefined;
}

export interface AvailabilityModel {
  scenario: Scenario;
  sites: string[];
  elementCount: number;
  processes: FailureProcess[];
  paths: PathDef[];
  designs: DesignDef[];
  /** paths of design d for site s: pathsOf[d][s] (indices into `paths`). */
  pathsOf: number[][][];
  notes: string[];
}

export interface ModelOptions {
  /** false: detection, convergence and re-establishment take no time (for checks against analytic results). */
  routingDelays?: boolean;
}

const toMs = (ns: number): number => Math.round(ns * MS_PER_NS);

/** The worst case of detection.ts's rule: a hello arrives just as the element fails, so the peer is declared down the full timeout later. */
function detectionBoundMs(kind: Detector['kind'], timeoutNs: number, deadPeerNs?: number): number {
  const d: Detector = { kind, periodNs: 1, timeoutNs, phaseNs: 0, ...(deadPeerNs !== undefined ? { deadPeerNs } : {}) };
  return toMs(detectionTime(d, 0).at);
}

export function buildAvailabilityModel(s: Scenario, opts: ModelOptions = {}): AvailabilityModel {
  const g = buildTopology(s);
  const targets = resolveFailureTargets(s, g);
  const notes: string[] = [];
  const ids = new Map<string, number>();
  const element = (key: string): number => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  g.forEachNode((n) => element(`node:${n}`));
  g.forEachEdge((e) => element(`link:${e}`));

  const processes: FailureProcess[] = [];
  const perTarget = new Map<string, number>();
  s.failures.forEach((f, i) => {
    if (f.kind !== 'random') {
      notes.push(`${f.path} (target ${f.target}) is scheduled, not random: not part of the study`);
      return;
    }
    const k = perTarget.get(f.target) ?? 0;
    perTarget.set(f.target, k + 1);
    const t = targets[i]!;
    const gatewayTakeover = f.target === 'vpn-gateway' && s.vpn !== undefined;
    processes.push({
      target: f.target,
      mode: f.mode,
      stream: `failure:${f.target}#${k}`,
      ttf: f.ttf,
      ttr: f.ttr,
      fixedDownMs: gatewayTakeover ? toMs(f.mode === 'admin' ? s.vpn!.plannedFailoverNs : s.vpn!.unplannedFailoverNs) : undefined,
      elements: [...t.links.map((l) => element(`link:${l}`)), ...t.nodes.map((n) => element(`node:${n}`))],
      paths: [],
    });
  });
  if (processes.length === 0) notes.push('no random failures (mtbf/mttr): every design is always available');

  const allUp = new Int32Array(ids.size);
  const delays = opts.routingDelays ?? true;
  const r = s.routing;
  const erConvergeMs = delays ? toMs(Math.max(r.gatewayConvergenceNs, r.premisesConvergenceNs)) : 0;
  const reestablishMs = delays ? toMs(r.reestablishNs) : 0;
  const sites = siteNames(s, g);
  const vnet = g.findNode((_n, a) => a.role === 'vnet');
  const sessions = deriveSessions(g, s);
  const watch = (spec: SessionSpec | undefined, p: Pick<PathDef, 'nodeElement' | 'adjacency'>): Pick<PathDef, 'watched' | 'watchedList'> => {
    const list = spec === undefined ? allElements(p) : [...new Set(spec.links.flatMap((l) => [`link:${l}`, ...g.extremities(l).map((n) => `node:${n}`)]))].map(element);
    const watched = new Uint8Array(ids.size);
    for (const e of list) watched[e] = 1;
    return { watched, watchedList: list };
  };
  const paths: PathDef[] = [];
  for (const site of sites) {
    const source = g.hasNode(site) ? site : g.findNode((_n, a) => a.role === 'premises' && a.site === site);
    for (const c of s.circuits) {
      if (source === undefined || vnet === undefined) break;
      const legs = [...new Set(g.filterEdges((_e, a) => a.leg !== null && a.circuit === c.name).map((e) => g.getEdgeAttribute(e, 'leg')))];
      const detect = c.bfd ? detectionBoundMs('bfd', r.bfdIntervalNs * r.bfdMultiplier) : detectionBoundMs('bgp-hold', Math.min(r.erBgp.holdNs, ER_BGP_HOLD_NS));
      for (const leg of legs.length > 0 ? legs : [null]) {
        const allowed = (e: string): boolean => {
          const a = g.getEdgeAttributes(e);
          return (a.circuit === null || a.circuit === c.name) && (a.leg === null || a.leg === leg);
        };
        const rank = r.activePassive && leg === 'secondary' ? 1 : 0;
        const p = pathDef(g, element, allUp, sites, site, source, vnet, allowed, (n) => !isVpnNode(g, n));
        if (p === undefined) continue;
        // The site's own session on this leg (point-to-point, Direct), else the leg's shared one.
        const legSessions = sessions.filter((x) => x.kind === 'er' && x.circuit?.name === c.name && x.leg === leg);
        const spec = legSessions.find((x) => x.name.endsWith(`:${site}`)) ?? legSessions.find((x) => !x.name.includes(':'));
        paths.push({ ...p, ...watch(spec, p), site, kind: 'er', circuit: c.name, rank, detectMs: delays ? detect : 0, convergeMs: erConvergeMs, reestablishMs });
      }
    }
    if (s.vpn !== undefined && s.vpn.sites.includes(site) && source !== undefined && vnet !== undefined) {
      const v = s.vpn;
      const p = pathDef(g, element, allUp, sites, site, source, vnet, () => true, (n) => n === source || n === vnet || isVpnNode(g, n));
      const detect = detectionBoundMs('bgp-hold', v.bgp.holdNs, v.dpdTimeoutNs);
      // The VPN gateway is the BGP speaker on Azure's side and acts at once; on-premises after its own convergence.
      const spec = sessions.find((x) => x.name === `vpn:${site}`);
      if (p !== undefined) paths.push({ ...p, ...watch(spec, p), site, kind: 'vpn', circuit: null, rank: 2, detectMs: delays ? detect : 0, convergeMs: delays ? toMs(r.premisesConvergenceNs) : 0, reestablishMs });
    }
    if (!paths.some((p) => p.site === site && p.kind === 'er')) notes.push(`site ${site} has no ExpressRoute path to the VNet`);
  }

  for (const f of processes) f.paths = paths.flatMap((p, i) => (f.elements.some((e) => usesElement(p, e)) ? [i] : []));
  const designs = designsOf(s, notes);
  const pathsOf = designs.map((d) =>
    sites.map((site) => paths.flatMap((p, i) => (p.site === site && ((p.kind === 'er' && d.circuits.includes(p.circuit!)) || (p.kind === 'vpn' && d.vpn)) ? [i] : []))),
  );
  if (s.vpn !== undefined) for (const site of sites) if (!s.vpn.sites.includes(site)) notes.push(`site ${site} has no VPN tunnel: its VPN designs are its ExpressRoute ones`);
  return { scenario: s, sites, elementCount: ids.size, processes, paths, designs, pathsOf, notes };
}

function usesElement(p: PathDef, e: number): boolean {
  return p.nodeElement.includes(e) || p.adjacency.some((links) => links.some(([, l]) => l === e));
}

/** Every element of a path: without a session to go by, all of them are watched. */
function allElements(p: Pick<PathDef, 'nodeElement' | 'adjacency'>): number[] {
  return [...new Set([...p.nodeElement, ...p.adjacency.flatMap((links) => links.map(([, l]) => l))])];
}

function isVpnNode(g: TopologyGraph, n: string): boolean {
  const role = g.getNodeAttribute(n, 'role');
  return role === 'internet' || role === 'vpn-gateway';
}

/** The sites: the scenario's, or (custom) the sites of premises nodes in graph order. */
function siteNames(s: Scenario, g: TopologyGraph): string[] {
  if (s.model !== 'custom') return s.sites.map((x) => x.name);
  return [...new Set(g.filterNodes((_n, a) => a.role === 'premises').map((n) => g.getNodeAttribute(n, 'site')))];
}

/**
 * The subgraph a path may use: allowed links between allowed nodes, never another site's
 * premises nodes. Undefined when the VNet cannot be reached even with everything up.
 */
function pathDef(
  g: TopologyGraph,
  element: (key: string) => number,
  allUp: Int32Array,
  sites: readonly string[],
  site: string,
  source: string,
  vnet: string,
  allowedLink: (e: string) => boolean,
  allowedNode: (n: string) => boolean,
): PathShape | undefined {
  // Another site's own nodes carry no transit; shared premises routers (a colocation or Direct router) do.
  const nodes = g.filterNodes((n, a) => allowedNode(n) && !(a.role === 'premises' && a.site !== site && sites.includes(a.site)));
  const index = new Map(nodes.map((n, i) => [n, i]));
  const adjacency: [number, number][][] = nodes.map(() => []);
  g.forEachEdge((e, _a, from, to) => {
    const i = index.get(from);
    const j = index.get(to);
    if (i === undefined || j === undefined || !allowedLink(e)) return;
    adjacency[i]!.push([j, element(`link:${e}`)]);
    adjacency[j]!.push([i, element(`link:${e}`)]);
  });
  const p = { source: index.get(source)!, target: index.get(vnet)!, nodeElement: nodes.map((n) => element(`node:${n}`)), adjacency };
  return p.source !== undefined && p.target !== undefined && pathUp(p, allUp) ? p : undefined;
}

type PathShape = Pick<PathDef, 'source' | 'target' | 'nodeElement' | 'adjacency'>;

/** True while some chain of up elements joins the site to the VNet (breadth-first search); elements marked in `assumeUp` count as up. */
export function pathUp(p: PathShape, down: Int32Array, assumeUp?: Uint8Array): boolean {
  const isDown = (e: number): boolean => down[e]! > 0 && !(assumeUp !== undefined && assumeUp[e] === 1);
  if (isDown(p.nodeElement[p.source]!)) return false;
  const seen = new Uint8Array(p.nodeElement.length);
  const queue = [p.source];
  seen[p.source] = 1;
  for (let q = 0; q < queue.length; q++) {
    const n = queue[q]!;
    if (n === p.target) return true;
    for (const [m, link] of p.adjacency[n]!) {
      if (seen[m] || isDown(link) || isDown(p.nodeElement[m]!)) continue;
      seen[m] = 1;
      queue.push(m);
    }
  }
  return false;
}

/** The designs compared: the first circuit alone, with the VPN, every circuit, every circuit with the VPN. */
function designsOf(s: Scenario, notes: string[]): DesignDef[] {
  const sla = 100 * ER_CIRCUIT_SLA;
  const vpnSla = 100 * VPN_GATEWAY_SLA;
  const first = [s.circuits[0]!.name];
  const all = s.circuits.map((c) => c.name);
  const designs: DesignDef[] = [{ name: 'ExpressRoute only', circuits: first, vpn: false, slaPct: sla, vpnSlaPct: undefined }];
  if (all.length > 1) notes.push(`ExpressRoute only: circuit ${first[0]} alone, as if the scenario had no other circuit and no VPN`);
  if (s.vpn !== undefined) designs.push({ name: 'ExpressRoute plus VPN', circuits: first, vpn: true, slaPct: sla, vpnSlaPct: vpnSla });
  const several = all.length === 2 ? 'two circuits' : `${all.length} circuits`;
  if (all.length > 1) {
    designs.push({ name: several, circuits: all, vpn: false, slaPct: sla, vpnSlaPct: undefined });
    if (s.vpn !== undefined) designs.push({ name: `${several} plus VPN`, circuits: all, vpn: true, slaPct: sla, vpnSlaPct: vpnSla });
    notes.push(`${several}: sla_pct is one circuit's figure; no figure for several peering locations is published [REL25]`);
  } else notes.push('two circuits: skipped, the scenario has one circuit');
  if (s.vpn === undefined) notes.push('ExpressRoute plus VPN: skipped, the scenario has no vpn block');
  return designs;
}
