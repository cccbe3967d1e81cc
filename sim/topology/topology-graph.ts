/**
 * The static topology: a graphology graph of nodes (premises, provider, MSEE, gateways, VNet)
 * and links with their properties. Runtime state (queues, up/down) never lives here; the
 * network layer builds live objects from it.
 */
import Graph from 'graphology';
import type { Leg, LinkProps, NodeRole, PerDirection } from '../scenario/types';

export interface NodeAttrs {
  role: NodeRole;
  /** The node's id, repeated for readers of exported graphs. */
  name: string;
  /** The site, colocation facility or Azure location the node stands in. */
  site: string;
  /**
   * True for nodes that connect sites to the MSEEs only and never carry traffic from one site
   * to another: an exchange fabric's ports, a point-to-point provider's line ends. Azure's own
   * nodes never do either (that needs Global Reach [GR19]).
   */
  noSiteTransit?: boolean;
  /** er-gateway only: forwarding caps per direction, from its SKU. */
  capacityBps?: number;
  pps?: number;
  /** vpn-gateway only: the caps of each tunnel, bits and packets per second. */
  tunnelBps?: number;
  tunnelPps?: number;
  /** er-gateway only, with IPsec over private peering: the caps of the VPN gateway that ends the tunnels behind it. */
  ipsec?: { capacityBps: number; tunnelBps: number; tunnelPps: number };
}

/** What a link is, for the report and the README's picture of each model. */
export type LinkKind = 'access' | 'cross-connect' | 'ethernet-evc' | 'mpls' | 'port' | 'er-leg' | 'backbone' | 'vnet' | 'internet' | 'vpn-tunnel';

export interface EdgeAttrs extends LinkProps {
  kind: LinkKind;
  /** The ExpressRoute circuit leg this link belongs to, if any. */
  leg: Leg | null;
  /** The circuit it belongs to: its leg links and its MSEEs' links to the gateway. */
  circuit: string | null;
  /** Police each direction at this rate (0: no policer). */
  policeBps: number;
  /** Token bucket depth when policed. */
  policeBurstBytes: number;
  /** Mean length of a loss burst in packets (Gilbert-Elliott); absent or 1: independent losses. */
  lossBurst?: PerDirection<number>;
  /** Lose every n-th packet instead of at random (validation against the Mathis model). */
  lossEvery?: number;
  /**
   * A link of an IPsec path: the ESP bytes its tunnel ends add, and the tunnel's inner MTU. The
   * ends are the nodes listed (by default a site or the VPN gateway); with `azureOnly`, only
   * packets to or from the virtual network are in the tunnel.
   */
  tunnel?: { espBytes: number; mtuBytes: number; ends?: readonly string[]; azureOnly?: boolean };
  /** Bytes the link adds to every frame it sends (MACsec's SecTAG and ICV), on top of the packet. */
  frameOverheadBytes?: number;
}

export type TopologyGraph = Graph<NodeAttrs, EdgeAttrs>;

export function newTopologyGraph(): TopologyGraph {
  return new Graph<NodeAttrs, EdgeAttrs>({ type: 'undirected', multi: false, allowSelfLoops: false });
}

/** Link ids name both ends: `a--b`, in the order the builder added them; the forward direction (PerDirection) runs from a to b. */
export function linkId(a: string, b: string): string {
  return `${a}--${b}`;
}

export function addLink(g: TopologyGraph, a: string, b: string, attrs: EdgeAttrs): void {
  g.addUndirectedEdgeWithKey(linkId(a, b), a, b, attrs);
}
