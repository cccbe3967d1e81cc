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

const noTransit = (node: NetNode): boolean => !node.siteTransit;

/** How deep in Azure a node of this role stands: traffic toward the VNet moves only deeper, traffic toward a site only shallower. */
export function depthOf(role: string): number {
  return role === 'vnet' ? 3 : role === 'er-gateway' || role === 'vpn-gateway' ? 2 : role === 'msee' ? 1 : 0;
}

function depth(node: NetNode): number {
  return depthOf(node.role);
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

export function computeForwarding(net: Network, destinations: readonly NetNode[], usable: Usable, policy: RoutePolicy): void {
  const n = net.nodes.length;
  for (const node of net.nodes) node.resetRoutes(n);
  const tiers = VIEWS.map((v) => erTiers(policy, v !== VIEW_PREMISES));
  const dEr = tiers.map((t) => t.map(() => new Int32Array(n)));
  const dVpn = VIEWS.map(() => new Int32Array(n));
  for (const dst of destinations) {
    const outside = dst.role === 'premises';
    const direction: LinkFilter = outside ? (d) => depth(net.node(d.props.to)) <= depth(net.node(d.props.from)) : (d) => depth(net.node(d.props.to)) >= depth(net.node(d.props.from));
    const vpn: LinkFilter = (d) => direction(d) && CLASS_LINKS.vpn(d);
    const er = tiers.map((viewTiers) => viewTiers.map((tier): LinkFilter => (d) => direction(d) && CLASS_LINKS.er(d) && tier(d)));
    for (const view of VIEWS) {
      const inView: Usable = (d) => usable(d, view);
      er[view]!.forEach((filter, t) => distances(net, dst, dEr[view]![t]!, inView, filter, outside));
      distances(net, dst, dVpn[view]!, inView, vpn, outside);
    }
    for (const u of net.nodes) {
      if (u === dst || !u.up) continue;
      const v = u.view;
      const t = Math.max(0, dEr[v]!.findIndex((dist) => dist[u.index]! >= 0));
      const erHops = nextHops(net, u, dEr[v]![t]!, usable, er[v]![t]!, outside);
      const vpnHops = nextHops(net, u, dVpn[v]!, usable, vpn, outside);
      u.routes[PATH_CLASS_ER]![dst.index] = erHops;
      u.routes[PATH_CLASS_VPN]![dst.index] = vpnHops;
      u.choice[dst.index] = choose(u, dst, erHops.length > 0, vpnHops.length > 0, policy);
    }
  }
}

function choose(u: NetNode, dst: NetNode, er: boolean, vpn: boolean, policy: RoutePolicy): number {
  if (!er || !vpn) return er ? PATH_CLASS_ER : vpn ? PATH_CLASS_VPN : PATH_CLASS_NONE;
  if (u.view === VIEW_PREMISES && dst.role !== 'premises') return prefersVpn(true, policy) ? PATH_CLASS_VPN : PATH_CLASS_ER;
  if (u.view !== VIEW_PREMISES && dst.role === 'premises') return prefersVpn(false, policy) ? PATH_CLASS_VPN : PATH_CLASS_ER;
  return PATH_CLASS_ER;
}

/** Hop counts to `dst` over usable links of a class, breadth-first over reversed links. */
function distances(net: Network, dst: NetNode, dist: Int32Array, usable: Usable, inClass: LinkFilter, outside: boolean): void {
  dist.fill(-1);
  dist[dst.index] = 0;
  const frontier: NetNode[] = [dst];
  for (let head = 0; head < frontier.length; head++) {
    const v = frontier[head]!;
    for (const back of v.out) {
      const u = net.node(back.props.to);
      if (dist[u.index] !== -1 || (outside && noTransit(u))) continue;
      const forward = net.reverse(back);
      if (!inClass(forward) || !usable(forward, u.view)) continue;
      dist[u.index] = dist[v.index]! + 1;
      frontier.push(u);
    }
  }
  if (outside) nonTransitExits(net, dist, usable, inClass);
}

/** Label non-transit nodes with their hop count to the destination through their nearest exit from the non-transit set. */
function nonTransitExits(net: Network, dist: Int32Array, usable: Usable, inClass: LinkFilter): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const u of net.nodes) {
      if (!noTransit(u)) continue;
      for (const d of u.out) {
        const v = net.node(d.props.to);
        const dv = dist[v.index]!;
        if (dv < 0 || !inClass(d) || !usable(d, u.view)) continue;
        if (dist[u.index]! < 0 || dv + 1 < dist[u.index]!) {
          dist[u.index] = dv + 1;
          changed = true;
        }
      }
    }
  }
}

function nextHops(net: Network, u: NetNode, dist: Int32Array, usable: Usable, inClass: LinkFilter, outside: boolean): LinkDirection[] {
  const du = dist[u.index]!;
  if (du < 0) return [];
  const stayOutside = outside && !noTransit(u);
  return u.out.filter((d) => {
    const v = net.node(d.props.to);
    return inClass(d) && usable(d, u.view) && dist[v.index] === du - 1 && !(stayOutside && noTransit(v));
  });
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
