/**
 * resolveScenario: turns a document that passed the schema into the typed Scenario. It applies
 * every default and checks what the schema cannot (value ranges, names that must exist, the
 * rules of each connectivity model), collecting all issues and throwing them together.
 */
import { ER_GATEWAY_SKU_NAMES, erGatewaySku, FIBRE_NS_PER_M, IPV4_MIN_MTU_BYTES } from '../domain/expressroute';
import { DEFAULTS } from './defaults';
import { resolveCircuits } from './resolve-circuits';
import { resolveEncryption } from './resolve-encryption';
import { resolveRouting, resolveVpn } from './resolve-routing';
import { resolveFailures, resolveTraffic } from './resolve-traffic';
import { readPerDirection } from './per-direction';
import { describeFound, ScenarioError } from './scenario-error';
import type { ScenarioDocument } from './schema';
import type { CircuitConfig, CustomLink, CustomNode, GatewayConfig, LinkOverride, LinkProps, Scenario, SiteConfig } from './types';
import { listNames, ValueChecks } from './value-checks';

type Doc = ScenarioDocument;
type LinkDefaults = Scenario['linkDefaults'];
/** The link fields that linkDefaults, linkOverrides and custom links share. */
type LinkFieldsDoc = NonNullable<Doc['linkDefaults']>;

/** The Scenario `doc` describes; throws a ScenarioError listing every problem. `source` is kept as run.json's copy. */
export function resolveScenario(doc: Doc, file: string, source: unknown): Scenario {
  const c = new ValueChecks(file);
  const durationNs = c.duration('duration', doc.duration, 'positive');
  c.runNs = durationNs;
  const intervalNs = resolveInterval(c, doc, durationNs);
  const circuits = resolveCircuits(c, doc);
  const circuit = circuits[0]!;
  const gateway = resolveGateway(c, doc);
  const linkDefaults = resolveLinkDefaults(c, doc.linkDefaults ?? {});
  const sites = resolveSites(c, doc, circuit, linkDefaults);
  const custom = resolveCustom(c, doc, linkDefaults);
  const scenario: Scenario = {
    file,
    name: doc.name,
    description: doc.description ?? '',
    critical: doc.critical ?? DEFAULTS.critical,
    model: doc.model,
    seed: doc.seed ?? DEFAULTS.seed,
    durationNs,
    intervalNs,
    circuit,
    circuits,
    gateway,
    sites,
    linkDefaults,
    linkOverrides: resolveOverrides(c, doc),
    custom,
    traffic: resolveTraffic(c, doc, durationNs, endpoints(doc, sites, custom)),
    failures: resolveFailures(c, doc, durationNs),
    routing: resolveRouting(c, doc),
    vpn: resolveVpn(c, doc, sites),
    encryption: resolveEncryption(c, doc, circuits),
    source,
  };
  if (c.issues.length > 0) throw new ScenarioError(c.issues);
  return scenario;
}

/** One timeseries row per interval: 1s, or the whole run when that is shorter and no interval is given. */
function resolveInterval(c: ValueChecks, doc: Doc, durationNs: number): number {
  if (doc.interval === undefined) return Math.min(c.duration('interval', DEFAULTS.interval, 'positive'), durationNs);
  const ns = c.duration('interval', doc.interval, 'positive');
  if (ns > durationNs && durationNs > 0) c.fail('interval', `a duration of at most duration (${doc.duration})`, describeFound(doc.interval));
  return ns;
}

function resolveGateway(c: ValueChecks, doc: Doc): GatewayConfig {
  const g = doc.gateway ?? {};
  const name = g.sku ?? DEFAULTS.gateway.sku;
  const sku = erGatewaySku(name);
  if (sku === undefined) c.fail('gateway.sku', `a gateway SKU: one of ${ER_GATEWAY_SKU_NAMES.join(', ')}`, describeFound(name));
  return {
    sku: name,
    capacityBps: g.capacity === undefined ? (sku?.capacityBps ?? 0) : c.linkRate('gateway.capacity', g.capacity),
    pps: g.pps ?? sku?.pps ?? 0,
    regionDistanceM: c.linkDistance('gateway.regionDistance', g.regionDistance ?? DEFAULTS.gateway.regionDistance),
  };
}

function resolveLinkDefaults(c: ValueChecks, d: LinkFieldsDoc): LinkDefaults {
  const L = DEFAULTS.link;
  return {
    mtuBytes: c.size('linkDefaults.mtu', d.mtu ?? L.mtu, IPV4_MIN_MTU_BYTES),
    queue: c.queue('linkDefaults.queue', d.queue ?? L.queue),
    loss: readPerDirection('linkDefaults.loss', d.loss ?? L.loss, (p, v) => c.fraction(p, v)),
    jitterNs: readPerDirection('linkDefaults.jitter', d.jitter ?? L.jitter, (p, v) => c.linkTime(p, v)),
    reorder: d.reorder ?? L.reorder,
  };
}

/** The link fields given at `path`, and only those, so that spreading them over defaults overrides just what was written. */
function linkFields(c: ValueChecks, path: string, d: LinkFieldsDoc): Partial<LinkDefaults> {
  const props: Partial<LinkDefaults> = {};
  if (d.mtu !== undefined) props.mtuBytes = c.size(`${path}.mtu`, d.mtu, IPV4_MIN_MTU_BYTES);
  if (d.queue !== undefined) props.queue = c.queue(`${path}.queue`, d.queue);
  if (d.loss !== undefined) props.loss = readPerDirection(`${path}.loss`, d.loss, (p, v) => c.fraction(p, v));
  if (d.jitter !== undefined) props.jitterNs = readPerDirection(`${path}.jitter`, d.jitter, (p, v) => c.linkTime(p, v));
  if (d.reorder !== undefined) props.reorder = d.reorder;
  return props;
}

