/**
 * FluidBackground: the queue that fluid flows build on one link direction, as the packets of
 * packet flows crossing it see it. The fluid flows' packets are never events: when a real
 * packet arrives, the FIFO's unfinished work is brought up to that instant by the Lindley
 * recursion over the fluid flows' own arrival processes (cbr: their deterministic spacing;
 * poisson: exponential gaps from a stream of their own), over a window before the arrival long
 * enough for the queue to forget its past (many relaxation times, 1/(1 - sqrt(rho))^2 service
 * times), or from the previous real arrival when that is nearer. The real packet then waits
 * for that work and adds its own.
 *
 * Where every fluid flow on the link comes from one upstream link no faster than this one,
 * their packets arrive already spaced by their serialization there and wait for nothing here
 * (the whole chain behaves as the first queue). A real packet from that same upstream link
 * waits only for the fluid packet it followed there to be sent again here (store and forward
 * of a larger packet at the same rate): the packet carries that predecessor's end and size.
 */
import type { RandomStream } from '../kernel/random';
import { SimulationError } from '../kernel/simulator';
import { NS_PER_S, txTimeNs } from '../kernel/time';
import type { LinkDirection } from './link-direction';
import type { Packet } from './packet';

/** The arrivals of one fluid flow at this link. */
export interface FluidArrivals {
  kind: 'cbr' | 'poisson';
  /** Mean gap between packets, ns (float). */
  gapNs: number;
  /** cbr: packets arrive at phaseNs + k gapNs. */
  phaseNs: number;
  wireBytes: number;
  /** poisson: the flow's stream at this link. */
  rng: RandomStream | undefined;
}

/** Queue relaxation times in a window (1/(1 - sqrt(rho))^2 services each), and bounds on the fluid packets it holds. */
const RELAXATIONS = 10;
const MIN_WINDOW_PACKETS = 64;
const MAX_WINDOW_PACKETS = 20_000;
/** Offered load from which the fluid overloads the link: its queue stays at its limit. */
const OVERLOAD = 1 - 1e-9;

export class FluidBackground {
  /** Offered fluid load, in wire bits per second of capacity. */
  readonly load: number;
  private readonly windowNs: number;
  /** The fluid packets' mean size on the wire, by count. */
  private readonly meanWireBytes: number;
  private readonly next: number[];
  /** Lindley state: arrivals are generated up to `doneNs`; the server is busy until `freeNs`. */
  private doneNs = -Infinity;
  private freeNs = 0;
  /** The fluid packet served last: when it finished and its size. */
  private lastEndNs = 0;
  private lastWireBytes = 0;
  /** Real packets accepted that may still wait: when each starts its transmission, and its bytes (FIFO). */
  private readonly realStarts: number[] = [];
  private readonly realBytes: number[] = [];
  private realHead = 0;
  private realWaitingBytes = 0;

  constructor(
    private readonly dir: LinkDirection,
    private readonly arrivals: readonly FluidArrivals[],
    /** The one upstream link all the fluid arrives from, already spaced (see above), if there is one. */
    readonly upstream: LinkDirection | undefined,
  ) {
    const c = dir.props.capacityBps;
    this.load = arrivals.reduce((sum, a) => sum + (a.wireBytes * 8 * NS_PER_S) / a.gapNs, 0) / c;
    const perNs = arrivals.reduce((sum, a) => sum + 1 / a.gapNs, 0);
    this.meanWireBytes = arrivals.reduce((sum, a) => sum + a.wireBytes / a.gapNs, 0) / perNs;
    const packets = this.overloaded ? MIN_WINDOW_PACKETS : RELAXATIONS / (1 - Math.sqrt(this.load)) ** 2;
    this.windowNs = Math.min(MAX_WINDOW_PACKETS, Math.max(MIN_WINDOW_PACKETS, packets)) / perNs;
    this.next = arrivals.map(() => 0);
  }

  get overloaded(): boolean {
    return this.load >= OVERLOAD;
  }

  /** The queue's limit as time to drain it, ns. */
  private get limitNs(): number {
    return (this.dir.queue.limitBytes * 8 * NS_PER_S) / this.dir.props.capacityBps;
  }

