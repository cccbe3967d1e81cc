import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { EventHandle, EventQueue } from '../sim/kernel/event-queue';
import { RandomStreams } from '../sim/kernel/random';

const queue = suite('EventQueue');

/**
 * One step of a random workload: schedule at now + delay with handler `by` (one of four; a
 * handler's events in time order wait in its lane outside the heap), cancel the k-th event
 * scheduled so far (pending, run or cancelled), or run the next event.
 */
type Op = { push: number; by: number } | { cancel: number } | { pop: true };

/** The reference: every event scheduled, in a plain array; the next one is the live one of least (time, id). */
interface RefEvent {
  time: number;
  id: number;
  state: 'pending' | 'ran' | 'cancelled';
}

/** Run the same workload on an EventQueue and on the reference; return both orders of events run and the sizes seen. */
function replay(ops: Op[], spillAt: number): { got: number[]; want: number[]; sizes: [number, number][] } {
  const q = new EventQueue(spillAt);
  const ref: RefEvent[] = [];
  const handles: EventHandle[] = [];
  const got: number[] = [];
  const want: number[] = [];
  const sizes: [number, number][] = [];
  let now = 0;
  const handlers = [0, 1, 2, 3].map(() => (id: number) => got.push(id));
  for (const op of ops) {
    if ('push' in op) {
      const id = ref.length;
      ref.push({ time: now + op.push, id, state: 'pending' });
      handles.push(q.push(now + op.push, handlers[op.by]!, id));
    } else if ('cancel' in op) {
      if (ref.length === 0) continue;
      const k = op.cancel % ref.length;
      q.cancel(handles[k]!);
      if (ref[k]!.state === 'pending') ref[k]!.state = 'cancelled';
    } else {
      const time = q.peekTime();
      const live = ref.filter((e) => e.state === 'pending');
      if (live.length === 0) {
        assert.is(time, Infinity);
        continue;
      }
      const next = live.reduce((a, b) => (b.time < a.time || (b.time === a.time && b.id < a.id) ? b : a));
      next.state = 'ran';
      want.push(next.id);
      assert.is(time, next.time);
      now = time;
      q.pop()(q.poppedArg);
    }
    sizes.push([q.size, ref.filter((e) => e.state === 'pending').length]);
  }
  return { got, want, sizes };
}

// Delays from a handful of values make ties common; the occasional large one lands past the calendar's buckets.
const delay = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1e12 }));
// More pushes than pops, so the queue grows to a few hundred events and the heap gets deep.
// Handler 0's delay is always 500, so its events come in time order, like a link's arrivals.
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(delay, fc.integer({ min: 0, max: 3 })).map(([d, by]) => ({ push: by === 0 ? 500 : d, by })) },
  { weight: 1, arbitrary: fc.nat().map((cancel) => ({ cancel })) },
  { weight: 4, arbitrary: fc.constant({ pop: true as const }) },
);

queue('runs events in (time, scheduling order) with cancellations, like a plain sorted reference', () => {
  // A spill threshold of 4 sends nearly every event through the calendar of far events; 1 << 16 keeps them all in the heap.
  for (const spillAt of [4, 1 << 16]) {
    fc.assert(
      fc.property(fc.array(op, { minLength: 200, maxLength: 1500 }), (ops) => {
        const { got, want, sizes } = replay(ops, spillAt);
        assert.equal(got, want);
        for (const [size, live] of sizes) assert.is(size, live);
      }),
      { seed: 7, numRuns: 100 },
    );
  }
});

queue('a handle of an event that ran or was cancelled never cancels the event that reuses its slot', () => {
  const q = new EventQueue();
  const ran: string[] = [];
  const log = (s: string) => ran.push(s);
  const a = q.push(10, log, 'a');
  q.peekTime();
  q.pop()(q.poppedArg);
  const b = q.push(20, log, 'b');
  q.cancel(a);
  q.cancel(b);
  q.cancel(b);
  const c = q.push(30, log, 'c');
  q.cancel(b);
  assert.ok(a && b && c, 'handles are truthy');
  assert.is(q.size, 1);
  while (q.peekTime() !== Infinity) q.pop()(q.poppedArg);
  assert.equal(ran, ['a', 'c']);
});

queue('a million pending events, many at the same instant and some cancelled, leave in (time, scheduling order)', () => {
  const q = new EventQueue();
  const rng = new RandomStreams(11).stream('million');
  const n = 1_000_000;
  const times = new Float64Array(n);
  const handles: EventHandle[] = [];
  let out = 0;
  let last = -1;
  let wrong = 0;
  const check = (i: number) => {
    // Ids were scheduled in increasing order, so (time, id) must increase strictly.
    if (last >= 0 && (times[i]! < times[last]! || (times[i] === times[last] && i < last))) wrong++;
    last = i;
    out++;
  };
  for (let i = 0; i < n; i++) {
    // 10,000 distinct instants: about a hundred events share each one.
    times[i] = Math.floor(rng.uniform() * 10_000) * 1_000;
    handles.push(q.push(times[i]!, check, i));
  }
  for (let i = 0; i < n; i += 7) q.cancel(handles[i]!);
  const cancelled = Math.ceil(n / 7);
  assert.is(q.size, n - cancelled);
  while (q.peekTime() !== Infinity) q.pop()(q.poppedArg);
  assert.is(wrong, 0);
  assert.is(out, n - cancelled);
});

queue.run();
