/**
 * Custom topology: nodes and links exactly as the scenario lists them, for studies the
 * templates do not cover.
 */
import { POLICER_BURST_NS } from '../domain/expressroute';
import { NS_PER_S } from '../kernel/time';
import type { Scenario } from '../scenario/types';
import { addLink, TopologyGraph } from './topology-graph';

export function buildCustom(g: TopologyGraph, s: Scenario): void {
  const custom = s.custom!;
  for (const n of custom.nodes) g.addNode(n.id, { role: n.role, name: n.id, site: n.site });
  for (const l of custom.links) {
    const { from, to, leg, policeBps, path: _path, ...props } = l;
    // The same bucket depth rule as a circuit leg's: 5 ms of the policed rate, at least two packets [RLPROV].
    const policeBurstBytes = Math.max((policeBps / 8) * (POLICER_BURST_NS / NS_PER_S), 2 * props.mtuBytes);
    addLink(g, from, to, { ...props, kind: leg ? 'er-leg' : 'access', leg, circuit: leg ? 'circuit' : null, policeBps, policeBurstBytes });
  }
  // A custom er-gateway takes its caps from the scenario's gateway block.
  g.forEachNode((id, attrs) => {
    if (attrs.role === 'er-gateway') g.mergeNodeAttributes(id, { capacityBps: s.gateway.capacityBps, pps: s.gateway.pps });
  });
}
