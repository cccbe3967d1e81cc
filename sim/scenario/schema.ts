/**
 * The scenario file's schema: the one definition of its shape, written with TypeBox. Ajv checks
 * documents against it, write-json-schema.ts publishes it for editors, and every field's
 * description (with its unit and default) becomes an editor tooltip. Rules that span fields
 * (names that must exist, model-specific limits) are checked afterwards by resolve-scenario.ts.
 * A traffic flow's schema is in schema-traffic.ts; the builders of every field in schema-fields.ts.
 */
import { Type, type Static } from '@sinclair/typebox';
import {
  BFD_MAX_MULTIPLIER,
  DIRECT_PORT_BPS,
  ER_BFD_MIN_INTERVAL_NS,
  ER_BGP_MIN_HOLD_NS,
  ER_BGP_MIN_KEEPALIVE_NS,
  ER_CONNECTION_MAX_WEIGHT,
  ER_GATEWAY_SKU_NAMES,
  ER_GATEWAY_SKUS,
  ER_GATEWAY_TO_PREMISES_PREFIX_LIMIT,
  ER_MAX_ECMP_CIRCUITS,
  ER_PRIVATE_PEERING_PREFIX_LIMIT,
  ER_PRIVATE_PEERING_PREFIX_LIMIT_PREMIUM,
  erGatewayMaxConnections,
  IP_MAX_PACKET_BYTES,
  IPV4_MIN_MTU_BYTES,
  NAT_T_UDP_BYTES,
  POLICER_BURST_NS,
  VPN_DPD_MAX_TIMEOUT_NS,
  VPN_DPD_MIN_TIMEOUT_NS,
  VPN_GATEWAY_PREFIX_LIMIT,
  VPN_GATEWAY_SKU_NAMES,
} from '../domain/expressroute';
import { NS_PER_MS, NS_PER_S } from '../kernel/time';
import { DEFAULTS } from './defaults';
import { bool, type Default, described, measure, NAME_PATTERN, name, O, object, oneOf, perDirection, REQUIRED } from './schema-fields';
import { Flow } from './schema-traffic';
import { MODEL_KINDS, NODE_ROLES } from './types';
import { DISTANCE, DURATION, formatDuration, PERCENT, RATE, SIZE, SIZE_OR_DURATION_PATTERN } from './units';

export { NAME_PATTERN } from './schema-fields';
export type { FlowDocument, PeriodDocument } from './schema-traffic';

export const SCHEMA_ID = 'urn:ersim:scenario';

const QUEUE_EXPECTED = `a size such as "256KB" or a duration such as "10ms" (the time to drain the queue at the link's capacity)`;

/** What a string with this pattern should look like, for the messages of schema-issues.ts. */
/** A distance, or a range of them for the members of a site group: "50km..500km". */
export const DISTANCE_RANGE_PATTERN = `^(?:${DISTANCE.pattern.slice(1, -1)})(?:\\.\\.(?:${DISTANCE.pattern.slice(1, -1)}))?$`;
/** The most sites one group may stand for. */
export const MAX_GROUP_COUNT = 100_000;

export const PATTERN_EXPECTATIONS: ReadonlyMap<string, string> = new Map([
  ...[RATE, DURATION, SIZE, DISTANCE, PERCENT].map((k): [string, string] => [k.pattern, k.expected]),
  [DISTANCE_RANGE_PATTERN, 'a distance such as "20km", or a range such as "50km..500km"'],
  [SIZE_OR_DURATION_PATTERN, QUEUE_EXPECTED],
  [NAME_PATTERN, 'a name of 1 to 64 letters, digits, ".", "_" or "-", not starting with "." or "-"'],
]);

const L = DEFAULTS.link;
const R = DEFAULTS.routing;
const V = DEFAULTS.vpn;

