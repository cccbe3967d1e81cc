/**
 * FlowStats: what one flow's packets did, in O(1) memory per flow whatever the run length:
 * counts, one-way latency (exact mean, HDR histogram percentiles), RFC 3550 interarrival
 * jitter, the longest gap between deliveries, the paths taken; and the same for the current
 * timeseries interval.
 */
import type { FluidFlowCounters } from '../net/fluid-flow';
import type { Packet, PacketSink } from '../net/packet';
import type { DropCause } from '../trace/trace-bus';
import { PATH_ER_PRIMARY, PATH_ER_SECONDARY, PATH_VPN } from '../net/packet';
import { LatencyHistogram } from './latency-histogram';

export type PathName = 'er-primary' | 'er-secondary' | 'vpn' | 'none';

/** Counters reset at each timeseries interval. */
export class IntervalStats {
  receivedPackets = 0;
  receivedBytes = 0;
  lostPackets = 0;
  latencySumNs = 0;
  readonly latency = new LatencyHistogram();
  /** Deliveries by path: er-primary, er-secondary, vpn, other. */
  readonly byPath = [0, 0, 0, 0];

  reset(): void {
    this.receivedPackets = 0;
    this.receivedBytes = 0;
    this.lostPackets = 0;
    this.latencySumNs = 0;
    this.latency.reset();
    this.byPath.fill(0);
  }

  /** The path most packets delivered in the interval took. */
  path(): PathName {
    const [p, s, v] = this.byPath;
    if (this.receivedPackets === 0) return 'none';
    if (v! > p! && v! > s!) return 'vpn';
    if (p! === 0 && s! === 0) return 'none';
    return s! > p! ? 'er-secondary' : 'er-primary';
  }
}

export class FlowStats implements PacketSink, FluidFlowCounters {
  sentPackets = 0;
  sentBytes = 0;
  receivedPackets = 0;
  receivedBytes = 0;
  lostPackets = 0;
  latencySumNs = 0;
  readonly latency = new LatencyHistogram();
  /** RFC 3550 §6.4.1 interarrival jitter, ns. */
  jitterNs = 0;
  /** The largest value the jitter estimator reached: a stretch of jitter the end-of-run value has forgotten. */
  jitterMaxNs = 0;
  private lastTransitNs: number | undefined;
  private lastDeliveryNs: number | undefined;
  longestGapNs = 0;
  private doneNs: number | undefined;
  /** OFF periods of an on-off source not yet behind the last delivery: silence there is not an outage. */
  private idle: [number, number][] = [];
  erPackets = 0;
  vpnPackets = 0;
  /** Changes of the path deliveries arrive by (er-primary, er-secondary, vpn, other). */
  pathChanges = 0;
  /** Longest path change: from the send of the first packet lost before it to the first delivery on the new path. */
  longestPathChangeNs = 0;
  /** Packets lost between the last delivery on the old path and the first on the new one, over all changes. */
  lostInPathChanges = 0;
  private lastPath = -1;
  /** Send time of the newest packet delivered: an older packet arriving late (the slower path draining) does not define the path. */
  private newestSentNs = -1;
  private lossesSinceDelivery = 0;
  private firstLostSentNs: number | undefined;
  readonly interval = new IntervalStats();
  /** Called for each delivered packet with its one-way delay (tests and benchmarks check it). */
  onDelivered: ((p: Packet, delayNs: number) => void) | undefined;
  /** A fluid flow's counters grow between events: this brings them up to a time before they are read. */
  beforeRead: ((now: number) => void) | undefined;
  /** A fluid flow's bytes, exact; the packet counters hold the whole packets of them. */
  private readonly fluidBytes = { sent: 0, received: 0, er: 0, vpn: 0 };

  constructor(
    readonly name: string,
    /** When the source starts and stops sending: gaps count toward the outage only inside this window. */
    readonly startNs: number,
    readonly stopNs: number,
  ) {}

  onSend(p: Packet): void {
    this.sentPackets++;
    this.sentBytes += p.sizeBytes;
  }

  onDeliver(p: Packet, now: number): void {
    const transit = now - p.sentAtNs;
    this.receivedPackets++;
    this.receivedBytes += p.sizeBytes;
    this.latencySumNs += transit;
    this.latency.record(transit);
    if (this.lastTransitNs !== undefined) {
      const d = Math.abs(transit - this.lastTransitNs);
      this.jitterNs += (d - this.jitterNs) / 16;
      if (this.jitterNs > this.jitterMaxNs) this.jitterMaxNs = this.jitterNs;
    }
    this.lastTransitNs = transit;
    this.noteGap(this.lastDeliveryNs ?? this.startNs, now);
    this.lastDeliveryNs = now;

    const path = p.path & PATH_VPN ? 2 : p.path & PATH_ER_SECONDARY ? 1 : p.path & PATH_ER_PRIMARY ? 0 : 3;
    if (p.sentAtNs > this.newestSentNs) {
      this.newestSentNs = p.sentAtNs;
      if (this.lastPath >= 0 && path !== this.lastPath) {
        this.pathChanges++;
        this.lostInPathChanges += this.lossesSinceDelivery;
        const took = now - (this.firstLostSentNs ?? now);
        if (took > this.longestPathChangeNs) this.longestPathChangeNs = took;
      }
      this.lastPath = path;
      this.lossesSinceDelivery = 0;
      this.firstLostSentNs = undefined;
    }
    if (path === 2) this.vpnPackets++;
    else if (path !== 3) this.erPackets++;
    const iv = this.interval;
    iv.receivedPackets++;
    iv.receivedBytes += p.sizeBytes;
    iv.latencySumNs += transit;
    iv.latency.record(transit);
    iv.byPath[path]!++;
    if (this.onDelivered !== undefined) this.onDelivered(p, transit);
  }

