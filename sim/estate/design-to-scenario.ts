/**
 * EstateDesign -> scenario YAML: one circuit block (or `circuits[]` with the connections'
 * weights), the ExpressRoute gateway, the VPN gateway with its tunnels, one site per local
 * network gateway. Every value the design does not hold (distances, the internet path, traffic,
 * the duration, a provider circuit's model) is written with a comment that says it was assumed,
 * and every property ersim has no field for (Global Reach, FastPath, zones, ASNs) is recorded as
 * a comment where it belongs.
 */
import { ER_CONNECTION_MAX_WEIGHT, erGatewaySku, VPN_DPD_MAX_TIMEOUT_NS, VPN_DPD_MIN_TIMEOUT_NS, vpnGatewaySku, VPN_GATEWAY_SKUS, ER_GATEWAY_SKUS } from '../domain/expressroute';
import { DEFAULTS } from '../scenario/defaults';
import { NAME_PATTERN } from '../scenario/schema';
import { ScenarioError, describeFound, type ScenarioIssue } from '../scenario/scenario-error';
import { AnnotatedYaml, type FieldPath } from './annotated-yaml';
import type { CircuitRecord, ConnectionRecord, EstateDesign, GatewayRecord, LocalGatewayRecord, Origin, PortRecord } from './estate-design';
import type { FlowRecordFile } from './flow-records';
import { flowTraffic, parsePrefix } from './flow-traffic';

/** The provider models a circuit's export cannot tell apart. */
export const PROVIDER_MODELS = ['cloud-exchange', 'point-to-point', 'any-to-any'] as const;
export type ProviderModel = (typeof PROVIDER_MODELS)[number];

/** A provider circuit and no --model: the CLI turns this into a usage error. */
export class ModelNeededError extends Error {
  override name = 'ModelNeededError';
}

/** What the importer assumes where the design is silent: each written with a comment saying so. */
export const ASSUMED = {
  duration: '10s',
  seed: 1,
  siteDistance: DEFAULTS.site.distance,
  regionDistance: DEFAULTS.gateway.regionDistance,
  providerPort: DEFAULTS.circuit.port,
  flowRate: '1Mbps',
  flowSize: '1000B',
};

interface Mapped {
  circuit: CircuitRecord;
  port: PortRecord | undefined;
  connection: ConnectionRecord | undefined;
  /** The name used in `circuits[]` and failure targets. */
  name: string;
}

/** Flow record exports to make `traffic[]` from, and the collector's sampling (1 in N packets). */
export interface FlowInput {
  files: FlowRecordFile[];
  sampling: number;
}

export function designToScenario(design: EstateDesign, files: readonly string[], model: ProviderModel | 'direct' | undefined, flows?: FlowInput): string {
  const issues: ScenarioIssue[] = [];
  const problem = (o: Origin, field: string, expected: string, found: unknown): void => {
    issues.push({ file: o.file, path: field === '' ? o.path : `${o.path}.${field}`, expected, found: describeFound(found) });
  };
  const circuits = unique(design.circuits);
  if (circuits.length === 0) {
    throw new ScenarioError(files.map((file) => ({ file, path: '', expected: 'an ExpressRoute circuit (Microsoft.Network/expressRouteCircuits or azurerm_express_route_circuit) in one of the files', found: 'none' })));
  }
  const y = new AnnotatedYaml();
  const mapped = mapCircuits(circuits, design);
  const direct = mapped.filter((m) => m.circuit.portRef !== undefined);
  const chosen = chooseModel(direct.length, mapped, model, problem);

  y.set(['name'], safeName(mapped[0]!.circuit.name, 'imported'));
  y.set(['description'], `Imported by ersim import from ${files.join(', ')}`);
  y.set(['model'], chosen.model, chosen.note);
  y.set(['duration'], ASSUMED.duration, 'assumed: the export has no simulated time; lengthen it for failure studies');
  y.set(['seed'], ASSUMED.seed, 'assumed');

  const single = mapped.length === 1;
  mapped.forEach((m, i) => writeCircuit(y, single ? ['circuit'] : ['circuits', i], m, chosen.model, single, design, problem));

  writeErGateway(y, unique(design.gateways).filter((g) => same(g.gatewayType, 'ExpressRoute')), problem);
  const sites = writeSites(y, unique(design.localGateways));
  writeVpn(y, unique(design.gateways).filter((g) => same(g.gatewayType, 'Vpn')), unique(design.connections), sites, problem);
  if (flows === undefined) writeTraffic(y, sites.map((s) => s.site));
  else writeFlowTraffic(y, flows, sites, issues);

  if (issues.length > 0) throw new ScenarioError(issues);
  return y.toString([
    `Imported by ersim import from ${files.join(', ')}.`,
    'Comments mark what the export did not say (assumed) and what ersim does not model; check them before trusting a run.',
  ]);
}

