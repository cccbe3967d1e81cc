/**
 * Point-to-point Ethernet [CONN]: from each site a dedicated Ethernet line per leg over the
 * provider (two EVCs, possibly on one fibre [FAQ23]) to the provider's edge at the peering
 * location, then to the MSEE pair. The site's distance sets the line's propagation delay.
 * Layer 2: the site's router runs BGP with the MSEEs; Layer 3: the provider's edge does.
 *
 *   site --evc-- provider-{switch,pe}-{primary,secondary} --er-leg-- msee-{primary,secondary} -- er-gateway -- vnet
 */
import type { Scenario } from '../scenario/types';
import { accessLink, addMseePair, addSite, CircuitPart, LEGS, legLink, mseeId } from './template-parts';
import { addLink, TopologyGraph } from './topology-graph';

export function buildPointToPoint(g: TopologyGraph, s: Scenario, part: CircuitPart): void {
  const { c, prefix } = part;
  addMseePair(g, s, part);
  const edge = `${prefix}${c.layer === 2 ? 'provider-switch' : 'provider-pe'}`;
  for (const leg of LEGS) {
    g.addNode(`${edge}-${leg}`, { role: 'provider', name: `${edge}-${leg}`, site: c.peeringLocation, noSiteTransit: true });
    addLink(g, `${edge}-${leg}`, mseeId(prefix, leg), legLink(s, part, 'er-leg', leg));
  }
  for (const site of s.sites) {
    addSite(g, site);
    for (const leg of LEGS) addLink(g, site.name, `${edge}-${leg}`, accessLink(site, 'ethernet-evc', part, leg));
  }
}
