/**
 * Any-to-any IPVPN (MPLS) [CONN]: every branch reaches its provider edge; the provider's MPLS
 * network carries traffic between branches (through its core) and from each branch's edge to
 * the provider edge pair at the peering location, which runs BGP with the MSEEs (managed
 * Layer 3). Azure looks like one more branch. A branch's distance is its distance over the
 * provider's network to the peering location (and to the core, for branch-to-branch traffic).
 *
 *   site --access-- pe-<site> --mpls-- provider-pe-{primary,secondary} --er-leg-- msee-* -- er-gateway -- vnet
 *                   pe-<site> --mpls-- mpls-core --mpls-- pe-<other site>
 */
import type { Scenario } from '../scenario/types';
import { accessLink, addMseePair, addSite, CircuitPart, defaultLink, fibreDelayNs, LEGS, legLink, mseeId, siteDistanceM } from './template-parts';
import { addLink, TopologyGraph } from './topology-graph';

/** The local loop from a branch to its provider edge is short. */
const LOCAL_LOOP_M = 1_000;

export function buildAnyToAny(g: TopologyGraph, s: Scenario, part: CircuitPart): void {
  const { c, prefix } = part;
  addMseePair(g, s, part);
  if (!g.hasNode('mpls-core')) g.addNode('mpls-core', { role: 'provider', name: 'mpls-core', site: 'mpls-core' });
  for (const leg of LEGS) {
    const pe = `${prefix}provider-pe-${leg}`;
    g.addNode(pe, { role: 'provider', name: pe, site: c.peeringLocation });
    addLink(g, pe, mseeId(prefix, leg), legLink(s, part, 'er-leg', leg));
  }
  for (const site of s.sites) {
    const pe = `pe-${site.name}`;
    if (!g.hasNode(pe)) {
      addSite(g, site);
      g.addNode(pe, { role: 'provider', name: pe, site: site.name });
      addLink(g, site.name, pe, { ...accessLink(site, 'access', part), delayNs: fibreDelayNs(LOCAL_LOOP_M) });
      addLink(g, pe, 'mpls-core', defaultLink(s, 'mpls', c.portBps, site.distanceM));
    }
    // The provider's network carries each branch to the circuit's peering location.
    for (const leg of LEGS) addLink(g, pe, `${prefix}provider-pe-${leg}`, defaultLink(s, 'mpls', c.portBps, siteDistanceM(c, site)));
  }
}