/** Link properties shared by linkDefaults, linkOverrides and custom links; `dflt` says where each one's default comes from. */
function linkFields(dflt: (field: keyof typeof L) => Default | undefined) {
  return {
    mtu: O(measure(SIZE, `Largest IP packet the link carries unfragmented, ${IPV4_MIN_MTU_BYTES}B to ${IP_MAX_PACKET_BYTES}B.`, dflt('mtu'))),
    queue: O(Type.String({ pattern: SIZE_OR_DURATION_PATTERN, ...described(`Drop-tail limit of each direction's queue: ${QUEUE_EXPECTED}.`, dflt('queue')) })),
    loss: O(perDirection('Probability that the link drops a packet at random, 0% to 100%.', dflt('loss'), (d) => measure(PERCENT, d))),
    jitter: O(perDirection('Half-width of a uniform extra delay per packet, like netem `delay D J`.', dflt('jitter'), (d) => measure(DURATION, d))),
    reorder: O(bool('Let jitter reorder packets; when false a packet never overtakes the one before it.', dflt('reorder'))),
  };
}

const fromLinkDefaults = (field: string): Default => ({ text: `linkDefaults.${field}` });

/** The fields of an internet path, shared by vpn.internet and a site's override; `dflt` says where each one's default comes from. */
function internetFields(dflt: (field: keyof typeof V.internet) => Default) {
  return {
    bandwidth: O(measure(RATE, "The site's internet access capacity.", dflt('bandwidth'))),
    latency: O(measure(DURATION, 'One-way latency of the internet path from the site to the VPN gateway.', dflt('latency'))),
    jitter: O(perDirection('Half-width of a uniform extra delay per packet; forward is from the site toward the VPN gateway.', dflt('jitter'), (d) => measure(DURATION, d))),
    loss: O(perDirection('Long-run packet loss of the path, 0% to 100%; forward is from the site toward the VPN gateway.', dflt('loss'), (d) => measure(PERCENT, d))),
    lossBurst: O(
      perDirection('Mean length of a loss burst in packets (Gilbert-Elliott), 1 or more; 1 is independent (Bernoulli) loss.', dflt('lossBurst'), (description) =>
        Type.Number({ minimum: 1, description }),
      ),
    ),
  };
}

function bgpTimers(description: string, dflt: { keepalive: string; hold: string }) {
  return object(
    {
      keepalive: O(measure(DURATION, `Interval between BGP keepalives, at least ${formatDuration(ER_BGP_MIN_KEEPALIVE_NS)}.`, dflt.keepalive)),
      hold: O(measure(DURATION, `BGP hold time: the session drops when nothing arrives for this long; at least ${formatDuration(ER_BGP_MIN_HOLD_NS)} and longer than keepalive.`, dflt.hold)),
    },
    description,
  );
}

