/**
 * The scenario's topology as a graph drawing: the graph is rebuilt from run.json's scenario
 * (buildTopology, as the run built it), and laid out deterministically in columns, left to
 * right:
 *   premises and provider nodes, each at its hop distance from the sites (so a colocation
 *     router stands right of its sites, an MPLS core right of the branch edges);
 *   MSEEs;
 *   the gateways: ExpressRoute gateway, VPN gateway (bottom);
 *   the VNet.
 * The VPN path runs along the bottom row: the internet in the second column, the VPN gateway
 * in the gateways' column. Within a column nodes keep the order the builder added them. Links are labelled with their
 * capacity (and their leg); links and nodes that went down during the run (link_down,
 * node_down and gateway_failover subjects in events.csv) are drawn thick and red.
 */
import { findLink } from '../topology/build-topology';
import type { TopologyGraph } from '../topology/topology-graph';
import { formatRate } from './chart-style';
import { failedElements } from './event-marks';
import type { ReportRun } from './result-data';
import { renderChart, type ChartSvg } from './vega-render';

/** Column width: room for the longest node name between 150 and 230 px. */
const MIN_COLUMN_PX = 150;
const MAX_COLUMN_PX = 230;
const ROW_PX = 64;

const ROLE_COLOURS: Record<string, string> = {
  premises: '#4c78a8',
  provider: '#9d755d',
  msee: '#54a24b',
  'er-gateway': '#b279a2',
  vnet: '#e45756',
  internet: '#bab0ac',
  'vpn-gateway': '#f58518',
};

export interface NodePlace {
  id: string;
  role: string;
  column: number;
  row: number;
}

/** Column and row (both may be fractional rows, for centring) of every node. */
export function layoutTopology(g: TopologyGraph): NodePlace[] {
  const nodes = g.nodes();
  const role = (n: string) => g.getNodeAttribute(n, 'role');
  const vpnSide = (n: string) => role(n) === 'internet' || role(n) === 'vpn-gateway';
  // Hop distance of premises and provider nodes from the sites, through premises and provider nodes only.
  const left = nodes.filter((n) => role(n) === 'premises' || role(n) === 'provider');
  const sites = left.filter((n) => role(n) === 'premises' && g.getNodeAttribute(n, 'site') === n);
  const hops = new Map<string, number>();
  const queue = sites.length > 0 ? [...sites] : left.filter((n) => role(n) === 'premises');
  for (const n of queue) hops.set(n, 0);
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i]!;
    for (const m of g.neighbors(n)) {
      if ((role(m) === 'premises' || role(m) === 'provider') && !hops.has(m)) {
        hops.set(m, hops.get(n)! + 1);
        queue.push(m);
      }
    }
  }
  for (const n of left) if (!hops.has(n)) hops.set(n, role(n) === 'premises' ? 0 : 1);
  const mseeColumn = Math.max(0, ...hops.values()) + 1;
  const column = (n: string): number => {
    switch (role(n)) {
      case 'premises':
      case 'provider':
        return hops.get(n)!;
      case 'internet':
        return 1;
      case 'msee':
        return mseeColumn;
      case 'er-gateway':
      case 'vpn-gateway':
        return mseeColumn + 1;
      default:
        return mseeColumn + 2;
    }
  };
  const columns = new Map<number, string[]>();
  for (const n of nodes) {
    if (vpnSide(n)) continue;
    const c = column(n);
    columns.set(c, [...(columns.get(c) ?? []), n]);
  }
  const rows = Math.max(1, ...[...columns.values()].map((c) => c.length));
  const places: NodePlace[] = [];
  for (const [c, members] of columns) {
    members.forEach((n, i) => places.push({ id: n, role: role(n), column: c, row: ((i + 0.5) * rows) / members.length - 0.5 }));
  }
  // The VPN path runs along the bottom, below everything else.
  for (const n of nodes) if (vpnSide(n)) places.push({ id: n, role: role(n), column: column(n), row: rows });
  const order = new Map(nodes.map((n, i) => [n, i]));
  return places.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

