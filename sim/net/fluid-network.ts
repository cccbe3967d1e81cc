/**
 * FluidNetwork: the fluid flows of a run. Only when something changes (a flow starts or stops,
 * a link or node fails or recovers, a route moves) it traces each active flow's path by the
 * forwarding tables (its ECMP hash included, as its packets would go), shares the capacities
 * max-min fairly by progressive filling, and puts on each link the background queue the fluid
 * builds there (FluidBackground). Between changes the counters grow linearly (FluidFlow.account).
 *
 * The capacities: those the admission stages of each link's device offer (its leg policer, the
 * ExpressRoute or VPN gateway's bit and packet caps shared by the links they cover, the VPN's
 * per-tunnel cap: Device.fluid walks the same stages a packet meets) and the link's rate, each
 * counted in the bytes the flow's packets take there (ESP and fragment headers included).
 * Open-loop packet flows keep their mean rate on every capacity they cross (they do not yield);
 * the fluid shares the rest. A flow's excess is dropped at the first capacity along its path (in
 * the order a packet meets them: the device's stages, then its queue) that what is offered to it
 * exceeds, or else where the flow was frozen; capacities before that point carry its whole
 * demand, those after its rate. Token buckets the fluid crosses are left to packets at the rate
 * the fluid leaves, or thin them as the fluid is thinned where it overloads them.
 */
import type { RandomStream, RandomStreams } from '../kernel/random';
import type { Simulator } from '../kernel/simulator';
import { txTimeNs } from '../kernel/time';
import type { DropCause } from '../trace/trace-bus';
import { FluidArrivals, FluidBackground } from './fluid-background';
import { FluidDeadEnd, FluidFlow, FluidFlowCounters, FluidFlowSpec, FluidHop, HopCapacity, orderAt, QUEUE_POSITION } from './fluid-flow';
import type { LinkDirection } from './link-direction';
import type { NetNode } from './net-node';
import type { Network } from './network';
import type { TokenBucket } from './token-bucket';
import { freshShape, PATH_CLASS_NONE } from './packet';

/** One flow's use of one capacity: `perBit` units of it per bit/s of the flow's rate. */
interface Use {
  flow: FluidFlow;
  hop: number;
  perBit: number;
  /** Where a packet meets it along the path (orderAt). */
  order: number;
  cause: DropCause;
}

interface Capacity {
  perS: number;
  used: number;
  uses: Use[];
  /** What the packet flows crossing it offer: not the fluid's to share. */
  reserved: number;
  /** The token bucket it is, if it is not a link's rate. */
  bucket: TokenBucket | undefined;
}

/** What tracing a path needs to know of a flow. */
type PathSpec = Pick<FluidFlowSpec, 'src' | 'dst' | 'flowHash' | 'sizeBytes'>;

/** An open-loop packet flow's mean offered rate while it sends: the fluid shares what it leaves. */
export interface PacketLoad extends PathSpec {
  rateBps: number;
  startNs: number;
  stopNs: number;
}

/** Relative slack under which a demand is met or a capacity full (float sums of rates). */
const EPSILON = 1e-9;

export class FluidNetwork {
  readonly flows: FluidFlow[] = [];
  private lastNs = 0;
  private loaded = new Set<LinkDirection>();
  private loadedBuckets = new Set<TokenBucket>();
  private readonly streams = new Map<string, RandomStream>();
  private readonly packetLoads: PacketLoad[] = [];

  constructor(
    private readonly sim: Simulator,
    private readonly net: Network,
    private readonly rng: RandomStreams,
  ) {}

  /** A fluid flow; its `start` schedules its start and stop. */
  add(spec: FluidFlowSpec, stats: FluidFlowCounters): { flow: FluidFlow; start(): void } {
    const flow = new FluidFlow(spec, stats, this.net.bus);
    stats.beforeRead = (now) => this.settle(now);
    this.flows.push(flow);
    return {
      flow,
      start: () => {
        this.sim.at(spec.startNs, () => this.setActive(flow, true));
        this.sim.at(spec.stopNs, () => this.setActive(flow, false));
      },
    };
  }

  /** An open-loop packet flow; its rate is held back from the fluid flows wherever it goes, and it starts and stops with the rates recomputed. */
  reserve(load: PacketLoad): void {
    this.packetLoads.push(load);
    this.sim.at(load.startNs, () => this.recompute());
    this.sim.at(load.stopNs, () => this.recompute());
  }

  private setActive(flow: FluidFlow, active: boolean): void {
    this.settle(this.sim.now);
    flow.active = active;
    this.recompute();
  }

  /** Bring every fluid counter up to `now`. */
  settle(now: number): void {
    if (now <= this.lastNs) return;
    for (const f of this.flows) f.account(this.lastNs, now);
    this.lastNs = now;
  }

  /** Paths, rates and background queues anew, from the forwarding tables and link states of now. */
  recompute(): void {
    this.settle(this.sim.now);
    const active = this.flows.filter((f) => f.active);
    for (const f of active) this.route(f);
    this.allocate(active);
    this.placeBackgrounds(active);
  }