function mapCircuits(circuits: CircuitRecord[], design: EstateDesign): Mapped[] {
  const ports = unique(design.ports);
  const erConnections = unique(design.connections).filter((c) => same(c.connectionType, 'ExpressRoute'));
  const names = new Set<string>();
  return circuits.map((circuit, i) => {
    const port = circuit.portRef === undefined ? undefined : ports.find((p) => p.keys.includes(circuit.portRef!));
    let connection = erConnections.find((c) => c.circuitRef !== undefined && circuit.keys.includes(c.circuitRef));
    // One circuit and one connection that names no circuit we know: they belong together.
    if (connection === undefined && circuits.length === 1 && erConnections.length === 1 && !circuits.some((c) => c.keys.includes(erConnections[0]!.circuitRef ?? ''))) connection = erConnections[0];
    let name = safeName(circuit.name, `circuit-${i + 1}`);
    while (names.has(name)) name = `${name}-${i + 1}`;
    names.add(name);
    return { circuit, port, connection, name };
  });
}

type Problem = (o: Origin, field: string, expected: string, found: unknown) => void;

function chooseModel(directCount: number, mapped: Mapped[], model: ProviderModel | 'direct' | undefined, problem: Problem): { model: string; note: string } {
  if (directCount > 0 && directCount < mapped.length) {
    const provider = mapped.find((m) => m.circuit.portRef === undefined)!;
    problem(provider.circuit.origin, '', 'circuits all on ExpressRoute Direct ports or all through a provider (a scenario has one model)', 'a mix of both');
    return { model: 'direct', note: '' };
  }
  if (directCount > 0) {
    if (model !== undefined && model !== 'direct') throw new ModelNeededError(`--model ${model} does not fit: ${mapped[0]!.circuit.origin.file} has circuits on ExpressRoute Direct ports (expressRoutePort set); leave --model out or write --model direct`);
    return { model: 'direct', note: 'inferred: the circuit is on an ExpressRoute Direct port (expressRoutePort)' };
  }
  if (model === undefined || model === 'direct') {
    const why = model === 'direct' ? '--model direct does not fit a provider circuit (no expressRoutePort); ' : '';
    throw new ModelNeededError(`${why}the export does not say how the provider connects the sites: give --model ${PROVIDER_MODELS.join('|')}`);
  }
  return { model, note: `from --model: a provider circuit (${mapped[0]!.circuit.serviceProvider ?? 'provider not named'}) does not say how it connects the sites` };
}

