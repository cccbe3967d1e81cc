/**
 * The scenario file's schema: the one definition of its shape, written with TypeBox. Ajv checks
 * documents against it, write-json-schema.ts publishes it for editors, and every field's
 * description (with its unit and default) becomes an editor tooltip. Rules that span fields
 * (names that must exist, model-specific limits) are checked afterwards by resolve-scenario.ts.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DIRECT_PORT_BPS, ER_GATEWAY_SKU_NAMES, IP_MAX_PACKET_BYTES, IP_MIN_PACKET_BYTES, IPV4_MIN_MTU_BYTES, POLICER_BURST_NS } from '../domain/expressroute';
import { NS_PER_MS, NS_PER_S } from '../kernel/time';
import { DEFAULTS } from './defaults';
import { MODEL_KINDS, NODE_ROLES } from './types';
import { DISTANCE, DURATION, PERCENT, RATE, SIZE, SIZE_OR_DURATION_PATTERN, type UnitKind } from './units';

export const SCHEMA_ID = 'urn:ersim:scenario';

/** Scenario, site, flow and node names: safe in file names, link ids and CSV cells. */
export const NAME_PATTERN = '^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$';

const QUEUE_EXPECTED = `a size such as "256KB" or a duration such as "10ms" (the time to drain the queue at the link's capacity)`;

/** What a string with this pattern should look like, for the messages of schema-issues.ts. */
export const PATTERN_EXPECTATIONS: ReadonlyMap<string, string> = new Map([
  ...[RATE, DURATION, SIZE, DISTANCE, PERCENT].map((k): [string, string] => [k.pattern, k.expected]),
  [SIZE_OR_DURATION_PATTERN, QUEUE_EXPECTED],
  [NAME_PATTERN, 'a name of 1 to 64 letters, digits, ".", "_" or "-", not starting with "."'],
]);

/** A default that the schema can state (`default` keyword) or only describe (`{ text }`), or none: REQUIRED. */
type Default = string | number | boolean | { text: string } | typeof REQUIRED;
const REQUIRED = { required: true } as const;

function described(description: string, dflt: Default | undefined): { description: string; default?: unknown } {
  if (dflt === undefined) return { description };
  if (typeof dflt === 'object') return { description: 'text' in dflt ? `${description} Default: ${dflt.text}.` : `${description} Required.` };
  return { description: `${description} Default: ${dflt === '' ? '""' : dflt}.`, default: dflt };
}

function measure(kind: UnitKind, description: string, dflt?: Default) {
  const unit = kind.expected[0]!.toUpperCase() + kind.expected.slice(1);
  return Type.String({ pattern: kind.pattern, ...described(`${description} ${unit}.`, dflt) });
}

function oneOf<T extends string | number>(values: readonly T[], description: string, dflt?: Default) {
  const type = typeof values[0] === 'number' ? 'integer' : 'string';
  return Type.Unsafe<T>({ type, enum: [...values], ...described(description, dflt) });
}

function name(description: string, dflt?: Default) {
  return Type.String({ pattern: NAME_PATTERN, ...described(`${description} 1 to 64 letters, digits, ".", "_" or "-", not starting with ".".`, dflt) });
}

function bool(description: string, dflt?: Default) {
  return Type.Boolean(described(description, dflt));
}

/** Every object is closed, so that a misspelt field is an error rather than silently ignored. */
function object<T extends Record<string, TSchema>>(properties: T, description: string) {
  return Type.Object(properties, { additionalProperties: false, description });
}

const O = Type.Optional;
const L = DEFAULTS.link;