function resolveSites(c: ValueChecks, doc: Doc, circuit: CircuitConfig, linkDefaults: LinkDefaults): SiteConfig[] {
  if (doc.model === 'custom') {
    if (doc.sites !== undefined) c.fail('sites', 'no sites block for model custom (custom.nodes name the sites)', describeFound(doc.sites));
    return [];
  }
  if (doc.sites === undefined) {
    c.fail('sites', `an array of at least 1 site (required for model ${doc.model})`, describeFound(undefined));
    return [];
  }
  const uniqueName = c.uniqueNames('site name');
  return doc.sites.map((s, i) => {
    const path = `sites[${i}]`;
    uniqueName(s.name, `${path}.name`);
    if (s.name === 'vnet') c.fail(`${path}.name`, 'a site name other than "vnet" (traffic uses "vnet" for the virtual network)', describeFound(s.name));
    const distanceM = c.linkDistance(`${path}.distance`, s.distance ?? DEFAULTS.site.distance);
    const access: LinkProps = {
      ...linkDefaults,
      ...linkFields(c, path, { loss: s.loss, jitter: s.jitter }),
      capacityBps: s.bandwidth === undefined ? circuit.portBps : c.linkRate(`${path}.bandwidth`, s.bandwidth),
      delayNs: Math.round(distanceM * FIBRE_NS_PER_M),
    };
    return { name: s.name, distanceM, access };
  });
}

function resolveOverrides(c: ValueChecks, doc: Doc): LinkOverride[] {
  return (doc.linkOverrides ?? []).map((o, i) => {
    const path = `linkOverrides[${i}]`;
    const override: LinkOverride = { link: o.link, path, ...linkFields(c, path, o) };
    if (o.bandwidth !== undefined) override.capacityBps = c.linkRate(`${path}.bandwidth`, o.bandwidth);
    if (o.delay !== undefined) override.delayNs = c.linkTime(`${path}.delay`, o.delay);
    return override;
  });
}

function resolveCustom(c: ValueChecks, doc: Doc, linkDefaults: LinkDefaults): Scenario['custom'] {
  if (doc.model !== 'custom') {
    if (doc.custom !== undefined) c.fail('custom', `no custom block: it is read only with model custom (model is ${doc.model})`, describeFound(doc.custom));
    return undefined;
  }
  if (doc.custom === undefined) {
    c.fail('custom', 'a custom block with nodes and links (model is custom)', describeFound(undefined));
    return undefined;
  }
  const { nodes: nodeDocs, links: linkDocs } = doc.custom;
  const uniqueId = c.uniqueNames('node id');
  const nodes: CustomNode[] = nodeDocs.map((n, i) => {
    uniqueId(n.id, `custom.nodes[${i}].id`);
    if (n.role === 'premises' && (n.site ?? n.id) === 'vnet') {
      c.fail(`custom.nodes[${i}].${n.site === undefined ? 'id' : 'site'}`, 'a site name other than "vnet" (traffic uses "vnet" for the virtual network)', '"vnet"');
    }
    return { id: n.id, role: n.role, site: n.site ?? n.id };
  });

  const ids = new Set(nodes.map((n) => n.id));
  const joined = new Map<string, string>();
  const links: CustomLink[] = linkDocs.map((l, i) => {
    const path = `custom.links[${i}]`;
    for (const end of ['from', 'to'] as const) {
      if (!ids.has(l[end])) c.fail(`${path}.${end}`, `a node id of custom.nodes (${listNames([...ids])})`, describeFound(l[end]));
    }
    if (l.from === l.to) c.fail(`${path}.to`, `a node other than from (${JSON.stringify(l.from)})`, describeFound(l.to));
    // The topology graph holds one link per pair of nodes.
    const pair = [l.from, l.to].sort().join('\n');
    const earlier = joined.get(pair);
    if (earlier === undefined) joined.set(pair, path);
    else c.fail(path, `one link per pair of nodes (${earlier} already joins ${l.from} and ${l.to})`, `a second link from ${JSON.stringify(l.from)} to ${JSON.stringify(l.to)}`);
    if (l.delay !== undefined && l.distance !== undefined) c.fail(`${path}.distance`, 'no distance when delay is given (give one of them)', describeFound(l.distance));
    const delayNs =
      l.distance !== undefined ? Math.round(c.linkDistance(`${path}.distance`, l.distance) * FIBRE_NS_PER_M) : c.linkTime(`${path}.delay`, l.delay ?? '0s');
    return {
      ...linkDefaults,
      ...linkFields(c, path, l),
      capacityBps: c.linkRate(`${path}.bandwidth`, l.bandwidth),
      delayNs,
      from: l.from,
      to: l.to,
      leg: l.leg ?? null,
      policeBps: l.police === undefined ? 0 : c.linkRate(`${path}.police`, l.police),
      path,
    };
  });
  return { nodes, links };
}

/** The names traffic may use as from/to: the sites (of premises nodes, for custom) and "vnet" where there is one. */
function endpoints(doc: Doc, sites: SiteConfig[], custom: Scenario['custom']): string[] {
  if (doc.model !== 'custom') return [...new Set(sites.map((s) => s.name)), 'vnet'];
  const nodes = custom?.nodes ?? [];
  const premises = new Set(nodes.filter((n) => n.role === 'premises').map((n) => n.site));
  return [...premises, ...(nodes.some((n) => n.role === 'vnet') ? ['vnet'] : [])];
}
