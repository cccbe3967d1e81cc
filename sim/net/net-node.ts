/**
 * NetNode: a router or endpoint. It delivers packets addressed to it and forwards the rest
 * by the network's forwarding tables (forwarding-tables.ts), which the routing layer fills: per path class
 * (ExpressRoute, VPN) and destination, the equal-cost next hops, one chosen per flow by hashing
 * (per-flow ECMP, as the two legs of a circuit are balanced [HA19]); and per destination the
 * class to use.
 */
import type { Simulator } from '../kernel/simulator';
import type { NodeRole } from '../scenario/types';
import type { ForwardingTables } from './forwarding-tables';
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
  /** Links leaving this node. */
  readonly out: LinkDirection[] = [];

  constructor(
    private readonly sim: Simulator,
    private readonly bus: NetBus,
    /** The network's next hops per path class and destination, and the class each node picks. */
    private readonly tables: ForwardingTables,
    readonly index: number,
    readonly id: string,
    readonly role: NodeRole,
    readonly site: string,
    /** Whether traffic between two on-premises sites may pass through this node (see NodeAttrs.noSiteTransit). */
    readonly siteTransit: boolean,
  ) {
    this.view = viewOf(role);
  }

  /** The path class a packet to `dst` in class `pathClass` keeps from here: its own, or this node's choice if it has none yet. */
  classFor(dst: number, pathClass: number): number {
    // A packet in a class stays in it: with no route of that class here it is dropped, as a router without the route would.
    return pathClass === PATH_CLASS_NONE ? this.tables.choice(this.index, dst) : pathClass;
  }

  /** The link a packet of this flow leaves by, and the class it then keeps. */
  nextHop(dst: number, flowHash: number, pathClass: number): { dir: LinkDirection; pathClass: number } | undefined {
    const cls = this.classFor(dst, pathClass);
    const dir = this.tables.next(this.index, this.out, dst, flowHash, cls);
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
    const dir = this.tables.next(this.index, this.out, p.dst, p.flowHash, cls);
    if (dir === undefined) return this.bus.drop(p, from, 'noroute', now);
    p.pathClass = cls;
    dir.send(p);
  }
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