  /**
   * When packet `p`, arriving now, starts its transmission (after `realFreeNs`, the end of the
   * real packets before it), or -1 when the queue has no room for it. Records on the packet the
   * fluid packet it follows, for the next link.
   */
  admit(p: Packet, now: number, realFreeNs: number): number {
    const c = this.dir.props.capacityBps;
    let start: number;
    if (this.upstream !== undefined && p.prevDir === this.upstream) {
      start = Math.max(now, realFreeNs);
      if (p.predWireBytes > 0) {
        p.predEndNs += this.upstream.props.delayNs + txTimeNs(p.predWireBytes, c);
        start = Math.max(start, p.predEndNs);
      }
    } else {
      this.advance(now);
      start = Math.max(now, this.freeNs, realFreeNs);
      p.predEndNs = this.lastEndNs;
      p.predWireBytes = this.lastEndNs > 0 ? this.lastWireBytes : 0;
    }
    const bytes = p.wireBytes + p.framingBytes;
    if (this.queuedBytes(now, start - now) + bytes > this.dir.queue.limitBytes) return -1;
    this.freeNs = Math.max(this.freeNs, start + txTimeNs(bytes, c));
    if (start > now) {
      this.realStarts.push(start);
      this.realBytes.push(bytes);
      this.realWaitingBytes += bytes;
    }
    return start;
  }

  /** Serve the fluid arrivals up to `now`: from the last real arrival, or from an empty (or, overloaded, full) queue a window ago. */
  private advance(now: number): void {
    const c = this.dir.props.capacityBps;
    if (now - this.doneNs > this.windowNs) {
      const from = now - this.windowNs;
      this.doneNs = from;
      // Real packets of long ago are gone; those still queued hold the transmitter in `admit`.
      this.freeNs = this.overloaded ? from + this.limitNs : from;
      this.lastEndNs = 0;
      this.arrivals.forEach((a, i) => {
        this.next[i] = a.kind === 'cbr' ? a.phaseNs + Math.max(0, Math.ceil((from - a.phaseNs) / a.gapNs)) * a.gapNs : from + a.rng!.exponential(a.gapNs);
      });
    }
    const limit = this.dir.queue.limitBytes;
    for (;;) {
      let i = -1;
      for (let j = 0; j < this.next.length; j++) if (this.next[j]! <= now && (i < 0 || this.next[j]! < this.next[i]!)) i = j;
      if (i < 0) break;
      const a = this.arrivals[i]!;
      const t = this.next[i]!;
      const start = Math.max(t, this.freeNs);
      // A fluid packet that finds the queue full is dropped; the allocation has counted that loss already.
      if (this.queuedBytes(t, start - t) + a.wireBytes <= limit) {
        this.freeNs = start + (a.wireBytes * 8 * NS_PER_S) / c;
        this.lastEndNs = this.freeNs;
        this.lastWireBytes = a.wireBytes;
      }
      this.next[i] = a.kind === 'cbr' ? t + a.gapNs : t + a.rng!.exponential(a.gapNs);
      // A gap too small to move a double this large would loop here forever.
      if (!(this.next[i]! > t)) throw new SimulationError(`fluid arrivals on ${this.dir.id} stopped advancing at ${t} ns: packets ${a.gapNs} ns apart are below the clock's resolution`);
    }
    this.doneNs = now;
  }

  /**
   * Bytes waiting at `now` in the queue with `backlogNs` of unfinished work: as in
   * DropTailQueue, the packet on the transmitter no longer counts, so room opens a whole packet
   * at a time. The real packets not yet started count with their own sizes; the rest of the work
   * is fluid packets of their mean size.
   */
  private queuedBytes(now: number, backlogNs: number): number {
    while (this.realHead < this.realStarts.length && this.realStarts[this.realHead]! <= now) this.realWaitingBytes -= this.realBytes[this.realHead++]!;
    if (this.realHead > 1024 && this.realHead * 2 > this.realStarts.length) {
      this.realStarts.splice(0, this.realHead);
      this.realBytes.splice(0, this.realHead);
      this.realHead = 0;
    }
    const real = this.realWaitingBytes;
    const fluid = (backlogNs * this.dir.props.capacityBps) / 8 / NS_PER_S - real;
    return real + Math.max(0, Math.ceil(fluid / this.meanWireBytes) - 1) * this.meanWireBytes;
  }

  /** Mean wait of a fluid packet here: none when its arrivals are already spaced; the full queue when overloaded; else Pollaczek-Khinchine over the Poisson arrivals. */
  meanWaitNs(): number {
    if (this.upstream !== undefined) return 0;
    if (this.overloaded) return this.limitNs;
    const c = this.dir.props.capacityBps;
    const secondMoment = this.arrivals.reduce((sum, a) => (a.kind === 'poisson' ? sum + ((a.wireBytes * 8 * NS_PER_S) / c) ** 2 / a.gapNs : sum), 0);
    return secondMoment / (2 * (1 - this.load));
  }
}
