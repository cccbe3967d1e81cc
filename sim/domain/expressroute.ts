/**
 * Domain defaults: the timers, capacities and overheads of real ExpressRoute and VPN
 * gateways, each with the source tag of ../shared/domain/expressroute-facts.md (§0 lists the
 * tags: [FAQ23] is the ExpressRoute FAQ of 2023-06-12, and so on). Every one can be
 * overridden in a scenario; nothing else in sim/ hard-codes a domain number.
 */

/** One-way propagation in single-mode fibre: about 5 µs per km [WIKI][MYT] (4.9 µs/km at 1550 nm). */
export const FIBRE_NS_PER_M = 5;

/** Provider circuit bandwidths on sale [FAQ23][PEER26]. */
export const PROVIDER_BANDWIDTHS_BPS = [50e6, 100e6, 200e6, 500e6, 1e9, 2e9, 5e9, 10e9] as const;

/** ExpressRoute Direct port pair speeds [DIRECT24]; 400 Gbps by enrolment only [DIRECT26]. */
export const DIRECT_PORT_BPS = [10e9, 100e9, 400e9] as const;

/** Largest packet ExpressRoute, VPN and vWAN carry: 1400 B [FAQ23]; larger ones are fragmented at the ER gateway [ERGWPERF24]. */
export const ER_MTU_BYTES = 1400;

/** An ER Direct port interface is IP MTU 1500 [DIRECT24]. */
export const ETHERNET_MTU_BYTES = 1500;

/** Bytes of IPv4 header a fragment repeats. */
export const IPV4_HEADER_BYTES = 20;

/** Every IPv4 link must carry a 68-byte datagram unfragmented [RFC791]. */
export const IPV4_MIN_MTU_BYTES = 68;

/** Smallest packet a flow sends: a 20 B IPv4 header [RFC791] and an 8 B UDP header [RFC768]. */
export const IP_MIN_PACKET_BYTES = 28;

/** Largest IPv4 datagram: the 16-bit total length field [RFC791]. */
export const IP_MAX_PACKET_BYTES = 65_535;

/**
 * Depth of each leg's policer bucket. Microsoft says only that rate limiting "is enforced at a
 * granular level in milliseconds" [RLPROV]; 5 ms of the purchased rate is our reading of that (derived).
 */
export const POLICER_BURST_NS = 5_000_000;


export interface ErGatewaySku {
  sku: string;
  capacityBps: number;
  pps: number;
  flows: number;
  source: string;
}

/** ExpressRoute virtual network gateway SKUs, "Maximum supported limits" of 2024 [ERGWPERF24]. */
export const ER_GATEWAY_SKUS: readonly ErGatewaySku[] = [
  { sku: 'Standard', capacityBps: 1e9, pps: 100_000, flows: 200_000, source: 'ERGWPERF24' },
  { sku: 'ErGw1Az', capacityBps: 1e9, pps: 100_000, flows: 200_000, source: 'ERGWPERF24' },
  { sku: 'HighPerformance', capacityBps: 2e9, pps: 200_000, flows: 400_000, source: 'ERGWPERF24' },
  { sku: 'ErGw2Az', capacityBps: 2e9, pps: 200_000, flows: 400_000, source: 'ERGWPERF24' },
  { sku: 'UltraPerformance', capacityBps: 10e9, pps: 1_000_000, flows: 1_000_000, source: 'ERGWPERF24' },
  { sku: 'ErGw3Az', capacityBps: 10e9, pps: 1_000_000, flows: 1_000_000, source: 'ERGWPERF24' },
];

/**
 * ErGwScale packets per second per scale unit: 100,000 on gateways of 1 to 10 units, 200,000 on
 * gateways of 11 to 40 [SCALE25, 2025-11-06]. That page contradicts itself: its table gives
 * 100k per unit for units 1-10 and 200k for units 11-40, its 40-unit sample 8,000,000 pps
 * (40 x 200k), its 20-unit sample 2,000,000 (20 x 100k), and an older gateway page 100k per unit
 * throughout [ERGW]. We read the table as a rate per unit set by the gateway's size, which agrees
 * with the 40-unit sample (not with the 20-unit one: 4,000,000 here).
 */
export const ER_GW_SCALE_PPS_PER_UNIT_SMALL = 100_000;
export const ER_GW_SCALE_PPS_PER_UNIT_LARGE = 200_000;
/** Largest ErGwScale gateway at the per-unit rate of the small ones [SCALE25]. */
export const ER_GW_SCALE_SMALL_MAX_UNITS = 10;
export const ER_GW_SCALE_MAX_UNITS = 40;

