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

/** ER Direct opt-in rate limiting acts when a link exceeds the configured rate by more than 20 % [RLDIRECT]. */
export const DIRECT_RATE_LIMIT_FACTOR = 1.2;

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
 * ErGwScale: 1 Gbps per scale unit; 100,000 pps per unit for units 1-10 and 200,000 for units
 * 11-40 [SCALE25] (so 40 units give 40 Gbps and 8,000,000 pps, as that page's sample says).
 */
export function erGwScale(units: number): ErGatewaySku {
  const pps = Math.min(units, 10) * 100_000 + Math.max(units - 10, 0) * 200_000;
  return { sku: `ErGwScale${units}`, capacityBps: units * 1e9, pps, flows: units * 100_000, source: 'SCALE25' };
}

export function erGatewaySku(name: string): ErGatewaySku | undefined {
  const scale = /^ErGwScale(\d+)$/.exec(name);
  if (scale) {
    const units = Number(scale[1]);
    return units >= 1 && units <= 40 ? erGwScale(units) : undefined;
  }
  return ER_GATEWAY_SKUS.find((s) => s.sku === name);
}

export const ER_GATEWAY_SKU_NAMES = [...ER_GATEWAY_SKUS.map((s) => s.sku), 'ErGwScale1..ErGwScale40'];

/** BGP on the MSEE: keepalive 60 s, hold 180 s, fixed on Microsoft's side; negotiated to the lower value [FAQ23][BFD20]. */
export const ER_BGP_KEEPALIVE_NS = 60e9;
export const ER_BGP_HOLD_NS = 180e9;
/** Lowest timers a customer may negotiate: keepalive 3 s, hold 10 s [BFD20]. */
export const ER_BGP_MIN_KEEPALIVE_NS = 3e9;
export const ER_BGP_MIN_HOLD_NS = 10e9;

/** BFD on the MSEE: tx/rx 300 ms ("750 ms in certain scenarios"), multiplier 3 in the sample config [BFD20]. */
export const ER_BFD_INTERVAL_NS = 300e6;
export const ER_BFD_MULTIPLIER = 3;

/** After BFD detects, MSEE to ER gateway convergence takes "up to a minute" [BFD20]. */
export const ER_GATEWAY_CONVERGENCE_MAX_NS = 60e9;

/** VPN gateway BGP is fixed at 60/180 s and has no BFD [VPNFAQ26]. */
export const VPN_BGP_KEEPALIVE_NS = 60e9;
export const VPN_BGP_HOLD_NS = 180e9;
/** Dead peer detection: 45 s by default, 9-3600 s [VPNFAQ26]. */
export const VPN_DPD_TIMEOUT_NS = 45e9;

/** Clamp TCP MSS to 1350 on the VPN, or set the tunnel MTU to 1400 [VPNDEV]. */
export const VPN_TCP_MSS_BYTES = 1350;
export const VPN_TUNNEL_MTU_BYTES = 1400;

/** ESP tunnel mode, AES-256-CBC + HMAC-SHA256-128: 20 IP + 8 ESP + 16 IV + 2 pad + 2 trailer + 16 ICV = 64 B [CALC]. */
export const ESP_TUNNEL_OVERHEAD_BYTES = 64;

/** Published availability of one ExpressRoute circuit with both BGP sessions up [MEGA-SLA][ROUTING16]. */
export const ER_CIRCUIT_SLA = 0.9995;
