/**
 * One replication of the availability study: the scenario's random failures (outages and
 * prefix leaks), its routing sessions and Azure's late view of links outside them, on a
 * Simulator, with no packets. The failures run failure-process.ts and the sessions
 * session-machine.ts (their prefix limits sessions.ts's applyPrefixLimits), the very code
 * `ersim run` runs: same streams (`failure:<target>#<k>`, `session:<name>/phase`), same
 * draws, same timings. Replication 1 uses those names as they are, so its history is the one
 * `ersim run` sees with the same seed; replication r > 1 prefixes them with `replication:<r>/`.
 *
 * Time unit: the kernel counts whole units and is unit-agnostic. The study's unit is the
 * millisecond (its horizon 2^53 ms, about 285,000 years; a replication is limited to
 * MAX_YEARS): every drawn lifetime and every timer is rounded to whole ms. With a unit of 1 ns
 * a replication is `ersim run`'s control plane to the ns (test/availability-vs-run.test.ts).
 *
 * A site is in an outage while, in either direction, some path carrying its traffic (the paths
 * of the best rank that the picking router, the site's toward Azure and the VNet's toward the
 * site, believes up) loses it, or no path is believed up: some of its traffic is lost. A path
 * loses traffic unless a route through it is up and every router on the route believes the rest
 * of the route up (the MSEE may already have withdrawn a leg the site still sends into).
 * Blackout: in either direction no carrying path gets anything through.
 */
import { RandomStreams } from '../kernel/random';
import type { EventHandle } from '../kernel/event-queue';
import { Simulator } from '../kernel/simulator';
import { startRenewal } from '../faults/failure-process';
import { VIEW_AZURE, VIEWS } from '../net/net-node';
import { LateBelief, SessionMachine, type SessionTimings } from '../routing/session-machine';
import { type ActiveLeak, applyPrefixLimits, sessionTimings } from '../routing/sessions';
import type { FailureMode } from '../scenario/types';
import { type AvailabilityModel, DIRECTIONS, LINK_UP, type LinkDef, MS_PER_YEAR, PICKER_VIEW, routeHops } from './availability-model';

/** Longest replication: 100,000 years, well inside the 2^53 ms horizon. */
export const MAX_YEARS = 100_000;

/** The study's unit: ns per ms. */
export const NS_PER_MS = 1e6;

/** What one replication measured for one site in one design, in the kernel's units. */
export interface Tally {
  down: number;
  /** Time with none of the site's traffic in some direction getting through. */
  blackout: number;
  /** Each outage's start and end, in order. */
  outages: [from: number, to: number][];
}

export interface ReplicationOptions {
  /** ns per unit of the replication's kernel: 1e6 (ms) for the study. */
  unitNs: number;
  /** false: detection (every failure as if administrative), convergence and re-establishment take no time (checks against analytic results). */
  routingDelays: boolean;
}

/** Run one replication of `years` in ms; returns tallies[design][site] and the events run. `replication` counts from 1. */
export function runReplication(model: AvailabilityModel, seed: number, replication: number, years: number, routingDelays = true): { tallies: Tally[][]; events: number } {
  return replicate(model, seed, replication, Math.round(years * MS_PER_YEAR), { unitNs: NS_PER_MS, routingDelays });
}

