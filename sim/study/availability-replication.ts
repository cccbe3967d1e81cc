/**
 * One replication of the availability study: failures, repairs, detection and failover on a
 * Simulator, with no packets.
 *
 * Time unit: the kernel counts whole units and is unit-agnostic; this study's unit is the
 * millisecond, so its horizon is 2^53 ms, about 285,000 years (a replication is limited to
 * MAX_YEARS). Lifetimes are drawn in ns exactly as `ersim run` draws them and rounded to whole
 * ms (at least 1 ms).
 *
 * Each random failure is a renewal process on its own named stream: time to failure, then
 * time to repair, in the order and with the stream names of `ersim run` (`failure:<target>#<k>`);
 * replication 1 uses those names as they are, so its history is the one `ersim run` would see
 * with the same seed (to the ms), and replication r > 1 prefixes them with `replication:<r>/`.
 *
 * Each path has a routing session watching some of its elements (sessions.ts: a leg's links
 * and the MSEE's link to the gateway; a tunnel's internet links) and routes that are installed
 * or not. When a watched element fails, traffic is still sent into the path, and lost, until
 * the session notices (the detection bound; at once for an `admin` failure) and both sides
 * converge; a repair before the detection goes unnoticed (the traffic resumes at the repair).
 * A path whose session went down comes back after re-establishment plus convergence. Failures
 * of unwatched elements (access links, the provider's core, the VNet link) are known at once,
 * as in `ersim run`. A site is in an outage while some path carrying its traffic (the usable
 * paths of the best rank) is down, or while it has no usable path: some of its traffic is lost.
 */
import { RandomStreams } from '../kernel/random';
import type { ScheduledEvent } from '../kernel/event-queue';
import { Simulator } from '../kernel/simulator';
import { draw } from '../faults/failure-process';
import type { FailureMode } from '../scenario/types';
import { type AvailabilityModel, MS_PER_NS, MS_PER_YEAR, pathUp } from './availability-model';

/** Longest replication: 100,000 years, well inside the 2^53 ms horizon. */
export const MAX_YEARS = 100_000;

/** What one replication measured for one site in one design. */
export interface Tally {
  downMs: number;
  /** Time with no traffic of the site getting through at all. */
  blackoutMs: number;
  /** Length of each outage, ms, in order. */
  outagesMs: number[];
}

interface PathState {
  /** Some chain of up elements joins the site to the VNet. */
  up: boolean;
  /** The same, counting the watched elements as up: what routing knows without detection. */
  upUnwatched: boolean;
  /** A watched element is down. */
  broken: boolean;
  /** Its session is up (a failure not yet detected leaves it up). */
  session: boolean;
  /** Its routes are installed on both sides: traffic is sent into it. */
  believed: boolean;
  /** A pending detection (session up) or re-establishment (session down). */
  timer: ScheduledEvent | undefined;
}