/** Link properties shared by linkDefaults, linkOverrides and custom links; `dflt` says where each one's default comes from. */
function linkFields(dflt: (field: keyof typeof L) => Default | undefined) {
  return {
    mtu: O(measure(SIZE, `Largest IP packet the link carries unfragmented, ${IPV4_MIN_MTU_BYTES}B to ${IP_MAX_PACKET_BYTES}B.`, dflt('mtu'))),
    queue: O(Type.String({ pattern: SIZE_OR_DURATION_PATTERN, ...described(`Drop-tail limit of each direction's queue: ${QUEUE_EXPECTED}.`, dflt('queue')) })),
    loss: O(measure(PERCENT, 'Probability that the link drops a packet at random, 0% to 100%.', dflt('loss'))),
    jitter: O(measure(DURATION, 'Half-width of a uniform extra delay per packet, like netem `delay D J`.', dflt('jitter'))),
    reorder: O(bool('Let jitter reorder packets; when false a packet never overtakes the one before it.', dflt('reorder'))),
  };
}

const fromLinkDefaults = (field: string): Default => ({ text: `linkDefaults.${field}` });

function period(description: string) {
  return Type.Union(
    [
      measure(DURATION, 'Mean of exponentially distributed periods.'),
      object(
        {
          mean: measure(DURATION, 'Mean period.', REQUIRED),
          dist: O(oneOf(['exponential', 'pareto'] as const, 'Distribution of the periods.', 'exponential')),
          shape: O(Type.Number({ exclusiveMinimum: 1, ...described('Pareto shape, above 1 so that the mean exists; only with dist pareto.', DEFAULTS.period.paretoShape) })),
        },
        'A period distribution.',
      ),
    ],
    { description: `onoff only: ${description}, as a duration (the mean of exponential periods) or { mean, dist, shape }. Default: ${DEFAULTS.period.mean} exponential.` },
  );
}

const Circuit = object(
  {
    bandwidth: O(measure(RATE, 'Purchased bandwidth: each leg is policed at this rate in each direction. Any rate above 0 is accepted, for studies.', DEFAULTS.circuit.bandwidth)),
    layer: O(oneOf([2, 3] as const, '2: the customer runs BGP with the MSEEs; 3: the provider does (managed Layer 3). ExpressRoute Direct is always 2.', { text: '3 for any-to-any, else 2' })),
    bfd: O(bool('Run BFD on the BGP sessions with the MSEEs, for sub-second failure detection.', DEFAULTS.circuit.bfd)),
    port: O(measure(RATE, `Physical speed of the ports and cross-connects of each leg. Direct: ${DIRECT_PORT_BPS.map((bps) => `${bps / 1e9}Gbps`).join(', ')}.`, DEFAULTS.circuit.port)),
    mtu: O(measure(SIZE, 'Largest IP packet the ExpressRoute path carries unfragmented.', DEFAULTS.circuit.mtu)),
    policerBurst: O(measure(SIZE, "Token bucket depth of each leg's policer; at least circuit.mtu.", { text: `bandwidth x ${POLICER_BURST_NS / NS_PER_MS}ms / 8, at least 2 x mtu (${(1e9 * POLICER_BURST_NS) / NS_PER_S / 8}B at 1Gbps)` })),
    rateLimit: O(bool('Direct only: police each leg at bandwidth (opt-in on Direct); provider circuits are always policed.', false)),
    peeringDistance: O(measure(DISTANCE, "Fibre from the provider's edge (on Direct, the customer's router) to the MSEEs.", DEFAULTS.circuit.peeringDistance)),
    peeringLocation: O(Type.String({ minLength: 1, ...described('Name of the peering location, for labels.', DEFAULTS.circuit.peeringLocation) })),
  },
  'The ExpressRoute circuit: two legs (primary and secondary), each to its own MSEE. Every field has a default.',
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
    distance: O(measure(DISTANCE, 'Fibre from the site to where its connection enters the provider or the colo.', DEFAULTS.site.distance)),
    bandwidth: O(measure(RATE, "Capacity of the site's access link.", { text: 'circuit.port' })),
    loss: O(measure(PERCENT, 'Random loss on the access link, 0% to 100%.', fromLinkDefaults('loss'))),
    jitter: O(measure(DURATION, 'Jitter (uniform half-width) on the access link.', fromLinkDefaults('jitter'))),
  },
  'An on-premises site (for any-to-any, a branch).',
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

