/**
 * EventQueue: the pending events, earliest first; events at the same instant leave in the
 * order they were scheduled.
 *
 * Nothing is allocated per event. An event's handler and argument sit in a slot of parallel
 * arrays, and slots are reused through a free list. A caller holds a number, an EventHandle,
 * that names the slot and the slot's generation: when the event runs or its cancellation is
 * dropped the generation moves on, so an old handle can never cancel the event that reuses its
 * slot. A slot whose generation reaches the limit of the encoding is retired, never reused.
 *
 * The order is a binary min-heap of (time, seq, slot) entries stored side by side in one
 * Float64Array. `seq` only ever grows, so ties in time leave in scheduling order; heap order
 * alone would not guarantee that. The heap is kept small: once it holds more than SPILL_AT
 * events they move to a calendar of buckets (far-events.ts) that hands them back a bucket at
 * a time, so with a million events pending the heap is still a few dozen deep, not a million.
 *
 * Cancelling clears the slot's handler and leaves the entry where it is; it is dropped when it
 * reaches the top of the heap (or a bucket is taken), which costs nothing for the events that run.
 */

import { FarEvents, NO_SLOT } from './far-events';

export type Handler<A = unknown> = (arg: A) => void;

declare const eventHandle: unique symbol;

/** Names one scheduled event, to cancel it. Never 0, so a handle is always truthy. */
export type EventHandle = number & { readonly [eventHandle]: true };

/** The name callers across sim/ use for a handle. */
export type ScheduledEvent = EventHandle;

/** At most this many events pending at once (2^24): a handle is generation * SLOTS + slot. */
const SLOTS = 1 << 24;
/** A heap larger than this moves out to the calendar of FarEvents and takes back only the events due soonest. */
const SPILL_AT = 1 << 16;
/** Generations run from 1 to this, so a handle stays an exact integer below 2^53. */
const LAST_GENERATION = Math.floor(Number.MAX_SAFE_INTEGER / SLOTS) - 1;

export class EventQueue {
  /** Heap position i holds the time heap[3i], seq heap[3i + 1] and slot heap[3i + 2] of one event. */
  private heap = new Float64Array(3 * 1024);
  private n = 0;
  /** The event at the top has been popped but its entry not yet replaced: the next push sifts down from there. */
  private vacantTop = false;
  private seq = 0;
  private cancelled = 0;
  /** Events before this time are in the heap, the others in `far`; Infinity while the heap holds them all. */
  private horizon = Infinity;
  private far = new FarEvents();
  private spillAt: number;
  private readonly minSpill: number;

  /** Slot k is slots[3k] (handler, undefined once run or cancelled), slots[3k + 1] (argument), slots[3k + 2] (generation). */
  private slots: unknown[] = [];
  private free = new Int32Array(1024);
  private freeCount = 0;

  /** The argument of the event `pop` returned last, until the next pop. */
  poppedArg: unknown;

  /** `spillAt`: heap size past which events move to the calendar; tests lower it to exercise the calendar with few events. */
  constructor(spillAt = SPILL_AT) {
    this.spillAt = spillAt;
    this.minSpill = spillAt;
  }

  /** Events waiting, not counting cancelled ones. */
  get size(): number {
    return this.n + this.far.count - this.cancelled - (this.vacantTop ? 1 : 0);
  }

  push<A>(time: number, fn: Handler<A>, arg: A): EventHandle {
    const slot = this.freeCount > 0 ? this.free[--this.freeCount]! : this.newSlot();
    const slots = this.slots;
    slots[3 * slot] = fn;
    slots[3 * slot + 1] = arg;
    const s = this.seq++;
    if (time >= this.horizon) {
      this.far.add(time, s, slot);
    } else if (this.vacantTop) {
      // An event pushed by the handler of the one just popped takes its place: one sift down
      // instead of moving the last entry to the top and then sifting the new one up.
      this.vacantTop = false;
      this.siftDown(time, s, slot, this.n);
    } else {
      this.siftUp(time, s, slot);
      if (this.n > this.spillAt) this.spill();
    }
    return ((slots[3 * slot + 2] as number) * SLOTS + slot) as EventHandle;
  }

  /** Cancel the event if it is still pending; a handle of an event that ran or was cancelled is ignored. */
  cancel(handle: EventHandle): void {
    const slot = handle % SLOTS;
    const slots = this.slots;
    if (3 * slot >= slots.length || slots[3 * slot + 2] !== (handle - slot) / SLOTS || slots[3 * slot] === undefined) return;
    slots[3 * slot] = undefined;
    slots[3 * slot + 1] = undefined;
    this.cancelled++;
  }

