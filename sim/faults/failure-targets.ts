/**
 * Failure targets: what a failure's `target` names, resolved to the links and nodes it takes
 * down. A link id (`a--b`, either order), a node id, or a circuit part: `primary` or
 * `secondary` (every link of that leg) or `circuit` (both legs).
 */
import type { Leg, Scenario } from '../scenario/types';
import { ScenarioError } from '../scenario/scenario-error';
import { findLink } from '../topology/build-topology';
import type { TopologyGraph } from '../topology/topology-graph';

export interface ResolvedTarget {
  links: string[];
  nodes: string[];
}

export const CIRCUIT_TARGETS = ['circuit', 'primary', 'secondary'] as const;

export function resolveTarget(g: TopologyGraph, target: string): ResolvedTarget | undefined {
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
  const resolved = s.failures.map((f) => resolveTarget(g, f.target));
  const issues = s.failures.flatMap((f, i) =>
    resolved[i] !== undefined
      ? []
      : [
          {
            file: s.file,
            path: `${f.path}.target`,
            expected: `circuit, primary, secondary, a node (${g.nodes().join(', ')}) or a link (${g.edges().join(', ')})`,
            found: JSON.stringify(f.target),
          },
        ],
  );
  if (issues.length > 0) throw new ScenarioError(issues);
  return resolved as ResolvedTarget[];
}
