/**
 * Failure targets: what a failure's `target` names, resolved to the links and nodes it takes
 * down. A link id (`a--b`, either order), a node id, a circuit part: `primary` or `secondary`
 * (every link of that leg) or `circuit` (both legs), `provider` (every provider node), or
 * `peering-location` (every node standing in the circuit's peering location: the MSEEs, the
 * provider's or the customer's routers there).
 */
import type { Leg, Scenario } from '../scenario/types';
import { ScenarioError } from '../scenario/scenario-error';
import { findLink } from '../topology/build-topology';
import type { TopologyGraph } from '../topology/topology-graph';

export interface ResolvedTarget {
  links: string[];
  nodes: string[];
}

export const NAMED_TARGETS = ['circuit', 'primary', 'secondary', 'provider', 'peering-location'] as const;

export function resolveTarget(g: TopologyGraph, target: string, s: Scenario): ResolvedTarget | undefined {
  if (target === 'provider' || target === 'peering-location') {
    const nodes = g.filterNodes((_n, a) => (target === 'provider' ? a.role === 'provider' : a.site === s.circuit.peeringLocation));
    return nodes.length > 0 ? { links: [], nodes } : undefined;
  }
  if (target === 'circuit' || target === 'primary' || target === 'secondary') {
    const legs: Leg[] = target === 'circuit' ? ['primary', 'secondary'] : [target];
    const links = g.filterEdges((_e, a) => a.leg !== null && legs.includes(a.leg));
    return links.length > 0 ? { links, nodes: [] } : undefined;
  }
  const link = findLink(g, target);
  if (link !== undefined) return { links: [link], nodes: [] };
  if (g.hasNode(target)) return { links: [], nodes: [target] };
  return undefined;
}

/** Resolve every failure's target, or report each unknown one with the choices. */
export function resolveFailureTargets(s: Scenario, g: TopologyGraph): ResolvedTarget[] {
  const resolved = s.failures.map((f) => resolveTarget(g, f.target, s));
  const issues = s.failures.flatMap((f, i) =>
    resolved[i] !== undefined
      ? []
      : [
          {
            file: s.file,
            path: `${f.path}.target`,
            expected: `${NAMED_TARGETS.join(', ')}, a node (${g.nodes().join(', ')}) or a link (${g.edges().join(', ')})`,
            found: JSON.stringify(f.target),
          },
        ],
  );
  if (issues.length > 0) throw new ScenarioError(issues);
  return resolved as ResolvedTarget[];
}
