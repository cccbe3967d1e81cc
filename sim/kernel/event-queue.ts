/**
 * EventQueue: a binary min-heap of pending events ordered by (time, seq).
 *
 * `seq` only ever grows, so events scheduled for the same instant leave in the order they
 * were scheduled; heap order alone would not guarantee that.
 */

export type Handler<A = any> = (arg: A) => void;

/** A scheduled event. Kept by callers only as a handle to cancel it. */
export class ScheduledEvent {
  cancelled = false;
  constructor(
    readonly time: number,
    readonly seq: number,
    readonly fn: Handler,
    readonly arg: unknown,
  ) {}
}

export class EventQueue {
  private heap: ScheduledEvent[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(ev: ScheduledEvent): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(ev);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (p.time < ev.time || (p.time === ev.time && p.seq < ev.seq)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = ev;
  }

  peek(): ScheduledEvent | undefined {
    return this.heap[0];
  }

  pop(): ScheduledEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    const n = heap.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      let child = heap[l]!;
      if (r < n) {
        const rc = heap[r]!;
        if (rc.time < child.time || (rc.time === child.time && rc.seq < child.seq)) {
          c = r;
          child = rc;
        }
      }
      if (last.time < child.time || (last.time === child.time && last.seq < child.seq)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
    return top;
  }
}
