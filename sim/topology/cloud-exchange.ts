/**
 * Cloud exchange co-location [CONN]: the customer's router in a colocation facility, a
 * cross-connect per leg into the exchange's fabric, and the fabric's ports to the MSEE pair.
 * Layer 2: the fabric only switches and the customer's router runs BGP with the MSEEs;
 * Layer 3: the exchange's provider edge routers run it [CONN][GUIDE-ER16].
 *
 *   site --access-- colo-router --xc-- exchange-{primary,secondary} --er-leg-- msee-{primary,secondary} -- er-gateway -- vnet
 */
import type { Scenario } from '../scenario/types';
import { accessLink, addMseePair, addSite, CircuitPart, defaultLink, LEGS, legLink, mseeId } from './template-parts';
import { addLink, TopologyGraph } from './topology-graph';

/** Cross-connects run inside one building. */
const CROSS_CONNECT_M = 100;

export function buildCloudExchange(g: TopologyGraph, s: Scenario, part: CircuitPart): void {
  const { c, prefix } = part;
  addMseePair(g, s, part);
  const colo = `${prefix}colo-router`;
  g.addNode(colo, { role: 'premises', name: colo, site: c.peeringLocation });
  for (const site of s.sites) {
    addSite(g, site);
    addLink(g, site.name, colo, accessLink(site, 'access', part));
  }
  const edge = c.layer === 2 ? 'exchange' : 'provider-pe';
  for (const leg of LEGS) {
    const pe = `${prefix}${edge}-${leg}`;
    g.addNode(pe, { role: 'provider', name: pe, site: c.peeringLocation, noSiteTransit: true });
    addLink(g, colo, pe, { ...defaultLink(s, 'cross-connect', c.portBps, CROSS_CONNECT_M, leg), circuit: c.name });
    addLink(g, pe, mseeId(prefix, leg), legLink(s, part, 'er-leg', leg));
  }
}