/** ErGwScale: 1 Gbps and 100,000 flows per scale unit [SCALE25]; packets per second as read above. */
export function erGwScale(units: number): ErGatewaySku {
  const perUnit = units <= ER_GW_SCALE_SMALL_MAX_UNITS ? ER_GW_SCALE_PPS_PER_UNIT_SMALL : ER_GW_SCALE_PPS_PER_UNIT_LARGE;
  return { sku: `ErGwScale${units}`, capacityBps: units * 1e9, pps: units * perUnit, flows: units * 100_000, source: 'SCALE25' };
}

export function erGatewaySku(name: string): ErGatewaySku | undefined {
  const units = erGwScaleUnits(name);
  if (units !== undefined) {
    return units >= 1 && units <= ER_GW_SCALE_MAX_UNITS ? erGwScale(units) : undefined;
  }
  return ER_GATEWAY_SKUS.find((s) => s.sku === name);
}

/** The scale units of an ErGwScale SKU name, or undefined for a fixed SKU. */
export function erGwScaleUnits(sku: string): number | undefined {
  const scale = /^ErGwScale(\d+)$/.exec(sku);
  return scale === null ? undefined : Number(scale[1]);
}

/**
 * Circuit connections per ExpressRoute gateway: 4 (Standard/ErGw1Az), 8 (HighPerformance/ErGw2Az),
 * 16 (UltraPerformance/ErGw3Az); ErGwScale: 4 from 1 unit, 8 from 2, 16 from 10 [ERGW, 2023-11-16].
 */
export function erGatewayMaxConnections(sku: string): number {
  const units = erGwScaleUnits(sku);
  if (units !== undefined) return units >= 10 ? 16 : units >= 2 ? 8 : 4;
  if (sku === 'Standard' || sku === 'ErGw1Az') return 4;
  if (sku === 'HighPerformance' || sku === 'ErGw2Az') return 8;
  return 16;
}

export const ER_GW_SCALE_MAX_LEARNED_ROUTES = 60_000;

/**
 * Routes an ExpressRoute gateway learns from on-premises: 4,000 (Standard/ErGw1Az), 9,500
 * (HighPerformance/ErGw2Az, UltraPerformance/ErGw3Az), 4,000 per ErGwScale unit [ERGWPERF24,
 * 2024-07-09], and at most 60,000 on any ErGwScale gateway (that table's "total per gateway").
 */
export function erGatewayLearnedRouteLimit(sku: string): number {
  const units = erGwScaleUnits(sku);
  if (units !== undefined) return Math.min(units * 4_000, ER_GW_SCALE_MAX_LEARNED_ROUTES);
  return sku === 'Standard' || sku === 'ErGw1Az' ? 4_000 : 9_500;
}
/** "Refrain from advertising more than 11,000 routes" to an ExpressRoute gateway [ERGWPERF24, 2024-07-09]. */
export const ER_GATEWAY_ADVISED_MAX_ROUTES = 11_000;
/** ExpressRoute circuits from one peering location that may connect to one virtual network: "4 for all gateways" [ERGW, 2023-11-16]. */
export const ER_MAX_CIRCUITS_PER_PEERING_LOCATION = 4;

/** ECMP spreads the VNet's traffic over at most 4 circuits of equal preference [FAQ23]. */
export const ER_MAX_ECMP_CIRCUITS = 4;

/**
 * Connection weight at the ER gateway: 0 by default, and the VNet prefers the highest [DR19][OPT25].
 * The upper bound is the range Azure accepts for a connection's `routingWeight`, 0 to 32000 (not in the facts file).
 */
export const ER_CONNECTION_MAX_WEIGHT = 32_000;

export const ER_GATEWAY_SKU_NAMES = [...ER_GATEWAY_SKUS.map((s) => s.sku), 'ErGwScale1..ErGwScale40'];

/** BGP on the MSEE: keepalive 60 s, hold 180 s, fixed on Microsoft's side; a session runs at the lower of both ends' timers [FAQ23][BFD20]. */
export const MSEE_BGP_KEEPALIVE_NS = 60e9;
export const MSEE_BGP_HOLD_NS = 180e9;
/** The customer router's default timers: the MSEE's, so negotiation leaves them as they are. */
export const ER_BGP_KEEPALIVE_NS = MSEE_BGP_KEEPALIVE_NS;
export const ER_BGP_HOLD_NS = MSEE_BGP_HOLD_NS;
/** Lowest timers a customer may negotiate: keepalive 3 s, hold 10 s [BFD20]. */
export const ER_BGP_MIN_KEEPALIVE_NS = 3e9;
export const ER_BGP_MIN_HOLD_NS = 10e9;