function writeCircuit(y: AnnotatedYaml, at: FieldPath, m: Mapped, model: string, single: boolean, design: EstateDesign, problem: Problem): void {
  const { circuit: c, port } = m;
  const p = (field: string): FieldPath => [...at, field];
  if (!single) y.set(p('name'), m.name, m.name === c.name ? undefined : `the circuit ${JSON.stringify(c.name)}`);
  if (model === 'direct') {
    if (c.bandwidthGbps === undefined) problem(c.origin, 'bandwidthInGbps', 'the bandwidth of a circuit on an ExpressRoute Direct port (bandwidthInGbps / bandwidth_in_gbps)', undefined);
    else y.set(p('bandwidth'), `${c.bandwidthGbps}Gbps`);
    y.set(p('layer'), 2);
    if (port === undefined) {
      y.set(p('port'), ASSUMED.providerPort, 'assumed: the ExpressRoute Direct port is not in the input');
    } else if (![10, 100, 400].includes(port.bandwidthGbps ?? -1)) {
      problem(port.origin, 'bandwidthInGbps', 'a port of 10, 100 or 400 Gbps', port.bandwidthGbps);
    } else {
      y.set(p('port'), `${port.bandwidthGbps}Gbps`, `the port ${JSON.stringify(port.name)}`);
    }
    if (c.rateLimit !== undefined) y.set(p('rateLimit'), c.rateLimit);
  } else {
    if (c.bandwidthMbps === undefined || c.bandwidthMbps <= 0) problem(c.origin, 'serviceProviderProperties.bandwidthInMbps', 'the bandwidth of a provider circuit in Mbps, above 0 (bandwidthInMbps / bandwidth_in_mbps)', c.bandwidthMbps);
    else y.set(p('bandwidth'), `${c.bandwidthMbps}Mbps`);
    const layer = model === 'any-to-any' ? 3 : 2;
    y.set(p('layer'), layer, `assumed: the export does not say whether ${layer === 3 ? 'the provider' : 'your router'} runs BGP with the MSEEs`);
    y.set(p('port'), ASSUMED.providerPort, "assumed: the provider's port speed is not in the export");
  }
  const location = model === 'direct' ? (port?.peeringLocation ?? c.peeringLocation) : c.peeringLocation;
  if (location !== undefined) y.set(p('peeringLocation'), location);
  else y.set(p('peeringLocation'), `${m.name}-location`, 'assumed: no peering location in the input');
  writeTier(y, p('premium'), c);
  if (!single) writeWeight(y, p('weight'), m, problem);
  else if (m.connection?.routingWeight !== undefined) y.note(at, `connection ${JSON.stringify(m.connection.name)} has routing weight ${m.connection.routingWeight}: with one circuit it changes nothing`);
  if (m.connection?.gatewayBypass === true) y.note(at, `FastPath (expressRouteGatewayBypass) on ${JSON.stringify(m.connection.name)}: ersim has no field for it; the gateway's caps still apply in the run`);
  if (c.family !== undefined) y.note(at, `billing ${c.family}: not simulated`);
  if (c.globalReach === true) y.note(at, 'Global Reach enabled: ersim has no field for it; traffic between sites over Microsoft\'s backbone is not simulated');
  const peerings = [...c.peeringTypes, ...design.peerings.filter((r) => c.keys.includes(r.circuitRef) || r.circuitRef === c.name).map((r) => r.peeringType)];
  if (peerings.length === 0) y.note(at, 'no peering in the input: ersim simulates private peering (AzurePrivatePeering)');
  else if (!peerings.some((t) => same(t, 'AzurePrivatePeering'))) y.note(at, `peerings ${peerings.join(', ')} only: ersim simulates private peering (AzurePrivatePeering)`);
  for (const other of peerings.filter((t) => !same(t, 'AzurePrivatePeering'))) y.note(at, `${other}: not simulated (ersim models private peering)`);
}

function writeTier(y: AnnotatedYaml, path: FieldPath, c: CircuitRecord): void {
  if (same(c.tier, 'Premium')) y.set(path, true, 'sku tier Premium');
  else if (same(c.tier, 'Standard')) y.set(path, false, 'sku tier Standard');
  else y.set(path, false, c.tier === undefined ? 'assumed: no sku tier in the input' : `sku tier ${c.tier}: ersim knows Standard and Premium only (the prefix limit of Standard applies)`);
}

function writeWeight(y: AnnotatedYaml, path: FieldPath, m: Mapped, problem: Problem): void {
  const w = m.connection?.routingWeight;
  if (m.connection === undefined) return y.set(path, 0, 'assumed: no ExpressRoute connection to this circuit in the input');
  if (w === undefined) return y.set(path, 0, `connection ${JSON.stringify(m.connection.name)} gives no routing weight: 0, Azure's default`);
  if (!Number.isInteger(w) || w > ER_CONNECTION_MAX_WEIGHT) return problem(m.connection.origin, 'routingWeight', `an integer from 0 to ${ER_CONNECTION_MAX_WEIGHT}`, w);
  y.set(path, w, `routing weight of connection ${JSON.stringify(m.connection.name)}`);
}