/** The fields of a circuit, shared by the circuit block and the items of circuits. */
const circuitFields = {
  bandwidth: O(measure(RATE, 'Purchased bandwidth: each leg is policed at this rate in each direction. Any rate above 0 is accepted, for studies.', DEFAULTS.circuit.bandwidth)),
  layer: O(oneOf([2, 3] as const, '2: the customer runs BGP with the MSEEs; 3: the provider does (managed Layer 3). ExpressRoute Direct is always 2.', { text: '3 for any-to-any, else 2' })),
  bfd: O(bool('Run BFD on the BGP sessions with the MSEEs, for sub-second failure detection.', DEFAULTS.circuit.bfd)),
  port: O(measure(RATE, `Physical speed of the ports and cross-connects of each leg. Direct: ${DIRECT_PORT_BPS.map((bps) => `${bps / 1e9}Gbps`).join(', ')}.`, DEFAULTS.circuit.port)),
  mtu: O(measure(SIZE, 'Largest IP packet the ExpressRoute path carries unfragmented.', DEFAULTS.circuit.mtu)),
  policerBurst: O(measure(SIZE, "Token bucket depth of each leg's policer; at least mtu.", { text: `bandwidth x ${POLICER_BURST_NS / NS_PER_MS}ms / 8, at least 2 x mtu (${(1e9 * POLICER_BURST_NS) / NS_PER_S / 8}B at 1Gbps)` })),
  rateLimit: O(bool('Direct only: police each leg at bandwidth (opt-in on Direct); provider circuits are always policed.', false)),
  peeringDistance: O(measure(DISTANCE, "Fibre from the provider's edge (on Direct, the customer's router) to the MSEEs.", DEFAULTS.circuit.peeringDistance)),
  peeringLocation: O(Type.String({ minLength: 1, ...described('Name of the peering location, for labels and for the review (circuits at one location share its outages).', DEFAULTS.circuit.peeringLocation) })),
  premium: O(bool(`ExpressRoute Premium: on-premises may advertise ${ER_PRIVATE_PEERING_PREFIX_LIMIT_PREMIUM} prefixes to the MSEEs instead of ${ER_PRIVATE_PEERING_PREFIX_LIMIT}.`, DEFAULTS.circuit.premium)),
  siteDistance: O(
    Type.Record(
      Type.String(),
      measure(DISTANCE, "Fibre from the site to this circuit's entry."),
      described(
        "Fibre from a site to where this circuit enters the provider or the colo (on Direct, the customer's routers), by site name, e.g. { hq: 45km }; every key is a site name. Not for model custom.",
        { text: "each site's distance" },
      ),
    ),
  ),
};

/** The most circuits any gateway SKU connects. */
const MAX_CIRCUITS = Math.max(...[...ER_GATEWAY_SKUS.map((s) => s.sku), 'ErGwScale40'].map(erGatewayMaxConnections));

/** Circuit connections per SKU, for the description of circuits. */
const CONNECTIONS_TEXT = [
  ['Standard', 'ErGw1Az'],
  ['HighPerformance', 'ErGw2Az'],
  ['UltraPerformance', 'ErGw3Az'],
]
  .map((skus) => `${erGatewayMaxConnections(skus[0]!)} for ${skus.join(', ')}`)
  .concat(`ErGwScale: ${erGatewayMaxConnections('ErGwScale1')} from 1 unit, ${erGatewayMaxConnections('ErGwScale2')} from 2, ${erGatewayMaxConnections('ErGwScale10')} from 10`)
  .join('; ');

const Circuit = object(
  circuitFields,
  'The ExpressRoute circuit: two legs (primary and secondary), each to its own MSEE. Every field has a default. For several circuits, give circuits instead.',
);

const CircuitItem = object(
  {
    name: name('Circuit name, unique among circuits and not a site name; with several circuits it prefixes the ids of their nodes (<name>-msee-primary).', REQUIRED),
    weight: O(
      Type.Integer({
        minimum: 0,
        maximum: ER_CONNECTION_MAX_WEIGHT,
        ...described(
          `Connection weight at the ExpressRoute gateway, 0 to ${ER_CONNECTION_MAX_WEIGHT}: the virtual network sends over the circuits of the highest weight, spreading its traffic over up to ${ER_MAX_ECMP_CIRCUITS} of equal weight (ECMP).`,
          DEFAULTS.circuit.weight,
        ),
      }),
    ),
    ...circuitFields,
  },
  'One ExpressRoute circuit connected to the gateway: two legs (primary and secondary), each to its own MSEE. Every field but name has the default it has in the circuit block.',
);

const Gateway = object(
  {
    sku: O(Type.String({ ...described(`ExpressRoute virtual network gateway SKU: ${ER_GATEWAY_SKU_NAMES.join(', ')}.`, DEFAULTS.gateway.sku), examples: ['ErGw1Az', 'ErGw2Az', 'ErGw3Az', 'ErGwScale4'] })),
    capacity: O(measure(RATE, 'Aggregate rate the gateway forwards in each direction.', { text: "the SKU's rate" })),
    pps: O(Type.Integer({ minimum: 1, ...described('Packets per second the gateway forwards in each direction.', { text: "the SKU's packet rate" }) })),
    regionDistance: O(measure(DISTANCE, "Distance over the Microsoft backbone from the MSEEs to the gateway's Azure region.", DEFAULTS.gateway.regionDistance)),
  },
  'The ExpressRoute gateway of the virtual network. Every field has a default.',
);