const Flow = object(
  {
    name: name('Flow name, unique; names the rows of summary.csv.', REQUIRED),
    kind: oneOf(['cbr', 'poisson', 'onoff'] as const, 'cbr: constant bit rate; poisson: exponential gaps; onoff: cbr during on periods, silent during off periods.', REQUIRED),
    from: Type.String(described('Source: a site name or "vnet".', REQUIRED)),
    to: Type.String(described('Destination: a site name or "vnet".', REQUIRED)),
    rate: measure(RATE, 'Mean rate while on, counting whole IP packets.', REQUIRED),
    size: O(measure(SIZE, `IP packet size, ${IP_MIN_PACKET_BYTES}B to ${IP_MAX_PACKET_BYTES}B.`, DEFAULTS.flow.size)),
    start: O(measure(DURATION, 'When the source starts; before duration.', DEFAULTS.flow.start)),
    stop: O(measure(DURATION, 'When the source stops; after start.', { text: 'duration' })),
    on: O(period('on periods')),
    off: O(period('off periods')),
  },
  'A traffic source and its sink.',
);

const Failure = object(
  {
    target: Type.String({ minLength: 1, ...described('What fails: a link id, a node id, or circuit (both legs), primary or secondary.', REQUIRED) }),
    at: measure(DURATION, 'When it goes down; before duration.', REQUIRED),
    for: O(measure(DURATION, 'How long it stays down.', { text: 'down until the end' })),
  },
  'A scheduled failure.',
);

export const ScenarioSchema = Type.Object(
  {
    $schema: O(Type.String({ description: 'The JSON Schema an editor checks this file against, e.g. "./ersim-scenario.schema.json"; ignored by ersim.' })),
    name: name('Scenario name; names the result folder results/<name>/.', REQUIRED),
    description: O(Type.String(described('Free text, for people.', ''))),
    model: oneOf(
      MODEL_KINDS,
      'Connectivity model: cloud-exchange (a cross-connect in a co-location facility), point-to-point (provider Ethernet), any-to-any (the provider\'s IPVPN/MPLS, with the branches as sites), direct (ExpressRoute Direct: your own ports on the MSEEs) or custom (the nodes and links of block custom).',
      REQUIRED,
    ),
    duration: measure(DURATION, 'Simulated time, above 0 and at most 104d (the clock horizon of 2^53 ns).', REQUIRED),
    seed: O(Type.Integer({ minimum: 0, maximum: 2 ** 32 - 1, ...described('Master seed of every random stream, 0 to 4294967295; the same scenario and seed give byte-identical results.', DEFAULTS.seed) })),
    interval: O(measure(DURATION, 'Width of one row of timeseries.csv, above 0 and at most duration.', { text: `${DEFAULTS.interval}, or duration if that is shorter` })),
    circuit: O(Circuit),
    gateway: O(Gateway),
    sites: O(Type.Array(Site, { minItems: 1, description: 'On-premises sites. Required for every model but custom.' })),
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
    traffic: O(Type.Array(Flow, described('Traffic flows.', { text: 'none' }))),
    failures: O(Type.Array(Failure, described('Scheduled failures.', { text: 'none' }))),
  },
  {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'ersim scenario',
    description: 'A scenario for ersim, the discrete-event simulator of Azure ExpressRoute connectivity models: a YAML or JSON file. Units are written after the number with no space: 1Gbps, 2ms, 1500B, 20km, 0.1%.',
    additionalProperties: false,
  },
);

/** A document that passed the schema: the resolver's input. */
export type ScenarioDocument = Static<typeof ScenarioSchema>;
export type PeriodDocument = Static<ReturnType<typeof period>>;
