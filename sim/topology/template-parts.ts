/**
 * Pieces every ExpressRoute template shares: the Azure side (the MSEE pair, the ExpressRoute
 * gateway, the VNet) and the rules that turn scenario fields into link properties.
 */
import { FIBRE_NS_PER_M } from '../domain/expressroute';
import type { Leg, LinkProps, Scenario } from '../scenario/types';
import { addLink, EdgeAttrs, LinkKind, TopologyGraph } from './topology-graph';

/** Capacity of links inside Microsoft's network (MSEE to gateway, gateway to VNet): far above any gateway SKU, so the SKU is the cap. */
const AZURE_INTERNAL_BPS = 400e9;

export const MSEE: Record<Leg, string> = { primary: 'msee-primary', secondary: 'msee-secondary' };
export const LEGS: readonly Leg[] = ['primary', 'secondary'];

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
    policeBps: 0,
    policeBurstBytes: 0,
  };
}

/** A site's access link: its own capacity, loss and jitter, and a delay from its distance. */
export function accessLink(site: Scenario['sites'][number], kind: LinkKind, leg: Leg | null = null): EdgeAttrs {
  const props: LinkProps = site.access;
  return { ...props, kind, leg, policeBps: 0, policeBurstBytes: 0 };
}

/**
 * The link into an MSEE on one leg, policed at the circuit's bandwidth in each direction when
 * the circuit is policed [RLPROV].
 */
export function legLink(s: Scenario, kind: LinkKind, leg: Leg): EdgeAttrs {
  const link = defaultLink(s, kind, s.circuit.portBps, s.circuit.peeringDistanceM, leg);
  if (s.circuit.policed) {
    link.policeBps = s.circuit.bandwidthBps;
    link.policeBurstBytes = s.circuit.policerBurstBytes;
  }
  return link;
}

/** The MSEE pair, the ExpressRoute gateway and the VNet, wired as every model has them. */
export function addAzureSide(g: TopologyGraph, s: Scenario): void {
  for (const leg of LEGS) g.addNode(MSEE[leg], { role: 'msee', name: MSEE[leg], site: s.circuit.peeringLocation });
  g.addNode('er-gateway', {
    role: 'er-gateway',
    name: 'er-gateway',
    site: 'azure',
    capacityBps: s.gateway.capacityBps,
    pps: s.gateway.pps,
  });
  g.addNode('vnet', { role: 'vnet', name: 'vnet', site: 'azure' });
  for (const leg of LEGS) {
    // The ExpressRoute MTU applies from the MSEE to the gateway, where larger packets are fragmented [FAQ23][ERGWPERF24].
    const backbone = defaultLink(s, 'backbone', AZURE_INTERNAL_BPS, s.gateway.regionDistanceM);
    backbone.mtuBytes = s.circuit.mtuBytes;
    addLink(g, MSEE[leg], 'er-gateway', backbone);
  }
  addLink(g, 'er-gateway', 'vnet', defaultLink(s, 'vnet', AZURE_INTERNAL_BPS, 0));
}
