/**
 * Custom topology: nodes and links exactly as the scenario lists them, for studies the
 * templates do not cover.
 */
import type { Scenario } from '../scenario/types';
import { addLink, TopologyGraph } from './topology-graph';

export function buildCustom(g: TopologyGraph, s: Scenario): void {
  const custom = s.custom!;
  for (const n of custom.nodes) g.addNode(n.id, { role: n.role, name: n.id, site: n.site });
  for (const l of custom.links) {
    const { from, to, leg, policeBps, path: _path, ...props } = l;
    addLink(g, from, to, { ...props, kind: leg ? 'er-leg' : 'access', leg, policeBps, policeBurstBytes: s.circuit.policerBurstBytes });
  }
  // A custom er-gateway takes its caps from the scenario's gateway block.
  g.forEachNode((id, attrs) => {
    if (attrs.role === 'er-gateway') g.mergeNodeAttributes(id, { capacityBps: s.gateway.capacityBps, pps: s.gateway.pps });
  });
}
