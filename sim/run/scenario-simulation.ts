/**
 * ScenarioSimulation: a scenario instantiated on the kernel: its topology graph, the live
 * network with routes, one source and one FlowStats per flow, and its scheduled failures.
 * Every check that needs the topology (endpoints, reachability, failure targets) runs here,
 * before any event, so a bad scenario fails before anything is written.
 */
import { RandomStreams } from '../kernel/random';
import { Simulator } from '../kernel/simulator';
import { resolveFailureTargets } from '../faults/failure-targets';
import { FailureSchedule } from '../faults/failure-schedule';
import { EventLog } from '../metrics/event-log';
import { FlowStats } from '../metrics/flow-stats';
import type { LinkCounters } from '../metrics/link-counters';
import { countNetwork } from '../metrics/network-counters';
import { summaryRow } from '../metrics/result-files';
import type { LinkDirection } from '../net/link-direction';
import { hashString, NetNode } from '../net/net-node';
import { Network } from '../net/network';
import { FluidNetwork } from '../net/fluid-network';
import { reachable } from '../routing/forwarding';
import { RoutingController } from '../routing/routing-controller';
import { ScenarioError, ScenarioIssue } from '../scenario/scenario-error';
import type { FlowConfig, Scenario } from '../scenario/types';
import { buildTopology } from '../topology/build-topology';
import type { TopologyGraph } from '../topology/topology-graph';
import { CbrSource } from '../traffic/cbr-source';
import { OnOffSource } from '../traffic/on-off-source';
import { PoissonSource } from '../traffic/poisson-source';
import { TraceSource } from '../traffic/trace-source';
import type { TrafficSource } from '../traffic/traffic-source';
import { RequestFlow } from '../traffic/request-flow';
import { TcpBulkFlow } from '../traffic/tcp-bulk-flow';
import { TcpStats } from '../metrics/tcp-stats';
import { TCP_IP_HEADER_BYTES } from '../domain/expressroute';
import { PATH_VPN, type Packet } from '../net/packet';
import { TraceBus } from '../trace/trace-bus';
import { tracePath } from '../routing/forwarding';

export interface Flow {
  config: FlowConfig;
  stats: FlowStats;
  /** tcp and request flows: what their transport did. */
  tcp: TcpStats | undefined;
  source: { start(): void };
  src: NetNode;
  dst: NetNode;
  /** What ECMP hashes to pick this flow's next hops. */
  flowHash: number;
}

/** Events run between two yields to the event loop (about 50 ms of work): how soon a signal, the clock or the output streams are looked at. */
const SLICE_EVENTS = 200_000;

export class ScenarioSimulation {
  readonly sim = new Simulator();
  readonly rng: RandomStreams;
  readonly graph: TopologyGraph;
  /** The run's one trace bus: the network, routing and faults publish on it; the link and flow counters and the event log subscribe. */
  readonly bus = new TraceBus<Packet, LinkDirection>();
  readonly net: Network;
  /** What each link direction sent and dropped (links.csv). */
  readonly linkCounters: LinkCounters;
  readonly flows: Flow[];
  readonly routing: RoutingController;
  /** The flows with model fluid. */
  readonly fluid: FluidNetwork;
  private readonly endpointNodes: ReadonlyMap<string, NetNode>;

  constructor(readonly scenario: Scenario, readonly seed: number, readonly log: EventLog) {
    this.rng = new RandomStreams(seed);
    this.bus.subscribe(log);
    this.graph = buildTopology(scenario);
    const targets = resolveFailureTargets(scenario, this.graph);
    this.net = new Network(this.sim, this.rng, this.graph, this.bus);
    this.linkCounters = countNetwork(this.net);
    this.endpointNodes = endpointNodes(this.net);
    const ends = scenario.traffic.map((f) => ({ ...this.endpoints(f), name: f.name, flowHash: hashString(`${f.name}/${f.from}/${f.to}`) }));
    // Sources are destinations too: TCP sends its ACKs back.
    const destinations = [...new Set(ends.flatMap((e) => [e.dst, e.src]))];
    this.routing = new RoutingController(this.sim, this.net, this.graph, scenario, this.bus, this.rng, destinations, ends);
    this.checkReachable(ends);
    this.fluid = new FluidNetwork(this.sim, this.net, this.rng);
    this.routing.onReroute = () => this.fluid.recompute();
    this.flows = scenario.traffic.map((f, i) => this.makeFlow(f, ends[i]!));
    if (scenario.traffic.some((f) => f.model === 'fluid')) this.reservePacketLoads(ends);
    const failures = new FailureSchedule(
      this.sim,
      this.net,
      scenario,
      this.bus,
      this.rng,
      (mode) => this.routing.physicalChange(mode),
      (leak, target, prefixes) => this.routing.prefixLeak(leak, target, prefixes),
    );
    targets.forEach((t, i) => failures.schedule(i, t));
  }

