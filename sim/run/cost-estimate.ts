/**
 * Cost estimate: how many kernel events a scenario will take, about how long, how many bytes
 * its result files take and how much memory it holds, before any event runs. Packet flows send
 * their rate, trace flows the packets of their trace that fall between start and stop; TCP flows are assumed to fill their path's narrowest link or policer; every
 * packet costs one event to leave its source and two per hop (transmission end, arrival), and
 * TCP doubles that for its ACKs. Fluid flows cost nearly nothing. Each timeseries row (a flow
 * in an interval) and each cycle of a random failure (a failure and its repair, with what
 * routing does about them) cost events and output too; run.json and the report each copy the
 * scenario document. Sites cost memory and time before any event: every node keeps a
 * forwarding entry per flow destination, and each route computation (at the start, and as
 * routing learns of each failure and repair) searches from every destination over every node
 * and link; estimateBuild gives these from the topology graph alone, before the build.
 */
import { tracePath } from '../routing/forwarding';
import { tracedWithin } from '../scenario/trace-schedule';
import type { Scenario } from '../scenario/types';
import type { TopologyGraph } from '../topology/topology-graph';
import type { Flow, ScenarioSimulation } from './scenario-simulation';

/** Kernel events per wall-clock second on the reference machine (2-core EPYC; `npm run bench`, bundled scenarios: 2.5-4 M). */
export const EVENTS_PER_WALL_S = 3e6;
/** A timeseries row costs about as much wall time as this many events (formatting and writing it), and these bytes (test/golden: 63 B on average). */
const ROW_EVENTS = 10;
const ROW_BYTES = 64;
/** A failure or a repair: the outage, detection, convergence per view and re-establishment; events.csv lines of 64 B (test/golden). */
const CHANGE_EVENTS = 20;
const CHANGE_LINES = 6;
const EVENT_LINE_BYTES = 64;
/** Held per flow (its counters, histograms and source) and per link direction (device, queue, counters). */
const FLOW_MEMORY_BYTES = 64 * 1024;
const LINK_MEMORY_BYTES = 16 * 1024;
/** Per node, beyond its links: its object, graph attributes and routing state. */
const NODE_MEMORY_BYTES = 2 * 1024;
/** Forwarding tables (sim/net/forwarding-tables.ts): per node and destination, two bytes per path class and one for the class chosen. */
const TABLE_BYTES_PER_PAIR = 5;
/** Wall time per node or link direction a route search visits (two searches per destination: star of 3,000 sites, 0.4 s per computation on the reference machine). */
const ROUTE_STEP_S = 5e-9;
/** Route computations per failure or repair: one as each view's routing learns of it. */
const REROUTES_PER_CHANGE = 4;
/** run.json copies the document twice (as read and resolved), and the report once. */
const DOCUMENT_COPIES = 3;

export interface CostEstimate {
  events: number;
  wallS: number;
  /** The result folder's size, bytes. */
  outputBytes: number;
  /** The heap the run holds, bytes (beyond Node's own). */
  memoryBytes: number;
}

export function estimateCost(run: ScenarioSimulation): CostEstimate {
  const s = run.scenario;
  const rows = Math.ceil(s.durationNs / s.intervalNs) * run.flows.length;
  const changes = failureChanges(s);
  let events = rows * ROW_EVENTS + changes * CHANGE_EVENTS;
  for (const f of run.flows) events += flowEvents(run, f);
  const outputBytes = rows * ROW_BYTES + changes * CHANGE_LINES * EVENT_LINE_BYTES + DOCUMENT_COPIES * JSON.stringify(s.source ?? null).length;
  const build = estimateBuild(s, run.graph);
  return { events, wallS: events / EVENTS_PER_WALL_S + build.routeWallS, outputBytes, memoryBytes: build.memoryBytes };
}

export interface BuildCost {
  /** The heap the built run holds: flows, link directions, nodes and forwarding tables, bytes. */
  memoryBytes: number;
  /** The wall time of its route computations, at the start and at each failure and repair. */
  routeWallS: number;
  nodes: number;
  destinations: number;
}

/** What the network of a scenario will cost once built, from its topology graph alone (cheap to make: no routes, no devices). */
export function estimateBuild(s: Scenario, graph: TopologyGraph): BuildCost {
  const nodes = graph.order;
  const directions = 2 * graph.size;
  // As ScenarioSimulation routes them: both ends of every flow.
  const destinations = new Set(s.traffic.flatMap((f) => [f.to, f.from])).size;
  const memoryBytes = s.traffic.length * FLOW_MEMORY_BYTES + directions * LINK_MEMORY_BYTES + nodes * NODE_MEMORY_BYTES + destinations * nodes * TABLE_BYTES_PER_PAIR;
  const computations = 1 + REROUTES_PER_CHANGE * failureChanges(s);
  return { memoryBytes, routeWallS: computations * destinations * 2 * (nodes + directions) * ROUTE_STEP_S, nodes, destinations };
}

/** Failures and repairs: two per scheduled failure, two per cycle (mean time to failure plus to repair) of a random one. */
function failureChanges(s: Scenario): number {
  return s.failures.reduce((sum, f) => sum + (f.kind === 'random' ? (2 * s.durationNs) / (f.ttf.meanNs + f.ttr.meanNs) : 2), 0);
}

function flowEvents(run: ScenarioSimulation, f: Flow): number {
  const c = f.config;
  const activeS = Math.max(0, Math.min(c.stopNs, run.scenario.durationNs) - c.startNs) / 1e9;
  const path = tracePath(run.net, f.src, f.dst, 0) ?? [];
  const perPacket = 1 + 2 * Math.max(path.length, 1);
  if (c.kind === 'tcp' || c.kind === 'request') {
    const mss = c.tcp?.mssBytes ?? 1360;
    if (c.kind === 'request') {
      const r = c.request!;
      const segments = Math.ceil(r.requestBytes / mss) + Math.ceil(r.responseBytes / mss) + 2;
      return r.ratePerS * activeS * segments * perPacket * 2;
    }
    const bottleneck = Math.min(...path.map((d) => Math.min(d.props.capacityBps, d.props.policeBps > 0 ? d.props.policeBps : Infinity)));
    const bytes = Math.min(c.totalBytes ?? Infinity, (Number.isFinite(bottleneck) ? bottleneck : 1e9) / 8 * activeS);
    return (bytes / mss) * perPacket * 2;
  }
  // A fluid flow costs events only when it starts, stops or moves.
  if (c.model === 'fluid') return 2;
  if (c.kind === 'trace') return tracedWithin(c.trace!, Math.min(c.stopNs, run.scenario.durationNs) - c.startNs).packets * perPacket;
  const onShare = c.kind === 'onoff' ? c.on!.meanNs / (c.on!.meanNs + c.off!.meanNs) : 1;
  return (c.rateBps / 8 / c.sizeBytes) * activeS * onShare * perPacket;
}
