/**
 * The typed, validated scenario the simulator runs: every unit resolved (time in ns, rates in
 * bit/s, sizes in bytes, distance in metres, probabilities as fractions) and every default
 * applied. Only sim/scenario/ builds it from a file; every other layer reads it.
 */

import type { TracePackets } from './trace-file';

export type ModelKind = 'cloud-exchange' | 'point-to-point' | 'any-to-any' | 'direct' | 'custom';
export const MODEL_KINDS: readonly ModelKind[] = ['cloud-exchange', 'point-to-point', 'any-to-any', 'direct', 'custom'];

export type NodeRole =
  | 'premises'
  | 'provider'
  | 'msee'
  | 'er-gateway'
  | 'vnet'
  | 'internet'
  | 'vpn-gateway';
export const NODE_ROLES: readonly NodeRole[] = ['premises', 'provider', 'msee', 'er-gateway', 'vnet', 'internet', 'vpn-gateway'];

export type QueueLimit = { bytes: number } | { ns: number };

/**
 * A property each direction of a link has on its own. Forward is from the end a link's id names
 * first to the end it names second: on every template link, from the premises toward Azure (or
 * toward the provider's core); on a custom link, from `from` to `to` (README, "Each direction").
 */
export interface PerDirection<T> {
  forward: T;
  reverse: T;
}

/** Properties of one link after defaults: the same both ways but for loss and jitter. */
export interface LinkProps {
  capacityBps: number;
  delayNs: number;
  mtuBytes: number;
  /** Drop-tail limit of each direction's queue: in bytes, or as the time it takes to drain at the link's capacity. */
  queue: QueueLimit;
  /** Bernoulli drop probability per packet, 0..1. */
  loss: PerDirection<number>;
  /** Half-width of the uniform extra delay per packet, as netem's `delay D J`. */
  jitterNs: PerDirection<number>;
  /** When false (the default) jitter never lets a packet overtake the one before it. */
  reorder: boolean;
}

/** A partial override of link properties by link id, e.g. `{ link: "hq--hq-ce", loss: 0.001 }`. */
export interface LinkOverride extends Partial<LinkProps> {
  link: string;
  /** Field path in the file, for error messages. */
  path: string;
}

export interface SiteConfig {
  name: string;
  /** Fibre distance from the site to where its connection enters the provider or the colo, metres. */
  distanceM: number;
  /** Access link (site to its edge router or provider PE); its delay comes from `distanceM`. */
  access: LinkProps;
}

export interface CircuitConfig {
  /** "circuit" for a scenario's single `circuit` block; the given name in `circuits[]`. With several circuits it prefixes their nodes (`<name>-msee-primary`). */
  name: string;
  /** Connection weight at the ExpressRoute gateway: the VNet prefers the circuits of highest weight, ECMP among equals [DR19][OPT25]. */
  weight: number;
  /** Fibre distance from a site to this circuit's entry (colo, provider edge or Direct routers), metres, by site name; sites not listed use their `distanceM`. */
  siteDistanceM: Record<string, number>;
  /** Purchased bandwidth: the policer rate on each leg and each direction. */
  bandwidthBps: number;
  /** 2: the customer runs BGP with the MSEEs; 3: the provider does (managed Layer 3). */
  layer: 2 | 3;
  bfd: boolean;
  /** Physical speed of the ports and cross-connects on each leg. */
  portBps: number;
  /** Largest packet the ExpressRoute path carries unfragmented. */
  mtuBytes: number;
  /** Token bucket depth of each leg's policer. */
  policerBurstBytes: number;
  /** Police each leg at `bandwidthBps` (always on for provider circuits; opt-in on Direct). */
  policed: boolean;
  /** Distance from the provider's edge (or the customer's router on Direct) to the MSEEs, metres. */
  peeringDistanceM: number;
  peeringLocation: string;
  /** ExpressRoute Premium: raises the private peering prefix limit from 4,000 to 10,000 [FAQ23]. */
  premium: boolean;
}