  /** Start every source: call once, before running the kernel. */
  start(): void {
    for (const f of this.flows) f.source.start();
  }

  /** Run every event before the duration and close the flows' books: what a run without files needs. */
  runToEnd(): void {
    this.sim.run({ until: this.scenario.durationNs - 1 });
    this.finishFlows();
  }

  /**
   * runToEnd in slices, yielding to the event loop between them, so that on a thread that runs
   * nothing else (a one-worker sweep or decide) a signal handler still runs within a slice.
   */
  async runToEndInSlices(): Promise<void> {
    while (!this.runSlice(this.scenario.durationNs - 1)) await new Promise((resolve) => setImmediate(resolve));
    this.finishFlows();
  }

  /** Run at most SLICE_EVENTS events up to `until`; whether every event up to `until` has now run. */
  runSlice(until: number): boolean {
    this.sim.run({ until, maxEvents: SLICE_EVENTS });
    const next = this.sim.peek();
    return next === undefined || next > until;
  }

  private finishFlows(): void {
    for (const f of this.flows) f.stats.finish(this.scenario.durationNs);
  }

  /** The rows of summary.csv, with the sending windows ending no later than `endNs`. */
  summaryRows(endNs: number): string[][] {
    return this.flows.map((f) => summaryRow({ stats: f.stats, tcp: f.tcp, src: f.config.from, dst: f.config.to, kind: f.config.kind }, endNs));
  }

  private endpoints(f: FlowConfig): { src: NetNode; dst: NetNode } {
    const issues: ScenarioIssue[] = [];
    const [src, dst] = (['from', 'to'] as const).map((end) => {
      const node = this.endpointNodes.get(f[end]);
      if (node === undefined)
        issues.push({ file: this.scenario.file, path: `${f.path}.${end}`, expected: `a site or node of this topology (${this.graph.nodes().join(', ')})`, found: JSON.stringify(f[end]) });
      return node;
    });
    if (issues.length > 0) throw new ScenarioError(issues);
    return { src: src!, dst: dst! };
  }

  private checkReachable(ends: { src: NetNode; dst: NetNode }[]): void {
    const issues: ScenarioIssue[] = [];
    this.scenario.traffic.forEach((f, i) => {
      const { src, dst } = ends[i]!;
      if (!reachable(this.net, src, dst)) {
        const why =
          src.role === 'premises' && dst.role === 'premises'
            ? ` (Azure does not carry traffic between on-premises sites: they need a path of their own, such as an any-to-any provider network or a shared customer router)`
            : '';
        const closed = this.routing.prefixClosed();
        const prefixes = closed.length === 0 ? '' : ` (the sessions ${closed.join(', ')} never come up: routing.advertisedPrefixes or routing.vnetPrefixes is over its limit)`;
        issues.push({ file: this.scenario.file, path: `${f.path}.to`, expected: `a destination connected to ${f.from} in the ${this.scenario.model} model${why}`, found: `${JSON.stringify(f.to)}, which ${f.from} has no path to${prefixes}` });
      }
    });
    if (issues.length > 0) throw new ScenarioError(issues);
  }

