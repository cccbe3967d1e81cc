/**
 * Encryption on a template topology, after its builder has run:
 *
 * - MACsec [ERENC23] adds its SecTAG and ICV to every frame on the Direct ports, in both directions.
 * - IPsec over private peering [ERENC23]: each site's links toward its circuits carry ESP from
 *   the site, and the MSEEs' links to the ExpressRoute gateway carry it to the VPN gateway behind
 *   it, which is modelled at the ExpressRoute gateway's node (the path inside the virtual network
 *   is too short to matter). Traffic between two sites stays outside the tunnels.
 */
import type { Scenario } from '../scenario/types';
import type { TopologyGraph } from './topology-graph';

export function applyEncryption(g: TopologyGraph, s: Scenario): void {
  const { macsecBytes, ipsec } = s.encryption;
  if (macsecBytes > 0) {
    g.forEachEdge((edge, a) => {
      if (a.kind === 'port') g.setEdgeAttribute(edge, 'frameOverheadBytes', macsecBytes);
    });
  }
  if (ipsec === undefined) return;
  const sites = new Set(s.sites.map((site) => site.name));
  const tunnel = (end: string) => ({ espBytes: ipsec.espBytes, mtuBytes: ipsec.innerMtuBytes, ends: [end], azureOnly: true });
  g.forEachEdge((edge, a, source, target) => {
    if (a.kind === 'internet' || a.kind === 'vpn-tunnel') return;
    if (sites.has(source) || sites.has(target)) g.setEdgeAttribute(edge, 'tunnel', tunnel(sites.has(source) ? source : target));
    else if (a.kind === 'backbone') g.setEdgeAttribute(edge, 'tunnel', tunnel('er-gateway'));
  });
  g.setNodeAttribute('er-gateway', 'ipsec', { capacityBps: ipsec.capacityBps, tunnelBps: ipsec.tunnelBps, tunnelPps: ipsec.tunnelPps });
}