export interface GatewayConfig {
  sku: string;
  /** Aggregate bit rate the gateway forwards in each direction. */
  capacityBps: number;
  /** Packets per second it forwards in each direction. */
  pps: number;
  /** Distance over the Microsoft backbone from the MSEEs to the gateway's region, metres. */
  regionDistanceM: number;
}

export type PeriodDist = { dist: 'exponential'; meanNs: number } | { dist: 'pareto'; meanNs: number; shape: number };

export type FlowKind = 'cbr' | 'poisson' | 'onoff' | 'tcp' | 'request' | 'trace';
export type FlowModel = 'packet' | 'fluid';

/** The transport of `tcp` and `request` flows. */
export interface TcpConfig {
  /** Congestion control: NewReno (RFC 6582) or CUBIC (RFC 9438). */
  cc: 'newreno' | 'cubic';
  /** Acknowledge every second full segment (or after `delayedAckNs`), as RFC 1122 allows; false: every segment. */
  delayedAck: boolean;
  delayedAckNs: number;
  /** Selective acknowledgements (RFC 2018) with SACK-based loss recovery (RFC 6675), as every current stack has; false: plain NewReno recovery, one hole per round trip. */
  sack: boolean;
  /** Receiver window (the most unacknowledged data the receiver allows), bytes. */
  rwndBytes: number;
  /** Lower bound of the retransmission timeout (RFC 6298 says 1 s; Linux uses 200 ms). */
  minRtoNs: number;
  /** Upper bound of the retransmission timeout after backoff. */
  maxRtoNs: number;
  /** Initial congestion window, segments (RFC 6928: 10). */
  initialWindowSegments: number;
  /** Loss recovery with SACK: Proportional Rate Reduction (RFC 6937, Linux's) or RFC 6675's, which sends up to ssthresh at once. */
  recovery: 'prr' | 'rfc6675';
  /** Slow start: HyStart++ (RFC 9406), which leaves it when the round-trip time rises, or RFC 5681's, which runs until a loss. */
  slowStart: 'hystart++' | 'standard';
  /** Pace data at a rate from cwnd / SRTT (Linux's fq: twice it in slow start, 1.2 times in congestion avoidance) instead of sending each window's room at once. */
  pacing: boolean;
  /** Segment payload; undefined: from the path MTU at connection start less 40 B of headers, and no more than the VPN's clamp when the path crosses it. */
  mssBytes: number | undefined;
}

/** Request/response traffic: each request opens a TCP connection, sends its bytes, and waits for the response. */
export interface RequestConfig {
  /** Mean requests per second (Poisson arrivals). */
  ratePerS: number;
  requestBytes: number;
  responseBytes: number;
  /** The application gives up on a request that has not completed after this long. */
  timeoutNs: number;
}

/** A `kind: trace` flow: packets replayed from a file, at the times trace-schedule.ts gives. */
export interface TraceConfig {
  /** The file as the scenario names it (relative to the scenario file). */
  file: string;
  /** One pass of the trace: the packets taken from the file. */
  packets: TracePackets;
  /** The trace time sent at the flow's start. */
  offsetNs: number;
  /** The trace repeats every loopNs; undefined: it is sent once. */
  loopNs: number | undefined;
}

export interface FlowConfig {
  name: string;
  kind: FlowKind;
  /** A site name or "vnet". */
  from: string;
  to: string;
  /** cbr/poisson/onoff: mean offered rate while on, bit/s, counting whole IP packets (0 for tcp and request); trace: its mean rate from start to stop. */
  rateBps: number;
  /** cbr/poisson/onoff: IP packet size; trace: the mean size of the packets it sends. */
  sizeBytes: number;
  /** packet: every packet is simulated; fluid (cbr and poisson only): a rate shared max-min fairly over its path (sim/net/fluid-network.ts). */
  model: FlowModel;
  startNs: number;
  /** Sources stop sending at this time (the scenario duration when not given). */
  stopNs: number;
  /** on-off only. */
  on?: PeriodDist;
  off?: PeriodDist;
  /** tcp and request only. */
  tcp?: TcpConfig;
  /** tcp only: bytes to transfer; undefined: unbounded (until `stop`). */
  totalBytes?: number | undefined;
  /** request only. */
  request?: RequestConfig;
  /** trace only. */
  trace?: TraceConfig;
  /** Field path in the file, for error messages. */
  path: string;
}

