/**
 * NetNode: a router or endpoint. It delivers packets addressed to it and forwards the rest
 * by its forwarding table, which the routing layer fills: for each destination, the equal-
 * cost next hops, one chosen per flow by hashing (per-flow ECMP, as the MSEEs balance the
 * two legs of a circuit [HA19]).
 */
import type { Simulator } from '../kernel/simulator';
import type { NodeRole } from '../scenario/types';
import type { LinkDirection, PacketReceiver } from './link-direction';
import type { Packet } from './packet';

export class NetNode implements PacketReceiver {
  up = true;
  /** Next hops per destination node index; undefined or empty: no route. */
  routes: (LinkDirection[] | undefined)[] = [];
  /** Links leaving this node. */
  readonly out: LinkDirection[] = [];
  dropsNoRoute = 0;
  dropsDown = 0;

  constructor(
    private readonly sim: Simulator,
    readonly index: number,
    readonly id: string,
    readonly role: NodeRole,
    readonly site: string,
    /** Whether traffic between two on-premises sites may pass through this node (see NodeAttrs.noSiteTransit). */
    readonly siteTransit: boolean,
  ) {}

  receive(p: Packet, _from: LinkDirection | undefined): void {
    if (!this.up) {
      this.dropsDown++;
      p.flow.onDrop(p, this.sim.now);
      return;
    }
    if (p.dst === this.index) {
      p.flow.onDeliver(p, this.sim.now);
      return;
    }
    const hops = this.routes[p.dst];
    if (hops === undefined || hops.length === 0) {
      this.dropsNoRoute++;
      p.flow.onDrop(p, this.sim.now);
      return;
    }
    const next = hops.length === 1 ? hops[0]! : hops[ecmpIndex(p.flowHash, this.index, hops.length)]!;
    next.send(p);
  }
}

/** Pick one of `n` next hops for a flow at a node; mixing in the node keeps choices at successive hops independent. */
export function ecmpIndex(flowHash: number, node: number, n: number): number {
  let h = Math.imul(flowHash ^ Math.imul(node + 1, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % n;
}

/** FNV-1a of a string: a stable stand-in for hashing a flow's 5-tuple. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