const Site = object(
  {
    name: name('Site name, used by traffic from/to and in link ids; not "vnet".', REQUIRED),
    distance: O(measure(DISTANCE, "Fibre from the site to where its connection enters the provider or the colo; a circuit's siteDistance may give another for that circuit.", DEFAULTS.site.distance)),
    bandwidth: O(measure(RATE, "Capacity of the site's access link.", { text: 'circuit.port (with circuits, that of the first)' })),
    loss: O(perDirection('Random loss on the access link, 0% to 100%; forward is from the site.', fromLinkDefaults('loss'), (d) => measure(PERCENT, d))),
    jitter: O(perDirection('Jitter (uniform half-width) on the access link; forward is from the site.', fromLinkDefaults('jitter'), (d) => measure(DURATION, d))),
    internet: O(object(internetFields((f) => ({ text: `vpn.internet.${f}` })), "This site's internet path to the VPN gateway: changes to vpn.internet, field by field. Only with a vpn block.")),
  },
  'An on-premises site (for any-to-any, a branch).',
);

const SiteGroup = object(
  {
    group: name('Group name: its members are the sites <group>-0001, <group>-0002, ... (as many digits as count needs, at least four); traffic from/to and failure targets may name the group (one flow or failure per member) or a member. Not "vnet", nor the name of another site or group.', REQUIRED),
    count: Type.Integer({ minimum: 1, maximum: MAX_GROUP_COUNT, ...described(`How many sites the group stands for, 1 to ${MAX_GROUP_COUNT}.`, REQUIRED) }),
    distance: O(
      Type.String({
        pattern: DISTANCE_RANGE_PATTERN,
        ...described("Each member's fibre distance, as a site's distance: one distance for all, or a range lo..hi spread over the members as spread says.", DEFAULTS.site.distance),
      }),
    ),
    spread: O(oneOf(['even', 'random'] as const, 'How a distance range is spread: even (member i of n at lo + (hi - lo) i / (n - 1)) or random (uniform, drawn from the scenario seed).', 'even')),
    bandwidth: O(measure(RATE, "Capacity of each member's access link.", { text: 'circuit.port (with circuits, that of the first)' })),
    loss: O(measure(PERCENT, "Random loss on each member's access link, 0% to 100%.", fromLinkDefaults('loss'))),
    jitter: O(measure(DURATION, "Jitter (uniform half-width) on each member's access link.", fromLinkDefaults('jitter'))),
    internet: O(object(internetFields((f) => ({ text: `vpn.internet.${f}` })), "Each member's internet path to the VPN gateway: changes to vpn.internet, field by field. Only with a vpn block.")),
  },
  'A group of on-premises sites alike but for their distance (for any-to-any, branches such as stores).',
);

