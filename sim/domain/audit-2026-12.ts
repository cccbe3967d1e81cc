/**
 * Section 9 of ../shared/domain/expressroute-facts.md, "Audit of 2026-12": each place where
 * ersim's defaults and the current documentation differed, and what ersim does about it now:
 * modelled (naming the constants or parts that carry it) or not modelled, with the reason. The
 * README's table of it is rendered from this list (domain-tables.ts).
 */

export interface AuditItem {
  item: string;
  modelled: boolean;
  /** Where ersim has it (constants of expressroute.ts in backticks), or why it does not. */
  detail: string;
  source: string;
  /** The constants of expressroute.ts that carry a modelled item (test/domain-tables.test.ts checks they exist). */
  constants: readonly string[];
}

export const SECTION_9_AUDIT: readonly AuditItem[] = [
  {
    item: 'ErGwScale packets/s',
    modelled: true,
    detail:
      '100,000 per unit on gateways of 1 to 10 units, 200,000 per unit on larger ones (40 units: 8,000,000). The page contradicts itself; this reading agrees with its table and its 40-unit sample, not with its 20-unit one (2,000,000; 4,000,000 here)',
    source: '[SCALE25]',
    constants: ['ER_GW_SCALE_PPS_PER_UNIT_SMALL', 'ER_GW_SCALE_PPS_PER_UNIT_LARGE', 'ER_GW_SCALE_SMALL_MAX_UNITS'],
  },
  {
    item: 'ErGwScale circuit connections',
    modelled: true,
    detail: '4 from 1 unit, 8 from 2, 16 from 10; the loader refuses more circuits than the gateway connects',
    source: '[ERGW]',
    constants: ['erGatewayMaxConnections'],
  },
  {
    item: 'Routes a gateway learns',
    modelled: true,
    detail:
      'review rule `er-gateway-learned-routes`: 4,000 (ErGw1Az), 9,500 (ErGw2Az/3Az), 4,000 per ErGwScale unit (at most 60,000), and the advice to stay under 11,000. A run does not act on it: what a gateway does past its limit is not documented',
    source: '[ERGWPERF24]',
    constants: ['erGatewayLearnedRouteLimit', 'ER_GATEWAY_ADVISED_MAX_ROUTES'],
  },
  {
    item: 'Circuits per VNet from one peering location',
    modelled: true,
    detail: 'review rule `circuits-per-peering-location`: more than 4 is an error',
    source: '[ERGW]',
    constants: ['ER_MAX_CIRCUITS_PER_PEERING_LOCATION'],
  },
  {
    item: 'Gateway convergence after detection',
    modelled: true,
    detail:
      '`routing.gatewayConvergence`: 10 s by default (the lab failover took "less than 10" s), up to the documented bound of 60 s ("up to a minute"); a silent failure may take longer than the planned disconnects the lab measured, so studies should sweep it over 10 to 60 s',
    source: '[S2SBK][BFD20]',
    constants: ['ER_GATEWAY_CONVERGENCE_NS', 'ER_GATEWAY_CONVERGENCE_MAX_NS'],
  },
  {
    item: 'BFD scope',
    modelled: true,
    detail:
      'BFD covers the edge-to-MSEE links only; each MSEE\'s link to the gateway is a session of its own (`er-primary/gateway`), watched by BGP at the MSEE\'s fixed 60/180 s, BFD or not (derived: no source gives its detection time)',
    source: '[BFD20][FAQ23]',
    constants: ['MSEE_BGP_KEEPALIVE_NS', 'MSEE_BGP_HOLD_NS'],
  },
  {
    item: 'Active-standby VPN unplanned failover',
    modelled: true,
    detail: '180 s, the top of "about 1 to 3 minutes in the worst case" (planned: 15 s, the top of 10 to 15 s): a backup is sized against its worst case, and the page gives no distribution to draw from',
    source: '[VPNHA24]',
    constants: ['VPN_UNPLANNED_FAILOVER_NS', 'VPN_PLANNED_FAILOVER_NS'],
  },
  {
    item: 'Default VPN SKU',
    modelled: true,
    detail: '`VpnGw2AZ`, with the figures of VpnGw2 (Generation 2): the non-AZ SKUs can no longer be created',
    source: '[VPNTBL26][VPNFAQ26]',
    constants: ['VPN_GATEWAY_SKUS'],
  },
  {
    item: 'VPN per-tunnel packets/s',
    modelled: true,
    detail: 'enforced per tunnel and direction by the `TunnelPacketCap` stage, for packets and fluid flows alike (`drops_gateway`); Basic publishes none and is not capped',
    source: '[VPNSKU23]',
    constants: ['VPN_GATEWAY_SKUS'],
  },
  {
    item: 'ESP overhead',
    modelled: true,
    detail: '56 B for GCM AES-256 (20 IP, 8 ESP, 8 IV, 2 pad, 2 trailer, 16 ICV), 8 B more with `vpn.natTraversal`',
    source: '[VPNDEV][CALC][HAMWAN]',
    constants: ['ESP_TUNNEL_OVERHEAD_BYTES', 'NAT_T_UDP_BYTES'],
  },
  {
    item: 'Oversize packets at the ER gateway',
    modelled: true,
    detail:
      'packets over `circuit.mtu` (1,400 B) are fragmented and each fragment counts against the gateway\'s packets/s, so 1,500 B packets double its packet rate. The default TCP MSS stays the path MTU less 40 B (1,360 B), as if the endpoints clamped it or path MTU discovery had run: ersim has no path MTU discovery, and a connection opened at a VM\'s 1,460 B would lose every full segment once it failed over to the 1,400 B VPN tunnel, which real stacks recover from. `traffic[].mss: 1460` shows the unclamped cost at the gateway',
    source: '[ERGWPERF24][FAQ23]',
    constants: ['ER_MTU_BYTES'],
  },
  {
    item: 'VPN zone failure',
    modelled: false,
    detail: 'gateways have no zones in ersim yet (issue 15, item 3)',
    source: '[REL25]',
    constants: [],
  },
  {
    item: 'Active-active VPN',
    modelled: false,
    detail: 'one active-standby gateway with one tunnel per site (issue 15, item 2)',
    source: '[VPNHA24][AA24]',
    constants: [],
  },
  {
    item: 'Maintenance',
    modelled: false,
    detail: 'failures only; no planned maintenance of gateways or circuits (issue 15, item 4)',
    source: '[FAQ23][ERGW]',
    constants: [],
  },
  {
    item: 'SLA',
    modelled: false,
    detail: 'the stored pages give no figures for the single-site, Metro and multi-site designs: the availability study reports measured availability, and the 99.95 % and 99.9 % it quotes stay labelled as published figures',
    source: '[REL25][MEGA-SLA]',
    constants: [],
  },
  {
    item: 'FastPath',
    modelled: false,
    detail: 'all traffic crosses the ExpressRoute gateway and its caps',
    source: '[FP23]',
    constants: [],
  },
  {
    item: 'Metro',
    modelled: false,
    detail: 'a circuit\'s two legs land in one peering location',
    source: '[METRO]',
    constants: [],
  },
  {
    item: 'Global Reach',
    modelled: false,
    detail: 'Azure never carries traffic between two sites (the no-site-transit rule)',
    source: '[GR19]',
    constants: [],
  },
  {
    item: 'QoS',
    modelled: false,
    detail: 'queues are drop-tail and first-in first-out: DSCP markings have no effect',
    source: 'QoS requirements page (facts §9)',
    constants: [],
  },
];