  private route(f: FluidFlow): void {
    const path = this.trace(f.spec);
    f.hops = path.hops;
    f.deadEnd = path.deadEnd;
  }

  /**
   * The links a flow's packets cross now, up to where they are delivered or dropped, with what a
   * packet is on each (as each device's stages shape it, and the far end strips it) and the
   * capacities it meets there.
   */
  private trace(spec: PathSpec): { hops: FluidHop[]; deadEnd: FluidDeadEnd | undefined } {
    const { src, dst, flowHash, sizeBytes } = spec;
    const hops: FluidHop[] = [];
    const shape = freshShape(src.index, dst.index, sizeBytes);
    let deadEnd: FluidDeadEnd | undefined;
    let pathClass = PATH_CLASS_NONE;
    let offset = 0;
    for (let u: NetNode = src; ; ) {
      const last = hops[hops.length - 1]?.dir;
      if (!u.up) {
        deadEnd = { cause: 'down', dir: last };
        break;
      }
      if (u === dst) break;
      const hop = u.nextHop(dst.index, flowHash, pathClass);
      if (hop === undefined || hops.length > this.net.nodes.length) {
        deadEnd = { cause: 'noroute', dir: last };
        break;
      }
      const dir = hop.dir;
      if (!dir.up) {
        deadEnd = { cause: 'down', dir };
        break;
      }
      pathClass = hop.pathClass;
      const capacities: HopCapacity[] = [];
      const cause = dir.device.fluid(shape, (c, position) => {
        if (Number.isFinite(c.perS)) capacities.push({ ...c, key: c.bucket, position });
      });
      if (cause !== undefined) {
        deadEnd = { cause, dir };
        break;
      }
      const frameBytes = shape.wireBytes + shape.framingBytes;
      capacities.push({ key: dir, bucket: undefined, perS: dir.props.capacityBps, perBit: frameBytes / sizeBytes, cause: 'queue', position: QUEUE_POSITION });
      hops.push({ dir, wireBytes: shape.wireBytes, fragments: shape.fragments, frameBytes, offsetNs: offset, capacities });
      offset += txTimeNs(frameBytes, dir.props.capacityBps) + dir.props.delayNs;
      dir.channel.strip(shape);
      u = this.net.node(dir.props.to);
    }
    return { hops, deadEnd };
  }

  /** Max-min fair rates by progressive filling: raise every unfrozen flow alike until a demand is met or a capacity full. */
  private allocate(flows: readonly FluidFlow[]): void {
    const capacities = this.capacities(flows);
    const open = new Set(flows.filter((f) => f.spec.demandBps > 0));
    for (const f of flows) {
      f.rateBps = 0;
      f.dropHop = -1;
      f.dropOrder = Infinity;
    }
    while (open.size > 0) {
      let step = Infinity;
      for (const f of open) step = Math.min(step, f.spec.demandBps - f.rateBps);
      const growth = capacities.map((c) => c.uses.reduce((sum, u) => (open.has(u.flow) ? sum + u.perBit : sum), 0));
      capacities.forEach((c, i) => {
        if (growth[i]! > 0) step = Math.min(step, (c.perS - c.used) / growth[i]!);
      });
      step = Math.max(step, 0);
      for (const f of open) f.rateBps += step;
      capacities.forEach((c, i) => (c.used += step * growth[i]!));
      const frozen = new Map<FluidFlow, Use | undefined>();
      for (const f of open) if (f.spec.demandBps - f.rateBps <= EPSILON * f.spec.demandBps) frozen.set(f, undefined);
      capacities.forEach((c, i) => {
        if (growth[i]! === 0 || c.perS - c.used > EPSILON * c.perS) return;
        for (const u of c.uses) {
          if (!open.has(u.flow)) continue;
          const first = frozen.get(u.flow);
          if (!frozen.has(u.flow) || (first !== undefined && u.order < first.order)) frozen.set(u.flow, u);
        }
      });
      for (const [f, u] of frozen) {
        open.delete(f);
        f.rateBps = Math.min(f.rateBps, f.spec.demandBps);
        if (u !== undefined && f.rateBps < f.spec.demandBps) dropAt(f, u);
      }
    }
    this.moveDropsForward(capacities);
    this.shareBuckets(capacities);
  }

  /** Packets meet the policers and gateway caps fluid crosses with what fluid leaves them, or thinned as the fluid is when it overloads them. */
  private shareBuckets(capacities: readonly Capacity[]): void {
    const buckets = new Set<TokenBucket>();
    for (const c of capacities) {
      if (c.bucket === undefined) continue;
      const fluid = offered(c);
      const carried = c.uses.reduce((sum, u) => sum + u.perBit * (u.order < u.flow.dropOrder ? u.flow.spec.demandBps : u.flow.rateBps), 0);
      c.bucket.shareWithFluid(Math.min(carried, c.perS) * (c.bucket.ratePerS / c.perS), fluid > (c.perS - c.reserved) * (1 + EPSILON) ? c.perS / (fluid + c.reserved) : 1);
      buckets.add(c.bucket);
    }
    for (const b of this.loadedBuckets) {
      if (buckets.has(b)) continue;
      b.shareWithFluid(0, 1);
    }
    this.loadedBuckets = buckets;
  }