/**
 * How a failure shows itself. silent: a fibre cut or a hung router; the peers notice only when
 * BFD or the BGP hold timer says so. admin: a planned shutdown; BGP withdraws at once.
 */
export type FailureMode = 'silent' | 'admin';

export type LifetimeDist =
  | { dist: 'exponential'; meanNs: number }
  | { dist: 'weibull'; meanNs: number; shape: number };

/**
 * A failure of one target. Targets: a link id, a node id, or one of: "circuit" (both legs),
 * "primary", "secondary", "provider" (every provider node), "peering-location" (everything
 * at the circuit's peering location), "internet" (every site's internet path),
 * "vpn-gateway" (its active instance), "er-gateway".
 */
export type FailureConfig = {
  target: string;
  mode: FailureMode;
  /** Field path in the file, for error messages. */
  path: string;
  /**
   * A prefix leak (`kind: prefix-leak`): the prefix count advertised while it lasts, in place of
   * the usual count; undefined for an outage, which takes its target down.
   */
  prefixes: number | undefined;
} & (
  | {
      kind: 'scheduled';
      atNs: number;
      /** Down for this long; forever when not given. */
      forNs: number | undefined;
    }
  | {
      kind: 'random';
      /** Time to failure, drawn afresh after each repair (a renewal process). */
      ttf: LifetimeDist;
      /** Time to repair. */
      ttr: LifetimeDist;
    }
);

export interface BgpTimers {
  keepaliveNs: number;
  holdNs: number;
}

export interface RoutingConfig {
  /**
   * The customer's (or provider's) BGP timers toward the MSEEs. A session runs at the lower of
   * these and the MSEE's fixed 60/180 s [FAQ23][BFD20].
   */
  erBgp: BgpTimers;
  /** BFD transmit/receive interval and detect multiplier, used when circuit.bfd is on [BFD20]. */
  bfdIntervalNs: number;
  bfdMultiplier: number;
  /** From the MSEEs noticing a session change to the ExpressRoute gateway acting on it ("up to a minute" [BFD20]). */
  gatewayConvergenceNs: number;
  /** From an on-premises router noticing a session change to its forwarding table acting on it. */
  premisesConvergenceNs: number;
  /** After a repair, how long a BGP session takes to come back (connect, OPEN, first routes). */
  reestablishNs: number;
  /** On-premises routers give ExpressRoute routes a higher local preference than VPN routes, as recommended [COEX23]. */
  premisesPreferEr: boolean;
  /** Active/passive legs: the secondary's routes carry a prepended AS path, so both sides prefer the primary [HA19]. */
  activePassive: boolean;
  /** Prefixes on-premises advertises to the MSEEs (limit 4,000, 10,000 with Premium [FAQ23]) and to the VPN gateway (limit 4,000 [VPNFAQ26]). */
  advertisedPrefixes: number;
  /** Prefixes the ExpressRoute gateway advertises to on-premises over each connection (limit 1,000 [FAQ23]). */
  vnetPrefixes: number;
  /** The virtual network runs IPv4 and IPv6: ExpressRoute and VPN coexistence is not supported there [COEX23]. Read by the review only. */
  dualStack: boolean;
}

export interface InternetPath {
  /** The site's internet access capacity. */
  bandwidthBps: number;
  /** One-way latency of the internet path from the site to the VPN gateway. */
  latencyNs: number;
  /** Half-width of the uniform extra delay per packet; forward is from the site toward the VPN gateway. */
  jitterNs: PerDirection<number>;
  /** Long-run packet loss, 0..1. */
  loss: PerDirection<number>;
  /** Mean length of a loss burst in packets (Gilbert-Elliott); 1 is independent (Bernoulli) loss. */
  lossBurst: PerDirection<number>;
}

