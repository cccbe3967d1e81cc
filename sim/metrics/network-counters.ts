/**
 * The counters a run keeps of its network, subscribed to the network's trace bus: each link
 * direction's (links.csv) and each flow's drops. A dropped packet is told, with its cause, to its
 * flow's sink (its FlowStats, or the TCP end that counts it in its flow's).
 */
import type { Network } from '../net/network';
import type { Packet } from '../net/packet';
import type { TraceListener } from '../trace/trace-bus';
import { LinkCounters } from './link-counters';

export const flowDrops: TraceListener<Packet, unknown> = {
  drop(p, _dir, cause, now) {
    p.flow.onDrop(p, cause, now);
  },
};

/** Subscribe the link counters and the flows' drops to the network's bus; the link counters, to read. */
export function countNetwork(net: Network): LinkCounters {
  const links = new LinkCounters(net.links);
  net.bus.subscribe(links);
  net.bus.subscribe(flowDrops);
  return links;
}
