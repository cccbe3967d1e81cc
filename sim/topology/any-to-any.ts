/**
 * Any-to-any IPVPN (MPLS) [CONN]: every branch reaches its provider edge, the provider's MPLS
 * core carries traffic between branches and to the provider edge pair at the peering location,
 * which runs BGP with the MSEEs (managed Layer 3). Azure looks like one more branch.
 * A branch's distance is its distance over the provider's network to the peering location.
 *
 *   site --access-- pe-<site> --mpls-- mpls-core --mpls-- provider-pe-{primary,secondary} --er-leg-- msee-* -- er-gateway -- vnet
 */
import type { Scenario } from '../scenario/types';
import { accessLink, addAzureSide, defaultLink, LEGS, legLink, MSEE } from './template-parts';
import { addLink, TopologyGraph } from './topology-graph';

/** The provider's edge routers at the peering location sit next to its core. */
const CORE_TO_PEERING_EDGE_M = 1_000;

export function buildAnyToAny(g: TopologyGraph, s: Scenario): void {
  addAzureSide(g, s);
  const location = s.circuit.peeringLocation;
  g.addNode('mpls-core', { role: 'provider', name: 'mpls-core', site: 'mpls-core' });
  for (const leg of LEGS) {
    const pe = `provider-pe-${leg}`;
    g.addNode(pe, { role: 'provider', name: pe, site: location });
    addLink(g, 'mpls-core', pe, defaultLink(s, 'mpls', s.circuit.portBps, CORE_TO_PEERING_EDGE_M, leg));
    addLink(g, pe, MSEE[leg], legLink(s, 'er-leg', leg));
  }
  for (const site of s.sites) {
    const pe = `pe-${site.name}`;
    g.addNode(site.name, { role: 'premises', name: site.name, site: site.name });
    g.addNode(pe, { role: 'provider', name: pe, site: site.name });
    // The local loop is short; the distance to the peering location is in the provider's core.
    addLink(g, site.name, pe, { ...accessLink(site, 'access'), delayNs: defaultLink(s, 'access', 0, CORE_TO_PEERING_EDGE_M).delayNs });
    addLink(g, pe, 'mpls-core', defaultLink(s, 'mpls', s.circuit.portBps, site.distanceM));
  }
}