export interface VpnConfig {
  sku: string;
  /** Aggregate throughput of the gateway (all tunnels), per direction [VPNTBL23]. */
  capacityBps: number;
  /** Throughput of one tunnel [VPNSKU23]. */
  tunnelBps: number;
  /** Packets per second of one tunnel, GCM AES-256 [VPNSKU23]. */
  tunnelPps: number;
  /** S2S tunnels the SKU allows [VPNTBL23]. */
  maxTunnels: number;
  /** Sites with a tunnel (all sites by default). */
  sites: string[];
  /** The internet path of each site with a tunnel, by site name. */
  internet: Record<string, InternetPath>;
  /** BGP over the tunnel: fixed 60/180 s on Azure's side, no BFD [VPNFAQ26]. */
  bgp: BgpTimers;
  /** IKE dead peer detection timeout [VPNFAQ26]. */
  dpdTimeoutNs: number;
  /** Active-standby instance failover: planned and unplanned [VPNHA16][VPNHA24]. */
  plannedFailoverNs: number;
  unplannedFailoverNs: number;
  /** Largest inner packet the tunnel carries; larger ones are dropped, never fragmented [VPNFAQ26][VPNDEV]. */
  tunnelMtuBytes: number;
  /** ESP tunnel mode bytes added to each packet on the internet tunnels [CALC], with NAT-T's UDP header when on [HAMWAN]. */
  espOverheadBytes: number;
  /** MSS that TCP is clamped to over the tunnel [VPNDEV]. */
  tcpMssBytes: number;
  /**
   * Prefix length of each site's routes advertised over the VPN, and over ExpressRoute. Azure
   * takes the longest prefix first, so a VPN more specific than ExpressRoute wins for good [COEX23].
   */
  vpnPrefixLength: number;
  erPrefixLength: number;
  /** Route-based (the only type that coexists with ExpressRoute [COEX23]) or policy-based. Read by the review only. */
  type: VpnType;
}

/** The IPsec tunnels over ExpressRoute private peering: from each site to a VPN gateway behind the ExpressRoute gateway. */
export interface IpsecOverEr {
  sku: string;
  /** Aggregate and per-tunnel throughput of the gateway ending the tunnels [VPNTBL23][VPNSKU23]. */
  capacityBps: number;
  tunnelBps: number;
  tunnelPps: number;
  espBytes: number;
  /** Largest inner packet: the circuit's MTU less the ESP bytes, so the encrypted packet still fits. */
  innerMtuBytes: number;
}

export interface EncryptionConfig {
  /** Bytes MACsec adds to each frame on the Direct ports (0: off) [ERENC23]. */
  macsecBytes: number;
  ipsec: IpsecOverEr | undefined;
}

export type VpnType = 'route-based' | 'policy-based';

export interface CustomNode {
  id: string;
  role: NodeRole;
  site: string;
}

export interface CustomLink extends LinkProps {
  from: string;
  to: string;
  leg: Leg | null;
  /** Police this link at this rate in each direction (0: not policed). */
  policeBps: number;
  path: string;
}

export type Leg = 'primary' | 'secondary';

export interface Scenario {
  /** Where it came from, for messages. */
  file: string;
  name: string;
  description: string;
  /** A business-critical workload, judged by the advice for one [RESIL]. Read by the review only. */
  critical: boolean;
  model: ModelKind;
  seed: number;
  durationNs: number;
  /** Width of one row of timeseries.csv. */
  intervalNs: number;
  /** The first (often the only) circuit: `circuits[0]`. */
  circuit: CircuitConfig;
  /** Every circuit, in file order; one when the file has a `circuit` block. */
  circuits: CircuitConfig[];
  gateway: GatewayConfig;
  sites: SiteConfig[];
  /** Default properties of every link the templates create; sites, the circuit and overrides refine them. */
  linkDefaults: Omit<LinkProps, 'capacityBps' | 'delayNs'>;
  linkOverrides: LinkOverride[];
  custom: { nodes: CustomNode[]; links: CustomLink[] } | undefined;
  traffic: FlowConfig[];
  failures: FailureConfig[];
  routing: RoutingConfig;
  /** The site-to-site VPN that backs up ExpressRoute, when the scenario has one. */
  vpn: VpnConfig | undefined;
  encryption: EncryptionConfig;
  /** The document as read, after `--set` edits: written to run.json. */
  source: unknown;
}