const Routing = object(
  {
    bgp: O(bgpTimers("The customer's (with layer 3, the provider's) BGP timers toward the MSEEs; a session runs at the lower of these and the MSEEs' fixed 60s and 180s.", R.bgp)),
    bfd: O(
      object(
        {
          interval: O(measure(DURATION, `BFD transmit and receive interval, at least ${formatDuration(ER_BFD_MIN_INTERVAL_NS)} (the MSEEs cannot go shorter).`, R.bfd.interval)),
          multiplier: O(Type.Integer({ minimum: 1, maximum: BFD_MAX_MULTIPLIER, ...described(`BFD packets missed in a row that declare the session down, 1 to ${BFD_MAX_MULTIPLIER}.`, R.bfd.multiplier) })),
        },
        'BFD on the sessions with the MSEEs, used when circuit.bfd is true: it detects a failure after interval x multiplier.',
      ),
    ),
    gatewayConvergence: O(measure(DURATION, 'From the MSEEs noticing a session change to the ExpressRoute gateway acting on it (Microsoft says up to a minute).', R.gatewayConvergence)),
    premisesConvergence: O(measure(DURATION, 'From an on-premises router noticing a session change to its forwarding table acting on it.', R.premisesConvergence)),
    reestablish: O(measure(DURATION, 'After a repair, how long a BGP session takes to come back (connect, OPEN, first routes).', R.reestablish)),
    premisesPreferEr: O(bool('On-premises routers give ExpressRoute routes a higher local preference than VPN routes, as Microsoft recommends.', R.premisesPreferEr)),
    activePassive: O(bool("Active/passive legs: the secondary's routes carry a prepended AS path, so both sides prefer the primary.", R.activePassive)),
    advertisedPrefixes: O(
      Type.Integer({
        minimum: 0,
        ...described(
          `Prefixes on-premises advertises to the MSEEs of each circuit (limit ${ER_PRIVATE_PEERING_PREFIX_LIMIT}, ${ER_PRIVATE_PEERING_PREFIX_LIMIT_PREMIUM} with premium) and to the VPN gateway (limit ${VPN_GATEWAY_PREFIX_LIMIT}); over a limit the BGP sessions close and stay closed.`,
          R.advertisedPrefixes,
        ),
      }),
    ),
    vnetPrefixes: O(
      Type.Integer({
        minimum: 0,
        ...described(`Prefixes the ExpressRoute gateway advertises to on-premises over each circuit connection (limit ${ER_GATEWAY_TO_PREMISES_PREFIX_LIMIT}); over it the connections close.`, R.vnetPrefixes),
      }),
    ),
    dualStack: O(bool('The virtual network runs IPv4 and IPv6 (dual stack), where a VPN cannot coexist with ExpressRoute. Read by ersim review only.', R.dualStack)),
  },
  'BGP, BFD and route convergence. Every field has a default.',
);

export const Vpn = object(
  {
    sku: O(Type.String({ ...described(`VPN gateway SKU: ${VPN_GATEWAY_SKU_NAMES.join(', ')}; it sets capacity, tunnelThroughput and the number of tunnels.`, V.sku), examples: ['VpnGw1AZ', 'VpnGw2AZ', 'VpnGw3AZ'] })),
    capacity: O(measure(RATE, 'Aggregate throughput of the gateway, all tunnels together, in each direction.', { text: "the SKU's aggregate throughput" })),
    tunnelThroughput: O(measure(RATE, 'Throughput of one tunnel in each direction.', { text: "the SKU's per-tunnel throughput" })),
    tunnelPps: O(Type.Integer({ minimum: 1, ...described('Packets per second of one tunnel in each direction (a fragment is a packet).', { text: "the SKU's per-tunnel packets per second" }) })),
    sites: O(Type.Array(name('A site with a tunnel to the gateway.'), { minItems: 1, ...described("The sites with a tunnel, by name; at most the SKU's number of tunnels.", { text: 'every site' }) })),
    internet: O(object(internetFields((f) => V.internet[f]), "The internet path of every site with a tunnel; a site's own internet block changes it field by field.")),
    bgp: O(bgpTimers("BGP over the tunnels. Azure's side is fixed at 60s and 180s with no BFD; keep the on-premises side the same.", V.bgp)),
    dpdTimeout: O(measure(DURATION, `IKE dead peer detection timeout, ${formatDuration(VPN_DPD_MIN_TIMEOUT_NS)} to ${formatDuration(VPN_DPD_MAX_TIMEOUT_NS)}.`, V.dpdTimeout)),
    plannedFailover: O(measure(DURATION, "A planned failover of the gateway's active instance to its standby (maintenance).", V.plannedFailover)),
    unplannedFailover: O(measure(DURATION, "An unplanned failover of the gateway's active instance to its standby (a crash).", V.unplannedFailover)),
    tunnelMtu: O(measure(SIZE, 'Largest inner packet a tunnel carries; larger ones are dropped, never fragmented.', V.tunnelMtu)),
    espOverhead: O(measure(SIZE, 'Bytes ESP tunnel mode adds to each packet (outer IP header, ESP header, IV, padding, trailer, ICV); the default is GCM AES-256, the first proposal of Azure.', V.espOverhead)),
    natTraversal: O(bool(`NAT traversal: a NAT between the site's device and the gateway wraps ESP in UDP, ${NAT_T_UDP_BYTES}B more per packet on the internet tunnels.`, V.natTraversal)),
    tcpMss: O(measure(SIZE, 'MSS that TCP is clamped to over the tunnel.', V.tcpMss)),
    erPrefixLength: O(Type.Integer({ minimum: 0, maximum: 32, ...described("Prefix length of each site's routes advertised over ExpressRoute, 0 to 32.", V.erPrefixLength) })),
    type: O(oneOf(['route-based', 'policy-based'] as const, 'VPN gateway type; only route-based coexists with ExpressRoute. Read by ersim review only: the simulation runs both alike.', V.type)),
    vpnPrefixLength: O(
      Type.Integer({
        minimum: 0,
        maximum: 32,
        ...described("Prefix length of each site's routes advertised over the VPN, 0 to 32. Azure takes the longest prefix first, so one longer than erPrefixLength makes the VPN win for good.", { text: 'erPrefixLength' }),
      }),
    ),
  },
  'A site-to-site VPN that backs up ExpressRoute: an active-standby VPN gateway in the virtual network and a tunnel from each site over the internet. Without this block there is no VPN. Not for model custom. Every field has a default.',
);

