/**
 * Defaults of the scenario file. Those that are ersim's modelling choices carry their reason
 * here; facts about ExpressRoute and VPN gateways come from ../domain/expressroute.ts with
 * their sources. All are written as the file would write them, so the schema's descriptions
 * show exactly what the resolver applies.
 */
import {
  BGP_REESTABLISH_NS,
  ER_BFD_INTERVAL_NS,
  ER_BFD_MULTIPLIER,
  ER_BGP_HOLD_NS,
  ER_BGP_KEEPALIVE_NS,
  ER_GATEWAY_CONVERGENCE_NS,
  ER_MTU_BYTES,
  ESP_TUNNEL_OVERHEAD_BYTES,
  ETHERNET_MTU_BYTES,
  TCP_DELAYED_ACK_NS,
  TCP_INITIAL_WINDOW_SEGMENTS,
  TCP_MAX_RTO_NS,
  TCP_MIN_RTO_LINUX_NS,
  VPN_BGP_HOLD_NS,
  VPN_BGP_KEEPALIVE_NS,
  VPN_DPD_TIMEOUT_NS,
  VPN_PLANNED_FAILOVER_NS,
  VPN_TCP_MSS_BYTES,
  VPN_TUNNEL_MTU_BYTES,
  VPN_UNPLANNED_FAILOVER_NS,
} from '../domain/expressroute';
import { formatDuration } from './units';

