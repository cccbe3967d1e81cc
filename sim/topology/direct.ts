/**
 * ExpressRoute Direct [CONN][DIRECT24]: the customer's router pair at the peering location on
 * a pair of 10, 100 or 400 Gbps ports straight into the MSEEs; no provider. The customer runs
 * BGP. Policing at the circuit bandwidth is opt-in (`circuit.rateLimit`) [RLDIRECT].
 *
 *   site --access-- customer-router-{primary,secondary} --port-- msee-{primary,secondary} -- er-gateway -- vnet
 */
import type { Scenario } from '../scenario/types';
import { accessLink, addAzureSide, LEGS, legLink, MSEE } from './template-parts';
import { addLink, TopologyGraph } from './topology-graph';

export function buildDirect(g: TopologyGraph, s: Scenario): void {
  addAzureSide(g, s);
  for (const leg of LEGS) {
    const router = `customer-router-${leg}`;
    g.addNode(router, { role: 'premises', name: router, site: s.circuit.peeringLocation });
    addLink(g, router, MSEE[leg], legLink(s, 'port', leg));
  }
  for (const site of s.sites) {
    g.addNode(site.name, { role: 'premises', name: site.name, site: site.name });
    // The site's links to its own routers are the customer's network; the legs begin at the ports.
    for (const leg of LEGS) addLink(g, site.name, `customer-router-${leg}`, accessLink(site, 'access'));
  }
}
