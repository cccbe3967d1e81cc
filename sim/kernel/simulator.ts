/**
 * Simulator: the event loop. One clock (integer ns, see time.ts), one priority queue,
 * schedule / cancel / run-until. It knows nothing about networks.
 */
import { EventQueue, Handler, ScheduledEvent } from './event-queue';
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
  private seq = 0;
  private _now = 0;
  private _executed = 0;
  private pendingCancelled = 0;
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
    return this.queue.size - this.pendingCancelled;
  }

  /** Run `fn(arg)` `delay` ns from now. `delay` must be a whole, non-negative number of ns. */
  schedule<A>(delay: number, fn: Handler<A>, arg?: A): ScheduledEvent {
    return this.at(this._now + delay, fn, arg);
  }

  /** Run `fn(arg)` at absolute time `time` (ns), which must not be in the past. */
  at<A>(time: number, fn: Handler<A>, arg?: A): ScheduledEvent {
    if (!(time >= this._now) || !Number.isSafeInteger(time)) {
      throw new SimulationError(
        `Simulator.at: expected a whole ns time from now (${this._now}) to ${TIME_HORIZON_NS}, got ${time}`,
      );
    }
    const ev = new ScheduledEvent(time, this.seq++, fn as Handler, arg);
    this.queue.push(ev);
    return ev;
  }

  cancel(ev: ScheduledEvent | undefined): void {
    if (ev && !ev.cancelled) {
      ev.cancelled = true;
      this.pendingCancelled++;
    }
  }

  /** Ask a running `run` to return after the current event. */
  stop(): void {
    this.stopped = true;
  }

  /** Time of the next live event, or undefined when none is left. */
  peek(): number | undefined {
    let ev = this.queue.peek();
    while (ev && ev.cancelled) {
      this.queue.pop();
      this.pendingCancelled--;
      ev = this.queue.peek();
    }
    return ev?.time;
  }

  /** Run events in (time, scheduling order) until none is left, `until` is passed, or `stop()`. */
  run(opts: RunOptions = {}): void {
    const until = opts.until ?? TIME_HORIZON_NS;
    const maxEvents = opts.maxEvents ?? Infinity;
    const queue = this.queue;
    this.stopped = false;
    let budget = maxEvents;
    while (!this.stopped && budget > 0) {
      const ev = queue.peek();
      if (ev === undefined || ev.time > until) break;
      queue.pop();
      if (ev.cancelled) {
        this.pendingCancelled--;
        continue;
      }
      this._now = ev.time;
      this._executed++;
      budget--;
      ev.fn(ev.arg);
    }
    if (!this.stopped && budget > 0 && until !== TIME_HORIZON_NS && this._now < until) this._now = until;
  }
}
