/**
 * TraceBus: the one place a run's happenings are published. The network publishes what
 * happens to packets (enqueue, transmit, deliver, drop with its cause) and to fluid flows'
 * excess; routing and faults publish the control plane (failures, repairs, session and route
 * changes). Metrics and result files subscribe; nothing else counts a drop.
 *
 * The bus is generic in the packet and link types so that this layer knows nothing of the
 * network's classes. Publishing costs a loop over the subscribers of that kind, none when
 * nobody listens: the per-packet kinds sit on the hot path.
 */

/** Why a packet, or a fluid flow's excess, was dropped: the one list, in links.csv's column order. */
export const DROP_CAUSES = ['queue', 'policer', 'gateway', 'down', 'loss', 'mtu', 'noroute'] as const;
export type DropCause = (typeof DROP_CAUSES)[number];

/** A count per drop cause, all zero. */
export function dropCounts(): Record<DropCause, number> {
  return { queue: 0, policer: 0, gateway: 0, down: 0, loss: 0, mtu: 0, noroute: 0 };
}

/** The control plane's events, as events.csv names them. */
export const CONTROL_EVENTS = [
  'link_down',
  'link_up',
  'node_down',
  'node_up',
  'bfd_down',
  'hold_expired',
  'dpd_timeout',
  'bgp_withdraw',
  'flap_masked',
  'session_up',
  'route_withdrawn',
  'route_installed',
  'failover',
  'failback',
  'gateway_failover',
  'prefix_leak',
  'prefix_leak_end',
  'prefix_limit_exceeded',
  'prefix_limit_cleared',
] as const;
export type ControlEventName = (typeof CONTROL_EVENTS)[number];

/** What kind of change a control event is: a failure or repair of an element, a session's state, a route's. */
export type ControlKind = 'failure' | 'repair' | 'session' | 'route';

export interface ControlEvent {
  timeNs: number;
  kind: ControlKind;
  event: ControlEventName;
  /** The element, session or flow it is about. */
  subject: string;
  detail: string;
}

/** What the control plane (routing, faults) needs of the bus: it publishes no packets, so it names no packet or link type. */
export type ControlBus = Pick<TraceBus<unknown, unknown>, 'control'>;

/** A subscriber: any subset of these. `dir` is the link direction that counts the packet (undefined: its source, before any link). */
export interface TraceListener<P, L> {
  enqueue?(p: P, dir: L, now: number): void;
  transmit?(p: P, dir: L, now: number): void;
  deliver?(p: P, now: number): void;
  drop?(p: P, dir: L | undefined, cause: DropCause, now: number): void;
  /** What fluid flows sent on `dir` over a stretch of time: fractional packets (fragments) and bytes on the wire. */
  fluidTransmit?(dir: L, packets: number, bytes: number): void;
  /** A fluid flow's excess lost at `dir` over a stretch of time: fractional packets and bytes. */
  fluidDrop?(dir: L | undefined, cause: DropCause, packets: number, bytes: number): void;
  control?(e: ControlEvent): void;
}

export class TraceBus<P, L> {
  private readonly enqueues: NonNullable<TraceListener<P, L>['enqueue']>[] = [];
  private readonly transmits: NonNullable<TraceListener<P, L>['transmit']>[] = [];
  private readonly delivers: NonNullable<TraceListener<P, L>['deliver']>[] = [];
  private readonly drops: NonNullable<TraceListener<P, L>['drop']>[] = [];
  private readonly fluidTransmits: NonNullable<TraceListener<P, L>['fluidTransmit']>[] = [];
  private readonly fluidDrops: NonNullable<TraceListener<P, L>['fluidDrop']>[] = [];
  private readonly controls: NonNullable<TraceListener<P, L>['control']>[] = [];

  subscribe(l: TraceListener<P, L>): void {
    if (l.enqueue) this.enqueues.push(l.enqueue.bind(l));
    if (l.transmit) this.transmits.push(l.transmit.bind(l));
    if (l.deliver) this.delivers.push(l.deliver.bind(l));
    if (l.drop) this.drops.push(l.drop.bind(l));
    if (l.fluidTransmit) this.fluidTransmits.push(l.fluidTransmit.bind(l));
    if (l.fluidDrop) this.fluidDrops.push(l.fluidDrop.bind(l));
    if (l.control) this.controls.push(l.control.bind(l));
  }

  enqueue(p: P, dir: L, now: number): void {
    const ls = this.enqueues;
    for (let i = 0; i < ls.length; i++) ls[i]!(p, dir, now);
  }

  transmit(p: P, dir: L, now: number): void {
    const ls = this.transmits;
    for (let i = 0; i < ls.length; i++) ls[i]!(p, dir, now);
  }

  deliver(p: P, now: number): void {
    const ls = this.delivers;
    for (let i = 0; i < ls.length; i++) ls[i]!(p, now);
  }

  drop(p: P, dir: L | undefined, cause: DropCause, now: number): void {
    const ls = this.drops;
    for (let i = 0; i < ls.length; i++) ls[i]!(p, dir, cause, now);
  }

  fluidTransmit(dir: L, packets: number, bytes: number): void {
    const ls = this.fluidTransmits;
    for (let i = 0; i < ls.length; i++) ls[i]!(dir, packets, bytes);
  }

  fluidDrop(dir: L | undefined, cause: DropCause, packets: number, bytes: number): void {
    const ls = this.fluidDrops;
    for (let i = 0; i < ls.length; i++) ls[i]!(dir, cause, packets, bytes);
  }

  control(timeNs: number, kind: ControlKind, event: ControlEventName, subject: string, detail = ''): void {
    const ls = this.controls;
    if (ls.length === 0) return;
    const e: ControlEvent = { timeNs, kind, event, subject, detail };
    for (let i = 0; i < ls.length; i++) ls[i]!(e);
  }
}