const E = DEFAULTS.encryption;

export const Encryption = object(
  {
    macsec: O(bool('MACsec on the ExpressRoute Direct ports: every frame on the ports carries a SecTAG and an ICV (24B, or 32B with macsecSci). Model direct only.', E.macsec)),
    macsecSci: O(bool('With macsec: each SecTAG also carries the 8B Secure Channel Identifier.', E.macsecSci)),
    ipsec: O(
      bool(
        "IPsec over ExpressRoute private peering: a tunnel from each site to an Azure VPN gateway reached over the circuit. Every packet between a site and the virtual network carries ESP, its inner packets are limited to the circuit's mtu less the ESP bytes, and the VPN gateway's throughput caps apply. Not for model custom.",
        E.ipsec,
      ),
    ),
    ipsecGateway: O(Type.String({ ...described(`VPN gateway SKU that ends the IPsec tunnels: ${VPN_GATEWAY_SKU_NAMES.join(', ')}.`, { text: `vpn.sku, or ${V.sku} without a vpn block` }), examples: ['VpnGw2AZ', 'VpnGw5AZ'] })),
    espOverhead: O(measure(SIZE, 'Bytes ESP tunnel mode adds to each packet of the IPsec tunnels.', { text: `vpn.espOverhead, or ${V.espOverhead}` })),
  },
  'Encryption of ExpressRoute traffic and what it costs in throughput. Off by default, as on the real service.',
);

const LinkOverride = object(
  {
    link: Type.String({ minLength: 1, ...described('Id of the link to change, as listed in links.csv (e.g. "hq--colo-router").', REQUIRED) }),
    bandwidth: O(measure(RATE, 'Capacity.')),
    delay: O(measure(DURATION, 'One-way propagation delay.')),
    ...linkFields(() => undefined),
  },
  'Changes to one link the model template builds; fields not given keep their value.',
);

const CustomNode = object(
  {
    id: name('Node id, used by custom links and failure targets.', REQUIRED),
    role: oneOf(NODE_ROLES, `What the node is: ${NODE_ROLES.join(', ')}.`, REQUIRED),
    site: O(name('The site the node belongs to; traffic from/to name the sites of premises nodes.', { text: 'the id' })),
  },
  'A node of a custom topology.',
);

