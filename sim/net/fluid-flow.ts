/**
 * FluidFlow: a cbr or poisson flow carried as a rate instead of packets. It knows its demand,
 * its path as forwarding gives it now (with the bytes each of its packets takes on each link:
 * ESP and fragment headers included), the rate max-min fairness allocates it, and where the
 * rest is dropped. Between two changes everything is constant, so its counters and those of
 * its links grow linearly, and `account` adds a whole stretch at once.
 */
import type { FlowStats } from '../metrics/flow-stats';
import { fragmentsUnder, tunnelCarries, wireBytesOf, type DropCause, type LinkDirection } from './link-direction';
import type { NetNode } from './net-node';
import { PATH_ER_PRIMARY, PATH_ER_SECONDARY, PATH_VPN } from './packet';

/** One link direction that sends a fluid flow's packets, and what one of them is there. */
export interface FluidHop {
  dir: LinkDirection;
  wireBytes: number;
  fragments: number;
  /** Time from the packet leaving its source to reaching this link, without queueing. */
  offsetNs: number;
}

/** What a packet of the hop puts on its link: its bytes and, per fragment, the link's own framing (MACsec). */
export function hopFrameBytes(h: FluidHop): number {
  return h.wireBytes + h.dir.props.frameOverheadBytes * h.fragments;
}

/** Where a fluid flow's path ends when it does not reach its destination, and the link that counts the drop. */
export interface FluidDeadEnd {
  cause: DropCause;
  /** The link that counts it (undefined: the source itself had no route). */
  dir: LinkDirection | undefined;
}

export interface FluidFlowSpec {
  name: string;
  kind: 'cbr' | 'poisson';
  src: NetNode;
  dst: NetNode;
  flowHash: number;
  demandBps: number;
  sizeBytes: number;
  startNs: number;
  stopNs: number;
}

export class FluidFlow {
  active = false;
  /** The links that send its packets, from the source; a link that drops them all (down, mtu) is the dead end, not a hop. */
  hops: FluidHop[] = [];
  deadEnd: FluidDeadEnd | undefined;
  /** Allocated rate, bit/s of IP packets as sent. */
  rateBps = 0;
  /**
   * Where the flow's excess is dropped: the hop (-1: nowhere, the demand is met), why, and the
   * position of that capacity along the path (hop * 4 + stage: policer, gateway, tunnel, queue).
   * Capacities before it see the whole demand; it and those after see the allocated rate.
   */
  dropHop = -1;
  dropCause: DropCause = 'queue';
  dropOrder = Infinity;
  /** One-way delay of a delivered packet: propagation, serialization and mean queueing. */
  latencyNs = 0;

  constructor(
    readonly spec: FluidFlowSpec,
    readonly stats: FlowStats,
  ) {}

  /** Bit/s of the flow (as sent) offered to the capacity at `order` (see dropOrder). */
  offeredAt(order: number): number {
    return order <= this.dropOrder ? this.spec.demandBps : this.rateBps;
  }

  /** Bit/s of the flow that reach the queue of `hop`. */
  offeredBps(hop: number): number {
    return this.offeredAt(hop * 4 + 3);
  }

  /** Bit/s the link of `hop` transmits for this flow (wire bits). */
  private txBps(hop: number): number {
    const h = this.hops[hop]!;
    const sent = hop * 4 + 3 < this.dropOrder ? this.spec.demandBps : this.rateBps;
    return (sent * hopFrameBytes(h)) / this.spec.sizeBytes;
  }

  /** The path class of its packets: 0 er-primary, 1 er-secondary, 2 vpn, 3 neither (as FlowStats counts them). */
  pathIndex(): number {
    const bits = this.hops.reduce((b, h) => b | h.dir.props.pathBit, 0);
    return bits & PATH_VPN ? 2 : bits & PATH_ER_SECONDARY ? 1 : bits & PATH_ER_PRIMARY ? 0 : 3;
  }

  /** Add the stretch [fromNs, toNs) to the flow's and its links' counters. */
  account(fromNs: number, toNs: number): void {
    const from = Math.max(fromNs, this.spec.startNs);
    const to = Math.min(toNs, this.spec.stopNs);
    if (!this.active || to <= from) return;
    const s = (to - from) / 1e9;
    const size = this.spec.sizeBytes;
    const sentBytes = (this.spec.demandBps * s) / 8;
    const deliveredBytes = this.deadEnd === undefined ? (this.rateBps * s) / 8 : 0;
    this.stats.addFluid(size, sentBytes, deliveredBytes, this.latencyNs, this.pathIndex(), from, to);
    this.hops.forEach((h, i) => {
      const bytes = (this.txBps(i) * s) / 8;
      h.dir.fluidTxBytes += bytes;
      h.dir.fluidTxPackets += (bytes / hopFrameBytes(h)) * h.fragments;
    });
    const excessPackets = ((this.spec.demandBps - this.rateBps) * s) / 8 / size;
    if (this.dropHop >= 0 && excessPackets > 0) this.hops[this.dropHop]!.dir.fluidDrops[this.dropCause] += excessPackets;
    if (this.deadEnd?.dir !== undefined) this.deadEnd.dir.fluidDrops[this.deadEnd.cause] += (this.rateBps * s) / 8 / size;
  }
}

/**
 * The bytes and fragments of a packet of `sizeBytes` on each link, as LinkDirection.send
 * transforms it: ESP added at a tunnel's entry (for the packets the tunnel carries), removed at
 * its exit, fragments past an MTU. Shorter than `dirs` when the packet is too big for a tunnel:
 * the next link drops it (`mtu`).
 */
export function wireSizes(dirs: readonly LinkDirection[], sizeBytes: number, src: number, dst: number): { wireBytes: number; fragments: number }[] {
  let encap = 0;
  let fragments = 1;
  const out: { wireBytes: number; fragments: number }[] = [];
  for (const d of dirs) {
    if (encap === 0 && tunnelCarries(d.props, src, dst)) {
      if (sizeBytes > d.props.tunnelMtuBytes) return out;
      encap = d.props.encapBytes;
    }
    if (wireBytesOf(sizeBytes, encap, fragments) > d.props.mtuBytes) fragments = Math.max(fragments, fragmentsUnder(d.props.mtuBytes, sizeBytes + encap));
    out.push({ wireBytes: wireBytesOf(sizeBytes, encap, fragments), fragments });
    if (d.props.decapOnArrival) encap = 0;
  }
  return out;
}
