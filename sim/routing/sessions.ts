/**
 * The routing sessions of a topology and the links whose failure each one must detect:
 * - one ExpressRoute BGP session per circuit leg (and per site where each site has its own
 *   line on the leg: point-to-point, Direct), covering the leg's links and the MSEE's link to
 *   the gateway, with BFD when the circuit has it [ROUTING16][BFD20];
 * - one VPN session per tunnel: BGP inside IPsec with dead peer detection, no BFD [VPNFAQ26].
 * Links in no session (access links, the provider's network, the VNet) are noticed at once.
 */
import type { CircuitConfig, Leg, Scenario } from '../scenario/types';
import { circuitParts, LEGS, mseeId } from '../topology/template-parts';
import type { TopologyGraph } from '../topology/topology-graph';

export interface SessionSpec {
  name: string;
  kind: 'er' | 'vpn';
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
      if (perSite.length === 0) sessions.push({ name, kind: 'er', leg, circuit: c, links: [...shared, ...backbone] });
      else for (const { site, own } of perSite) sessions.push({ name: `${name}:${site}`, kind: 'er', leg, circuit: c, links: [...own, ...shared, ...backbone] });
    }
  }
  if (s.vpn !== undefined && g.hasNode('internet') && g.hasNode('vpn-gateway')) {
    const edge = g.edge('internet', 'vpn-gateway')!;
    for (const site of s.vpn.sites) sessions.push({ name: `vpn:${site}`, kind: 'vpn', leg: null, circuit: undefined, links: [g.edge(site, 'internet')!, edge] });
  }
  return sessions;
}