/** BFD on the MSEE: tx/rx 300 ms ("750 ms in certain scenarios"), multiplier 3 in the sample config [BFD20]. */
export const ER_BFD_INTERVAL_NS = 300e6;
export const ER_BFD_MULTIPLIER = 3;
/** A customer may make the MSEE's BFD intervals longer but "it's not possible to make them shorter" than 300 ms [BFD20]. */
export const ER_BFD_MIN_INTERVAL_NS = 300e6;
/** BFD's Detect Mult is an 8-bit field and must not be 0 [RFC5880]. */
export const BFD_MAX_MULTIPLIER = 255;

/** After BFD detects, MSEE to ER gateway convergence takes "up to a minute" [BFD20]. */
export const ER_GATEWAY_CONVERGENCE_MAX_NS = 60e9;

/** VPN gateway BGP is fixed at 60/180 s and has no BFD [VPNFAQ26]. */
export const VPN_BGP_KEEPALIVE_NS = 60e9;
export const VPN_BGP_HOLD_NS = 180e9;
/** Dead peer detection: 45 s by default, 9-3600 s [VPNFAQ26]. */
export const VPN_DPD_TIMEOUT_NS = 45e9;
export const VPN_DPD_MIN_TIMEOUT_NS = 9e9;
export const VPN_DPD_MAX_TIMEOUT_NS = 3600e9;

/** Clamp TCP MSS to 1350 on the VPN, or set the tunnel MTU to 1400 [VPNDEV]. */
export const VPN_TCP_MSS_BYTES = 1350;
export const VPN_TUNNEL_MTU_BYTES = 1400;

/**
 * ESP tunnel mode with Azure's first IPsec proposal, GCM AES-256 [VPNDEV]: 20 outer IP + 8 ESP
 * (SPI, sequence) + 8 IV + 2 pad + 2 trailer + 16 ICV = 56 B (54 to 57 with 0 to 3 B of pad
 * [CALC]; 2 B of pad as in the CBC case). The per-tunnel throughputs are GCM figures [VPNSKU23].
 * AES-256-CBC + HMAC-SHA256-128 would take 64 B (16 IV + 16 ICV) [CALC].
 */
export const ESP_TUNNEL_OVERHEAD_BYTES = 56;
/** NAT traversal wraps ESP in a UDP header of 8 B [HAMWAN][CALC]. */
export const NAT_T_UDP_BYTES = 8;

/**
 * MACsec (IEEE 802.1AE) on ExpressRoute Direct ports, "available on ExpressRoute Direct only" and
 * off by default [ERENC23: azure-docs articles/expressroute/expressroute-about-encryption.md,
 * 2023-03-15]. Each frame carries a SecTAG of 8 B, or 16 B with the Secure Channel Identifier
 * (which Direct ports support [ERENC23]), and a 16 B ICV [IEEE 802.1AE, as tabled in Cisco's
 * NCS 1000 DWDM configuration guide, "MACsec Frame Format"].
 */
export const MACSEC_SECTAG_BYTES = 8;
export const MACSEC_SCI_BYTES = 8;
export const MACSEC_ICV_BYTES = 16;

/** Published availability of one ExpressRoute circuit with both BGP sessions up [MEGA-SLA][ROUTING16]. */
export const ER_CIRCUIT_SLA = 0.9995;
/** Published availability of a VPN gateway: 99.9 %, "higher" for non-Basic SKUs without a figure [ARCH-OPT][REL25]; it does not cover the internet path. */
export const VPN_GATEWAY_SLA = 0.999;

/** Typical routing defaults the facts leave open (derived, each overridable in `routing`). */
/** MSEE to gateway convergence after a detection: the lab ER-to-VPN failover took "less than 10" s [S2SBK]; "up to a minute" is the bound [BFD20]. */
export const ER_GATEWAY_CONVERGENCE_NS = 10e9;
/** A BGP session's return after a repair: TCP connect, OPEN, KEEPALIVE, first UPDATEs (derived: a few seconds; RFC 4271 timers allow far more). */
export const BGP_REESTABLISH_NS = 5e9;
/** Recommended on-premises local preference: 150 for ExpressRoute routes, 100 for VPN routes [COEX23][S2SBK]. */
export const PREMISES_LOCAL_PREF_ER = 150;
export const PREMISES_LOCAL_PREF_VPN = 100;
/** ASN path lengths as the VNet's routes reach on-premises: over ExpressRoute "12076 65515", over the VPN "65515" [S2SBK]. */
export const ER_AS_PATH_TO_PREMISES = 2;
export const VPN_AS_PATH_TO_PREMISES = 1;
/** AS-path prepends on the passive leg of an active/passive circuit (derived; any positive count has the effect). */
export const ACTIVE_PASSIVE_PREPEND = 3;