const CustomLink = object(
  {
    from: name('Id of one end.', REQUIRED),
    to: name('Id of the other end.', REQUIRED),
    bandwidth: measure(RATE, 'Capacity in each direction.', REQUIRED),
    delay: O(measure(DURATION, 'One-way propagation delay; give delay or distance, not both.', '0s')),
    distance: O(measure(DISTANCE, 'Fibre length, for a delay of 5µs per km; give delay or distance, not both.')),
    ...linkFields(fromLinkDefaults),
    leg: O(oneOf(['primary', 'secondary'] as const, 'The ExpressRoute leg this link belongs to, if any (failure targets primary/secondary).')),
    police: O(measure(RATE, 'Police the link at this rate in each direction.', { text: 'not policed' })),
  },
  'A link of a custom topology, the same in both directions.',
);

const F = DEFAULTS.failure;

const Failure = object(
  {
    kind: O(
      oneOf(
        ['outage', 'prefix-leak'] as const,
        `outage: the target goes down; prefix-leak: the target is advertised prefixes instead of the usual count (a route leak): above the limit its BGP sessions close at once and return once the count is back under it. A prefix leak targets circuit or <circuit name> (on-premises to the MSEEs, limit ${ER_PRIVATE_PEERING_PREFIX_LIMIT}, ${ER_PRIVATE_PEERING_PREFIX_LIMIT_PREMIUM} with premium), er-gateway (the gateway to on-premises, limit ${ER_GATEWAY_TO_PREMISES_PREFIX_LIMIT} per connection) or vpn-gateway (on-premises to the VPN gateway, limit ${VPN_GATEWAY_PREFIX_LIMIT}).`,
        F.kind,
      ),
    ),
    prefixes: O(Type.Integer({ minimum: 0, description: 'Prefix leak only: the prefix count advertised while the leak lasts.' })),
    target: Type.String({
      minLength: 1,
      ...described(
        'What fails: a link id, a node id, or circuit (both legs of every circuit), primary, secondary (that leg of every circuit), <circuit name> or <circuit name>.primary|secondary (one circuit of several), provider (every provider node), peering-location (everything at the first circuit\'s peering location), peering-location:<location>, internet (every site\'s internet path), vpn-gateway (its active instance) or er-gateway.',
        REQUIRED,
      ),
    }),
    mode: O(oneOf(['silent', 'admin'] as const, 'silent: a fibre cut or a hung router, which the peers notice only by BFD or the BGP hold timer; admin: a planned shutdown, whose BGP sessions close at once.', F.mode)),
    at: O(measure(DURATION, 'Scheduled failure: when it goes down; before duration. Give at, or mtbf and mttr.')),
    for: O(measure(DURATION, 'Scheduled failure: how long it stays down.', { text: 'down until the end' })),
    mtbf: O(measure(DURATION, 'Random failure: mean time to failure, drawn afresh after each repair; may exceed the run. Give with mttr, instead of at.')),
    mttr: O(measure(DURATION, 'Random failure: mean time to repair. Give with mtbf.')),
    dist: O(oneOf(['exponential', 'weibull'] as const, 'Random failure: distribution of the times to failure and to repair, with means mtbf and mttr.', F.dist)),
    shape: O(Type.Number({ exclusiveMinimum: 0, ...described('Weibull shape, above 0 (below 1: early failures; 1: exponential; above 1: wear-out); only with dist weibull.', F.weibullShape) })),
  },
  'A failure: scheduled (at, and for) or random, a renewal process of failures and repairs (mtbf and mttr).',
);

