/**
 * Route computation: fills every node's forwarding tables. For each destination and each path
 * class (ExpressRoute, VPN) a node keeps the equal-cost (fewest hops) next hops over the links
 * its routing believes up, and a choice of class made as the real deciders make it:
 * - on-premises routers toward Azure: local preference (ExpressRoute routes 150 over VPN 100
 *   when configured [COEX23]), then AS-path length (the VPN's "65515" is shorter than
 *   ExpressRoute's "12076 65515" [S2SBK], so without local preference the VPN wins);
 * - Azure toward a site: longest prefix first, then ExpressRoute over VPN [COEX23][S2SBK];
 * - among ExpressRoute circuits Azure prefers the highest connection weight [DR19][OPT25];
 * - active/passive legs: the secondary's AS path is prepended, so the primary wins while up [HA19].
 * A packet keeps the class its first router chose, so a path never switches class mid-way.
 * Each node computes its tables from its own view (what its routing believes), so a gateway
 * that has not yet converged keeps sending into a path the MSEE already knows is dead.
 * Traffic toward Azure only moves inward (site, MSEE, gateway, VNet) and traffic toward a site
 * only outward: Azure does not reflect routes between MSEEs or gateways. A failed node counts
 * through its links, so routing learns of it the way it learns of any link failure.
 *
 * Some nodes never carry traffic from one on-premises site to another (Azure's, and the
 * provider ends that only join sites to the MSEEs: NetNode.siteTransit false). Toward a site, a
 * path may start among such nodes (traffic from Azure), but once it leaves them it never re-enters.
 */
import type { LinkDirection } from '../net/link-direction';
import type { Network } from '../net/network';
import { NetNode, VIEW_PREMISES, VIEWS } from '../net/net-node';
import { PATH_CLASS_ER, PATH_CLASS_NONE, PATH_CLASS_VPN, PATH_ER_SECONDARY, PATH_VPN } from '../net/packet';
import type { Scenario } from '../scenario/types';
import { ER_AS_PATH_TO_PREMISES, ER_MAX_ECMP_CIRCUITS, PREMISES_LOCAL_PREF_ER, PREMISES_LOCAL_PREF_VPN, VPN_AS_PATH_TO_PREMISES } from '../domain/expressroute';

export interface RoutePolicy {
  premisesPreferEr: boolean;
  activePassive: boolean;
  /** Connection weight of each circuit at the ExpressRoute gateway. */
  circuitWeights: ReadonlyMap<string, number>;
  /** Prefix lengths of the sites' routes as Azure learns them over each path. */
  erPrefixLength: number;
  vpnPrefixLength: number;
}

/** Whether routing at a node of this view believes this link direction usable. */
export type Usable = (dir: LinkDirection, view: number) => boolean;

type LinkFilter = (dir: LinkDirection) => boolean;
const isVpnLink: LinkFilter = (d) => d.props.pathBit === PATH_VPN;
const isErLeg: LinkFilter = (d) => d.props.pathBit !== 0 && d.props.pathBit !== PATH_VPN;
const CLASS_LINKS: Record<'er' | 'vpn', LinkFilter> = {
  er: (d) => !isVpnLink(d),
  vpn: (d) => !isErLeg(d),
};

/** How deep in Azure a node of this role stands: traffic toward the VNet moves only deeper, traffic toward a site only shallower. */
export function depthOf(role: string): number {
  return role === 'vnet' ? 3 : role === 'er-gateway' || role === 'vpn-gateway' ? 2 : role === 'msee' ? 1 : 0;
}

/** The scenario's route policy. */
export function routePolicy(s: Scenario): RoutePolicy {
  const r = s.routing;
  return {
    premisesPreferEr: r.premisesPreferEr,
    activePassive: r.activePassive,
    circuitWeights: new Map(s.circuits.map((c) => [c.name, c.weight])),
    erPrefixLength: s.vpn?.erPrefixLength ?? 0,
    vpnPrefixLength: s.vpn?.vpnPrefixLength ?? 0,
  };
}

/**
 * Whether a router with routes of both classes picks the VPN's: on-premises toward Azure by
 * local preference, then AS-path length; Azure toward a site by prefix length.
 */
export function prefersVpn(towardAzure: boolean, policy: RoutePolicy): boolean {
  if (!towardAzure) return policy.vpnPrefixLength > policy.erPrefixLength;
  const erPref = policy.premisesPreferEr ? PREMISES_LOCAL_PREF_ER : PREMISES_LOCAL_PREF_VPN;
  if (erPref !== PREMISES_LOCAL_PREF_VPN) return erPref < PREMISES_LOCAL_PREF_VPN;
  return VPN_AS_PATH_TO_PREMISES < ER_AS_PATH_TO_PREMISES;
}

/**
 * The ExpressRoute paths a node accepts, most preferred first. Azure's side ranks circuits by
 * weight: from the highest weight down, the circuits of at least that weight, at most four of
 * them (ECMP spreads over no more [FAQ23]; the first in the file win a tie), and last of all
 * every circuit. With active/passive, paths avoiding the prepended secondary legs come first
 * within a rank.
 */
