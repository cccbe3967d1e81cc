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
 *
 * Each handler has a lane. An event scheduled no earlier than the latest pending event of its
 * handler waits in the lane, a list outside the heap, and enters the heap only when the lane's
 * event before it leaves; so the heap holds about one event per handler in use rather than one
 * per event pending. A link direction's arrivals are the case this is for: one handler, times
 * in order, as many pending as packets on the wire (a thousand on a 5 Gbps chain), which made
 * every pop sift through a heap ten levels deep. A lane's events are in (time, seq) order and
 * each is behind the one before it, so events still leave in (time, scheduling order). An event
 * earlier than its handler's latest goes into the heap directly.
 */

import { FarEvents, NO_SLOT } from './far-events';

export type Handler<A = unknown> = (arg: A) => void;

declare const eventHandle: unique symbol;

/** Names one scheduled event, to cancel it. Never 0, so a handle is always truthy. */
export type EventHandle = number & { readonly [eventHandle]: true };

/** The name callers across sim/ use for a handle. */
export type ScheduledEvent = EventHandle;

/** A handler's lane: its events scheduled in time order wait here, outside the heap, behind the one of them the heap holds. */
interface Lane {
  /** One of its events is in the heap (or the calendar): the head. */
  busy: boolean;
  /** Time of its latest event. */
  last: number;
  /** The slots waiting behind the head, in order; NO_SLOT when none. */
  first: number;
  tail: number;
}

