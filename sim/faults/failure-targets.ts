/**
 * Failure targets: what a failure's `target` names, resolved to the links and nodes it takes
 * down. A link id (`a--b`, either order) or a node id; a circuit part: `primary` or
 * `secondary` (every link of that leg, of every circuit), `circuit` (both legs of every
 * circuit), `<circuit name>` or `<circuit name>.primary|secondary` (one circuit's); `provider`
 * (every provider node); `peering-location` (every node standing in the first circuit's peering
 * location: the MSEEs, the provider's or the customer's routers there) or
 * `peering-location:<location>` (any circuit's location).
 * A prefix leak targets what receives the prefixes instead: `circuit` or `<circuit name>` (the
 * MSEEs, from on-premises), `er-gateway`'s advertisement to on-premises, or `vpn-gateway`.
 */
import type { Leg, Scenario } from '../scenario/types';
import { ScenarioError } from '../scenario/scenario-error';
import { findLink } from '../topology/build-topology';
import type { TopologyGraph } from '../topology/topology-graph';

export interface ResolvedTarget {
  links: string[];
  nodes: string[];
  /** A prefix leak's receiver; links and nodes are then empty. */
  leak?: PrefixLeakTarget;
}

/**
 * Who receives a leak's prefixes, and the sessions it closes when they exceed the limit:
 * msee: on-premises to the MSEEs of `circuits`; er-gateway: the gateway to on-premises over
 * every circuit's connection; vpn-gateway: on-premises to the VPN gateway.
 */
export interface PrefixLeakTarget {
  /** The target as written. */
  name: string;
  receiver: 'msee' | 'er-gateway' | 'vpn-gateway';
  circuits: string[];
}

function resolveLeakTarget(target: string, s: Scenario): ResolvedTarget | undefined {
  const all = s.circuits.map((c) => c.name);
  if (target === 'er-gateway') return { links: [], nodes: [], leak: { name: target, receiver: 'er-gateway', circuits: all } };
  if (target === 'vpn-gateway') return s.vpn === undefined ? undefined : { links: [], nodes: [], leak: { name: target, receiver: 'vpn-gateway', circuits: [] } };
  if (target === 'circuit') return { links: [], nodes: [], leak: { name: target, receiver: 'msee', circuits: all } };
  return all.includes(target) ? { links: [], nodes: [], leak: { name: target, receiver: 'msee', circuits: [target] } } : undefined;
}

export const NAMED_TARGETS = ['circuit', 'primary', 'secondary', '<circuit>', '<circuit>.primary', '<circuit>.secondary', 'provider', 'peering-location', 'peering-location:<location>'] as const;

function legLinks(g: TopologyGraph, legs: readonly Leg[], circuit: string | undefined): ResolvedTarget | undefined {
  const links = g.filterEdges((_e, a) => a.leg !== null && legs.includes(a.leg) && (circuit === undefined || a.circuit === circuit));
  return links.length > 0 ? { links, nodes: [] } : undefined;
}

function nonEmpty(nodes: string[]): ResolvedTarget | undefined {
  return nodes.length > 0 ? { links: [], nodes } : undefined;
}

export function resolveTarget(g: TopologyGraph, target: string, s: Scenario): ResolvedTarget | undefined {
  const both: Leg[] = ['primary', 'secondary'];
  if (target === 'circuit') return legLinks(g, both, undefined);
  if (target === 'primary' || target === 'secondary') return legLinks(g, [target], undefined);
  const leg = /\.(primary|secondary)$/.exec(target);
  const name = leg === null ? target : target.slice(0, leg.index);
  const part = leg?.[1];
  const circuit = s.circuits.find((c) => c.name === name);
  if (circuit !== undefined && s.circuits.length > 1) {
    if (part === undefined) return legLinks(g, both, circuit.name);
    if (part === 'primary' || part === 'secondary') return legLinks(g, [part], circuit.name);
  }
  if (target === 'provider') return nonEmpty(g.filterNodes((_n, a) => a.role === 'provider'));
  if (target === 'peering-location' || target.startsWith('peering-location:')) {
    const location = target === 'peering-location' ? s.circuit.peeringLocation : target.slice('peering-location:'.length);
    return nonEmpty(g.filterNodes((_n, a) => a.site === location && a.role !== 'vnet'));
  }
  const link = findLink(g, target);
  if (link !== undefined) return { links: [link], nodes: [] };
  if (g.hasNode(target)) return { links: [], nodes: [target] };
  return undefined;
}

/** Resolve every failure's target, or report each unknown one with the choices. */
export function resolveFailureTargets(s: Scenario, g: TopologyGraph): ResolvedTarget[] {
  const resolved = s.failures.map((f) => (f.prefixes === undefined ? resolveTarget(g, f.target, s) : resolveLeakTarget(f.target, s)));
  const issues = s.failures.flatMap((f, i) =>
    resolved[i] !== undefined
      ? []
      : [
          {
            file: s.file,
            path: `${f.path}.target`,
            expected:
              f.prefixes === undefined
                ? `${NAMED_TARGETS.join(', ')}, a node (${g.nodes().join(', ')}) or a link (${g.edges().join(', ')})`
                : `what a prefix leak reaches: circuit, a circuit name (${s.circuits.map((c) => c.name).join(', ')}), er-gateway${s.vpn === undefined ? '' : ' or vpn-gateway'}`,
            found: JSON.stringify(f.target),
          },
        ],
  );
  if (issues.length > 0) throw new ScenarioError(issues);
  return resolved as ResolvedTarget[];
}
