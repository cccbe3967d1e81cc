/**
 * The availability structure of a scenario, without packets: which paths each site has to
 * the VNet, the routing sessions and links they run over, and what each random failure takes
 * down. The dynamics (failure processes, session machines) are availability-replication.ts's.
 *
 * Paths, found on the scenario's topology graph (so every failure target of `ersim run` means
 * the same thing here):
 * - one ExpressRoute path per site, circuit and leg: the site reaches the VNet using that leg's
 *   links and every link outside the legs (access, provider network, MSEE to gateway of that
 *   circuit), never another leg, another circuit's links, another site or the VPN;
 * - one VPN path per site with a tunnel: site--internet, internet, internet--vpn-gateway,
 *   vpn-gateway, vpn-gateway--vnet.
 * Each path is ranked per direction as forwarding.ts ranks routes: toward Azure the sites'
 * local preference and AS paths, toward a site Azure's prefix lengths; the AS-path prepended
 * secondary leg of active/passive after the primary [COEX23][HA19].
 */
import { ER_CIRCUIT_SLA, VPN_GATEWAY_SLA } from '../domain/expressroute';
import { failureStreams, gatewayTakeoverNs } from '../faults/failure-process';
import { type PrefixLeakTarget, resolveFailureTargets } from '../faults/failure-targets';
import { viewOf, VIEW_AZURE, VIEW_PREMISES } from '../net/net-node';
import { prefersVpn, routePolicy } from '../routing/forwarding';
import { seenLateByAzure } from '../routing/routing-controller';
import { deriveSessions, type SessionSpec } from '../routing/sessions';
import type { FailureMode, LifetimeDist, NodeRole, Scenario } from '../scenario/types';
import { buildTopology } from '../topology/build-topology';
import type { TopologyGraph } from '../topology/topology-graph';

/** A Julian year, 365.25 days, in ms: the unit of "per year". */
export const MS_PER_YEAR = 365.25 * 86_400_000;

/** One `failures[]` item with mtbf/mttr: what failure-process.ts runs, and what it takes down. */
export interface RandomFailure {
  mode: FailureMode;
  /** Its stream, as `ersim run` names it: `failure:<target>#<k>`. */
  stream: string;
  ttf: LifetimeDist;
  ttr: LifetimeDist;
  /** The VPN gateway's active instance: down for the standby's takeover (ns), whatever the repair time says. */
  fixedDownNs: number | undefined;
  /** Element ids it takes down (links and nodes). */
  elements: number[];
  /** A prefix leak instead: who receives how many prefixes while it lasts, under the failure's path as key. */
  leak: { key: string; target: PrefixLeakTarget; prefixes: number } | undefined;
}

/** The two directions of a site's traffic, by the node whose routing picks the path: the site's, toward Azure; the VNet's, toward the site. */
export const DIRECTIONS = ['to-azure', 'to-site'] as const;

export interface LinkDef {
  id: string;
  element: number;
  /** Element ids of its two end nodes: a link is up while it and both ends are. */
  ends: [number, number];
  /** Indices into `sessions` of the sessions it belongs to. */
  sessions: number[];
  /** Outside every session on the on-premises or provider side: Azure hears of it only through BGP, after gatewayConvergence. */
  lateForAzure: boolean;
}

export interface PathDef {
  site: string;
  kind: 'er' | 'vpn';
  /** Circuit name of an ExpressRoute path. */
  circuit: string | null;
  /** Per direction (DIRECTIONS): routes of a lower rank win while the picking node believes them. */
  rank: [number, number];
  /** Indices of its nodes in `nodeElement`: the site and the VNet. */
  source: number;
  target: number;
  /** Per node: its element id and its routing view (VIEW_*). */
  nodeElement: number[];
  nodeView: number[];
  /** Per node: its allowed neighbours with the index into `links` of the link that joins them. */
  adjacency: [neighbour: number, link: number][][];
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
  failures: RandomFailure[];
  links: LinkDef[];
  sessions: SessionSpec[];
  paths: PathDef[];
  designs: DesignDef[];
  /** paths of design d for site s: pathsOf[d][s] (indices into `paths`). */
  pathsOf: number[][][];
  notes: string[];
}