/** Run one replication up to `horizon` units. */
export function replicate(model: AvailabilityModel, seed: number, replication: number, horizon: number, opts: ReplicationOptions): { tallies: Tally[][]; events: number } {
  const sim = new Simulator();
  const rng = new RandomStreams(seed);
  const prefix = replication === 1 ? '' : `replication:${replication}/`;
  const s = model.scenario;
  const down = new Int32Array(model.elementCount);
  const linkUp = (l: LinkDef): boolean => down[l.element] === 0 && down[l.ends[0]] === 0 && down[l.ends[1]] === 0;
  const tallies: Tally[][] = model.designs.map(() => model.sites.map(() => ({ down: 0, blackout: 0, outages: [] })));
  const since = model.designs.map(() => model.sites.map(() => ({ down: -1, blackout: -1 })));

  const noDelays = (t: SessionTimings): SessionTimings => ({ detector: t.detector, reestablish: 0, convergence: t.convergence.map(() => 0) });
  const machines = model.sessions.map((spec) => {
    const timings = sessionTimings(spec, s, rng.stream(`${prefix}session:${spec.name}/phase`), opts.unitNs);
    return new SessionMachine(sim, opts.routingDelays ? timings : noDelays(timings), '', { event: () => undefined, belief: () => evaluate() });
  });
  const sessionLinks = model.sessions.map((spec) => model.links.filter((l) => spec.links.includes(l.id)));
  const sessions = model.sessions.map((spec, i) => ({ spec, machine: machines[i]! }));
  const leaks = new Map<string, ActiveLeak>();
  applyPrefixLimits(sessions, s, [], true);
  const lateDelay = opts.routingDelays ? Math.round(s.routing.gatewayConvergenceNs / opts.unitNs) : 0;
  const late = model.links.map((l) => (l.lateForAzure ? new LateBelief(sim, lateDelay, () => linkUp(l), () => evaluate()) : undefined));

  /** What a view's routing believes of a link: its sessions' state, Azure's late view, or the link's own state. */
  const believes = (view: number, li: number): boolean => {
    const l = model.links[li]!;
    if (l.sessions.length > 0) return l.sessions.some((i) => machines[i]!.believed[view]);
    if (view === VIEW_AZURE && l.lateForAzure) return late[li]!.up;
    return linkUp(l);
  };
  // Per link, the views believing it up and LINK_UP, as of the last tally: everything up.
  const linkState = new Uint8Array(model.links.length).fill(LINK_UP | 7);
  const changed = new Uint8Array(model.links.length);
  const pathLinks = model.paths.map((p) => [...new Set(p.adjacency.flatMap((a) => a.map(([, li]) => li)))]);
  // Per path and direction: the fewest hops the picking router believes it has (-1: none), and whether it gets traffic through; recomputed when one of its links changes.
  const believedHops = model.paths.map((p) => [routeHops(p, 0, linkState, PICKER_VIEW[0]), routeHops(p, 1, linkState, PICKER_VIEW[1])]);
  const working = model.paths.map(() => [true, true]);
  let evaluation: EventHandle | undefined;
  /** Tally the sites once every change of this instant is in: changes that cancel out at one instant make no outage. */
  const evaluate = (): void => {
    if (evaluation === undefined) evaluation = sim.schedule(0, tallySites);
  };
  const tallySites = (): void => {
    evaluation = undefined;
    const now = sim.now;
    changed.fill(0);
    model.links.forEach((l, li) => {
      let word = linkUp(l) ? LINK_UP : 0;
      for (const v of VIEWS) if (believes(v, li)) word |= 1 << v;
      if (word !== linkState[li]) changed[li] = 1;
      linkState[li] = word;
    });
    model.paths.forEach((p, i) => {
      if (!pathLinks[i]!.some((li) => changed[li] === 1)) return;
      DIRECTIONS.forEach((_name, dir) => {
        believedHops[i]![dir] = routeHops(p, dir, linkState, PICKER_VIEW[dir]);
        working[i]![dir] = routeHops(p, dir, linkState) >= 0;
      });
    });
    model.pathsOf.forEach((bySite, d) =>
      bySite.forEach((list, site) => {
        let lossy = false;
        let dark = false;
        for (let dir = 0; dir < DIRECTIONS.length; dir++) {
          // The picker's routes: the best rank, then the fewest hops.
          let best = Infinity;
          let fewest = Infinity;
          for (const i of list) {
            const h = believedHops[i]![dir]!;
            const rank = model.paths[i]!.rank[dir]!;
            if (h >= 0 && (rank < best || (rank === best && h < fewest))) {
              best = rank;
              fewest = h;
            }
          }
          let carrying = 0;
          let through = 0;
          for (const i of list)
            if (model.paths[i]!.rank[dir] === best && believedHops[i]![dir] === fewest) {
              carrying++;
              if (working[i]![dir]) through++;
            }
          lossy ||= carrying === 0 || through < carrying;
          dark ||= through === 0;
        }
        const t = since[d]![site]!;
        const tally = tallies[d]![site]!;
        if (lossy && t.down < 0) t.down = now;
        if (!lossy && t.down >= 0) {
          close(tally, t.down, now);
          t.down = -1;
        }
        if (dark && t.blackout < 0) t.blackout = now;
        if (!dark && t.blackout >= 0) {
          tally.blackout += now - t.blackout;
          t.blackout = -1;
        }
      }),
    );
  };

  const apply = (elements: readonly number[], delta: 1 | -1, mode: FailureMode): void => {
    for (const e of elements) down[e]! += delta;
    machines.forEach((m, i) => m.linksChanged(sessionLinks[i]!.some((l) => !linkUp(l)), opts.routingDelays ? mode : 'admin'));
    for (const b of late) b?.changed();
    evaluate();
  };

  /** A prefix leak starts or (undefined) ends, as in RoutingController.prefixLeak. */
  const leakChanged = (key: string, leak: ActiveLeak | undefined): void => {
    if (leak === undefined) leaks.delete(key);
    else leaks.set(key, leak);
    applyPrefixLimits(sessions, s, leaks.values(), false);
    evaluate();
  };

  for (const f of model.failures) {
    const fixedDown = f.fixedDownNs === undefined ? undefined : Math.round(f.fixedDownNs / opts.unitNs);
    const leak = f.leak;
    const hooks =
      leak === undefined
        ? { fail: () => apply(f.elements, 1, f.mode), repair: () => apply(f.elements, -1, f.mode) }
        : { fail: () => leakChanged(leak.key, { target: leak.target, prefixes: leak.prefixes }), repair: () => leakChanged(leak.key, undefined) };
    startRenewal(sim, f, rng.stream(prefix + f.stream), horizon, opts.unitNs, fixedDown, hooks);
  }
  // Sessions a prefix count keeps closed from the start.
  evaluate();
  sim.run({ until: horizon });
  // Outages still running at the horizon are cut there.
  since.forEach((bySite, d) =>
    bySite.forEach((t, site) => {
      const tally = tallies[d]![site]!;
      if (t.down >= 0) close(tally, t.down, horizon);
      if (t.blackout >= 0) tally.blackout += horizon - t.blackout;
    }),
  );
  return { tallies, events: sim.executed };
}

/** An outage from `from` to `to`; one of no length (changes that cancel out at the same time) is none. */
function close(tally: Tally, from: number, to: number): void {
  if (to <= from) return;
  tally.down += to - from;
  tally.outages.push([from, to]);
}