function erTiers(policy: RoutePolicy, azureSide: boolean): LinkFilter[] {
  const circuits = [...policy.circuitWeights.entries()].sort((a, b) => b[1] - a[1]);
  const ranks = azureSide ? [...new Set(circuits.map(([, w]) => w))].map((w) => circuits.filter(([, cw]) => cw >= w).slice(0, ER_MAX_ECMP_CIRCUITS)) : [];
  ranks.push(circuits);
  const tiers: LinkFilter[] = [];
  for (const rank of ranks) {
    const names = new Set(rank.map(([name]) => name));
    const inRank: LinkFilter = (d) => !isErLeg(d) || names.size === 0 || names.has(d.props.circuit ?? '');
    if (policy.activePassive) tiers.push((d) => inRank(d) && d.props.pathBit !== PATH_ER_SECONDARY);
    tiers.push(inRank);
  }
  return tiers;
}

/**
 * Fill every node's table toward each destination. Each class of links a node may use (by
 * direction toward or away from Azure, path class, ER tier and the view's beliefs) becomes a mask
 * over the link directions; views that believe the same and tiers that admit the same links share
 * one mask, and so one breadth-first search per destination (with 3,000 sites, 3,000 searches
 * each over 3,000 nodes: the masks keep it to two per destination while the views agree).
 */
export function computeForwarding(net: Network, destinations: readonly NetNode[], usable: Usable, policy: RoutePolicy): void {
  const n = net.nodes.length;
  net.tables.reset(n, destinations.map((d) => d.index));
  const g = indexNetwork(net);
  const masks = new MaskSet(net.links);
  const tiers = VIEWS.map((v) => erTiers(policy, v !== VIEW_PREMISES));
  const plans = [false, true].map((outside) => {
    const direction: LinkFilter = outside ? (d) => g.depth[g.to[d.index]!]! <= g.depth[g.from[d.index]!]! : (d) => g.depth[g.to[d.index]!]! >= g.depth[g.from[d.index]!]!;
    return {
      er: VIEWS.map((view) => tiers[view]!.map((tier) => masks.intern((d) => direction(d) && CLASS_LINKS.er(d) && tier(d) && usable(d, view)))),
      vpn: VIEWS.map((view) => masks.intern((d) => direction(d) && CLASS_LINKS.vpn(d) && usable(d, view))),
    };
  });
  const dist = masks.list.map(() => new Int32Array(n));
  const searchedFor = new Int32Array(masks.list.length);
  const hops: number[] = [];
  destinations.forEach((dst, i) => {
    const outside = dst.role === 'premises';
    const plan = plans[outside ? 1 : 0]!;
    searchedFor.fill(-1);
    // A mask's search toward this destination, run the first time a node needs it.
    const distances = (mask: number): Int32Array => {
      if (searchedFor[mask] !== i) {
        search(g, dst, dist[mask]!, masks.list[mask]!, outside);
        searchedFor[mask] = i;
      }
      return dist[mask]!;
    };
    for (const u of net.nodes) {
      if (u === dst || !u.up) continue;
      const er = plan.er[u.view]!;
      let t = 0;
      while (t < er.length && distances(er[t]!)[u.index]! < 0) t++;
      if (t === er.length) t = 0;
      const erCount = nextHops(g, u, distances(er[t]!), masks.list[er[t]!]!, outside, hops);
      net.tables.set(u.index, u.out, PATH_CLASS_ER, dst.index, hops, erCount);
      const vpn = plan.vpn[u.view]!;
      const vpnCount = nextHops(g, u, distances(vpn), masks.list[vpn]!, outside, hops);
      net.tables.set(u.index, u.out, PATH_CLASS_VPN, dst.index, hops, vpnCount);
      net.tables.setChoice(u.index, dst.index, choose(u, dst, erCount > 0, vpnCount > 0, policy));
    }
  });
}

function choose(u: NetNode, dst: NetNode, er: boolean, vpn: boolean, policy: RoutePolicy): number {
  if (!er || !vpn) return er ? PATH_CLASS_ER : vpn ? PATH_CLASS_VPN : PATH_CLASS_NONE;
  if (u.view === VIEW_PREMISES && dst.role !== 'premises') return prefersVpn(true, policy) ? PATH_CLASS_VPN : PATH_CLASS_ER;
  if (u.view !== VIEW_PREMISES && dst.role === 'premises') return prefersVpn(false, policy) ? PATH_CLASS_VPN : PATH_CLASS_ER;
  return PATH_CLASS_ER;
}

/** The network as index arrays, for searches that visit every node once per destination. */
interface IndexedNetwork {
  /** Node u's links are `outDir[outStart[u]]` to `outDir[outStart[u + 1] - 1]`, in the order of `u.out`. */
  outStart: Int32Array;
  outDir: Int32Array;
  /** Per link direction: the nodes it leaves and reaches, and its reverse direction. */
  from: Int32Array;
  to: Int32Array;
  reverse: Int32Array;
  /** Per node: depth in Azure (depthOf) and whether it never carries traffic between sites. */
  depth: Int32Array;
  noTransit: Uint8Array;
  noTransitNodes: readonly NetNode[];
  queue: Int32Array;
}