/** Run one replication of `years`; returns tallies[design][site] and the events run. `replication` counts from 1. */
export function runReplication(model: AvailabilityModel, seed: number, replication: number, years: number): { tallies: Tally[][]; events: number } {
  const sim = new Simulator();
  const end = Math.round(years * MS_PER_YEAR);
  const rng = new RandomStreams(seed);
  const prefix = replication === 1 ? '' : `replication:${replication}/`;
  const down = new Int32Array(model.elementCount);
  const paths: PathState[] = model.paths.map(() => ({ up: true, upUnwatched: true, broken: false, session: true, believed: true, timer: undefined }));
  const tallies: Tally[][] = model.designs.map(() => model.sites.map(() => ({ downMs: 0, blackoutMs: 0, outagesMs: [] })));
  const since = model.designs.map(() => model.sites.map(() => ({ down: -1, blackout: -1 })));

  /** Run `fn` `delay` ms from now, then re-evaluate the sites; at once when the delay is 0, so that no zero-length outage appears. */
  const later = (delay: number, fn: () => void): ScheduledEvent | undefined => {
    if (delay > 0) return sim.schedule(delay, () => { fn(); evaluate(); });
    fn();
    return undefined;
  };

  const changed = (i: number, mode: FailureMode): void => {
    const def = model.paths[i]!;
    const st = paths[i]!;
    st.up = pathUp(def, down);
    st.upUnwatched = pathUp(def, down, def.watched);
    const broken = def.watchedList.some((e) => down[e]! > 0);
    if (broken === st.broken) return;
    st.broken = broken;
    // Repaired before detection: a pending detection; broken again before its routes return: a pending re-establishment.
    sim.cancel(st.timer);
    st.timer = undefined;
    if (broken && st.session) {
      st.timer = later(mode === 'admin' ? 0 : def.detectMs, () => {
        st.timer = undefined;
        st.session = false;
        // The withdrawal always completes, even if the path is repaired meanwhile.
        later(def.convergeMs, () => (st.believed = false));
      });
    } else if (!broken && !st.session) {
      st.timer = later(def.reestablishMs + def.convergeMs, () => {
        st.timer = undefined;
        st.session = true;
        st.believed = true;
      });
    }
    // Repaired with its session still up: the failure went unnoticed and the traffic resumes now.
  };

  const evaluate = (): void => {
    const now = sim.now;
    model.pathsOf.forEach((bySite, d) =>
      bySite.forEach((list, s) => {
        // Routing uses a path while its routes are installed and no element outside its session is known down.
        const usable = (i: number): boolean => paths[i]!.believed && paths[i]!.upUnwatched;
        let best = Infinity;
        for (const i of list) if (usable(i)) best = Math.min(best, model.paths[i]!.rank);
        let carrying = 0;
        let working = 0;
        for (const i of list)
          if (usable(i) && model.paths[i]!.rank === best) {
            carrying++;
            if (paths[i]!.up) working++;
          }
        const t = since[d]![s]!;
        const tally = tallies[d]![s]!;
        const isDown = carrying === 0 || working < carrying;
        if (isDown && t.down < 0) t.down = now;
        if (!isDown && t.down >= 0) {
          close(tally, t.down, now);
          t.down = -1;
        }
        const isBlackout = working === 0;
        if (isBlackout && t.blackout < 0) t.blackout = now;
        if (!isBlackout && t.blackout >= 0) {
          tally.blackoutMs += now - t.blackout;
          t.blackout = -1;
        }
      }),
    );
  };

  const apply = (p: number, delta: 1 | -1): void => {
    const f = model.processes[p]!;
    for (const e of f.elements) down[e]! += delta;
    for (const i of f.paths) changed(i, f.mode);
    evaluate();
  };

  const toMs = (ns: number): number => Math.max(1, Math.round(ns * MS_PER_NS));
  model.processes.forEach((f, p) => {
    const stream = rng.stream(prefix + f.stream);
    // As FailureSchedule: draw the repair time, fail; after it, draw the time to the next failure.
    const cycle = (): void => {
      const downFor = toMs(draw(f.ttr, stream));
      apply(p, 1);
      const repairAt = sim.now + (f.fixedDownMs ?? downFor);
      if (repairAt <= end) sim.at(repairAt, () => apply(p, -1));
      const restartAt = sim.now + downFor;
      if (restartAt <= end) sim.at(restartAt, () => next());
    };
    const next = (): void => {
      const at = sim.now + toMs(draw(f.ttf, stream));
      if (at <= end) sim.at(at, cycle);
    };
    next();
  });
  sim.run({ until: end });
  // Outages still running at the horizon are cut there.
  since.forEach((bySite, d) =>
    bySite.forEach((t, s) => {
      const tally = tallies[d]![s]!;
      if (t.down >= 0) close(tally, t.down, end);
      if (t.blackout >= 0) tally.blackoutMs += end - t.blackout;
    }),
  );
  return { tallies, events: sim.executed };
}

/** An outage from `from` to `to`; one of no length (changes that cancel out within the same ms) is none. */
function close(tally: Tally, from: number, to: number): void {
  if (to <= from) return;
  tally.downMs += to - from;
  tally.outagesMs.push(to - from);
}
