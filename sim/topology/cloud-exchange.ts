/**
 * Cloud exchange co-location [CONN]: the customer's router in a colocation facility, a
 * cross-connect per leg into the exchange's fabric, and the fabric's ports to the MSEE pair.
 * Layer 2: the fabric only switches and the customer's router runs BGP with the MSEEs;
 * Layer 3: the exchange's provider edge routers run it [CONN][GUIDE-ER16].
 *
 *   site --access-- colo-router --xc-- exchange-{primary,secondary} --er-leg-- msee-{primary,secondary} -- er-gateway -- vnet
 */
import type { Scenario } from '../scenario/types';
import { accessLink, addAzureSide, defaultLink, LEGS, legLink, MSEE } from './template-parts';
import { addLink, TopologyGraph } from './topology-graph';

/** Cross-connects run inside one building. */
const CROSS_CONNECT_M = 100;

export function buildCloudExchange(g: TopologyGraph, s: Scenario): void {
  addAzureSide(g, s);
  const colo = s.circuit.peeringLocation;
  g.addNode('colo-router', { role: 'premises', name: 'colo-router', site: colo });
  for (const site of s.sites) {
    g.addNode(site.name, { role: 'premises', name: site.name, site: site.name });
    addLink(g, site.name, 'colo-router', accessLink(site, 'access'));
  }
  const edge = s.circuit.layer === 2 ? 'exchange' : 'provider-pe';
  for (const leg of LEGS) {
    const pe = `${edge}-${leg}`;
    g.addNode(pe, { role: 'provider', name: pe, site: colo, noSiteTransit: true });
    addLink(g, 'colo-router', pe, defaultLink(s, 'cross-connect', s.circuit.portBps, CROSS_CONNECT_M, leg));
    addLink(g, pe, MSEE[leg], legLink(s, 'er-leg', leg));
  }
}
