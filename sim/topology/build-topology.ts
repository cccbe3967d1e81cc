/**
 * buildTopology: scenario -> topology graph, by the builder of the scenario's connectivity
 * model, its encryption, then the scenario's per-link overrides.
 */
import type { ModelKind, Scenario } from '../scenario/types';
import { reversed } from '../scenario/per-direction';
import { ScenarioError, ScenarioIssue } from '../scenario/scenario-error';
import { buildAnyToAny } from './any-to-any';
import { buildCloudExchange } from './cloud-exchange';
import { buildCustom } from './custom';
import { buildDirect } from './direct';
import { buildPointToPoint } from './point-to-point';
import { applyEncryption } from './encryption';
import { addVpn } from './vpn';
import { addGatewayAndVnet, CircuitPart, circuitParts } from './template-parts';
import { newTopologyGraph, TopologyGraph } from './topology-graph';

/** The builder of each template model, called once per circuit. */
const BUILDERS: Record<Exclude<ModelKind, 'custom'>, (g: TopologyGraph, s: Scenario, part: CircuitPart) => void> = {
  'cloud-exchange': buildCloudExchange,
  'point-to-point': buildPointToPoint,
  'any-to-any': buildAnyToAny,
  direct: buildDirect,
};

export function buildTopology(s: Scenario): TopologyGraph {
  const g = newTopologyGraph();
  try {
    if (s.model === 'custom') buildCustom(g, s);
    else {
      addGatewayAndVnet(g, s);
      for (const part of circuitParts(s)) BUILDERS[s.model](g, s, part);
      addVpn(g, s);
      applyEncryption(g, s);
    }
  } catch (err) {
    // A site named like a node the template builds (colo-router, msee-primary, pe-<site>, ...).
    const clash = /"(.+)" node already exist/.exec((err as Error).message);
    if ((err as Error).name !== 'UsageGraphError' || clash === null) throw err;
    const i = s.sites.findIndex((site) => site.name === clash[1] || `pe-${site.name}` === clash[1]);
    throw new ScenarioError([
      { file: s.file, path: i >= 0 ? `sites[${i}].name` : 'sites', expected: `a site name unlike the nodes the ${s.model} template builds (${g.nodes().join(', ')})`, found: JSON.stringify(clash[1]) },
    ]);
  }
  applyOverrides(g, s);
  return g;
}

/** Find a link by id in either order of its ends (`a--b` or `b--a`). */
export function findLink(g: TopologyGraph, id: string): string | undefined {
  if (g.hasEdge(id)) return id;
  const ends = id.split('--');
  if (ends.length === 2 && g.hasNode(ends[0]!) && g.hasNode(ends[1]!) && g.hasEdge(ends[0]!, ends[1]!)) return g.edge(ends[0]!, ends[1]!);
  return undefined;
}

function applyOverrides(g: TopologyGraph, s: Scenario): void {
  const issues: ScenarioIssue[] = [];
  for (const o of s.linkOverrides) {
    const id = findLink(g, o.link);
    if (id === undefined) {
      issues.push({ file: s.file, path: `${o.path}.link`, expected: `a link of this ${s.model} topology (${g.edges().join(', ')})`, found: JSON.stringify(o.link) });
      continue;
    }
    const { link: _link, path: _path, ...props } = o;
    // An override naming the link from its other end means forward from that end.
    if (id !== o.link) {
      if (props.loss !== undefined) props.loss = reversed(props.loss);
      if (props.jitterNs !== undefined) props.jitterNs = reversed(props.jitterNs);
    }
    g.mergeEdgeAttributes(id, Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)));
  }
  if (issues.length > 0) throw new ScenarioError(issues);
}