export function buildAvailabilityModel(s: Scenario): AvailabilityModel {
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

  const streams = failureStreams(s);
  const failures: RandomFailure[] = [];
  s.failures.forEach((f, i) => {
    if (f.kind !== 'random') {
      notes.push(`${f.path} (target ${f.target}) is scheduled, not random: not part of the study`);
      return;
    }
    const t = targets[i]!;
    failures.push({
      mode: f.mode,
      stream: streams[i]!,
      ttf: f.ttf,
      ttr: f.ttr,
      fixedDownNs: t.leak === undefined ? gatewayTakeoverNs(f, s) : undefined,
      elements: [...t.links.map((l) => element(`link:${l}`)), ...t.nodes.map((n) => element(`node:${n}`))],
      leak: t.leak === undefined ? undefined : { key: f.path, target: t.leak, prefixes: f.prefixes! },
    });
  });
  if (failures.length === 0) notes.push('no random failures (mtbf/mttr): every design is always available');

  const sessions = deriveSessions(g, s);
  const linkIndex = new Map<string, number>();
  const links: LinkDef[] = g.mapEdges((e, _a, from, to) => {
    linkIndex.set(e, linkIndex.size);
    const inSessions = sessions.flatMap((x, i) => (x.links.includes(e) ? [i] : []));
    const ends = [from, to].map((n) => ({ view: viewOf(g.getNodeAttribute(n, 'role')), role: g.getNodeAttribute(n, 'role') }));
    return { id: e, element: element(`link:${e}`), ends: [element(`node:${from}`), element(`node:${to}`)], sessions: inSessions, lateForAzure: inSessions.length === 0 && seenLateByAzure(ends) };
  });

  const policy = routePolicy(s);
  const vpnRank = (dir: number): number => (prefersVpn(dir === 0, policy) ? -1 : 2);
  const sites = siteNames(s, g);
  const vnet = g.findNode((_n, a) => a.role === 'vnet');
  const paths: PathDef[] = [];
  for (const site of sites) {
    const source = g.hasNode(site) ? site : g.findNode((_n, a) => a.role === 'premises' && a.site === site);
    for (const c of s.circuits) {
      if (source === undefined || vnet === undefined) break;
      const legs = [...new Set(g.filterEdges((_e, a) => a.leg !== null && a.circuit === c.name).map((e) => g.getEdgeAttribute(e, 'leg')))];
      for (const leg of legs.length > 0 ? legs : [null]) {
        const allowed = (e: string): boolean => {
          const a = g.getEdgeAttributes(e);
          return (a.circuit === null || a.circuit === c.name) && (a.leg === null || a.leg === leg);
        };
        const rank = s.routing.activePassive && leg === 'secondary' ? 1 : 0;
        const p = pathDef(g, element, linkIndex, sites, site, source, vnet, allowed, (n) => !isVpnNode(g, n));
        if (p !== undefined) paths.push({ ...p, site, kind: 'er', circuit: c.name, rank: [rank, rank] });
      }
    }
    if (s.vpn !== undefined && s.vpn.sites.includes(site) && source !== undefined && vnet !== undefined) {
      const p = pathDef(g, element, linkIndex, sites, site, source, vnet, () => true, (n) => n === source || n === vnet || isVpnNode(g, n));
      if (p !== undefined) paths.push({ ...p, site, kind: 'vpn', circuit: null, rank: [vpnRank(0), vpnRank(1)] });
    }
    if (!paths.some((p) => p.site === site && p.kind === 'er')) notes.push(`site ${site} has no ExpressRoute path to the VNet`);
  }

  const designs = designsOf(s, notes);
  const pathsOf = designs.map((d) =>
    sites.map((site) => paths.flatMap((p, i) => (p.site === site && ((p.kind === 'er' && d.circuits.includes(p.circuit!)) || (p.kind === 'vpn' && d.vpn)) ? [i] : []))),
  );
  if (s.vpn !== undefined) for (const site of sites) if (!s.vpn.sites.includes(site)) notes.push(`site ${site} has no VPN tunnel: its VPN designs are its ExpressRoute ones`);
  return { scenario: s, sites, elementCount: ids.size, failures, links, sessions, paths, designs, pathsOf, notes };
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

type PathShape = Pick<PathDef, 'source' | 'target' | 'nodeElement' | 'nodeView' | 'adjacency'>;

/**
 * The subgraph a path may use: allowed links between allowed nodes, never another site's
 * premises nodes. Undefined when the VNet cannot be reached even with everything up.
 */
function pathDef(
  g: TopologyGraph,
  element: (key: string) => number,
  linkIndex: ReadonlyMap<string, number>,
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
    adjacency[i]!.push([j, linkIndex.get(e)!]);
    adjacency[j]!.push([i, linkIndex.get(e)!]);
  });
  const role = (n: string): NodeRole => g.getNodeAttribute(n, 'role');
  const p = { source: index.get(source)!, target: index.get(vnet)!, nodeElement: nodes.map((n) => element(`node:${n}`)), nodeView: nodes.map((n) => viewOf(role(n))), adjacency };
  return p.source !== undefined && p.target !== undefined && connected(p) ? p : undefined;
}

