/**
 * NetNode: a router or endpoint. It delivers packets addressed to it and forwards the rest
 * by its forwarding tables, which the routing layer fills: per path class (ExpressRoute, VPN)
 * and destination, the equal-cost next hops, one chosen per flow by hashing (per-flow ECMP, as
 * the two legs of a circuit are balanced [HA19]); and per destination the class to use.
 */
import type { Simulator } from '../kernel/simulator';
import type { NodeRole } from '../scenario/types';
import type { LinkDirection, NetBus, PacketReceiver } from './link-direction';
import { PATH_CLASS_NONE, Packet } from './packet';

/** Whose routing view a node acts on: on-premises routers, the MSEEs, or the Azure gateways and VNet. */
export const VIEW_PREMISES = 0;
export const VIEW_MSEE = 1;
export const VIEW_AZURE = 2;
export const VIEWS = [VIEW_PREMISES, VIEW_MSEE, VIEW_AZURE] as const;

export function viewOf(role: NodeRole): number {
  if (role === 'msee') return VIEW_MSEE;
  return role === 'er-gateway' || role === 'vnet' || role === 'vpn-gateway' ? VIEW_AZURE : VIEW_PREMISES;
}

export class NetNode implements PacketReceiver {
  up = true;
  readonly view: number;
  /** Next hops by path class (index PATH_CLASS_ER, PATH_CLASS_VPN) and destination node index. */
  routes: LinkDirection[][][] = [[], [], []];
  /** The path class this node picks per destination (PATH_CLASS_NONE: no route). */
  choice = new Uint8Array(0);
  /** Links leaving this node. */
  readonly out: LinkDirection[] = [];

  constructor(
    private readonly sim: Simulator,
    private readonly bus: NetBus,
    readonly index: number,
    readonly id: string,
    readonly role: NodeRole,
    readonly site: string,
    /** Whether traffic between two on-premises sites may pass through this node (see NodeAttrs.noSiteTransit). */
    readonly siteTransit: boolean,
  ) {
    this.view = viewOf(role);
  }

  resetRoutes(nodes: number): void {
    this.routes = [[], new Array<LinkDirection[]>(nodes), new Array<LinkDirection[]>(nodes)];
    this.choice = new Uint8Array(nodes);
  }

  /** The path class a packet to `dst` in class `pathClass` keeps from here: its own, or this node's choice if it has none yet. */
  classFor(dst: number, pathClass: number): number {
    // A packet in a class stays in it: with no route of that class here it is dropped, as a router without the route would.
    return pathClass === PATH_CLASS_NONE ? this.choice[dst]! : pathClass;
  }

  /** The link a packet of this flow in class `cls` leaves by (per-flow ECMP among equal-cost hops), or undefined without a route. */
  nextDir(dst: number, flowHash: number, cls: number): LinkDirection | undefined {
    const hops = this.routes[cls]?.[dst];
    if (hops === undefined || hops.length === 0) return undefined;
    return hops.length === 1 ? hops[0]! : hops[ecmpIndex(flowHash, this.index, hops.length)]!;
  }

  /** The link a packet of this flow leaves by, and the class it then keeps. */
  nextHop(dst: number, flowHash: number, pathClass: number): { dir: LinkDirection; pathClass: number } | undefined {
    const cls = this.classFor(dst, pathClass);
    const dir = this.nextDir(dst, flowHash, cls);
    return dir === undefined ? undefined : { dir, pathClass: cls };
  }

  /**
   * A packet reaches this node from `from` (undefined: its own source sends it). Drops here are
   * published with the link that brought the packet (links.csv counts them there); a source's
   * own are the flow's alone.
   */
  receive(p: Packet, from: LinkDirection | undefined): void {
    const now = this.sim.now;
    if (!this.up) return this.bus.drop(p, from, 'down', now);
    if (p.dst === this.index) {
      this.bus.deliver(p, now);
      return p.flow.onDeliver(p, now);
    }
    // nextHop without its result object: this runs for every packet at every hop.
    const cls = this.classFor(p.dst, p.pathClass);
    const dir = this.nextDir(p.dst, p.flowHash, cls);
    if (dir === undefined) return this.bus.drop(p, from, 'noroute', now);
    p.pathClass = cls;
    dir.send(p);
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