  /** Time of the earliest live event, or Infinity when none is left. Cancelled events at the top are dropped. */
  peekTime(): number {
    if (this.vacantTop) {
      this.vacantTop = false;
      this.removeTop();
    }
    for (;;) {
      while (this.n > 0) {
        const slot = this.heap[2]!;
        if (this.slots[3 * slot] !== undefined) return this.heap[0]!;
        this.removeTop();
        this.release(slot);
        this.cancelled--;
      }
      if (this.far.count === 0) return Infinity;
      this.refill();
    }
  }

  /** Remove the earliest event, which `peekTime` has just found live, and return its handler; its argument is in `poppedArg`. */
  pop(): Handler {
    const slot = this.heap[2]!;
    const fn = this.slots[3 * slot] as Handler;
    this.poppedArg = this.slots[3 * slot + 1];
    this.release(slot);
    this.vacantTop = true;
    return fn;
  }

  /**
   * The heap has grown deep enough for its lower levels to miss the cache on every pop: move all
   * its events to the calendar and take back the earliest bucket. The threshold doubles past the
   * size of that bucket, so events that no bucket can split (many at one instant) cannot make
   * the heap spill over and over.
   */
  private spill(): void {
    const heap = this.heap;
    for (let i = 0; i < this.n; i++) this.far.addUnbucketed(heap[3 * i]!, heap[3 * i + 1]!, heap[3 * i + 2]!);
    this.n = 0;
    this.far.rebucket();
    this.refill();
    this.spillAt = Math.max(this.minSpill, 2 * this.n);
  }

  /** The heap is empty: fill it with the calendar's earliest bucket, dropping cancelled events on the way. */
  private refill(): void {
    const far = this.far;
    let slot = far.take();
    this.horizon = far.count > 0 ? far.horizon : Infinity;
    while (slot !== NO_SLOT) {
      const next = far.next(slot);
      if (this.slots[3 * slot] === undefined) {
        this.release(slot);
        this.cancelled--;
      } else {
        this.siftUp(far.time(slot), far.seq(slot), slot);
      }
      slot = next;
    }
  }

  private siftUp(t: number, s: number, slot: number): void {
    if (3 * this.n === this.heap.length) this.growHeap();
    const heap = this.heap;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = heap[3 * parent]!;
      if (pt < t || (pt === t && heap[3 * parent + 1]! < s)) break;
      heap[3 * i] = pt;
      heap[3 * i + 1] = heap[3 * parent + 1]!;
      heap[3 * i + 2] = heap[3 * parent + 2]!;
      i = parent;
    }
    heap[3 * i] = t;
    heap[3 * i + 1] = s;
    heap[3 * i + 2] = slot;
  }

  /** Drop the top entry: the last one takes its place and sifts down. */
  private removeTop(): void {
    const n = --this.n;
    const heap = this.heap;
    this.siftDown(heap[3 * n]!, heap[3 * n + 1]!, heap[3 * n + 2]!, n);
  }

  /** Put (t, s, slot) at the top of a heap of n entries whose top is vacant and sift it down to its place. */
  private siftDown(t: number, s: number, slot: number, n: number): void {
    const heap = this.heap;
    let i = 0;
    for (;;) {
      const first = 2 * i + 1;
      if (first >= n) break;
      let c = first;
      if (first + 1 < n) {
        const lt = heap[3 * first]!;
        const rt = heap[3 * first + 3]!;
        // Chosen by arithmetic, not a branch: which child is smaller is a coin toss the CPU cannot predict.
        c += Number(rt < lt) | (Number(rt === lt) & Number(heap[3 * first + 4]! < heap[3 * first + 1]!));
      }
      const ct = heap[3 * c]!;
      const cs = heap[3 * c + 1]!;
      if (t < ct || (t === ct && s < cs)) break;
      heap[3 * i] = ct;
      heap[3 * i + 1] = cs;
      heap[3 * i + 2] = heap[3 * c + 2]!;
      i = c;
    }
    heap[3 * i] = t;
    heap[3 * i + 1] = s;
    heap[3 * i + 2] = slot;
  }

  /** The slot's event has left the heap: drop its references and hand the slot to the next push. */
  private release(slot: number): void {
    const slots = this.slots;
    slots[3 * slot] = undefined;
    slots[3 * slot + 1] = undefined;
    const g = slots[3 * slot + 2] as number;
    if (g === LAST_GENERATION) return;
    slots[3 * slot + 2] = g + 1;
    if (this.freeCount === this.free.length) this.free = grown(this.free);
    this.free[this.freeCount++] = slot;
  }

  private newSlot(): number {
    const slot = this.slots.length / 3;
    if (slot === SLOTS) throw new RangeError(`EventQueue: more than ${SLOTS} events pending at once`);
    this.slots.push(undefined, undefined, 1);
    return slot;
  }

  private growHeap(): void {
    const heap = new Float64Array(this.heap.length * 2);
    heap.set(this.heap);
    this.heap = heap;
  }
}

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
