/**
 * The site-to-site VPN beside ExpressRoute [COEX23][S2SBK]: each site with a tunnel reaches
 * the internet over its own access, and the internet reaches the VPN gateway in the VNet.
 * Packets are encapsulated (ESP tunnel mode) from the site or the gateway to the far end.
 *
 *   site --internet-- internet --tunnel-- vpn-gateway -- vnet
 */
import type { Scenario } from '../scenario/types';
import { defaultLink } from './template-parts';
import { addLink, TopologyGraph } from './topology-graph';

/** The gateway's public endpoint and the VNet are inside Azure: far above any VPN SKU. */
const AZURE_EDGE_BPS = 400e9;

export function addVpn(g: TopologyGraph, s: Scenario): void {
  const vpn = s.vpn;
  if (vpn === undefined) return;
  g.addNode('internet', { role: 'internet', name: 'internet', site: 'internet' });
  g.addNode('vpn-gateway', { role: 'vpn-gateway', name: 'vpn-gateway', site: 'azure', capacityBps: vpn.capacityBps, tunnelBps: vpn.tunnelBps, tunnelPps: vpn.tunnelPps });
  const tunnel = { espBytes: vpn.espOverheadBytes, mtuBytes: vpn.tunnelMtuBytes };
  for (const site of vpn.sites) {
    const net = vpn.internet[site]!;
    addLink(g, site, 'internet', {
      ...defaultLink(s, 'internet', net.bandwidthBps, 0),
      delayNs: net.latencyNs,
      jitterNs: net.jitterNs,
      loss: net.loss,
      lossBurst: net.lossBurst,
      tunnel,
    });
  }
  addLink(g, 'internet', 'vpn-gateway', { ...defaultLink(s, 'vpn-tunnel', AZURE_EDGE_BPS, 0), tunnel });
  addLink(g, 'vpn-gateway', 'vnet', defaultLink(s, 'vnet', AZURE_EDGE_BPS, 0));
}