export const DEFAULTS = {
  seed: 1,
  // Not every workload is business critical; a design says so to be judged by the stricter advice [RESIL].
  critical: false,
  interval: '1s',
  circuit: {
    // The name of the one circuit of a `circuit` block (a `circuits` list names its own).
    name: 'circuit',
    // circuits[] only: every connection starts at Azure's default weight, so the VNet spreads over them [DR19].
    weight: 0,
    // The smallest common provider circuit size that still carries a realistic site's traffic.
    bandwidth: '1Gbps',
    // BFD is configured by default on the MSEEs [BFD20].
    bfd: true,
    port: '10Gbps',
    mtu: `${ER_MTU_BYTES}B`,
    // A provider edge in the same building or campus as the MSEEs.
    peeringDistance: '1km',
    peeringLocation: 'peering-location',
    // ExpressRoute Standard; Premium is an add-on (more prefixes, VNet links, global reach) [FAQ23].
    premium: false,
  },
  gateway: {
    sku: 'ErGw1Az',
    // An Azure region in the same metro as the peering location.
    regionDistance: '100km',
  },
  site: { distance: '10km' },
  link: {
    mtu: `${ETHERNET_MTU_BYTES}B`,
    // A shallow drop-tail buffer, so that congestion shows as loss rather than as seconds of delay.
    queue: '10ms',
    loss: '0%',
    jitter: '0ms',
    reorder: false,
  },
  flow: {
    size: '1000B',
    start: '0s',
    // cbr and poisson flows from this rate up are fluid: a packet each at 2 Gbps already costs about as many events per simulated second as the kernel runs per wall second.
    fluidFrom: '2Gbps',
  },
  // The TCP of tcp and request flows.
  tcp: {
    // CUBIC is the default of Linux (since 2.6.19) and of Windows (since Windows 10 1709).
    cc: 'cubic',
    delayedAck: true,
    sack: true,
    // Linux's defaults: PRR since 3.2, a delay-based slow-start exit (HyStart) with CUBIC; pacing only with the fq qdisc or BBR.
    recovery: 'prr',
    slowStart: 'hystart++',
    pacing: false,
    delayedAckTimeout: formatDuration(TCP_DELAYED_ACK_NS),
    // Enough not to limit 1 Gbps at 100 ms of RTT (12.5 MB in flight); Windows' receive-window autotuning reaches 16 MB (window scale 8).
    rwnd: '16MB',
    // Linux's, the stack of most cloud servers; RFC 6298 recommends a more cautious 1 s.
    minRto: formatDuration(TCP_MIN_RTO_LINUX_NS),
    maxRto: formatDuration(TCP_MAX_RTO_NS),
    initialWindow: TCP_INITIAL_WINDOW_SEGMENTS,
  },
  request: {
    // A small API call and a response of about 47 segments: well past the initial window, so slow start shows.
    requestSize: '1KB',
    responseSize: '64KB',
    // Room for five backed-off retransmission timeouts from 200 ms (6.2 s) before the application gives up.
    timeout: '10s',
  },
  period: {
    mean: '1s',
    // 1 < shape < 2 gives heavy-tailed periods whose sum is self-similar traffic; 1.5 is the usual choice.
    paretoShape: 1.5,
  },
  failure: {
    // A silent failure is the hard case: nobody is told, the timers must notice.
    mode: 'silent',
    dist: 'exponential',
    // Weibull shape 1 is the exponential: no wear-in, no wear-out.
    weibullShape: 1,
    kind: 'outage',
  },
  routing: {
    bgp: { keepalive: formatDuration(ER_BGP_KEEPALIVE_NS), hold: formatDuration(ER_BGP_HOLD_NS) },
    bfd: { interval: formatDuration(ER_BFD_INTERVAL_NS), multiplier: ER_BFD_MULTIPLIER },
    gatewayConvergence: formatDuration(ER_GATEWAY_CONVERGENCE_NS),
    // On-premises routers that act on a session change at once; set it to study slow ones.
    premisesConvergence: '0s',
    reestablish: formatDuration(BGP_REESTABLISH_NS),
    // The recommended setup when a VPN backs up ExpressRoute [COEX23][S2SBK].
    premisesPreferEr: true,
    // Both legs active, as Microsoft recommends [HA19].
    activePassive: false,
    // A handful of site ranges: far under every limit (4,000 to the MSEEs [FAQ23], 4,000 to the VPN gateway [VPNFAQ26]).
    advertisedPrefixes: 10,
    // One VNet address space, as the gateway advertises it to on-premises (limit 1,000 per connection [FAQ23]).
    vnetPrefixes: 1,
    // IPv4 only: coexistence of ExpressRoute and a VPN is not supported on a dual-stack VNet [COEX23].
    dualStack: false,
  },
  vpn: {
    // The smallest SKU whose 1.25 Gbps carries the default 1 Gbps circuit's traffic when it fails over [VPNTBL23],
    // zone-redundant: VpnGw1-5 "should not be used to create new VPN gateways" [VPNTBL26].
    sku: 'VpnGw2AZ',
    // A business internet line to a nearby Azure region: 10 ms one way, a little jitter and loss.
    internet: { bandwidth: '1Gbps', latency: '10ms', jitter: '1ms', loss: '0.01%', lossBurst: 1 },
    bgp: { keepalive: formatDuration(VPN_BGP_KEEPALIVE_NS), hold: formatDuration(VPN_BGP_HOLD_NS) },
    dpdTimeout: formatDuration(VPN_DPD_TIMEOUT_NS),
    plannedFailover: formatDuration(VPN_PLANNED_FAILOVER_NS),
    unplannedFailover: formatDuration(VPN_UNPLANNED_FAILOVER_NS),
    tunnelMtu: `${VPN_TUNNEL_MTU_BYTES}B`,
    espOverhead: `${ESP_TUNNEL_OVERHEAD_BYTES}B`,
    // Neither end behind a NAT: Azure's gateway has a public address, and so, by default, has the site's device.
    natTraversal: false,
    tcpMss: `${VPN_TCP_MSS_BYTES}B`,
    // Site routes advertised as /16 over both paths: ExpressRoute wins, the VPN is a backup [COEX23].
    erPrefixLength: 16,
    // The only type that coexists with ExpressRoute [COEX23].
    type: 'route-based',
  },
  encryption: {
    // ExpressRoute traffic is not encrypted by default; MACsec is off on Direct ports by default [ERENC23].
    macsec: false,
    macsecSci: false,
    ipsec: false,
  },
} as const;