function connected(p: PathShape): boolean {
  return routeHops(p, 0, new Uint8Array(Math.max(0, ...p.adjacency.flatMap((a) => a.map(([, l]) => l))) + 1).fill(LINK_UP | 7)) >= 0;
}

/** Bit of a link's state word (see routeHops) that says it is up; bits 0 to 2 are the views (VIEW_*) that believe it up. */
export const LINK_UP = 8;

/**
 * The fewest hops of a route joining the path's two ends in direction `dir` (0: site to VNet,
 * 1: VNet to site), or -1 if there is none. `links[l]` is link l's state word: the bits of the
 * views that believe it up, and LINK_UP. With a `picker` view, a route over links that view
 * believes up: the route it may pick (a router spreads its traffic over its shortest routes
 * only). Without, a route over links that are up and that every router passed on the way, the
 * one about to forward included, believes up (each chose its next hops by what it believes of
 * the rest): a route that gets traffic through.
 */
export function routeHops(p: PathShape, dir: number, links: Uint8Array, picker?: number): number {
  const from = dir === 0 ? p.source : p.target;
  const to = dir === 0 ? p.target : p.source;
  const n = p.nodeElement.length;
  // A node may be reached having passed through different sets of views: a state is node x 8 + view bits.
  if (hops.length < 8 * n) {
    hops = new Int32Array(8 * n);
    queue = new Int32Array(8 * n);
  }
  hops.fill(-1, 0, 8 * n);
  const start = 8 * from + (1 << p.nodeView[from]!);
  queue[0] = start;
  hops[start] = 0;
  for (let head = 0, tail = 1; head < tail; head++) {
    const state = queue[head]!;
    const node = state >> 3;
    const views = state & 7;
    if (node === to) return hops[state]!;
    const adjacent = p.adjacency[node]!;
    for (let k = 0; k < adjacent.length; k++) {
      const [m, link] = adjacent[k]!;
      const word = links[link]!;
      if (picker !== undefined ? (word & (1 << picker)) === 0 : (word & LINK_UP) === 0 || (word & views) !== views) continue;
      const next = 8 * m + (views | (1 << p.nodeView[m]!));
      if (hops[next] !== -1) continue;
      hops[next] = hops[state]! + 1;
      queue[tail++] = next;
    }
  }
  return -1;
}

let hops = new Int32Array(64);
let queue = new Int32Array(64);

/** Whose routing picks the path in each direction (DIRECTIONS): the site's toward Azure, the VNet's toward the site. */
export const PICKER_VIEW = [VIEW_PREMISES, VIEW_AZURE] as const;

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
