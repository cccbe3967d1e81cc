/**
 * FluidNetwork: the fluid flows of a run. Only when something changes (a flow starts or stops,
 * a link or node fails or recovers, a route moves) it traces each active flow's path by the
 * forwarding tables (its ECMP hash included, as its packets would go), shares the capacities
 * max-min fairly by progressive filling, and puts on each link the background queue the fluid
 * builds there (FluidBackground). Between changes the counters grow linearly (FluidFlow.account).
 *
 * The capacities: each link direction's rate, its leg policer, the ExpressRoute or VPN
 * gateway's bit and packet caps (shared by the links they cover) and the VPN's per-tunnel cap,
 * each counted in the bytes the flow's packets take there (ESP and fragment headers included).
 * A flow's excess is dropped where it was frozen: the first of those, in the order a packet
 * meets them (policer, gateway, tunnel, queue), along its path.
 */
import type { RandomStream, RandomStreams } from '../kernel/random';
import type { Simulator } from '../kernel/simulator';
import { txTimeNs } from '../kernel/time';
import type { FlowStats } from '../metrics/flow-stats';
import { FluidArrivals, FluidBackground } from './fluid-background';
import { FluidFlow, FluidFlowSpec, FluidHop, wireSizes } from './fluid-flow';
import type { DropCause, LinkDirection } from './link-direction';
import type { NetNode } from './net-node';
import type { Network } from './network';
import { PATH_CLASS_NONE } from './packet';

/** One flow's use of one capacity: `perBit` units of it per bit/s of the flow's rate. */
interface Use {
  flow: FluidFlow;
  hop: number;
  perBit: number;
  /** Where a packet meets it: hop, then policer, gateway, tunnel, queue. */
  order: number;
  cause: DropCause;
}

interface Capacity {
  perS: number;
  used: number;
  uses: Use[];
}

const STAGES: Record<'policer' | 'gateway' | 'tunnel' | 'queue', number> = { policer: 0, gateway: 1, tunnel: 2, queue: 3 };
/** Relative slack under which a demand is met or a capacity full (float sums of rates). */
const EPSILON = 1e-9;

export class FluidNetwork {
  readonly flows: FluidFlow[] = [];
  private lastNs = 0;
  private loaded = new Set<LinkDirection>();
  private readonly streams = new Map<string, RandomStream>();

  constructor(
    private readonly sim: Simulator,
    private readonly net: Network,
    private readonly rng: RandomStreams,
  ) {}

  /** A fluid flow; its `start` schedules its start and stop. */
  add(spec: FluidFlowSpec, stats: FlowStats): { flow: FluidFlow; start(): void } {
    const flow = new FluidFlow(spec, stats);
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

  /** The links a flow's packets cross now, up to where they are delivered or dropped. */
  private route(f: FluidFlow): void {
    const { src, dst, flowHash, sizeBytes } = f.spec;
    const dirs: LinkDirection[] = [];
    f.deadEnd = undefined;
    let pathClass = PATH_CLASS_NONE;
    for (let u: NetNode = src; ; ) {
      const last = dirs[dirs.length - 1];
      if (!u.up) {
        f.deadEnd = { cause: 'down', dir: last };
        break;
      }
      if (u === dst) break;
      const hop = u.nextHop(dst.index, flowHash, pathClass);
      if (hop === undefined || dirs.length > this.net.nodes.length) {
        f.deadEnd = { cause: 'noroute', dir: last };
        break;
      }
      if (!hop.dir.up) {
        f.deadEnd = { cause: 'down', dir: hop.dir };
        break;
      }
      pathClass = hop.pathClass;
      dirs.push(hop.dir);
      u = this.net.node(hop.dir.props.to);
    }
    const sizes = wireSizes(dirs, sizeBytes);
    if (sizes.length < dirs.length) f.deadEnd = { cause: 'mtu', dir: dirs[sizes.length] };
    let offset = 0;
    f.hops = sizes.map((s, i): FluidHop => {
      const dir = dirs[i]!;
      const hop = { dir, wireBytes: s.wireBytes, fragments: s.fragments, offsetNs: offset };
      offset += txTimeNs(s.wireBytes, dir.props.capacityBps) + dir.props.delayNs;
      return hop;
    });
  }

  /** Max-min fair rates by progressive filling: raise every unfrozen flow alike until a demand is met or a capacity full. */
  private allocate(flows: readonly FluidFlow[]): void {
    const capacities = this.capacities(flows);
    const open = new Set(flows.filter((f) => f.spec.demandBps > 0));
    for (const f of flows) {
      f.rateBps = 0;
      f.bottleneckHop = -1;
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
        if (u !== undefined) {
          f.rateBps = Math.min(f.rateBps, f.spec.demandBps);
          f.bottleneckHop = u.hop;
          f.bottleneckCause = u.cause;
        }
      }
    }
  }

  /** Every capacity the flows' hops meet, each shared object (a gateway's caps) once. */
  private capacities(flows: readonly FluidFlow[]): Capacity[] {
    const byKey = new Map<object, Capacity>();
    const use = (key: object, perS: number, flow: FluidFlow, hop: number, perBit: number, stage: keyof typeof STAGES, cause: DropCause) => {
      if (!Number.isFinite(perS)) return;
      let c = byKey.get(key);
      if (c === undefined) byKey.set(key, (c = { perS, used: 0, uses: [] }));
      c.uses.push({ flow, hop, perBit, order: hop * 4 + STAGES[stage], cause });
    };
    for (const f of flows) {
      const size = f.spec.sizeBytes;
      f.hops.forEach((h, i) => {
        const d = h.dir;
        const wirePerBit = h.wireBytes / size;
        if (d.policer !== undefined) use(d.policer, d.policer.ratePerS * 8, f, i, wirePerBit, 'policer', 'policer');
        if (d.gateway !== undefined) {
          use(d.gateway.bytes, d.gateway.bytes.ratePerS * 8, f, i, wirePerBit, 'gateway', 'gateway');
          use(d.gateway.packets, d.gateway.packets.ratePerS, f, i, h.fragments / (size * 8), 'gateway', 'gateway');
        }
        const tunnel = d.tunnels?.caps.get(d.tunnels.bySrc ? f.spec.src.index : f.spec.dst.index);
        if (tunnel !== undefined) use(tunnel, tunnel.ratePerS * 8, f, i, wirePerBit, 'tunnel', 'gateway');
        use(d, d.props.capacityBps, f, i, wirePerBit, 'queue', 'queue');
      });
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
          wireBytes: h.wireBytes,
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
      const ns = f.hops.reduce((sum, h) => sum + txTimeNs(h.wireBytes, h.dir.props.capacityBps) + h.dir.props.delayNs + (backgrounds.get(h.dir)?.meanWaitNs() ?? 0), 0);
      f.latencyNs = Math.round(ns);
    }
  }

  private stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (s === undefined) this.streams.set(name, (s = this.rng.stream(name)));
    return s;
  }
}