export async function topologyChart(run: ReportRun, id: string): Promise<ChartSvg> {
  const g = run.topology;
  const places = layoutTopology(g);
  const at = new Map(places.map((p) => [p.id, p]));
  const failed = failedElements(run);
  const failedLinks = new Set([...failed.links].map((l) => findLink(g, l) ?? l));
  const columns = Math.max(...places.map((p) => p.column)) + 1;
  const COLUMN_PX = Math.min(MAX_COLUMN_PX, Math.max(MIN_COLUMN_PX, Math.max(...places.map((p) => p.id.length)) * 6.2 + 16));
  const rows = Math.max(...places.map((p) => p.row)) + 1;
  const x = (p: NodePlace) => p.column * COLUMN_PX;
  const y = (p: NodePlace) => p.row * ROW_PX;

  const edges = g.edges().map((e) => {
    const a = at.get(g.source(e))!;
    const b = at.get(g.target(e))!;
    const attrs = g.getEdgeAttributes(e);
    const label = formatRate(attrs.capacityBps) + (attrs.leg !== null ? ` ${attrs.leg}` : '');
    return { id: e, x: x(a), y: y(a), x2: x(b), y2: y(b), mx: (x(a) + x(b)) / 2, my: (y(a) + y(b)) / 2, label, failed: failedLinks.has(e) };
  });
  const nodes = places.map((p) => ({ id: p.id, role: p.role, x: x(p), y: y(p), failed: failed.nodes.has(p.id) }));
  const xs = { type: 'quantitative', scale: { domain: [-COLUMN_PX * 0.6, (columns - 1) * COLUMN_PX + COLUMN_PX * 0.6], nice: false, zero: false }, axis: null };
  const ys = { type: 'quantitative', scale: { domain: [-ROW_PX * 0.6, (rows - 1) * ROW_PX + ROW_PX * 0.6], nice: false, zero: false, reverse: true }, axis: null };
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const failedParts = [...(failedLinks.size > 0 ? [count(failedLinks.size, 'link')] : []), ...(failed.nodes.size > 0 ? [count(failed.nodes.size, 'node')] : [])];
  const failedNote = failedParts.length > 0 ? `red, dashed: went down during the run (${failedParts.join(', ')})` : 'nothing went down during the run';
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `topology of ${run.scenario.name}`,
    width: columns * COLUMN_PX,
    height: rows * ROW_PX,
    title: { text: `${run.label === '' ? '' : `${run.label}: `}${run.scenario.name} (${run.scenario.model})`, subtitle: [`links labelled with their capacity; ${failedNote}`] },
    view: { stroke: null },
    layer: [
      {
        name: 'topology_links',
        data: { values: edges.filter((e) => !e.failed) },
        mark: { type: 'rule', color: '#888', strokeWidth: 1.5 },
        encoding: { x: { field: 'x', ...xs }, y: { field: 'y', ...ys }, x2: { field: 'x2' }, y2: { field: 'y2' }, description: { field: 'id' } },
      },
      {
        name: 'topology_failed_links',
        data: { values: edges.filter((e) => e.failed) },
        mark: { type: 'rule', color: '#d62728', strokeWidth: 4, strokeDash: [6, 3] },
        encoding: { x: { field: 'x', ...xs }, y: { field: 'y', ...ys }, x2: { field: 'x2' }, y2: { field: 'y2' }, description: { field: 'id' } },
      },
      {
        name: 'topology_link_labels',
        data: { values: edges },
        mark: { type: 'text', fontSize: 10, dy: -7, color: '#555' },
        encoding: { x: { field: 'mx', ...xs }, y: { field: 'my', ...ys }, text: { field: 'label' }, color: { condition: { test: 'datum.failed', value: '#d62728' }, value: '#555' } },
      },
      {
        name: 'topology_nodes',
        data: { values: nodes },
        mark: { type: 'point', filled: true, size: 420, shape: 'circle', opacity: 1 },
        encoding: {
          x: { field: 'x', ...xs },
          y: { field: 'y', ...ys },
          color: { field: 'role', type: 'nominal', scale: { domain: Object.keys(ROLE_COLOURS), range: Object.values(ROLE_COLOURS) }, legend: { title: 'role', orient: 'right' } },
        },
      },
      {
        name: 'topology_failed_nodes',
        data: { values: nodes.filter((n) => n.failed) },
        mark: { type: 'point', filled: false, size: 900, shape: 'circle', color: '#d62728', strokeWidth: 3, strokeDash: [4, 2] },
        encoding: { x: { field: 'x', ...xs }, y: { field: 'y', ...ys }, description: { field: 'id' } },
      },
      {
        name: 'topology_node_names',
        data: { values: nodes },
        mark: { type: 'text', fontSize: 10, dy: 14, baseline: 'top', fontWeight: 'bold' },
        encoding: {
          x: { field: 'x', ...xs },
          y: { field: 'y', ...ys },
          text: { field: 'id' },
          color: { condition: { test: 'datum.failed', value: '#d62728' }, value: '#222' },
          description: { field: 'id' },
        },
      },
    ],
  };
  const downList = [...failedLinks, ...failed.nodes];
  const label = `topology of ${run.scenario.name}: ${g.order} nodes, ${g.size} links; ${downList.length > 0 ? `went down during the run: ${downList.join(', ')}` : 'nothing went down during the run'}`;
  return renderChart(id, 'topology', label, spec);
}
