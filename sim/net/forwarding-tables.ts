/**
 * ForwardingTables: every node's next hops per path class (ExpressRoute, VPN) and destination,
 * and the class each node picks per destination, for the whole network in a few typed arrays.
 * An entry is one small integer: the position of the only next hop in the node's list of
 * links, NO_ROUTE, or a set of equal-cost next hops stored once. Only destinations of flows
 * have entries, a column of one per node each, written in node order by the route computation.
 * (An array of next hops per node and destination cost a few dozen bytes per pair: a custom
 * star of 3,000 sites held 9 M of them, more than the heap.)
 */
import type { LinkDirection } from './link-direction';
import { PATH_CLASS_ER, PATH_CLASS_NONE, PATH_CLASS_VPN } from './packet';

const NO_ROUTE = -1;
/** Entry -2 - k names the k-th equal-cost set. */
const FIRST_SET = -2;
/** The classes with routes, in the order their entries are stored. */
const CLASSES = [PATH_CLASS_ER, PATH_CLASS_VPN] as const;

export class ForwardingTables {
  private nodes = 0;
  /** Per node index: its column if it is a destination, else -1. */
  private column = new Int32Array(0);
  private columns = 0;
  /** Entry of (class, destination column, node) at ((class - 1) * columns + column) * nodes + node; two bytes each while the values fit. */
  private entries: Int16Array | Int32Array = new Int16Array(0);
  /** The class of (destination column, node) at column * nodes + node. */
  private choices = new Uint8Array(0);
  private sets: LinkDirection[][] = [];
  private setPositions: number[][] = [];
  private readonly setKeys = new Map<string, number>();
  /** Per node, the set it was given last: a node's sets repeat from one destination to the next, and a key string per pair was most of the cost. */
  private lastSet = new Int32Array(0);

  /** No routes; room for routes from each of `nodes` nodes to each of `destinations` (node indices). */
  reset(nodes: number, destinations: readonly number[]): void {
    const column = new Int32Array(nodes).fill(-1);
    destinations.forEach((d, c) => (column[d] = c));
    if (nodes !== this.nodes || destinations.length !== this.columns) {
      this.entries = new Int16Array(CLASSES.length * destinations.length * nodes);
      this.choices = new Uint8Array(destinations.length * nodes);
    }
    this.nodes = nodes;
    this.columns = destinations.length;
    this.column = column;
    this.entries.fill(NO_ROUTE);
    this.choices.fill(PATH_CLASS_NONE);
    this.sets = [];
    this.setPositions = [];
    this.setKeys.clear();
    this.lastSet = new Int32Array(nodes).fill(-1);
  }

  /** The next hops of class `cls` from `node` toward `dst`: the first `count` of `hops`, positions in the node's links `out`, in their order. */
  set(node: number, out: readonly LinkDirection[], cls: number, dst: number, hops: readonly number[], count: number): void {
    let entry = count === 0 ? NO_ROUTE : hops[0]!;
    if (count > 1) {
      let k = this.lastSet[node]!;
      if (k < 0 || !samePositions(this.setPositions[k]!, hops, count)) {
        const chosen = hops.slice(0, count);
        const key = `${node}/${chosen.join(',')}`;
        k = this.setKeys.get(key) ?? -1;
        if (k < 0) {
          k = this.sets.length;
          this.sets.push(chosen.map((i) => out[i]!));
          this.setPositions.push(chosen);
          this.setKeys.set(key, k);
        }
        this.lastSet[node] = k;
      }
      entry = FIRST_SET - k;
    }
    if ((entry > 32767 || entry < -32768) && this.entries instanceof Int16Array) this.entries = Int32Array.from(this.entries);
    this.entries[((cls - 1) * this.columns + this.column[dst]!) * this.nodes + node] = entry;
  }

  setChoice(node: number, dst: number, cls: number): void {
    this.choices[this.column[dst]! * this.nodes + node] = cls;
  }

  /** The path class `node` picks toward `dst` (PATH_CLASS_NONE: no route, or not a destination). */
  choice(node: number, dst: number): number {
    const c = this.column[dst];
    return c === undefined || c < 0 ? PATH_CLASS_NONE : this.choices[c * this.nodes + node]!;
  }

  /** The link a packet of this flow in class `cls` leaves `node` by toward `dst` (per-flow ECMP among equal-cost hops), or undefined without a route. */
  next(node: number, out: readonly LinkDirection[], dst: number, flowHash: number, cls: number): LinkDirection | undefined {
    const c = this.column[dst];
    if ((cls !== PATH_CLASS_ER && cls !== PATH_CLASS_VPN) || c === undefined || c < 0) return undefined;
    const entry = this.entries[((cls - 1) * this.columns + c) * this.nodes + node]!;
    if (entry === NO_ROUTE) return undefined;
    if (entry >= 0) return out[entry];
    const set = this.sets[FIRST_SET - entry]!;
    return set[ecmpIndex(flowHash, node, set.length)];
  }
}

function samePositions(set: readonly number[], hops: readonly number[], count: number): boolean {
  if (set.length !== count) return false;
  for (let i = 0; i < count; i++) if (set[i] !== hops[i]) return false;
  return true;
}

/** Pick one of `n` next hops for a flow at a node; mixing in the node keeps choices at successive hops independent. */
export function ecmpIndex(flowHash: number, node: number, n: number): number {
  let h = Math.imul(flowHash ^ Math.imul(node + 1, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % n;
}
