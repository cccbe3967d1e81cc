/**
 * Network: the live nodes and link directions built from a topology graph, each direction's
 * device assembled with the gateway limiters it shares. Links and nodes go down and up here.
 */
import type { Simulator } from '../kernel/simulator';
import type { RandomStreams } from '../kernel/random';
import { POLICER_BURST_NS } from '../domain/expressroute';
import { NS_PER_S } from '../kernel/time';
import type { NodeRole, PerDirection, QueueLimit } from '../scenario/types';
import type { TopologyGraph } from '../topology/topology-graph';
import { ForwardingTables } from './forwarding-tables';
import { LinkDirection, LinkDirectionProps, NetBus } from './link-direction';
import { NetNode } from './net-node';
import { PATH_ER_PRIMARY, PATH_ER_SECONDARY, PATH_VPN } from './packet';
import { assembleDevice, SharedLimits } from './stages/assemble';
import { RateAndPacketLimiter, TokenBucket } from './token-bucket';

/** Azure's nodes never carry traffic between two on-premises sites (that needs Global Reach [GR19]). */
const AZURE_ROLES: ReadonlySet<NodeRole> = new Set(['msee', 'er-gateway', 'vnet', 'vpn-gateway']);

/** A limiter's bucket: 5 ms of its rate [RLPROV, derived], and never less than two full packets. */
function limiterDepth(bps: number): number {
  return Math.max((bps / 8) * (POLICER_BURST_NS / NS_PER_S), 3000);
}

/** A packet-rate limiter's bucket: 5 ms of its rate, as a byte limiter's, and never less than two packets. */
function packetBucket(pps: number): TokenBucket {
  return new TokenBucket(pps, Math.max(pps * (POLICER_BURST_NS / NS_PER_S), 2));
}

export class Network {
  readonly nodes: NetNode[] = [];
  readonly links: LinkDirection[] = [];
  /** Every node's next hops, which the routing layer fills. */
  readonly tables = new ForwardingTables();
  private readonly nodeById = new Map<string, NetNode>();
  /** Both directions of each undirected link, by link id. */
  readonly linkById = new Map<string, [LinkDirection, LinkDirection]>();

  constructor(
    readonly sim: Simulator,
    rng: RandomStreams,
    readonly graph: TopologyGraph,
    /** Where the network publishes what happens to packets (sim/trace/trace-bus.ts). */
    readonly bus: NetBus,
  ) {
    graph.forEachNode((id, a) => {
      const node = new NetNode(sim, bus, this.tables, this.nodes.length, id, a.role, a.site, !(a.noSiteTransit ?? false) && !AZURE_ROLES.has(a.role));
      this.nodes.push(node);
      this.nodeById.set(id, node);
    });
    const vnetIndex = () => this.node('vnet').index;
    const props: LinkDirectionProps[] = [];
    graph.forEachEdge((edge, a, source, target) => {
      const pathBit = a.leg === 'primary' ? PATH_ER_PRIMARY : a.leg === 'secondary' ? PATH_ER_SECONDARY : a.kind === 'internet' ? PATH_VPN : 0;
      // Tunnel ends (a site, the VPN gateway, or the ends a link names) encapsulate what they send into an IPsec path and strip what they receive.
      const tunnelEnd = (id: string) =>
        a.tunnel?.ends !== undefined ? a.tunnel.ends.includes(id) : graph.getNodeAttribute(id, 'role') === 'premises' || graph.getNodeAttribute(id, 'role') === 'vpn-gateway';
      // The graph keeps each link's ends in the order they were added: source to target is forward.
      const direction = (from: string, to: string, way: keyof PerDirection<number>): LinkDirectionProps => ({
        link: edge,
        from,
        to,
        capacityBps: a.capacityBps,
        delayNs: a.delayNs,
        mtuBytes: a.mtuBytes,
        queueBytes: queueBytes(a.queue, a.capacityBps, a.mtuBytes),
        loss: a.loss[way],
        jitterNs: a.jitterNs[way],
        reorder: a.reorder,
        pathBit,
        circuit: a.circuit,
        lossBurst: a.lossBurst?.[way] ?? 1,
        lossEvery: a.lossEvery ?? 0,
        policeBps: a.policeBps,
        policeBurstBytes: a.policeBurstBytes,
        encapBytes: a.tunnel !== undefined && tunnelEnd(from) ? a.tunnel.espBytes : 0,
        tunnelMtuBytes: a.tunnel?.mtuBytes ?? Infinity,
        decapOnArrival: a.tunnel !== undefined && tunnelEnd(to),
        tunnelOnlyFor: a.tunnel?.azureOnly === true && graph.hasNode('vnet') ? vnetIndex() : -1,
        frameOverheadBytes: a.frameOverheadBytes ?? 0,
      });
      props.push(direction(source, target, 'forward'), direction(target, source, 'reverse'));
    });
    const shared = this.sharedLimits(props);
    const make = (p: LinkDirectionProps): LinkDirection => {
      const dir = new LinkDirection(sim, rng, bus, this.links.length, p, assembleDevice(p, shared.get(p)!), this.node(p.to));
      this.links.push(dir);
      this.node(p.from).out.push(dir);
      return dir;
    };
    for (let i = 0; i < props.length; i += 2) this.linkById.set(props[i]!.link, [make(props[i]!), make(props[i + 1]!)]);
  }

