/**
 * Test helper (not a suite): one TCP flow over a single link with a given round-trip time and
 * loss on the data direction only (ACKs are never lost), built straight on the network layer.
 */
import { RandomStreams } from '../../sim/kernel/random';
import { Simulator } from '../../sim/kernel/simulator';
import { FlowStats } from '../../sim/metrics/flow-stats';
import { TcpStats } from '../../sim/metrics/tcp-stats';
import { Network } from '../../sim/net/network';
import { countNetwork } from '../../sim/metrics/network-counters';
import { TraceBus } from '../../sim/trace/trace-bus';
import { computeForwarding } from '../../sim/routing/forwarding';
import type { TcpConfig } from '../../sim/scenario/types';
import { addLink, newTopologyGraph } from '../../sim/topology/topology-graph';
import { plainLink } from './plain-link';
import { TcpBulkFlow } from '../../sim/traffic/tcp-bulk-flow';

export const TCP_DEFAULTS: TcpConfig = {
  cc: 'newreno',
  delayedAck: false,
  delayedAckNs: 40e6,
  sack: false,
  recovery: 'prr',
  slowStart: 'hystart++',
  pacing: false,
  rwndBytes: 64e6,
  minRtoNs: 200e6,
  maxRtoNs: 60e9,
  initialWindowSegments: 10,
  mssBytes: undefined,
};

export interface TcpPathSpec {
  capacityBps: number;
  rttNs: number;
  /** Random loss probability of data packets. */
  loss?: number;
  /** Or: every n-th data packet is lost. */
  lossEvery?: number;
  queueBytes?: number;
  seed?: number;
}

export function tcpPath(spec: TcpPathSpec, cfg: Partial<TcpConfig>, flows: { startNs: number; stopNs: number; mss?: number }[]) {
  const g = newTopologyGraph();
  g.addNode('a', { role: 'premises', name: 'a', site: 'a' });
  g.addNode('b', { role: 'vnet', name: 'b', site: 'b' });
  addLink(g, 'a', 'b', plainLink(spec.capacityBps, spec.rttNs / 2, { mtuBytes: 1500, queue: { bytes: spec.queueBytes ?? 1e9 }, loss: { forward: spec.loss ?? 0, reverse: 0 }, lossEvery: spec.lossEvery ?? 0 }));
  const sim = new Simulator();
  const net = new Network(sim, new RandomStreams(spec.seed ?? 1), g, new TraceBus());
  const links = countNetwork(net);
  // Only data is lost: the ACK direction keeps a clean wire (lossEvery applies to both directions).
  const back = net.links.find((l) => l.id === 'b->a')!;
  back.props.lossEvery = 0;
  const a = net.node('a');
  const b = net.node('b');
  computeForwarding(net, [a, b], (d) => d.up, { premisesPreferEr: true, activePassive: false, circuitWeights: new Map(), erPrefixLength: 0, vpnPrefixLength: 0 });
  const made = flows.map((f, i) => {
    const stats = new FlowStats(`f${i}`, f.startNs, f.stopNs);
    const tcp = new TcpStats();
    const flow = new TcpBulkFlow(sim, stats, tcp, { src: a, dst: b, flowHash: i + 1 }, { ...TCP_DEFAULTS, ...cfg }, f.mss ?? 1460, Infinity, f.startNs, f.stopNs);
    flow.start();
    return { stats, tcp, flow };
  });
  return { sim, net, links, flows: made };
}

/** A long flow's run against Mathis et al.: loss rate `p` (every 1/p-th data packet when periodic), round trip `rttNs`. */
export interface MathisPoint {
  p: number;
  rttNs: number;
  periodic: boolean;
  /** Loss events the run lasts for (in expectation). */
  lossEvents: number;
}

const MATHIS_MSS = 1460;

/**
 * Goodput of one long flow over a 10 Gbps path (never the bottleneck) and the Mathis formula
 * MSS / RTT x sqrt(3 / (2 b)) / sqrt(p), b the segments per ACK.
 */
export function mathisRun(point: MathisPoint, cfg: Partial<TcpConfig>) {
  const { p, rttNs, periodic, lossEvents } = point;
  const b = cfg.delayedAck === true ? 2 : 1;
  const theory = (((MATHIS_MSS * 8) / (rttNs / 1e9)) * Math.sqrt(3 / (2 * b))) / Math.sqrt(p);
  const seconds = Math.ceil(lossEvents / p / (theory / (MATHIS_MSS * 8)));
  const { sim, flows } = tcpPath({ capacityBps: 10e9, rttNs, ...(periodic ? { lossEvery: Math.round(1 / p) } : { loss: p }) }, cfg, [{ startNs: 0, stopNs: seconds * 1e9, mss: MATHIS_MSS }]);
  sim.run({ until: seconds * 1e9 });
  const f = flows[0]!;
  return { got: (f.tcp.goodputBytes * 8) / seconds, theory, losses: f.stats.lostPackets, timeouts: f.tcp.timeouts };
}
