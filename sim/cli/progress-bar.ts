/**
 * Progress of a long command on a terminal: one line on stderr, redrawn at most 10 times a
 * second and cleared at the end. Only when stderr is a terminal and CI is not set, so logs,
 * pipes and CI get nothing from it.
 */

/** Whether progress may be drawn: stderr is a terminal and the CI variable is not set. */
export function progressWanted(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && env.CI === undefined;
}

/**
 * The line of `ersim run`: simulated time done, events per second, estimated time left. When it
 * would not fit in `columns`, the bar goes first, so the figures stay readable.
 */
export function runProgressLine(name: string, simNs: number, durationNs: number, events: number, elapsedMs: number, columns = 200): string {
  const done = Math.min(1, durationNs > 0 ? simNs / durationNs : 1);
  const elapsedS = elapsedMs / 1000;
  const rate = elapsedS > 0 ? events / elapsedS : 0;
  const left = done > 0 ? (elapsedS * (1 - done)) / done : NaN;
  const figures = `${seconds(simNs)}/${seconds(durationNs)} s simulated  ${eventsRate(rate)} events/s  ETA ${clock(left)}`;
  const width = 20;
  const filled = Math.round(width * done);
  const full = `${name} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${figures}`;
  if (full.length < columns) return full;
  const short = `${name} ${figures}`;
  return short.length < columns ? short : short.slice(0, columns - 1);
}

/** A progress bar for `ersim run`, or one that does nothing when progress is not wanted. */
export function runProgressBar(stream: NodeJS.WriteStream = process.stderr): {
  start: (name: string, durationNs: number) => void;
  update: (simNs: number, events: number) => void;
  clear: () => void;
} {
  if (!progressWanted(stream)) return { start: () => {}, update: () => {}, clear: () => {} };
  let name = '';
  let durationNs = 0;
  let started = Date.now();
  let drawn = 0;
  let shown = false;
  const clear = () => {
    if (shown) stream.write('\r\x1b[K');
    shown = false;
  };
  return {
    start: (n, d) => {
      name = n;
      durationNs = d;
      started = Date.now();
      drawn = 0;
    },
    update: (simNs, events) => {
      const now = Date.now();
      if (now - drawn < 100) return;
      drawn = now;
      const line = runProgressLine(name, simNs, durationNs, events, now - started, stream.columns > 0 ? stream.columns : 80);
      stream.write(`\r${line}\x1b[K`);
      shown = true;
    },
    clear,
  };
}

export interface RunsProgress {
  /** The runs are checked; counting from now. */
  start: (total: number) => void;
  update: (done: number, total: number) => void;
  clear: () => void;
  /** Runs done so far and of how many, for a message on interruption. */
  readonly done: number;
  readonly total: number;
}

/**
 * Progress of the runs of `ersim sweep` or `ersim decide` on stderr: a bar redrawn in place on a
 * terminal; a plain line at each tenth of the runs when stderr is a pipe or a file (a log shows
 * the study moving); nothing when CI is set.
 */
export function runsProgress(command: string, stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): RunsProgress {
  const tty = progressWanted(stream, env);
  const quiet = env.CI !== undefined;
  let started = Date.now();
  let drawn = 0;
  let tenth = 0;
  let shown = false;
  const state = { done: 0, total: 0 };
  const figures = (done: number, total: number, now: number) => {
    const elapsedS = (now - started) / 1000;
    const rate = elapsedS > 0 ? done / elapsedS : 0;
    return `${done}/${total} runs  ${rate.toFixed(1)} runs/s  ETA ${clock(rate > 0 ? (total - done) / rate : NaN)}`;
  };
  return {
    get done() {
      return state.done;
    },
    get total() {
      return state.total;
    },
    start: (total) => {
      started = Date.now();
      state.total = total;
    },
    update: (done, total) => {
      Object.assign(state, { done, total });
      const now = Date.now();
      if (tty) {
        // At most 10 redraws a second, and always the last one.
        if (done < total && now - drawn < 100) return;
        drawn = now;
        const width = 30;
        const filled = Math.round((width * done) / total);
        const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${figures(done, total, now)}`;
        stream.write(`\r${line.slice(0, (stream.columns > 0 ? stream.columns : 80) - 1)}\x1b[K`);
        shown = true;
      } else if (!quiet && Math.floor((10 * done) / total) > tenth) {
        tenth = Math.floor((10 * done) / total);
        stream.write(`ersim ${command}: ${figures(done, total, now)}\n`);
      }
    },
    clear: () => {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

/**
 * Until `release`, SIGINT and SIGTERM end the process at once with a line saying what was
 * interrupted and that nothing was written (exit 130 or 143, as a shell reports a signal).
 */
export function exitOnSignal(command: string, progress: RunsProgress, nothingWritten: string): { release: () => void } {
  const onSignal = (signal: NodeJS.Signals) => {
    progress.clear();
    process.stderr.write(`ersim ${command}: interrupted (${signal}) after ${progress.done} of ${progress.total} runs; ${nothingWritten}\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    release: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** Wall time as mm:ss or h:mm:ss; "--:--" when unknown. */
export function clock(s: number): string {
  if (!Number.isFinite(s)) return '--:--';
  const t = Math.ceil(s);
  const h = Math.floor(t / 3600);
  const mm = String(Math.floor((t % 3600) / 60)).padStart(2, '0');
  const ss = String(t % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

function seconds(ns: number): string {
  const s = ns / 1e9;
  return s >= 100 ? s.toFixed(0) : s.toFixed(1);
}

function eventsRate(r: number): string {
  return r >= 1e6 ? `${(r / 1e6).toFixed(1)}M` : r >= 1e3 ? `${(r / 1e3).toFixed(0)}k` : r.toFixed(0);
}
