/**
 * Test helper (not a suite): a chain of nodes joined by links, built straight on the network
 * layer, with one flow from the first node to the last.
 */
import { RandomStreams } from '../../sim/kernel/random';
import { Simulator } from '../../sim/kernel/simulator';
import { FlowStats } from '../../sim/metrics/flow-stats';
import { Network } from '../../sim/net/network';
import type { LinkCounters } from '../../sim/metrics/link-counters';
import { countNetwork } from '../../sim/metrics/network-counters';
import { TraceBus } from '../../sim/trace/trace-bus';
import { computeForwarding } from '../../sim/routing/forwarding';
import { addLink, newTopologyGraph } from '../../sim/topology/topology-graph';
import { plainLink } from './plain-link';
import { bothWays } from '../../sim/scenario/per-direction';
import { CbrSource } from '../../sim/traffic/cbr-source';
import { PoissonSource } from '../../sim/traffic/poisson-source';
import type { TrafficSource } from '../../sim/traffic/traffic-source';

export interface HopSpec {
  capacityBps: number;
  delayNs: number;
  queueBytes?: number;
  loss?: number;
  jitterNs?: number;
  mtuBytes?: number;
  /** Lose every n-th packet in the forward direction only. */
  lossEvery?: number;
}

export interface Chain {
  sim: Simulator;
  net: Network;
  /** What each link direction sent and dropped. */
  links: LinkCounters;
  stats: FlowStats;
  source: TrafficSource;
}

export function buildChain(
  hops: HopSpec[],
  flow: { kind: 'cbr' | 'poisson'; rateBps: number; sizeBytes: number; stopNs: number; seed?: number },
): Chain {
  const g = newTopologyGraph();
  for (let i = 0; i <= hops.length; i++) g.addNode(`n${i}`, { role: i === 0 ? 'premises' : i === hops.length ? 'vnet' : 'provider', name: `n${i}`, site: `n${i}` });
  hops.forEach((h, i) =>
    addLink(
      g,
      `n${i}`,
      `n${i + 1}`,
      plainLink(h.capacityBps, h.delayNs, { mtuBytes: h.mtuBytes ?? 9000, queue: { bytes: h.queueBytes ?? 1e9 }, loss: bothWays(h.loss ?? 0), jitterNs: bothWays(h.jitterNs ?? 0) }),
    ),
  );
  const sim = new Simulator();
  const rng = new RandomStreams(flow.seed ?? 1);
  const net = new Network(sim, rng, g, new TraceBus());
  const links = countNetwork(net);
  const src = net.node('n0');
  const dst = net.node(`n${hops.length}`);
  computeForwarding(net, [dst], (d) => d.up, { premisesPreferEr: true, activePassive: false, circuitWeights: new Map(), erPrefixLength: 0, vpnPrefixLength: 0 });
  const stats = new FlowStats('f', 0, flow.stopNs);
  const ends = { src, dst, flowHash: 1 };
  const source =
    flow.kind === 'cbr'
      ? new CbrSource(sim, stats, ends, flow.sizeBytes, flow.rateBps, 0, flow.stopNs)
      : new PoissonSource(sim, stats, ends, flow.sizeBytes, flow.rateBps, 0, flow.stopNs, rng.stream('flow:f/arrivals'));
  return { sim, net, links, stats, source };
}