  onDrop(p: Packet, _cause: DropCause, _now: number): void {
    this.lostPackets++;
    if (this.lossesSinceDelivery++ === 0) this.firstLostSentNs = p.sentAtNs;
    this.interval.lostPackets++;
  }

  /**
   * A fluid flow over [fromNs, toNs): `sentBytes` offered, `receivedBytes` delivered with
   * one-way delay `latencyNs` over the path class `path` (0 er-primary, 1 er-secondary, 2 vpn,
   * 3 other). Packets are bytes / size; their latency histogram gets this stretch's delay once
   * per packet; jitter stays 0 (its packets all see the same delay).
   */
  addFluid(sizeBytes: number, sentBytes: number, receivedBytes: number, latencyNs: number, path: number, fromNs: number, toNs: number): void {
    const b = this.fluidBytes;
    const receivedBefore = this.receivedPackets;
    const lostBefore = this.lostPackets;
    b.sent += sentBytes;
    b.received += receivedBytes;
    if (path === 2) b.vpn += receivedBytes;
    else if (path !== 3) b.er += receivedBytes;
    this.sentBytes = Math.round(b.sent);
    this.receivedBytes = Math.round(b.received);
    this.sentPackets = Math.floor(b.sent / sizeBytes);
    this.receivedPackets = Math.floor(b.received / sizeBytes);
    this.lostPackets = this.sentPackets - this.receivedPackets;
    this.erPackets = Math.floor(b.er / sizeBytes);
    this.vpnPackets = Math.floor(b.vpn / sizeBytes);
    const delivered = this.receivedPackets - receivedBefore;
    const lost = this.lostPackets - lostBefore;
    if (lost > 0 && this.lossesSinceDelivery === 0) this.firstLostSentNs = fromNs;
    this.lossesSinceDelivery += lost;
    const iv = this.interval;
    iv.lostPackets += lost;
    if (receivedBytes > 0) {
      this.noteGap(this.lastDeliveryNs ?? this.startNs, fromNs);
      this.lastDeliveryNs = toNs;
      if (this.lastPath >= 0 && path !== this.lastPath) {
        this.pathChanges++;
        this.lostInPathChanges += this.lossesSinceDelivery;
        this.longestPathChangeNs = Math.max(this.longestPathChangeNs, fromNs - (this.firstLostSentNs ?? fromNs));
      }
      this.lastPath = path;
      this.lossesSinceDelivery = 0;
      this.firstLostSentNs = undefined;
    }
    if (delivered > 0) {
      this.latencySumNs += latencyNs * delivered;
      this.latency.record(latencyNs, delivered);
      iv.receivedPackets += delivered;
      iv.receivedBytes += delivered * sizeBytes;
      iv.latencySumNs += latencyNs * delivered;
      iv.latency.record(latencyNs, delivered);
      iv.byPath[path]! += delivered;
    }
  }

  /** The source is silent in [from, to) (an on-off source's OFF period). */
  noteIdle(from: number, to: number): void {
    this.idle.push([from, to]);
  }

  /** The source awaits nothing from `from` until `noteBusy` (a request flow with no request outstanding). */
  noteIdleFrom(from: number): void {
    this.idle.push([from, Infinity]);
  }

  noteBusy(now: number): void {
    const last = this.idle[this.idle.length - 1];
    if (last !== undefined && last[1] === Infinity) last[1] = now;
  }

  /** A gap without deliveries, less the time the source was not sending. */
  private noteGap(from: number, to: number): void {
    let gap = to - from;
    for (const [a, b] of this.idle) gap -= Math.max(0, Math.min(b, to) - Math.max(a, from));
    if (gap > this.longestGapNs) this.longestGapNs = gap;
    while (this.idle.length > 0 && this.idle[0]![1] <= to) this.idle.shift();
  }

  /** Close the books at the end of the run: a silence that lasts until the source stops is an outage too. */
  finish(endNs: number): void {
    this.beforeRead?.(endNs);
    const stop = this.sendingEndNs(endNs);
    if (stop > this.startNs) this.noteGap(this.lastDeliveryNs ?? this.startNs, Math.max(stop, this.lastDeliveryNs ?? stop));
  }

  /** The source finished before its stop time (a TCP transfer of a fixed size, all acknowledged). */
  done(now: number): void {
    this.doneNs ??= now;
  }

  /** When the source stopped sending: its stop time, the end of the run, or when it finished, whichever came first. */
  sendingEndNs(endNs: number): number {
    return Math.min(this.stopNs, endNs, this.doneNs ?? Infinity);
  }

  /** Sent, neither delivered nor dropped by the end: still queued or on a wire, not lost. */
  get inFlightPackets(): number {
    return this.sentPackets - this.receivedPackets - this.lostPackets;
  }
}