function indexNetwork(net: Network): IndexedNetwork {
  const links = net.links;
  const from = Int32Array.from(links, (d) => net.node(d.props.from).index);
  const to = Int32Array.from(links, (d) => d.receiver.index);
  const reverse = Int32Array.from(links, (d) => net.reverse(d).index);
  const depth = Int32Array.from(net.nodes, (u) => depthOf(u.role));
  const noTransit = Uint8Array.from(net.nodes, (u) => (u.siteTransit ? 0 : 1));
  const outStart = new Int32Array(net.nodes.length + 1);
  net.nodes.forEach((u, i) => (outStart[i + 1] = outStart[i]! + u.out.length));
  const outDir = Int32Array.from(net.nodes.flatMap((u) => u.out.map((d) => d.index)));
  return { outStart, outDir, from, to, reverse, depth, noTransit, noTransitNodes: net.nodes.filter((u) => !u.siteTransit), queue: new Int32Array(net.nodes.length) };
}

/** Masks over the link directions (1: a node may use it), each distinct mask kept once. */
class MaskSet {
  readonly list: Uint8Array[] = [];

  constructor(private readonly links: readonly LinkDirection[]) {}

  /** The id of the mask of directions `allowed` admits. */
  intern(allowed: LinkFilter): number {
    const mask = Uint8Array.from(this.links, (d) => (allowed(d) ? 1 : 0));
    const same = this.list.findIndex((m) => m.every((bit, i) => bit === mask[i]));
    if (same >= 0) return same;
    this.list.push(mask);
    return this.list.length - 1;
  }
}

/** Hop counts to `dst` over the directions a mask admits, breadth-first over reversed links. */
function search(g: IndexedNetwork, dst: NetNode, dist: Int32Array, mask: Uint8Array, outside: boolean): void {
  dist.fill(-1);
  dist[dst.index] = 0;
  const queue = g.queue;
  queue[0] = dst.index;
  for (let head = 0, tail = 1; head < tail; head++) {
    const v = queue[head]!;
    for (let e = g.outStart[v]!; e < g.outStart[v + 1]!; e++) {
      const back = g.outDir[e]!;
      const u = g.to[back]!;
      if (dist[u] !== -1 || (outside && g.noTransit[u] === 1) || mask[g.reverse[back]!] === 0) continue;
      dist[u] = dist[v]! + 1;
      queue[tail++] = u;
    }
  }
  if (outside) nonTransitExits(g, dist, mask);
}

/** Label non-transit nodes with their hop count to the destination through their nearest exit from the non-transit set. */
function nonTransitExits(g: IndexedNetwork, dist: Int32Array, mask: Uint8Array): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const u of g.noTransitNodes) {
      for (const d of u.out) {
        const dv = dist[g.to[d.index]!]!;
        if (dv < 0 || mask[d.index] === 0) continue;
        if (dist[u.index]! < 0 || dv + 1 < dist[u.index]!) {
          dist[u.index] = dv + 1;
          changed = true;
        }
      }
    }
  }
}

/** The positions in `u.out` of its next hops toward the destination of `dist`, written into `hops`; returns how many. */
function nextHops(g: IndexedNetwork, u: NetNode, dist: Int32Array, mask: Uint8Array, outside: boolean, hops: number[]): number {
  const du = dist[u.index]!;
  if (du < 0) return 0;
  const stayOutside = outside && g.noTransit[u.index] === 0;
  const start = g.outStart[u.index]!;
  const end = g.outStart[u.index + 1]!;
  let count = 0;
  for (let e = start; e < end; e++) {
    const d = g.outDir[e]!;
    const v = g.to[d]!;
    if (mask[d] === 1 && dist[v] === du - 1 && !(stayOutside && g.noTransit[v] === 1)) hops[count++] = e - start;
  }
  return count;
}

/** The path a flow's packets take now, by the forwarding tables: the link directions, or undefined if it ends nowhere. */
export function tracePath(net: Network, src: NetNode, dst: NetNode, flowHash: number): LinkDirection[] | undefined {
  const path: LinkDirection[] = [];
  let pathClass = PATH_CLASS_NONE;
  for (let u = src; u !== dst; ) {
    const hop = u.nextHop(dst.index, flowHash, pathClass);
    if (hop === undefined || path.length > net.nodes.length) return undefined;
    pathClass = hop.pathClass;
    path.push(hop.dir);
    u = net.node(hop.dir.props.to);
  }
  return path;
}

/** Whether a packet from `src` can reach `dst` by the current tables (for any flow hash). */
export function reachable(net: Network, src: NetNode, dst: NetNode): boolean {
  return tracePath(net, src, dst, 0) !== undefined;
}
