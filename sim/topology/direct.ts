/**
 * ExpressRoute Direct [CONN][DIRECT24]: the customer's router pair at the peering location on
 * a pair of 10, 100 or 400 Gbps ports straight into the MSEEs; no provider. The customer runs
 * BGP. Policing at the circuit bandwidth is opt-in (`circuit.rateLimit`) [RLDIRECT].
 *
 *   site --access-- customer-router-{primary,secondary} --port-- msee-{primary,secondary} -- er-gateway -- vnet
 */
import type { Scenario } from '../scenario/types';
import { accessLink, addMseePair, addSite, CircuitPart, LEGS, legLink, mseeId } from './template-parts';
import { addLink, TopologyGraph } from './topology-graph';

export function buildDirect(g: TopologyGraph, s: Scenario, part: CircuitPart): void {
  const { c, prefix } = part;
  addMseePair(g, s, part);
  for (const leg of LEGS) {
    const router = `${prefix}customer-router-${leg}`;
    g.addNode(router, { role: 'premises', name: router, site: c.peeringLocation });
    addLink(g, router, mseeId(prefix, leg), legLink(s, part, 'port', leg));
  }
  for (const site of s.sites) {
    addSite(g, site);
    // The site's links to its own routers are the customer's network; the legs begin at the ports.
    for (const leg of LEGS) addLink(g, site.name, `${prefix}customer-router-${leg}`, accessLink(site, 'access', part));
  }
}