const LANE = Symbol('ersim lane');
type LanedHandler = Handler & { [LANE]?: Lane };

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

  /** Slot k is slots[4k] (handler, undefined once run or cancelled), slots[4k + 1] (argument), slots[4k + 2] (generation), slots[4k + 3] (its lane while it is a lane's head or waits in one). */
  private slots: unknown[] = [];
  /** Per slot waiting in a lane: its time laneEntries[2k], seq laneEntries[2k + 1], and the next slot of the lane. */
  private laneEntries = new Float64Array(2 * 1024);
  private laneNext = new Int32Array(1024);
  private waiting = 0;
  /** A bucket is moving from the calendar into the heap: a lane moved on meanwhile must not make the heap spill. */
  private refilling = false;
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
    return this.n + this.far.count + this.waiting - this.cancelled - (this.vacantTop ? 1 : 0);
  }

  push<A>(time: number, fn: Handler<A>, arg: A): EventHandle {
    const slot = this.freeCount > 0 ? this.free[--this.freeCount]! : this.newSlot();
    const slots = this.slots;
    slots[4 * slot] = fn;
    slots[4 * slot + 1] = arg;
    const s = this.seq++;
    const lane = (fn as LanedHandler)[LANE] ?? newLane(fn as LanedHandler);
    if (!lane.busy) {
      lane.busy = true;
      lane.last = time;
      slots[4 * slot + 3] = lane;
      this.insert(time, s, slot);
    } else if (time >= lane.last) {
      // Later than every event of the lane: it waits behind them, outside the heap.
      lane.last = time;
      slots[4 * slot + 3] = lane;
      this.wait(lane, time, s, slot);
    } else {
      this.insert(time, s, slot);
    }
    return ((slots[4 * slot + 2] as number) * SLOTS + slot) as EventHandle;
  }

  private insert(time: number, s: number, slot: number): void {
    if (time >= this.horizon) {
      this.far.add(time, s, slot);
    } else if (this.vacantTop) {
      // An event pushed by the handler of the one just popped takes its place: one sift down
      // instead of moving the last entry to the top and then sifting the new one up.
      this.vacantTop = false;
      this.siftDown(time, s, slot, this.n);
    } else {
      this.siftUp(time, s, slot);
      if (this.n > this.spillAt && !this.refilling) this.spill();
    }
  }

  private wait(lane: Lane, time: number, s: number, slot: number): void {
    if (slot >= this.laneNext.length) this.growLanes(slot);
    this.laneEntries[2 * slot] = time;
    this.laneEntries[2 * slot + 1] = s;
    this.laneNext[slot] = NO_SLOT;
    if (lane.first === NO_SLOT) lane.first = slot;
    else this.laneNext[lane.tail] = slot;
    lane.tail = slot;
    this.waiting++;
  }

  /** The head of `lane` has left the heap: the next event waiting in it takes its place. */
  private advance(lane: Lane): void {
    const slot = lane.first;
    if (slot === NO_SLOT) {
      lane.busy = false;
      return;
    }
    lane.first = this.laneNext[slot]!;
    this.waiting--;
    this.insert(this.laneEntries[2 * slot]!, this.laneEntries[2 * slot + 1]!, slot);
  }

  private growLanes(slot: number): void {
    let size = this.laneNext.length;
    while (size <= slot) size *= 2;
    const next = new Int32Array(size);
    next.set(this.laneNext);
    this.laneNext = next;
    const entries = new Float64Array(2 * size);
    entries.set(this.laneEntries);
    this.laneEntries = entries;
  }

  /** Cancel the event if it is still pending; a handle of an event that ran or was cancelled is ignored. */
  cancel(handle: EventHandle): void {
    const slot = handle % SLOTS;
    const slots = this.slots;
    if (4 * slot >= slots.length || slots[4 * slot + 2] !== (handle - slot) / SLOTS || slots[4 * slot] === undefined) return;
    slots[4 * slot] = undefined;
    slots[4 * slot + 1] = undefined;
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
        if (this.slots[4 * slot] !== undefined) return this.heap[0]!;
        this.removeTop();
        this.cancelled--;
        this.release(slot);
      }
      if (this.far.count === 0) return Infinity;
      this.refill();
    }
  }

  /** Remove the earliest event, which `peekTime` has just found live, and return its handler; its argument is in `poppedArg`. */
  pop(): Handler {
    const slot = this.heap[2]!;
    const fn = this.slots[4 * slot] as Handler;
    this.poppedArg = this.slots[4 * slot + 1];
    this.vacantTop = true;
    this.release(slot);
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
    this.refilling = true;
    while (slot !== NO_SLOT) {
      const next = far.next(slot);
      if (this.slots[4 * slot] === undefined) {
        this.cancelled--;
        this.release(slot);
      } else {
        this.siftUp(far.time(slot), far.seq(slot), slot);
      }
      slot = next;
    }
    this.refilling = false;
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

  /** The slot's event has left the heap: drop its references, hand the slot to the next push, and move its lane on. */
  private release(slot: number): void {
    const slots = this.slots;
    const lane = slots[4 * slot + 3] as Lane | undefined;
    slots[4 * slot] = undefined;
    slots[4 * slot + 1] = undefined;
    slots[4 * slot + 3] = undefined;
    const g = slots[4 * slot + 2] as number;
    if (g !== LAST_GENERATION) {
      slots[4 * slot + 2] = g + 1;
      if (this.freeCount === this.free.length) this.free = grown(this.free);
      this.free[this.freeCount++] = slot;
    }
    if (lane !== undefined) this.advance(lane);
  }

  private newSlot(): number {
    const slot = this.slots.length / 4;
    if (slot === SLOTS) throw new RangeError(`EventQueue: more than ${SLOTS} events pending at once`);
    this.slots.push(undefined, undefined, 1, undefined);
    return slot;
  }

  private growHeap(): void {
    const heap = new Float64Array(this.heap.length * 2);
    heap.set(this.heap);
    this.heap = heap;
  }
}

/** The lane of a handler scheduled for the first time, kept on the handler; a frozen handler gets a new one each time, which only costs it the shortcut. */
function newLane(fn: LanedHandler): Lane {
  const lane: Lane = { busy: false, last: 0, first: NO_SLOT, tail: NO_SLOT };
  if (Object.isExtensible(fn)) fn[LANE] = lane;
  return lane;
}

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