function writeErGateway(y: AnnotatedYaml, gateways: GatewayRecord[], problem: Problem): void {
  const gw = gateways[0];
  if (gw === undefined) {
    y.set(['gateway', 'sku'], 'ErGw1Az', 'assumed: no ExpressRoute gateway in the input');
  } else {
    const sku = ER_GATEWAY_SKUS.find((s) => same(s.sku, gw.sku))?.sku ?? (gw.sku !== undefined && erGatewaySku(gw.sku) !== undefined ? gw.sku : undefined);
    if (sku === undefined) problem(gw.origin, 'sku.name', `an ExpressRoute gateway SKU (${ER_GATEWAY_SKUS.map((s) => s.sku).join(', ')}, ErGwScale1..ErGwScale40)`, gw.sku);
    else y.set(['gateway', 'sku'], sku, `the gateway ${JSON.stringify(gw.name)}`);
    if (gw.activeActive === true) y.note(['gateway'], 'activeActive: not modelled for the ExpressRoute gateway (one node with the SKU\'s caps)');
    if (/az$/i.test(gw.sku ?? '') || gw.zones.length > 0) y.note(['gateway'], `zone-redundant (${gw.zones.length > 0 ? `zones ${gw.zones.join(', ')}` : 'an AZ SKU'}): ersim does not simulate zones`);
    for (const other of gateways.slice(1)) y.note(['gateway'], `a second ExpressRoute gateway ${JSON.stringify(other.name)} is not imported (a scenario has one)`);
  }
  y.set(['gateway', 'regionDistance'], ASSUMED.regionDistance, 'assumed: the distance from the peering location to the region is not in the export');
}

interface SiteOf {
  site: string;
  gateway: LocalGatewayRecord | undefined;
}

function writeSites(y: AnnotatedYaml, locals: LocalGatewayRecord[]): SiteOf[] {
  const sites: SiteOf[] = locals.length === 0 ? [{ site: 'onprem', gateway: undefined }] : [];
  const used = new Set<string>();
  for (const [i, g] of locals.entries()) {
    let site = safeName(g.name, `site-${i + 1}`);
    while (used.has(site) || site === 'vnet') site = `${site}-${i + 1}`;
    used.add(site);
    sites.push({ site, gateway: g });
  }
  sites.forEach((s, i) => {
    y.set(['sites', i, 'name'], s.site);
    y.set(['sites', i, 'distance'], ASSUMED.siteDistance, 'assumed: the distance to the provider or the peering location is not in the export');
    if (s.gateway === undefined) y.note(['sites', i], 'assumed: no local network gateway in the input, so one site');
    else y.note(['sites', i], `local network gateway ${JSON.stringify(s.gateway.name)}${s.gateway.prefixes.length > 0 ? `, prefixes ${s.gateway.prefixes.join(' ')}` : ''}`);
  });
  const prefixes = locals.reduce((n, g) => n + g.prefixes.length, 0);
  if (prefixes > 0) y.set(['routing', 'advertisedPrefixes'], prefixes, "the local network gateways' address prefixes, all sites together");
  return sites;
}

function writeVpn(y: AnnotatedYaml, gateways: GatewayRecord[], connections: ConnectionRecord[], sites: SiteOf[], problem: Problem): void {
  const ipsec = connections.filter((c) => same(c.connectionType, 'IPsec'));
  const gw = gateways[0];
  if (gw === undefined) {
    if (ipsec.length > 0) y.note(['sites'], `${ipsec.length} IPsec connection(s) but no VPN gateway in the input: no vpn block`);
    return;
  }
  const sku = VPN_GATEWAY_SKUS.flatMap((s) => [s.sku, `${s.sku}AZ`]).find((name) => same(name, gw.sku));
  if (sku === undefined || vpnGatewaySku(sku) === undefined) problem(gw.origin, 'sku.name', `a VPN gateway SKU (${VPN_GATEWAY_SKUS.map((s) => s.sku).join(', ')}, or with AZ)`, gw.sku);
  else y.set(['vpn', 'sku'], sku, `the gateway ${JSON.stringify(gw.name)}`);
  if (same(gw.vpnType, 'PolicyBased')) y.set(['vpn', 'type'], 'policy-based');
  if (gw.activeActive === true) y.note(['vpn'], 'activeActive: this version of ersim runs the VPN gateway active-standby');
  if (gw.asn !== undefined) y.note(['vpn'], `BGP ASN ${gw.asn}: ersim does not model ASNs`);
  const tunnelled = sites.filter((s) => s.gateway !== undefined && ipsec.some((c) => c.localGatewayRef !== undefined && s.gateway!.keys.includes(c.localGatewayRef)));
  y.set(['vpn', 'sites'], tunnelled.map((s) => s.site), tunnelled.length === 0 ? 'no IPsec connection to a local network gateway in the input' : 'the local network gateways with an IPsec connection');
  const timeouts = ipsec.filter((c) => c.dpdTimeoutS !== undefined);
  const first = timeouts[0];
  if (first !== undefined) {
    const ns = first.dpdTimeoutS! * 1e9;
    if (ns < VPN_DPD_MIN_TIMEOUT_NS || ns > VPN_DPD_MAX_TIMEOUT_NS) problem(first.origin, 'dpdTimeoutSeconds', `seconds from ${VPN_DPD_MIN_TIMEOUT_NS / 1e9} to ${VPN_DPD_MAX_TIMEOUT_NS / 1e9}`, first.dpdTimeoutS);
    const differ = timeouts.filter((c) => c.dpdTimeoutS !== first.dpdTimeoutS);
    y.set(['vpn', 'dpdTimeout'], `${first.dpdTimeoutS}s`, differ.length === 0 ? 'dpdTimeoutSeconds of the connections' : `connection ${JSON.stringify(first.name)}; ersim has one timeout for all, and ${differ.map((c) => `${c.name} has ${c.dpdTimeoutS} s`).join(', ')}`);
  }
  const internet = DEFAULTS.vpn.internet;
  y.set(['vpn', 'internet'], { bandwidth: internet.bandwidth, latency: internet.latency, jitter: internet.jitter, loss: internet.loss }, 'assumed: the internet path to the VPN gateway is not in the export');
}

