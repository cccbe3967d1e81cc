/**
 * The circuit block, or the circuits list, of a scenario document resolved to CircuitConfigs:
 * the defaults of each connectivity model (layer, Direct ports, policing) applied to each
 * circuit alike, its distances from the sites, and the rules of several circuits (unique
 * names, no more than the ExpressRoute gateway connects, not for model custom).
 */
import { DIRECT_PORT_BPS, erGatewayMaxConnections, erGatewaySku, IPV4_MIN_MTU_BYTES, POLICER_BURST_NS } from '../domain/expressroute';
import { NS_PER_S } from '../kernel/time';
import { DEFAULTS } from './defaults';
import { describeFound } from './scenario-error';
import type { CircuitDocument, CircuitItemDocument, ScenarioDocument } from './schema';
import { formatPath } from './schema-issues';
import type { CircuitConfig } from './types';
import { listNames, type ValueChecks } from './value-checks';

type Doc = ScenarioDocument;
/** A circuit block, or an item of circuits (which adds name and weight). */
type CircuitFieldsDoc = CircuitDocument & Partial<Pick<CircuitItemDocument, 'name' | 'weight'>>;

/** Every circuit of the scenario, in file order: the circuits list, or the one circuit of the circuit block (or of the defaults). */
export function resolveCircuits(c: ValueChecks, doc: Doc): CircuitConfig[] {
  const siteNames = (doc.sites ?? []).map((s) => s.name);
  const list = doc.circuits;
  if (list === undefined) return [resolveCircuit(c, doc, 'circuit', doc.circuit ?? {}, siteNames)];
  if (doc.circuit !== undefined) {
    c.fail('circuits', 'either circuit or circuits, not both', `a circuit block and a circuits list of ${list.length}`);
    // Resolved only so that the block's own mistakes are reported as well.
    resolveCircuit(c, doc, 'circuit', doc.circuit, siteNames);
  }
  if (doc.model === 'custom') {
    c.fail('circuits', 'no circuits list for model custom (a custom topology draws its own links; its circuit block sets BFD and the layer)', describeFound(list));
  }
  checkConnections(c, doc, list.length);
  const uniqueName = c.uniqueNames('circuit name');
  const sites = new Set(siteNames);
  return list.map((d, i) => {
    const path = `circuits[${i}]`;
    uniqueName(d.name, `${path}.name`);
    if (sites.has(d.name)) c.fail(`${path}.name`, `a circuit name that no site has (sites: ${listNames(siteNames)})`, describeFound(d.name));
    return resolveCircuit(c, doc, path, d, siteNames);
  });
}

/** No more circuits than the gateway SKU connects (checked when the SKU is known; resolveGateway reports an unknown one). */
function checkConnections(c: ValueChecks, doc: Doc, count: number): void {
  const sku = doc.gateway?.sku ?? DEFAULTS.gateway.sku;
  if (erGatewaySku(sku) === undefined) return;
  const max = erGatewayMaxConnections(sku);
  if (count > max) {
    const which = doc.gateway?.sku === undefined ? ', the default,' : '';
    c.fail('circuits', `at most ${max} circuits (gateway SKU ${sku}${which} connects ${max})`, `${count} circuits`);
  }
}

/** One circuit at `path` ("circuit" or "circuits[i]"), every field not given at its default for the model. */
function resolveCircuit(c: ValueChecks, doc: Doc, path: string, d: CircuitFieldsDoc, siteNames: readonly string[]): CircuitConfig {
  const D = DEFAULTS.circuit;
  const bandwidthBps = c.linkRate(`${path}.bandwidth`, d.bandwidth ?? D.bandwidth);
  const portBps = c.linkRate(`${path}.port`, d.port ?? D.port);
  const mtuBytes = c.size(`${path}.mtu`, d.mtu ?? D.mtu, IPV4_MIN_MTU_BYTES);
  // A bucket smaller than two packets would police a line-rate burst of two back-to-back packets.
  const burstDefault = Math.max(Math.round((bandwidthBps * POLICER_BURST_NS) / NS_PER_S / 8), 2 * mtuBytes);
  const policerBurstBytes =
    d.policerBurst === undefined ? burstDefault : c.size(`${path}.policerBurst`, d.policerBurst, mtuBytes, Infinity, ` (${path}.mtu: a packet must fit the bucket)`);
  const layer = d.layer ?? (doc.model === 'any-to-any' ? 3 : 2);

  if (doc.model === 'direct') {
    if (!(DIRECT_PORT_BPS as readonly number[]).includes(portBps)) {
      const speeds = DIRECT_PORT_BPS.map((bps) => `${bps / 1e9}Gbps`).join(', ');
      c.fail(`${path}.port`, `one of ${speeds} (the port speeds of ExpressRoute Direct)`, describeFound(d.port ?? D.port));
    }
    if (layer === 3) c.fail(`${path}.layer`, '2 (on ExpressRoute Direct you run BGP with the MSEEs yourself)', describeFound(layer));
  } else if (d.rateLimit !== undefined) {
    c.fail(`${path}.rateLimit`, `no rateLimit: it applies to model direct only (model is ${doc.model}; provider circuits are always policed)`, describeFound(d.rateLimit));
  }

  return {
    name: d.name ?? D.name,
    weight: d.weight ?? D.weight,
    siteDistanceM: resolveSiteDistance(c, doc, path, d.siteDistance, siteNames),
    bandwidthBps,
    layer,
    bfd: d.bfd ?? D.bfd,
    portBps,
    mtuBytes,
    policerBurstBytes,
    // Providers always police at the purchased rate; Direct only when rate limiting is turned on;
    // a custom topology polices the links that say `police`.
    policed: doc.model === 'direct' ? (d.rateLimit ?? false) : doc.model !== 'custom',
    peeringDistanceM: c.linkDistance(`${path}.peeringDistance`, d.peeringDistance ?? D.peeringDistance),
    peeringLocation: d.peeringLocation ?? D.peeringLocation,
    premium: d.premium ?? D.premium,
  };
}

/** The circuit's siteDistance in metres, by site name; every key must name a site. */
function resolveSiteDistance(c: ValueChecks, doc: Doc, path: string, d: Record<string, string> | undefined, siteNames: readonly string[]): Record<string, number> {
  if (d === undefined) return {};
  if (doc.model === 'custom') {
    c.fail(`${path}.siteDistance`, 'no siteDistance for model custom (its links give their own delays and distances)', describeFound(d));
    return {};
  }
  const known = new Set(siteNames);
  const entries: [string, number][] = [];
  for (const [site, text] of Object.entries(d)) {
    const at = `${path}.${formatPath(['siteDistance', site])}`;
    const distanceM = c.linkDistance(at, text);
    if (known.has(site)) entries.push([site, distanceM]);
    else c.fail(at, `a site name (${siteNames.length === 0 ? 'there are no sites' : listNames(siteNames)})`, describeFound(site));
  }
  // fromEntries defines own properties, so even a site called "__proto__" is just a key.
  return Object.fromEntries(entries);
}
