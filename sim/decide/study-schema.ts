/**
 * The study file's schema (`ersim decide STUDY`), written with the scenario schema's field
 * builders so that units, defaults and error messages read the same. A study describes the
 * user's sites, traffic, requirements and costs; `decide` turns it into one scenario per
 * connectivity model and failure case. Its traffic and vpn blocks are the scenario's own
 * schemas, so flows and the VPN are written once and mean the same thing in both files.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ER_GATEWAY_SKU_NAMES } from '../domain/expressroute';
import { DEFAULTS } from '../scenario/defaults';
import { bool, described, measure, name, O, object, oneOf, REQUIRED } from '../scenario/schema-fields';
import { Encryption, Vpn } from '../scenario/schema';
import { Flow } from '../scenario/schema-traffic';
import { DISTANCE, DURATION, PERCENT, RATE } from '../scenario/units';
import { DECIDE_MODELS } from './models';

export const STUDY_SCHEMA_ID = 'urn:ersim:study';

export const SITE_ROLES = ['hq', 'branch', 'dc'] as const;
export const THROUGHPUT_PER = ['total', 'flow'] as const;
export const COST_ITEMS = ['circuit', 'port', 'crossConnect', 'provider', 'colocation', 'erGateway', 'vpnGateway'] as const;

/** The study's defaults, written as the file would write them. */
export const STUDY_DEFAULTS = {
  // Long enough for BFD (0.9 s), the gateway's convergence (10 s) and a failback (5 s) to fit between a failure at 1/4 and its repair at 3/4.
  duration: '40s',
  bfd: true,
  // An ExpressRoute entry in the same building or campus as the MSEEs, as the scenario's circuit.peeringDistance.
  peeringDistance: DEFAULTS.circuit.peeringDistance,
  // The equipment room of a site inside the colo: a cross-connect's length.
  inColoDistance: '100m',
  regionDistance: DEFAULTS.gateway.regionDistance,
  throughputPer: 'total',
  // As `ersim availability`'s defaults.
  years: 10,
  replications: 20,
  currency: 'USD',
} as const;

const Site = object(
  {
    name: name('Site name, used by traffic from/to; not "vnet".', REQUIRED),
    role: oneOf(SITE_ROLES, 'What the site is: hq (headquarters), branch or dc (a data centre). Two or more sites with a branch make any-to-any apply.', REQUIRED),
    distance: measure(DISTANCE, 'Fibre from the site to the (first) peering location.', REQUIRED),
    secondDistance: O(measure(DISTANCE, 'Fibre from the site to the second peering location; required when there is one.')),
    coloDistance: O(measure(DISTANCE, 'Fibre from the site to the colocation facility, for cloud-exchange.', { text: 'distance (the colo is at the peering location)' })),
    inColo: O(bool(`The site is in the colocation facility (its distance to the exchange is ${STUDY_DEFAULTS.inColoDistance}); makes cloud-exchange apply.`, false)),
    bandwidth: O(measure(RATE, "Capacity of the site's access link.", { text: "the model's port speed" })),
  },
  'One of your sites.',
);

const Colocation = object(
  {
    name: O(Type.String({ minLength: 1, ...described('Name of the facility, for labels.', 'colocation') })),
    peeringDistance: O(measure(DISTANCE, "Fibre from the facility's exchange to the MSEEs.", STUDY_DEFAULTS.peeringDistance)),
  },
  'A colocation facility with a cloud exchange, which makes cloud-exchange apply.',
);

const flowList = (what: string) =>
  O(Type.Array(name('A flow name of traffic.'), { minItems: 1, ...described(`The flows ${what} applies to, by name.`, { text: 'see the field' }) }));

const Requirements = object(
  {
    latencyP99: O(measure(DURATION, 'Budget of the 99th percentile one-way latency of each latency flow.')),
    jitter: O(measure(DURATION, 'Budget of the largest RFC 3550 jitter each latency flow reached (summary.csv jitter_max_ms).')),
    latencyFlows: flowList('latencyP99 and jitter (default: every cbr, poisson and onoff flow; a TCP flow queues behind its own window)'),
    throughput: O(measure(RATE, 'Minimum achieved throughput: of the throughput flows together (throughputPer total) or of each (flow).')),
    throughputFlows: flowList('throughput (default: every flow)'),
    throughputPer: O(oneOf(THROUGHPUT_PER, 'total: the throughput flows together must reach throughput; flow: each of them must.', STUDY_DEFAULTS.throughputPer)),
    availability: O(measure(PERCENT, "Availability target of the worst site, from the availability study; needs a reliability block.")),
    maxOutage: O(measure(DURATION, 'Longest gap in deliveries any outage flow may see in any run, failure or not.')),
    outageFlows: flowList('maxOutage (default: every flow)'),
  },
  'What a design must achieve. Each given requirement gets a pass/fail column; none is required.',
);

const lifetime = (what: string) =>
  O(
    object(
      {
        mtbf: measure(DURATION, 'Mean time between failures.', REQUIRED),
        mttr: measure(DURATION, 'Mean time to repair.', REQUIRED),
      },
      `Random failures of ${what}, exponential.`,
    ),
  );

