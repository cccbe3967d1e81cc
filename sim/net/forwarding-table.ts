/**
 * ForwardingTable: one node's next hops per path class (ExpressRoute, VPN) and destination, and
 * the class it picks per destination. Each entry is one small integer: the position of the only
 * next hop in the node's list of links, NO_ROUTE, or a set of equal-cost next hops stored once
 * per node. Every node holds an entry per destination, so a table of arrays cost a few dozen
 * bytes per pair (3,000 sites: 9 M pairs, more than the heap); this costs one to four.
 */
import type { LinkDirection } from './link-direction';
import { PATH_CLASS_ER, PATH_CLASS_VPN } from './packet';

const NO_ROUTE = -1;
/** Entry -2 - k names the k-th equal-cost set. */
const FIRST_SET = -2;
/** The classes with routes, in the order their entries are stored. */
const CLASSES = [PATH_CLASS_ER, PATH_CLASS_VPN] as const;

export class ForwardingTable {
  /** Entry of (class, destination) at (class - 1) * destinations + destination; one byte each while the values fit. */
  private entries: Int8Array | Int32Array = new Int8Array(0);
  private destinations = 0;
  private sets: LinkDirection[][] = [];
  private readonly setKeys = new Map<string, number>();
  /** The path class the node picks per destination (PATH_CLASS_NONE: no route). */
  choice = new Uint8Array(0);

  constructor(
    /** The node's links, which entries point into. */
    private readonly out: readonly LinkDirection[],
    /** The node's index, mixed into the ECMP hash. */
    private readonly nodeIndex: number,
  ) {}

  /** No routes to any of `destinations` node indices. */
  reset(destinations: number): void {
    if (destinations !== this.destinations) {
      this.destinations = destinations;
      this.entries = new Int8Array(CLASSES.length * destinations);
      this.choice = new Uint8Array(destinations);
    }
    this.entries.fill(NO_ROUTE);
    this.choice.fill(0);
    this.sets = [];
    this.setKeys.clear();
  }

  /** The next hops of class `cls` toward `dst`: the first `count` of `hops`, positions in the node's links, in the order of its links. */
  set(cls: number, dst: number, hops: readonly number[], count: number): void {
    let entry = count === 0 ? NO_ROUTE : hops[0]!;
    if (count > 1) {
      const chosen = hops.slice(0, count);
      const key = chosen.join(',');
      let k = this.setKeys.get(key);
      if (k === undefined) {
        k = this.sets.length;
        this.sets.push(chosen.map((i) => this.out[i]!));
        this.setKeys.set(key, k);
      }
      entry = FIRST_SET - k;
    }
    if (this.entries instanceof Int8Array && (entry > 127 || entry < -128)) this.entries = Int32Array.from(this.entries);
    this.entries[(cls - 1) * this.destinations + dst] = entry;
  }

  /** The link a packet of this flow in class `cls` leaves by toward `dst` (per-flow ECMP among equal-cost hops), or undefined without a route. */
  next(dst: number, flowHash: number, cls: number): LinkDirection | undefined {
    if (cls !== PATH_CLASS_ER && cls !== PATH_CLASS_VPN) return undefined;
    const entry = this.entries[(cls - 1) * this.destinations + dst];
    if (entry === undefined || entry === NO_ROUTE) return undefined;
    if (entry >= 0) return this.out[entry];
    const set = this.sets[FIRST_SET - entry]!;
    return set[ecmpIndex(flowHash, this.nodeIndex, set.length)];
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
