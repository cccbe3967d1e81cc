/**
 * Runs a list of sweep runs, on a pool of worker threads (piscina) or, with one worker, in this
 * thread. Each result is stored at its run's position, so the returned list is in the order of
 * `runs` whatever order the runs finished in.
 *
 * The pool is opened before the configurations are checked: loading ersim in each worker (the
 * scenario schema compiler most of all) takes about half a second, which then overlaps with the
 * checks on the main thread instead of adding to them.
 */
import * as path from 'node:path';
import { Piscina } from 'piscina';
import type { RunValue, RunValues } from './sweep-aggregate';
import type { SweepRun } from './sweep-plan';
import { runSweepTask, type SweepTask } from './sweep-worker';

export interface SweepPool {
  readonly workers: number;
  /** Run every run; calls onProgress after each one finishes. */
  run(text: string, file: string, runs: readonly SweepRun[], onProgress?: (done: number, total: number) => void): Promise<RunValues[]>;
  close(): Promise<void>;
}

/** A pool of `workers` threads; one worker means this thread, with no pool at all. */
export function openSweepPool(workers: number): SweepPool {
  const pool =
    workers <= 1
      ? undefined
      : new Piscina<SweepTask, RunValue[]>({ filename: path.join(__dirname, 'sweep-worker.js'), name: 'runSweepTask', minThreads: workers, maxThreads: workers });
  return {
    workers: Math.max(1, workers),
    async run(text, file, runs, onProgress) {
      const results = new Array<RunValues>(runs.length);
      let done = 0;
      const finished = (i: number, values: RunValue[]) => {
        results[i] = { run: runs[i]!.index, values };
        onProgress?.(++done, runs.length);
      };
      const tasks: SweepTask[] = runs.map((r) => ({ text, file, sets: r.config.sets, seed: r.seed }));
      if (pool === undefined) {
        for (const [i, t] of tasks.entries()) {
          // The run yields between its slices, so a signal handler runs within one (this thread is the only one).
          finished(i, await runSweepTask(t));
          // Between runs too, for the progress output after a run too short to have yielded.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } else await Promise.all(tasks.map((t, i) => pool.run(t).then((values) => finished(i, values))));
      return results;
    },
    async close() {
      await pool?.destroy();
    },
  };
}
