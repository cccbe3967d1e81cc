/**
 * Point-to-point Ethernet [CONN]: from each site a dedicated Ethernet line per leg over the
 * provider (two EVCs, possibly on one fibre [FAQ23]) to the provider's edge at the peering
 * location, then to the MSEE pair. The site's distance sets the line's propagation delay.
 * Layer 2: the site's router runs BGP with the MSEEs; Layer 3: the provider's edge does.
 *
 *   site --evc-- provider-{primary,secondary} --er-leg-- msee-{primary,secondary} -- er-gateway -- vnet
 */
import type { Scenario } from '../scenario/types';
import { accessLink, addAzureSide, LEGS, legLink, MSEE } from './template-parts';
import { addLink, TopologyGraph } from './topology-graph';

export function buildPointToPoint(g: TopologyGraph, s: Scenario): void {
  addAzureSide(g, s);
  const edge = s.circuit.layer === 2 ? 'provider-switch' : 'provider-pe';
  for (const leg of LEGS) {
    g.addNode(`${edge}-${leg}`, { role: 'provider', name: `${edge}-${leg}`, site: s.circuit.peeringLocation, noSiteTransit: true });
    addLink(g, `${edge}-${leg}`, MSEE[leg], legLink(s, 'er-leg', leg));
  }
  for (const site of s.sites) {
    g.addNode(site.name, { role: 'premises', name: site.name, site: site.name });
    for (const leg of LEGS) addLink(g, site.name, `${edge}-${leg}`, accessLink(site, 'ethernet-evc', leg));
  }
}