export const ScenarioSchema = Type.Object(
  {
    $schema: O(Type.String({ description: 'The JSON Schema an editor checks this file against, e.g. "./ersim-scenario.schema.json"; ignored by ersim.' })),
    name: name('Scenario name; names the result folder results/<name>/.', REQUIRED),
    description: O(Type.String(described('Free text, for people.', ''))),
    critical: O(bool('The workload is business critical: Microsoft recommends circuits at two peering locations for it, not a VPN as the only backup. Read by ersim review only.', DEFAULTS.critical)),
    model: oneOf(
      MODEL_KINDS,
      'Connectivity model: cloud-exchange (a cross-connect in a co-location facility), point-to-point (provider Ethernet), any-to-any (the provider\'s IPVPN/MPLS, with the branches as sites), direct (ExpressRoute Direct: your own ports on the MSEEs) or custom (the nodes and links of block custom).',
      REQUIRED,
    ),
    duration: measure(DURATION, 'Simulated time, above 0 and at most 104d (the clock horizon of 2^53 ns).', REQUIRED),
    seed: O(Type.Integer({ minimum: 0, maximum: 2 ** 32 - 1, ...described('Master seed of every random stream, 0 to 4294967295; the same scenario and seed give byte-identical results.', DEFAULTS.seed) })),
    interval: O(measure(DURATION, 'Width of one row of timeseries.csv, above 0 and at most duration.', { text: `${DEFAULTS.interval}, or duration if that is shorter` })),
    circuit: O(Circuit),
    circuits: O(
      Type.Array(CircuitItem, {
        minItems: 1,
        maxItems: MAX_CIRCUITS,
        ...described(
          `Several ExpressRoute circuits connected to the one gateway, in place of circuit: at most the gateway SKU's circuit connections (${CONNECTIONS_TEXT}). Not for model custom.`,
          { text: 'one circuit, as the circuit block says' },
        ),
      }),
    ),
    gateway: O(Gateway),
    sites: O(Type.Array(Type.Union([Site, SiteGroup]), { minItems: 1, description: 'On-premises sites, each one site or a group of them. Required for every model but custom.' })),
    linkDefaults: O(object(linkFields((f) => L[f]), 'Properties of every link the model templates build, unless a site or an override says otherwise.')),
    linkOverrides: O(Type.Array(LinkOverride, described('Changes to single links of the model template, by link id.', { text: 'none' }))),
    custom: O(
      object(
        {
          nodes: Type.Array(CustomNode, { minItems: 1, ...described('The nodes, with unique ids.', REQUIRED) }),
          links: Type.Array(CustomLink, { minItems: 1, ...described('The links between nodes.', REQUIRED) }),
        },
        'The topology of model custom (and only of it).',
      ),
    ),
    traffic: O(Type.Array(Flow, described('Traffic flows: packet sources (cbr, poisson, onoff), TCP bulk transfers (tcp) and TCP requests and responses (request).', { text: 'none' }))),
    failures: O(Type.Array(Failure, described('Scheduled and random failures.', { text: 'none' }))),
    routing: O(Routing),
    vpn: O(Vpn),
    encryption: O(Encryption),
  },
  {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'ersim scenario',
    description: 'A scenario for ersim, the discrete-event simulator of Azure ExpressRoute connectivity models: a YAML or JSON file. Units are written after the number with no space: 1Gbps, 2ms, 1500B, 20km, 0.1%.',
    additionalProperties: false,
  },
);

/** A document that passed the schema, as the file has it (sites may be groups). */
export type ScenarioFileDocument = Static<typeof ScenarioSchema>;
export type SiteDocument = Static<typeof Site>;
export type SiteGroupDocument = Static<typeof SiteGroup>;
/** A document with its groups expanded into their members (site-groups.ts): the resolver's input. */
export type ScenarioDocument = Omit<ScenarioFileDocument, 'sites'> & { sites?: SiteDocument[] };
export type CircuitDocument = Static<typeof Circuit>;
export type CircuitItemDocument = Static<typeof CircuitItem>;
export type FailureDocument = Static<typeof Failure>;
export type BgpTimersDocument = Static<ReturnType<typeof bgpTimers>>;
