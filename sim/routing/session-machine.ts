/**
 * SessionMachine: one routing session's states and timings, and what each view (VIEW_*)
 * believes of it and when: the one definition `ersim run` (RoutingController, on the run's
 * kernel) and the availability study (on its own kernel, in ms) both drive.
 *
 * Inputs: its links broken or whole (`linksChanged`), and a prefix count over its limit or back
 * under it (`refuse`, `admit`). States: up -> detecting -> down -> reestablishing -> up.
 * - A silent failure is noticed by the protocol (detection.ts: BFD, BGP hold timer, IPsec
 *   DPD); an administrative one at once (BGP NOTIFICATION).
 * - A repair before the detection goes unnoticed if a hello gets through first (DPD: if the
 *   timeout has not run out): the flap is masked.
 * - Once down, a session whose links are whole comes back after the re-establishment delay;
 *   broken again meanwhile, it stays down.
 * - A prefix count over its limit closes the session at once, whatever its links do, and keeps
 *   it closed until the count is under the limit; it then re-establishes as after a repair [FAQ23].
 * Outputs: each view learns a change after its own convergence delay (views with the same delay
 * together), and every state change is published as a control event.
 */
import type { Simulator } from '../kernel/simulator';
import type { EventHandle } from '../kernel/event-queue';
import type { FailureMode } from '../scenario/types';
import type { ControlEventName, ControlKind } from '../trace/trace-bus';
import { detectionTime, type Detector, type DetectionKind, repairMasksFailure } from './detection';

export type SessionState = 'up' | 'detecting' | 'down' | 'reestablishing';

/** A session's timings, in the units of the kernel that drives it. */
export interface SessionTimings {
  detector: Detector;
  reestablish: number;
  /** Per view (VIEW_*): from a state change to that view's routes following it. */
  convergence: readonly number[];
}

/** Where a session's outputs go. */
export interface SessionOutputs {
  /** A state change or a prefix-limit decision, as events.csv names it. */
  event(kind: ControlKind, event: ControlEventName, detail: string): void;
  /** `views` now believe the session up (or down). */
  belief(views: number[], up: boolean): void;
}

const DETECTION_EVENTS: Record<DetectionKind, ControlEventName> = { bfd: 'bfd_down', dpd: 'dpd_timeout', admin: 'bgp_withdraw', 'bgp-hold': 'hold_expired' };

export class SessionMachine {
  state: SessionState = 'up';
  /** What each view believes now. */
  readonly believed: boolean[];
  /** Closed by a prefix count over its limit. */
  refused = false;
  private broken = false;
  private pending: EventHandle | undefined;
  private detectAt = 0;
  /** The views that learn a change together, by their convergence delay. */
  private readonly learners: { delay: number; views: number[] }[];

  constructor(
    private readonly sim: Simulator,
    private readonly timings: SessionTimings,
    /** What the detection event names as the failed part (the session's links). */
    private readonly links: string,
    private readonly out: SessionOutputs,
  ) {
    this.believed = timings.convergence.map(() => true);
    const delays = timings.convergence;
    this.learners = [...new Set(delays)].map((delay) => ({ delay, views: delays.flatMap((d, v) => (d === delay ? [v] : [])) }));
  }

  /** Its links are now broken (some link down) or whole; `mode` is how the change that caused it shows itself. */
  linksChanged(broken: boolean, mode: FailureMode): void {
    this.broken = broken;
    const now = this.sim.now;
    if (broken && this.state === 'up') {
      const d = mode === 'admin' ? { at: now, kind: 'admin' as const } : detectionTime(this.timings.detector, now);
      this.state = 'detecting';
      this.detectAt = d.at;
      this.pending = this.sim.at(d.at, () => this.detected(DETECTION_EVENTS[d.kind]));
    } else if (!broken && this.state === 'detecting') {
      const detector = this.timings.detector;
      const masked = detector.deadPeerNs !== undefined ? now < this.detectAt : repairMasksFailure(detector, now, this.detectAt);
      if (masked) {
        this.sim.cancel(this.pending);
        this.state = 'up';
        this.out.event('session', 'flap_masked', 'repaired before the peers noticed');
      }
    } else if (!broken && this.state === 'down' && !this.refused) {
      this.reestablish();
    } else if (broken && this.state === 'reestablishing') {
      this.sim.cancel(this.pending);
      this.state = 'down';
    }
  }

  /** A prefix count over its limit closes the session now; `initial`: before anything runs, so it never comes up and every view knows it. */
  refuse(detail: string, initial: boolean): void {
    if (this.refused) return;
    this.refused = true;
    this.out.event('session', 'prefix_limit_exceeded', detail);
    if (this.state === 'detecting' || this.state === 'reestablishing') this.sim.cancel(this.pending);
    this.state = 'down';
    if (initial) this.believed.fill(false);
    else this.teach(false);
  }

  /** Every prefix count is under its limit again: the session re-establishes if its links are whole. */
  admit(): void {
    if (!this.refused) return;
    this.refused = false;
    this.out.event('session', 'prefix_limit_cleared', 'every prefix count under its limit again');
    if (!this.broken) this.reestablish();
  }

  private detected(how: ControlEventName): void {
    this.state = 'down';
    this.out.event('session', how, this.links);
    this.teach(false);
    if (!this.broken && !this.refused) this.reestablish();
  }

  private reestablish(): void {
    this.state = 'reestablishing';
    this.pending = this.sim.schedule(this.timings.reestablish, () => {
      this.state = 'up';
      this.out.event('session', 'session_up', '');
      this.teach(true);
    });
  }

  /** Each view learns the new state after its convergence delay; views with the same delay learn together. */
  private teach(up: boolean): void {
    for (const { delay, views } of this.learners) {
      this.sim.schedule(delay, () => {
        const changed = views.filter((v) => this.believed[v] !== up);
        if (changed.length === 0) return;
        for (const v of changed) this.believed[v] = up;
        this.out.belief(changed, up);
      });
    }
  }
}

/**
 * What one view believes of a link it hears of only through BGP updates (Azure, of a link on
 * the on-premises or provider side outside every session): a change reaches it `delay` after it
 * happens; a change undone before then is never heard of.
 */
export class LateBelief {
  up = true;
  private pending = false;

  constructor(
    private readonly sim: Simulator,
    private readonly delay: number,
    /** The link's state now. */
    private readonly actual: () => boolean,
    /** Called when the view takes in a change. */
    private readonly learned: (up: boolean) => void,
  ) {}

  /** The link may have changed state. */
  changed(): void {
    if (this.pending || this.up === this.actual()) return;
    this.pending = true;
    this.sim.schedule(this.delay, () => {
      this.pending = false;
      const up = this.actual();
      if (up === this.up) return;
      this.up = up;
      this.learned(up);
    });
  }
}
