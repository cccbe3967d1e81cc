/**
 * FluidFlow: a cbr or poisson flow carried as a rate instead of packets. It knows its demand,
 * its path as forwarding gives it now (with what each of its packets is on each link, as the
 * links' stages shape it, and the capacities it meets there), the rate max-min fairness
 * allocates it, and where the rest is dropped. Between two changes everything is constant, so
 * its counters and those of its links grow linearly, and `account` adds a whole stretch at once.
 */
import type { DropCause } from '../trace/trace-bus';
import type { LinkDirection, NetBus } from './link-direction';
import type { NetNode } from './net-node';
import { PATH_ER_PRIMARY, PATH_ER_SECONDARY, PATH_VPN } from './packet';
import type { TokenBucket } from './token-bucket';

/**
 * Where along a path a capacity sits: hop by hop, and within a hop by the position of its stage
 * in the device (0, 1, ...), the link's own rate (its queue) last.
 */
export const QUEUE_POSITION = 255;
export function orderAt(hop: number, position: number): number {
  return hop * (QUEUE_POSITION + 1) + position;
}

/** A capacity a fluid flow meets on a hop: a stage's token bucket, or the link's rate (`bucket` undefined, keyed by the link). */
export interface HopCapacity {
  key: LinkDirection | TokenBucket;
  bucket: TokenBucket | undefined;
  perS: number;
  /** Units of it per bit/s of the flow's rate. */
  perBit: number;
  cause: DropCause;
  /** Its stage's position in the device, QUEUE_POSITION for the link's rate. */
  position: number;
}

/** One link direction that sends a fluid flow's packets, what one of them is there, and the capacities it meets. */
export interface FluidHop {
  dir: LinkDirection;
  wireBytes: number;
  fragments: number;
  /** What one packet puts on the link: its wire bytes and the link's own framing (MACsec). */
  frameBytes: number;
  /** Time from the packet leaving its source to reaching this link, without queueing. */
  offsetNs: number;
  capacities: HopCapacity[];
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

/** What keeps a fluid flow's own counters (FlowStats in sim/metrics); the network knows it by this alone. */
export interface FluidFlowCounters {
  /** Add a stretch [fromNs, toNs): bytes offered and delivered, with their one-way delay, over path class `path` (0 er-primary, 1 er-secondary, 2 vpn, 3 other). */
  addFluid(sizeBytes: number, sentBytes: number, receivedBytes: number, latencyNs: number, path: number, fromNs: number, toNs: number): void;
  /** Set by the fluid network: brings the counters up to a time before they are read. */
  beforeRead: ((now: number) => void) | undefined;
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
   * position of that capacity along the path (orderAt). Capacities before it see the whole
   * demand; it and those after see the allocated rate.
   */
  dropHop = -1;
  dropCause: DropCause = 'queue';
  dropOrder = Infinity;
  /** One-way delay of a delivered packet: propagation, serialization and mean queueing. */
  latencyNs = 0;

  constructor(
    readonly spec: FluidFlowSpec,
    readonly stats: FluidFlowCounters,
    private readonly bus: NetBus,
  ) {}

  /** Bit/s of the flow (as sent) offered to the capacity at `order` (see dropOrder). */
  offeredAt(order: number): number {
    return order <= this.dropOrder ? this.spec.demandBps : this.rateBps;
  }

  /** Bit/s of the flow that reach the queue of `hop`. */
  offeredBps(hop: number): number {
    return this.offeredAt(orderAt(hop, QUEUE_POSITION));
  }

  /** Bit/s the link of `hop` transmits for this flow (wire bits). */
  private txBps(hop: number): number {
    const h = this.hops[hop]!;
    const sent = orderAt(hop, QUEUE_POSITION) < this.dropOrder ? this.spec.demandBps : this.rateBps;
    return (sent * h.frameBytes) / this.spec.sizeBytes;
  }

  /** The path class of its packets: 0 er-primary, 1 er-secondary, 2 vpn, 3 neither (as FlowStats counts them). */
  pathIndex(): number {
    const bits = this.hops.reduce((b, h) => b | h.dir.props.pathBit, 0);
    return bits & PATH_VPN ? 2 : bits & PATH_ER_SECONDARY ? 1 : bits & PATH_ER_PRIMARY ? 0 : 3;
  }

  /** Add the stretch [fromNs, toNs) to the flow's counters, and publish what its links sent and dropped of it. */
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
      this.bus.fluidTransmit(h.dir, (bytes / h.frameBytes) * h.fragments, bytes);
    });
    const excessPackets = ((this.spec.demandBps - this.rateBps) * s) / 8 / size;
    if (this.dropHop >= 0 && excessPackets > 0) this.bus.fluidDrop(this.hops[this.dropHop]!.dir, this.dropCause, excessPackets, excessPackets * size);
    if (this.deadEnd !== undefined) {
      const packets = (this.rateBps * s) / 8 / size;
      this.bus.fluidDrop(this.deadEnd.dir, this.deadEnd.cause, packets, packets * size);
    }
  }
}
