/**
 * EventQueue: a binary min-heap of pending events ordered by (time, seq).
 *
 * `seq` only ever grows, so events scheduled for the same instant leave in the order they
 * were scheduled; heap order alone would not guarantee that. The keys live in two typed arrays
 * beside the array of events, so sifting compares numbers in contiguous memory instead of
 * following a pointer to each event: with a million events pending that is the difference
 * between waiting on cache misses and not.
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
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private events: (ScheduledEvent | undefined)[] = new Array(1024);
  private n = 0;

  get size(): number {
    return this.n;
  }

  push(ev: ScheduledEvent): void {
    if (this.n === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const events = this.events;
    const t = ev.time;
    const s = ev.seq;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < t || (pt === t && seqs[parent]! < s)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      events[i] = events[parent];
      i = parent;
    }
    times[i] = t;
    seqs[i] = s;
    events[i] = ev;
  }

  peek(): ScheduledEvent | undefined {
    return this.n > 0 ? this.events[0] : undefined;
  }

  pop(): ScheduledEvent | undefined {
    if (this.n === 0) return undefined;
    const times = this.times;
    const seqs = this.seqs;
    const events = this.events;
    const top = events[0];
    const n = --this.n;
    const t = times[n]!;
    const s = seqs[n]!;
    const last = events[n];
    events[n] = undefined;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let c = l;
      let ct = times[l]!;
      let cs = seqs[l]!;
      const r = l + 1;
      if (r < n) {
        const rt = times[r]!;
        if (rt < ct || (rt === ct && seqs[r]! < cs)) {
          c = r;
          ct = rt;
          cs = seqs[r]!;
        }
      }
      if (t < ct || (t === ct && s < cs)) break;
      times[i] = ct;
      seqs[i] = cs;
      events[i] = events[c];
      i = c;
    }
    times[i] = t;
    seqs[i] = s;
    events[i] = last;
    return top;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size);
    const seqs = new Float64Array(size);
    times.set(this.times);
    seqs.set(this.seqs);
    this.times = times;
    this.seqs = seqs;
    this.events.length = size;
  }
}
