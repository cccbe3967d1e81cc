/**
 * Simulator: the event loop. One clock (integer ns, see time.ts), one priority queue,
 * schedule / cancel / run-until. It knows nothing about networks.
 */
import { EventHandle, EventQueue, Handler } from './event-queue';
import { TIME_HORIZON_NS } from './time';

export class SimulationError extends Error {
  override name = 'SimulationError';
}

export interface RunOptions {
  /** Stop after the last event at or before this time; the clock then reads `until`. */
  until?: number;
  /** Stop after this many events (a guard against runaway scenarios). */
  maxEvents?: number;
}

export class Simulator {
  private queue = new EventQueue();
  private _now = 0;
  private _executed = 0;
  private stopped = false;

  get now(): number {
    return this._now;
  }

  /** Events run so far. */
  get executed(): number {
    return this._executed;
  }

  /** Events waiting, not counting cancelled ones. */
  get pending(): number {
    return this.queue.size;
  }

  /** Run `fn(arg)` `delay` ns from now. `delay` must be a whole, non-negative number of ns. */
  schedule<A>(delay: number, fn: Handler<A>, arg?: A): EventHandle {
    return this.at(this._now + delay, fn, arg);
  }

  /** Run `fn(arg)` at absolute time `time` (ns), which must not be in the past. */
  at<A>(time: number, fn: Handler<A>, arg?: A): EventHandle {
    if (!(time >= this._now) || !Number.isSafeInteger(time)) throw badTime(this._now, time);
    return this.queue.push(time, fn as Handler, arg);
  }

  /** Cancel a pending event; cancelling one that has run or was cancelled already does nothing. */
  cancel(ev: EventHandle | undefined): void {
    if (ev !== undefined) this.queue.cancel(ev);
  }

  /** Ask a running `run` to return after the current event. */
  stop(): void {
    this.stopped = true;
  }

  /** Time of the next live event, or undefined when none is left. */
  peek(): number | undefined {
    const time = this.queue.peekTime();
    return time === Infinity ? undefined : time;
  }

  /** Run events in (time, scheduling order) until none is left, `until` is passed, or `stop()`. */
  run(opts: RunOptions = {}): void {
    const until = opts.until ?? TIME_HORIZON_NS;
    const maxEvents = opts.maxEvents ?? Infinity;
    const queue = this.queue;
    this.stopped = false;
    let budget = maxEvents;
    while (!this.stopped && budget > 0) {
      const time = queue.peekTime();
      if (time > until) break;
      const fn = queue.pop();
      this._now = time;
      this._executed++;
      budget--;
      fn(queue.poppedArg);
    }
    if (!this.stopped && budget > 0 && until !== TIME_HORIZON_NS && this._now < until) this._now = until;
  }
}

/** Kept out of `at` so that `at` stays small enough to be inlined into its callers. */
function badTime(now: number, time: number): SimulationError {
  return new SimulationError(`Simulator.at: expected a whole ns time from now (${now}) to ${TIME_HORIZON_NS}, got ${time}`);
}