  node(id: string): NetNode {
    const n = this.nodeById.get(id);
    if (n === undefined) throw new Error(`Network.node: no node "${id}"`);
    return n;
  }

  /** The other direction of a link direction. */
  reverse(dir: LinkDirection): LinkDirection {
    const pair = this.linkById.get(dir.props.link)!;
    return pair[0] === dir ? pair[1] : pair[0];
  }

  hasNode(id: string): boolean {
    return this.nodeById.has(id);
  }

  /** The gateways' limiters each direction crosses: shared by a gateway's links on one side, or per tunnel. */
  private sharedLimits(dirs: readonly LinkDirectionProps[]): Map<LinkDirectionProps, SharedLimits> {
    const limits = new Map<LinkDirectionProps, SharedLimits>(dirs.map((d) => [d, {}]));
    const out = (gw: string) => dirs.filter((d) => d.from === gw);
    const towardVnet = (d: LinkDirectionProps) => this.node(d.to).role === 'vnet';
    /** Each site's tunnel through a gateway is capped on its own, bits and packets, in each direction [VPNSKU23]. */
    const limitTunnels = (gw: string, tunnel: { bps: number; pps: number }, sites: readonly NetNode[]) => {
      const tunnels = () => new Map(sites.map((n) => [n.index, new TokenBucket(tunnel.bps / 8, limiterDepth(tunnel.bps))]));
      const packets = () => new Map(sites.map((n) => [n.index, packetBucket(tunnel.pps)]));
      const set = (d: LinkDirectionProps, bySrc: boolean) => {
        limits.get(d)!.tunnels = { bySrc, caps: tunnels() };
        limits.get(d)!.tunnelPackets = { bySrc, caps: packets() };
      };
      for (const d of out(gw)) if (!towardVnet(d)) set(d, false);
      for (const d of dirs) if (d.to === gw) set(d, true);
    };
    const premises = this.nodes.filter((n) => n.role === 'premises');
    this.graph.forEachNode((id, a) => {
      if (a.role === 'er-gateway' && a.capacityBps !== undefined && a.pps !== undefined) {
        // The gateway's SKU caps bits and packets per second in each direction [ERGWPERF24]: one
        // limiter toward the VNet, one toward the MSEEs. With IPsec over private peering, the VPN
        // gateway behind it caps the tunnels' bits as well [ERENC23][VPNTBL23].
        const bps = Math.min(a.capacityBps, a.ipsec?.capacityBps ?? Infinity);
        const pps = a.pps;
        const make = () => new RateAndPacketLimiter(new TokenBucket(bps / 8, limiterDepth(bps)), packetBucket(pps));
        const [vnetSide, otherSide] = [make(), make()];
        for (const d of out(id)) limits.get(d)!.gateway = towardVnet(d) ? vnetSide : otherSide;
        if (a.ipsec !== undefined) {
          const tunnel = { bps: a.ipsec.tunnelBps, pps: a.ipsec.tunnelPps };
          limitTunnels(id, tunnel, premises.filter((n) => this.graph.getNodeAttribute(n.id, 'site') === n.id));
        }
      }
      if (a.role === 'vpn-gateway' && a.capacityBps !== undefined) {
        // A VPN gateway caps the throughput of all its tunnels together (per direction) [VPNTBL23] and of each tunnel [VPNSKU23].
        const bps = a.capacityBps;
        const make = () => new RateAndPacketLimiter(new TokenBucket(bps / 8, limiterDepth(bps)), new TokenBucket(Infinity, Infinity));
        const [vnetSide, otherSide] = [make(), make()];
        for (const d of out(id)) limits.get(d)!.gateway = towardVnet(d) ? vnetSide : otherSide;
        limitTunnels(id, { bps: a.tunnelBps ?? bps, pps: a.tunnelPps ?? Infinity }, premises.filter((n) => this.graph.hasEdge(n.id, 'internet')));
      }
    });
    return limits;
  }

  private readonly failedLinks = new Set<string>();

  /** Fail or repair a link; it carries traffic only while it is repaired and both its ends are up. */
  setLinkUp(id: string, up: boolean): void {
    if (up) this.failedLinks.delete(id);
    else this.failedLinks.add(id);
    this.applyLinkState(id);
  }

  /** A node that is down drops what reaches it and takes its links down with it. */
  setNodeUp(id: string, up: boolean): void {
    this.node(id).up = up;
    this.graph.forEachEdge(id, (edge) => this.applyLinkState(edge));
  }

  private applyLinkState(id: string): void {
    const [ab, ba] = this.linkById.get(id)!;
    const up = !this.failedLinks.has(id) && this.node(ab.props.from).up && this.node(ab.props.to).up;
    ab.setUp(up);
    ba.setUp(up);
  }
}

/** A queue limit in bytes; a time limit is the bytes drained in that time, and never less than two full packets. */
export function queueBytes(q: QueueLimit, capacityBps: number, mtuBytes: number): number {
  const bytes = 'bytes' in q ? q.bytes : Math.floor((q.ns * capacityBps) / 8 / NS_PER_S);
  return Math.max(bytes, 2 * mtuBytes);
}