const Reliability = object(
  {
    leg: lifetime('each ExpressRoute leg (its links and devices), each leg on its own'),
    peeringLocation: lifetime('a whole peering location'),
    internet: lifetime("a site's internet path, for the designs with the VPN"),
    years: O(Type.Number({ exclusiveMinimum: 0, ...described('Years simulated per replication of the availability study.', STUDY_DEFAULTS.years) })),
    replications: O(Type.Integer({ minimum: 1, maximum: 10_000, ...described('Replications of the availability study, 1 to 10000.', STUDY_DEFAULTS.replications) })),
  },
  'Failure rates for the availability study of each design (ersim availability). Without it, decide runs no availability study.',
);

const costNumber = (description: string) => O(Type.Number({ minimum: 0, ...described(`${description} Per month, 0 or more.`, 0) }));

const costItems = {
  circuit: costNumber('ExpressRoute circuit fee, per circuit.'),
  port: costNumber('ExpressRoute Direct port pair fee, per circuit (direct only).'),
  crossConnect: costNumber('One cross-connect in a colo; cloud-exchange and direct need two per circuit.'),
  provider: costNumber("The connectivity provider's fee: per circuit for cloud-exchange and any-to-any, per site and circuit for point-to-point (an Ethernet line each)."),
  colocation: costNumber('Rack space and power at the peering location, per circuit (cloud-exchange and direct).'),
  erGateway: costNumber('The ExpressRoute virtual network gateway.'),
  vpnGateway: costNumber('The VPN gateway, for the designs with the VPN.'),
};

const Costs = object(
  {
    label: Type.String({ minLength: 1, ...described('Where the prices come from and their date, shown with every cost in the output, e.g. "illustrative, not a quote (2026-11)". Never present examples as current prices.', REQUIRED) }),
    currency: O(Type.String({ minLength: 1, ...described('Currency of every price, for labels.', STUDY_DEFAULTS.currency) })),
    ...costItems,
    models: O(
      object(
        {
          'cloud-exchange': O(object(costItems, 'Prices that differ for cloud-exchange.')),
          'point-to-point': O(object(costItems, 'Prices that differ for point-to-point.')),
          'any-to-any': O(object(costItems, 'Prices that differ for any-to-any.')),
          direct: O(object(costItems, 'Prices that differ for direct.')),
        },
        'Per-model prices that replace the ones above for that model, item by item.',
      ),
    ),
  },
  'Monthly cost inputs. Without them, the cost column is empty.',
);

export const StudySchema = Type.Object(
  {
    $schema: O(Type.String({ description: 'The JSON Schema an editor checks this file against, e.g. "./ersim-study.schema.json"; ignored by ersim.' })),
    name: name('Study name; names the output folder results/<name>-decide/.', REQUIRED),
    description: O(Type.String(described('Free text, for people.', ''))),
    duration: O(measure(DURATION, 'Simulated time of each run; failures start at 1/4 of it and are repaired at 3/4.', STUDY_DEFAULTS.duration)),
    bandwidth: measure(RATE, 'ExpressRoute circuit bandwidth of every design; 10Gbps or more makes direct apply.', REQUIRED),
    bfd: O(bool('BFD on the BGP sessions with the MSEEs.', STUDY_DEFAULTS.bfd)),
    erGateway: O(Type.String({ ...described(`ExpressRoute gateway SKU: ${ER_GATEWAY_SKU_NAMES.join(', ')}.`, { text: 'the smallest of ErGw1Az, ErGw2Az, ErGw3Az whose rate is at least bandwidth' }) })),
    regionDistance: O(measure(DISTANCE, "Distance over Microsoft's backbone from the peering location to the Azure region.", STUDY_DEFAULTS.regionDistance)),
    peeringLocation: Type.String({ minLength: 1, ...described('Name of the (first) peering location, e.g. London.', REQUIRED) }),
    secondPeeringLocation: O(Type.String({ minLength: 1, description: 'Name of a second peering location: every design then has a second circuit there, and each site needs secondDistance.' })),
    peeringDistance: O(measure(DISTANCE, "Fibre from the provider's edge (direct: your routers) to the MSEEs.", STUDY_DEFAULTS.peeringDistance)),
    colocation: O(Colocation),
    sites: Type.Array(Site, { minItems: 1, ...described('Your sites.', REQUIRED) }),
    models: O(Type.Array(oneOf(DECIDE_MODELS, 'A connectivity model.'), { minItems: 1, ...described('The models to compare, in place of the rules of which apply.', { text: 'the models that apply (README)' }) })),
    traffic: Type.Array(Flow, { minItems: 1, ...described('Traffic flows, exactly as in a scenario file.', REQUIRED) }),
    vpn: O(Vpn),
    encryption: O(Encryption),
    requirements: O(Requirements),
    reliability: O(Reliability),
    costs: O(Costs),
  },
  {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: STUDY_SCHEMA_ID,
    title: 'ersim study',
    description: 'A study for `ersim decide`: your sites, traffic, requirements and costs, from which ersim builds and runs a design per connectivity model. Units as in scenario files: 1Gbps, 2ms, 20km, 99.95%.',
    additionalProperties: false,
  },
);

export type StudyDocument = Static<typeof StudySchema>;
export type CostItems = Partial<Record<(typeof COST_ITEMS)[number], number>>;