/** Prefixes on-premises may advertise to the MSEEs over private peering: 4,000, or 10,000 with ExpressRoute Premium; above it "BGP sessions disconnect" and are "restored once the prefix count gets below the limit" [FAQ23]. */
export const ER_PRIVATE_PEERING_PREFIX_LIMIT = 4_000;
export const ER_PRIVATE_PEERING_PREFIX_LIMIT_PREMIUM = 10_000;
/** IPv4 prefixes the ER gateway may advertise to on-premises per ExpressRoute connection: 1,000; above it "the connection between the ExpressRoute circuit and the gateway disconnects" [FAQ23][ERGWPERF24]. */
export const ER_GATEWAY_TO_PREMISES_PREFIX_LIMIT = 1_000;
/** Prefixes on-premises may advertise to a VPN gateway: 4,000; "the BGP session is dropped if the number of prefixes exceeds the limit" [VPNFAQ26]. */
export const VPN_GATEWAY_PREFIX_LIMIT = 4_000;

/**
 * Active-standby VPN gateway failover: planned "within 10 to 15 seconds", unplanned "about 1 to
 * 3 minutes in the worst case" [VPNHA24, 2024-07-24] (1 to 1.5 min in [VPNHA16]). Both defaults
 * take the top of the current range: a backup is sized against its worst case, and the page
 * gives no distribution to draw from.
 */
export const VPN_PLANNED_FAILOVER_NS = 15e9;
export const VPN_UNPLANNED_FAILOVER_NS = 180e9;

export interface VpnGatewaySku {
  sku: string;
  /** Aggregate throughput, S2S + P2S [VPNTBL23]. */
  capacityBps: number;
  /** Per-tunnel throughput with GCMAES256 [VPNSKU23]. */
  tunnelBps: number;
  /** Per-tunnel packets per second with GCMAES256 [VPNSKU23]; Infinity where the table gives none (Basic). */
  tunnelPps: number;
  tunnels: number;
}

/** VPN gateway SKUs, Generation 2 figures where a SKU has two generations [VPNTBL23][VPNSKU23]. */
export const VPN_GATEWAY_SKUS: readonly VpnGatewaySku[] = [
  { sku: 'Basic', capacityBps: 100e6, tunnelBps: 100e6, tunnelPps: Infinity, tunnels: 10 },
  { sku: 'VpnGw1', capacityBps: 650e6, tunnelBps: 650e6, tunnelPps: 62_000, tunnels: 30 },
  { sku: 'VpnGw2', capacityBps: 1.25e9, tunnelBps: 1.25e9, tunnelPps: 120_000, tunnels: 30 },
  { sku: 'VpnGw3', capacityBps: 2.5e9, tunnelBps: 1.5e9, tunnelPps: 140_000, tunnels: 30 },
  { sku: 'VpnGw4', capacityBps: 5e9, tunnelBps: 2.3e9, tunnelPps: 220_000, tunnels: 100 },
  { sku: 'VpnGw5', capacityBps: 10e9, tunnelBps: 2.3e9, tunnelPps: 220_000, tunnels: 100 },
];

export function vpnGatewaySku(name: string): VpnGatewaySku | undefined {
  return VPN_GATEWAY_SKUS.find((s) => s.sku === name || `${s.sku}AZ` === name);
}

/** The VPN SKU names, for messages; each but Basic also comes zone-redundant as <name>AZ [VPNTBL26]. */
export const VPN_GATEWAY_SKU_NAMES = [...VPN_GATEWAY_SKUS.map((s) => s.sku), 'VpnGw1AZ..VpnGw5AZ'];

/** TCP of `tcp` and `request` flows: defaults of real stacks, each overridable per flow. */
/** IPv4 (20 B [RFC791]) and TCP (20 B, no options [RFC9293]) headers of every segment: MSS = MTU - 40 B. */
export const TCP_IP_HEADER_BYTES = 40;
/** Initial congestion window: 10 segments [RFC6928], Linux's since 2.6.39. */
export const TCP_INITIAL_WINDOW_SEGMENTS = 10;
/** Lower bound of the retransmission timeout: Linux's TCP_RTO_MIN, HZ/5 = 200 ms [Linux tcp.h TCP_RTO_MIN]; RFC 6298 recommends 1 s [RFC6298]. */
export const TCP_MIN_RTO_LINUX_NS = 200e6;
/** Upper bound of the retransmission timeout after backoff: "a maximum value MAY be placed on RTO provided it is at least 60 seconds" [RFC6298]. */
export const TCP_MAX_RTO_NS = 60e9;
/** Delayed-ACK timer: Linux's minimum, HZ/25 = 40 ms [Linux TCP_DELACK_MIN]. */
export const TCP_DELAYED_ACK_NS = 40e6;
/** Largest receive window: the 16-bit window field shifted by at most 14 [RFC7323]. */
export const TCP_MAX_WINDOW_BYTES = 65_535 * 2 ** 14;
