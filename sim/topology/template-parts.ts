/**
 * Pieces every ExpressRoute template shares: the Azure side (an MSEE pair per circuit, the
 * ExpressRoute gateway, the VNet) and the rules that turn scenario fields into link properties.
 * With several circuits, each circuit's own nodes carry its name as a prefix
 * (`<circuit>-msee-primary`); with one, they have none.
 */
import { FIBRE_NS_PER_M } from '../domain/expressroute';
import type { CircuitConfig, Leg, LinkProps, Scenario, SiteConfig } from '../scenario/types';
import { addLink, EdgeAttrs, LinkKind, TopologyGraph } from './topology-graph';

/** Capacity of links inside Microsoft's network (MSEE to gateway, gateway to VNet): far above any gateway SKU, so the SKU is the cap. */
const AZURE_INTERNAL_BPS = 400e9;

export const LEGS: readonly Leg[] = ['primary', 'secondary'];

/** What the template builds for one circuit: the circuit and the prefix of its nodes. */
export interface CircuitPart {
  c: CircuitConfig;
  prefix: string;
}

export function circuitParts(s: Scenario): CircuitPart[] {
  return s.circuits.map((c) => ({ c, prefix: s.circuits.length > 1 ? `${c.name}-` : '' }));
}

export function mseeId(prefix: string, leg: Leg): string {
  return `${prefix}msee-${leg}`;
}

/** A site's distance to where a circuit's connection enters (colo, provider edge, Direct routers). */
export function siteDistanceM(c: CircuitConfig, site: SiteConfig): number {
  return c.siteDistanceM[site.name] ?? site.distanceM;
}

/** Add a site's node unless an earlier circuit did. */
export function addSite(g: TopologyGraph, site: SiteConfig): void {
  if (!g.hasNode(site.name)) g.addNode(site.name, { role: 'premises', name: site.name, site: site.name });
}

export function fibreDelayNs(distanceM: number): number {
  return Math.round(distanceM * FIBRE_NS_PER_M);
}

/** A link with the scenario's link defaults and the given capacity and distance. */
export function defaultLink(s: Scenario, kind: LinkKind, capacityBps: number, distanceM: number, leg: Leg | null = null): EdgeAttrs {
  return {
    ...s.linkDefaults,
    capacityBps,
    delayNs: fibreDelayNs(distanceM),
    kind,
    leg,
    circuit: null,
    policeBps: 0,
    policeBurstBytes: 0,
  };
}

/** A site's access link toward a circuit: its own capacity, loss and jitter, and a delay from its distance to that circuit. */
export function accessLink(site: SiteConfig, kind: LinkKind, part: CircuitPart, leg: Leg | null = null): EdgeAttrs {
  const props: LinkProps = site.access;
  return { ...props, delayNs: fibreDelayNs(siteDistanceM(part.c, site)), kind, leg, circuit: leg ? part.c.name : null, policeBps: 0, policeBurstBytes: 0 };
}

/**
 * The link into an MSEE on one leg of a circuit, policed at the circuit's bandwidth in each
 * direction when the circuit is policed [RLPROV].
 */
export function legLink(s: Scenario, part: CircuitPart, kind: LinkKind, leg: Leg): EdgeAttrs {
  const c = part.c;
  const link = { ...defaultLink(s, kind, c.portBps, c.peeringDistanceM, leg), circuit: c.name };
  if (c.policed) {
    link.policeBps = c.bandwidthBps;
    link.policeBurstBytes = c.policerBurstBytes;
  }
  return link;
}

/** The ExpressRoute gateway and the VNet, shared by every circuit. */
export function addGatewayAndVnet(g: TopologyGraph, s: Scenario): void {
  g.addNode('er-gateway', {
    role: 'er-gateway',
    name: 'er-gateway',
    site: 'azure',
    capacityBps: s.gateway.capacityBps,
    pps: s.gateway.pps,
  });
  g.addNode('vnet', { role: 'vnet', name: 'vnet', site: 'azure' });
  addLink(g, 'er-gateway', 'vnet', defaultLink(s, 'vnet', AZURE_INTERNAL_BPS, 0));
}

/** A circuit's MSEE pair in its peering location, each linked to the gateway over Microsoft's backbone. */
export function addMseePair(g: TopologyGraph, s: Scenario, part: CircuitPart): void {
  for (const leg of LEGS) {
    const msee = mseeId(part.prefix, leg);
    g.addNode(msee, { role: 'msee', name: msee, site: part.c.peeringLocation });
    // The ExpressRoute MTU applies from the MSEE to the gateway, where larger packets are fragmented [FAQ23][ERGWPERF24].
    const backbone = { ...defaultLink(s, 'backbone', AZURE_INTERNAL_BPS, s.gateway.regionDistanceM), circuit: part.c.name };
    backbone.mtuBytes = part.c.mtuBytes;
    addLink(g, msee, 'er-gateway', backbone);
  }
}
