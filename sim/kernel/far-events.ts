/**
 * FarEvents: the events the EventQueue keeps out of its heap because they are not due soon,
 * in a calendar of unsorted buckets (Brown's calendar queue, without its sorted buckets).
 *
 * Bucket k holds the events with base + k * width <= time < base + (k + 1) * width, as a list
 * linked through their slots; events past the last bucket wait in an overflow list. Adding is
 * O(1) and touches one bucket tail and the event's own slot. `take` hands the queue the next
 * non-empty bucket, which its heap then orders by (time, seq): the order of events within a
 * bucket does not matter, so ties still leave in scheduling order. When the buckets run out the
 * overflow is spread over new buckets sized to it, about PER_BUCKET events each.
 */

/** Events per bucket aimed for: enough to make a bucket worth a refill, few enough for a small heap. */
const PER_BUCKET = 8;
const MIN_BUCKETS = 16;
const MAX_BUCKETS = 1 << 20;
/** The end of a list. */
export const NO_SLOT = -1;

export class FarEvents {
  /** Every event held is at or after this time: the end of the bucket taken last. */
  horizon = -Infinity;
  /** Events held, cancelled ones included. */
  count = 0;

  /** Per slot: time entries[2k] and seq entries[2k + 1]. */
  private entries = new Float64Array(2 * 1024);
  /**
   * Per slot: the next slot in the same list. Apart from the times, so that walking a list
   * chases pointers through 4 bytes an event instead of 24 and stays in cache longer.
   */
  private links = new Int32Array(1024);
  private heads = new Int32Array(0);
  private tails = new Int32Array(0);
  private sizes = new Int32Array(0);
  private base = 0;
  private width = 1;
  /** The next bucket to take. */
  private cur = 0;
  private overflowHead = NO_SLOT;
  private overflowTail = NO_SLOT;

  /** Hold an event at or after `horizon`. */
  add(time: number, seq: number, slot: number): void {
    this.store(time, seq, slot);
    const k = Math.floor((time - this.base) / this.width);
    if (k < this.heads.length) {
      const tail = this.tails[k]!;
      if (tail === NO_SLOT) this.heads[k] = slot;
      else this.links[tail] = slot;
      this.tails[k] = slot;
      this.sizes[k]!++;
    } else {
      this.appendOverflow(slot);
    }
  }

  /** Hold an event of any time: the queue's heap moving out. `rebucket` must follow before `take`. */
  addUnbucketed(time: number, seq: number, slot: number): void {
    this.store(time, seq, slot);
    this.appendOverflow(slot);
  }

  /** Give up the earliest non-empty bucket: returns the first slot of its list (NO_SLOT when nothing is held) and moves `horizon` to its end. */
  take(): number {
    if (this.count === 0) return NO_SLOT;
    for (;;) {
      const heads = this.heads;
      while (this.cur < heads.length) {
        const k = this.cur++;
        const head = heads[k]!;
        if (head === NO_SLOT) continue;
        heads[k] = NO_SLOT;
        this.tails[k] = NO_SLOT;
        this.count -= this.sizes[k]!;
        this.sizes[k] = 0;
        this.horizon = this.base + this.cur * this.width;
        return head;
      }
      this.rebucket();
    }
  }

  time(slot: number): number {
    return this.entries[2 * slot]!;
  }

  seq(slot: number): number {
    return this.entries[2 * slot + 1]!;
  }

  next(slot: number): number {
    return this.links[slot]!;
  }

  /** Put every event held back into the overflow list and spread it over new buckets sized to it. */
  rebucket(): void {
    const e = this.entries;
    const heads = this.heads;
    for (let k = this.cur; k < heads.length; k++) {
      const head = heads[k]!;
      if (head === NO_SLOT) continue;
      if (this.overflowTail === NO_SLOT) this.overflowHead = head;
      else this.links[this.overflowTail] = head;
      this.overflowTail = this.tails[k]!;
    }
    let min = Infinity;
    let max = -Infinity;
    for (let s = this.overflowHead; s !== NO_SLOT; s = this.next(s)) {
      const t = e[2 * s]!;
      if (t < min) min = t;
      if (t > max) max = t;
    }
    let buckets = MIN_BUCKETS;
    while (buckets < MAX_BUCKETS && buckets * PER_BUCKET < this.count) buckets *= 2;
    // A power-of-two width keeps (time - base) / width exact, so an event never lands a bucket off.
    let width = 1;
    while (width * buckets <= max - min) width *= 2;
    this.base = min;
    this.width = width;
    this.cur = 0;
    this.heads = new Int32Array(buckets).fill(NO_SLOT);
    this.tails = new Int32Array(buckets).fill(NO_SLOT);
    this.sizes = new Int32Array(buckets);
    let s = this.overflowHead;
    this.overflowHead = NO_SLOT;
    this.overflowTail = NO_SLOT;
    this.count = 0;
    while (s !== NO_SLOT) {
      const next = this.next(s);
      this.add(e[2 * s]!, e[2 * s + 1]!, s);
      s = next;
    }
  }

  private store(time: number, seq: number, slot: number): void {
    if (slot >= this.links.length) this.growEntries(slot);
    const e = this.entries;
    e[2 * slot] = time;
    e[2 * slot + 1] = seq;
    this.links[slot] = NO_SLOT;
    this.count++;
  }

  private appendOverflow(slot: number): void {
    if (this.overflowTail === NO_SLOT) this.overflowHead = slot;
    else this.links[this.overflowTail] = slot;
    this.overflowTail = slot;
  }

  private growEntries(slot: number): void {
    let size = this.links.length;
    while (size <= slot) size *= 2;
    const entries = new Float64Array(2 * size);
    entries.set(this.entries);
    this.entries = entries;
    const links = new Int32Array(size);
    links.set(this.links);
    this.links = links;
  }
}