  private makeFlow(f: FlowConfig, ends: { src: NetNode; dst: NetNode; flowHash: number }): Flow {
    const { src, dst, flowHash } = ends;
    const stats = new FlowStats(f.name, f.startNs, f.stopNs);
    if (f.kind === 'tcp' || f.kind === 'request') {
      const tcp = new TcpStats();
      const mss = f.tcp!.mssBytes ?? this.pathMss(ends);
      const source =
        f.kind === 'tcp'
          ? new TcpBulkFlow(this.sim, stats, tcp, ends, f.tcp!, mss, f.totalBytes ?? Infinity, f.startNs, f.stopNs)
          : new RequestFlow(this.sim, f.name, stats, tcp, ends, f.tcp!, f.request!, mss, f.startNs, f.stopNs, this.rng.stream(`flow:${f.name}/arrivals`));
      return { config: f, stats, tcp, source, src, dst, flowHash };
    }
    if (f.model === 'fluid' && (f.kind === 'cbr' || f.kind === 'poisson')) {
      const spec = { name: f.name, kind: f.kind, src, dst, flowHash, demandBps: f.rateBps, sizeBytes: f.sizeBytes, startNs: f.startNs, stopNs: f.stopNs };
      return { config: f, stats, tcp: undefined, source: this.fluid.add(spec, stats), src, dst, flowHash };
    }
    let source: TrafficSource;
    if (f.kind === 'cbr') source = new CbrSource(this.sim, stats, ends, f.sizeBytes, f.rateBps, f.startNs, f.stopNs);
    else if (f.kind === 'poisson')
      source = new PoissonSource(this.sim, stats, ends, f.sizeBytes, f.rateBps, f.startNs, f.stopNs, this.rng.stream(`flow:${f.name}/arrivals`));
    else if (f.kind === 'trace') source = new TraceSource(this.sim, stats, ends, f.trace!, f.sizeBytes, f.startNs, f.stopNs);
    else source = new OnOffSource(this.sim, stats, ends, f.sizeBytes, f.rateBps, f.startNs, f.stopNs, f.on!, f.off!, this.rng.stream(`flow:${f.name}/onoff`));
    return { config: f, stats, tcp: undefined, source, src, dst, flowHash };
  }

  /** The fluid flows share what the open-loop packet flows leave (their mean rate while sending; TCP adapts and is not counted). */
  private reservePacketLoads(ends: readonly { src: NetNode; dst: NetNode; flowHash: number }[]): void {
    this.scenario.traffic.forEach((f, i) => {
      if (f.model === 'fluid' || f.kind === 'tcp' || f.kind === 'request') return;
      const onShare = f.kind === 'onoff' ? f.on!.meanNs / (f.on!.meanNs + f.off!.meanNs) : 1;
      this.fluid.reserve({ ...ends[i]!, sizeBytes: f.sizeBytes, rateBps: f.rateBps * onShare, startNs: f.startNs, stopNs: f.stopNs });
    });
  }

  /**
   * The MSS a connection opens with: the path MTU at the start (what path MTU discovery finds;
   * 1400 B on ExpressRoute [FAQ23]) less 40 B of IP and TCP headers, and no more than the VPN's
   * MSS clamp when the path crosses the tunnel [VPNDEV].
   */
  private pathMss(ends: { src: NetNode; dst: NetNode; flowHash: number }): number {
    const path = tracePath(this.net, ends.src, ends.dst, ends.flowHash) ?? [];
    const mtu = Math.min(...path.map((d) => d.props.mtuBytes), ...path.map((d) => d.props.tunnelMtuBytes));
    const viaVpn = path.some((d) => d.props.pathBit === PATH_VPN);
    const mss = (Number.isFinite(mtu) ? mtu : 1500) - TCP_IP_HEADER_BYTES;
    return viaVpn && this.scenario.vpn !== undefined ? Math.min(mss, this.scenario.vpn.tcpMssBytes) : mss;
  }
}

/** What flow endpoints name: "vnet" the VNet node; a site the node of that name, else (custom) the first premises node in it. */
function endpointNodes(net: Network): Map<string, NetNode> {
  const byName = new Map<string, NetNode>();
  for (const n of net.nodes) if (n.role === 'premises' && !byName.has(n.site)) byName.set(n.site, n);
  for (const n of net.nodes) byName.set(n.id, n);
  const vnet = net.nodes.find((n) => n.role === 'vnet');
  if (vnet !== undefined) byName.set('vnet', vnet);
  else byName.delete('vnet');
  return byName;
}
