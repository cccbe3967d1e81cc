/**
 * The routing sessions of a topology and the links whose failure each one must detect:
 * - one ExpressRoute BGP session per leg (and per site where each site has its own line on
 *   the leg: point-to-point, Direct), covering the leg's links and the MSEE's link to the
 *   gateway, with BFD when the circuit has it [ROUTING16][BFD20];
 * - one VPN session per tunnel: BGP inside IPsec with dead peer detection, no BFD [VPNFAQ26].
 * Links in no session (access links, the provider's core, the VNet) are noticed at once.
 */
import type { Leg, Scenario } from '../scenario/types';
import type { TopologyGraph } from '../topology/topology-graph';
import { MSEE } from '../topology/template-parts';

export interface SessionSpec {
  name: string;
  kind: 'er' | 'vpn';
  leg: Leg | null;
  links: string[];
}

export function deriveSessions(g: TopologyGraph, s: Scenario): SessionSpec[] {
  const siteNodes = new Set(g.filterNodes((_n, a) => a.role === 'premises' && s.sites.some((site) => site.name === _n)));
  const sessions: SessionSpec[] = [];
  for (const leg of ['primary', 'secondary'] as const) {
    const legLinks = g.filterEdges((_e, a) => a.leg === leg);
    if (legLinks.length === 0) continue;
    const shared = legLinks.filter((e) => !g.extremities(e).some((n) => siteNodes.has(n)));
    const backbone = g.hasNode(MSEE[leg]) && g.hasNode('er-gateway') && g.hasEdge(MSEE[leg], 'er-gateway') ? [g.edge(MSEE[leg], 'er-gateway')!] : [];
    const perSite = [...siteNodes].map((site) => ({ site, own: legLinks.filter((e) => g.extremities(e).includes(site)) })).filter((x) => x.own.length > 0);
    if (perSite.length === 0) sessions.push({ name: `er-${leg}`, kind: 'er', leg, links: [...shared, ...backbone] });
    else for (const { site, own } of perSite) sessions.push({ name: `er-${leg}:${site}`, kind: 'er', leg, links: [...own, ...shared, ...backbone] });
  }
  if (s.vpn !== undefined && g.hasNode('internet') && g.hasNode('vpn-gateway')) {
    const edge = g.edge('internet', 'vpn-gateway')!;
    for (const site of s.vpn.sites) sessions.push({ name: `vpn:${site}`, kind: 'vpn', leg: null, links: [g.edge(site, 'internet')!, edge] });
  }
  return sessions;
}