function writeTraffic(y: AnnotatedYaml, sites: string[]): void {
  sites.forEach((site, i) => {
    const base = site.slice(0, 59);
    y.set(['traffic', 2 * i], { name: `${base}-up`, kind: 'cbr', from: site, to: 'vnet', rate: ASSUMED.flowRate, size: ASSUMED.flowSize });
    y.set(['traffic', 2 * i + 1], { name: `${base}-down`, kind: 'cbr', from: 'vnet', to: site, rate: ASSUMED.flowRate, size: ASSUMED.flowSize });
  });
  y.note(['traffic'], 'assumed: the export holds no traffic; one 1 Mbps flow each way per site. Replace with your flows');
}

function writeFlowTraffic(y: AnnotatedYaml, input: FlowInput, sites: SiteOf[], issues: ScenarioIssue[]): void {
  for (const g of sites.flatMap((s) => (s.gateway === undefined ? [] : [s.gateway]))) {
    const bad = g.prefixes.filter((p) => parsePrefix(p) === undefined);
    if (bad.length > 0) issues.push({ file: g.origin.file, path: g.origin.path, expected: 'address prefixes such as 192.0.2.0/24 or 2001:db8::/32, to place the flow records in sites', found: describeFound(bad.join(' ')) });
  }
  const traffic = flowTraffic(input.files, sites.map((s) => ({ site: s.site, prefixes: s.gateway?.prefixes ?? [] })), input.sampling, issues);
  if (traffic === undefined || traffic.flows.length === 0) return;
  traffic.flows.forEach((f, i) => y.set(['traffic', i], { name: f.name, kind: 'poisson', from: f.from, to: f.to, rate: `${f.rateBps}bps`, size: `${f.sizeBytes}B` }, f.note));
  const skipped = traffic.siteToSite + traffic.noSite === 0 ? '' : `; records skipped: ${traffic.siteToSite} between two sites, ${traffic.noSite} in no site's prefixes`;
  y.note(['traffic'], `from flow records in ${input.files.map((f) => f.file).join(', ')}: one flow per site, direction and DSCP class at the rate of its busiest ${traffic.intervalS} s interval (the median spacing of a flow's records)${skipped}`);
  y.note(['traffic'], 'poisson: a record sums many connections and says nothing of the timing inside its interval; the packets of many independent sources merged arrive close to a Poisson process');
}

/** Records of one resource read twice (an ARM template and `az ... show` of the same circuit) count once. */
function unique<R extends { keys: string[] }>(records: R[]): R[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    if (r.keys.some((k) => seen.has(k.toLowerCase()))) return false;
    r.keys.forEach((k) => seen.add(k.toLowerCase()));
    return true;
  });
}

/** Azure compares these names without case (`ErGw1AZ` is `ErGw1Az`). */
function same(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** A resource name as an ersim name: letters, digits, `.`, `_`, `-`, not starting with `.` or `-`, at most 64. */
function safeName(name: string, fallback: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[.-]+/, '').slice(0, 64);
  return new RegExp(NAME_PATTERN).test(cleaned) ? cleaned : fallback;
}