  /**
   * A capacity before a flow's drop point may be offered more than it has (the demands of the
   * flows crossing it, not their rates): their excess is dropped there instead. Drop points
   * only move toward the sources, so this ends within a path's length of rounds.
   */
  private moveDropsForward(capacities: readonly Capacity[]): void {
    for (let moved = true; moved; ) {
      moved = false;
      const over = new Set(capacities.filter((c) => offered(c) > (c.perS - c.reserved) * (1 + EPSILON)));
      const firstOver = new Map<FluidFlow, Use>();
      for (const c of over) {
        for (const u of c.uses) {
          const first = firstOver.get(u.flow);
          if (u.order < u.flow.dropOrder && (first === undefined || u.order < first.order)) firstOver.set(u.flow, u);
        }
      }
      for (const [f, u] of firstOver) {
        dropAt(f, u);
        moved = true;
      }
    }
  }

  /**
   * Every capacity the flows' hops meet, each shared object (a gateway's caps) once, less what
   * the open-loop packet flows crossing it offer now: they do not yield to the fluid.
   */
  private capacities(flows: readonly FluidFlow[]): Capacity[] {
    const byKey = new Map<LinkDirection | TokenBucket, Capacity>();
    for (const flow of flows) {
      flow.hops.forEach((h, hop) => {
        for (const { key, perS, perBit, bucket, cause, position } of h.capacities) {
          let c = byKey.get(key);
          if (c === undefined) byKey.set(key, (c = { perS, used: 0, reserved: 0, uses: [], bucket }));
          c.uses.push({ flow, hop, perBit, order: orderAt(hop, position), cause });
        }
      });
    }
    const now = this.sim.now;
    for (const load of this.packetLoads) {
      if (now < load.startNs || now >= load.stopNs) continue;
      for (const h of this.trace(load).hops) {
        for (const { key, perS, perBit } of h.capacities) {
          const c = byKey.get(key);
          if (c === undefined) continue;
          c.reserved = Math.min(perS, c.reserved + perBit * load.rateBps);
          c.used = c.reserved;
        }
      }
    }
    return [...byKey.values()];
  }

  /** The background queue of every link fluid crosses, and each flow's mean one-way delay through them. */
  private placeBackgrounds(flows: readonly FluidFlow[]): void {
    const onDir = new Map<LinkDirection, { flow: FluidFlow; hop: number }[]>();
    for (const flow of flows) flow.hops.forEach((h, hop) => onDir.set(h.dir, [...(onDir.get(h.dir) ?? []), { flow, hop }]));
    const backgrounds = new Map<LinkDirection, FluidBackground>();
    for (const [dir, crossing] of onDir) {
      const arrivals: FluidArrivals[] = [];
      for (const { flow, hop } of crossing) {
        const bps = flow.offeredBps(hop);
        if (bps <= 0) continue;
        const h = flow.hops[hop]!;
        arrivals.push({
          kind: flow.spec.kind,
          gapNs: (flow.spec.sizeBytes * 8 * 1e9) / bps,
          phaseNs: flow.spec.startNs + h.offsetNs,
          wireBytes: h.frameBytes,
          rng: flow.spec.kind === 'poisson' ? this.stream(`fluid:${flow.spec.name}@${dir.id}`) : undefined,
        });
      }
      if (arrivals.length === 0) continue;
      const froms = new Set(crossing.map(({ flow, hop }) => (hop > 0 ? flow.hops[hop - 1]!.dir : undefined)));
      const from = froms.size === 1 ? [...froms][0] : undefined;
      const spaced = from !== undefined && from.props.capacityBps <= dir.props.capacityBps;
      backgrounds.set(dir, new FluidBackground(dir, arrivals, spaced ? from : undefined));
    }
    for (const dir of this.loaded) if (!backgrounds.has(dir)) dir.setBackground(undefined);
    for (const [dir, bg] of backgrounds) dir.setBackground(bg);
    this.loaded = new Set(backgrounds.keys());
    for (const f of flows) {
      const ns = f.hops.reduce((sum, h) => sum + txTimeNs(h.frameBytes, h.dir.props.capacityBps) + h.dir.props.delayNs + (backgrounds.get(h.dir)?.meanWaitNs() ?? 0), 0);
      f.latencyNs = Math.round(ns);
    }
  }

  private stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (s === undefined) this.streams.set(name, (s = this.rng.stream(name)));
    return s;
  }
}

/** What the fluid flows offer a capacity. */
function offered(c: Capacity): number {
  return c.uses.reduce((sum, u) => sum + u.perBit * u.flow.offeredAt(u.order), 0);
}

function dropAt(f: FluidFlow, u: Use): void {
  f.dropHop = u.hop;
  f.dropCause = u.cause;
  f.dropOrder = u.order;
}
