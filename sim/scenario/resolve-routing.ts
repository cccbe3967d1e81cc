/**
 * The routing block and the VPN block of a scenario document, resolved to RoutingConfig and
 * VpnConfig with their defaults (domain timers from ../domain/expressroute.ts), and checked
 * against the sites and the VPN gateway SKU.
 */
import {
  ER_BFD_MIN_INTERVAL_NS,
  ER_BGP_MIN_HOLD_NS,
  ER_BGP_MIN_KEEPALIVE_NS,
  IPV4_MIN_MTU_BYTES,
  NAT_T_UDP_BYTES,
  VPN_DPD_MAX_TIMEOUT_NS,
  VPN_DPD_MIN_TIMEOUT_NS,
  VPN_GATEWAY_SKU_NAMES,
  vpnGatewaySku,
} from '../domain/expressroute';
import { DEFAULTS } from './defaults';
import { DIRECTIONS, isPerDirection, readPerDirection } from './per-direction';
import { describeFound } from './scenario-error';
import type { BgpTimersDocument, ScenarioDocument } from './schema';
import type { BgpTimers, InternetPath, RoutingConfig, SiteConfig, VpnConfig } from './types';
import { formatDuration } from './units';
import { listNames, type ValueChecks } from './value-checks';

type Doc = ScenarioDocument;
type VpnDoc = NonNullable<Doc['vpn']>;
type InternetDoc = NonNullable<VpnDoc['internet']>;

export function resolveRouting(c: ValueChecks, doc: Doc): RoutingConfig {
  const r = doc.routing ?? {};
  const R = DEFAULTS.routing;
  const bfd = r.bfd ?? {};
  const interval = bfd.interval ?? R.bfd.interval;
  const bfdIntervalNs = c.durationIn('routing.bfd.interval', interval, ER_BFD_MIN_INTERVAL_NS, undefined, ' (the MSEEs cannot go shorter)');
  const bfdMultiplier = bfd.multiplier ?? R.bfd.multiplier;
  // BFD declares a session down after `multiplier` intervals without a packet.
  c.fitsHorizon('routing.bfd.interval', interval, bfdIntervalNs, bfdMultiplier, `times routing.bfd.multiplier (${bfdMultiplier}) it is the detection time, which starts within the run and must end within the clock's horizon (2^53 ns)`);
  return {
    erBgp: resolveBgp(c, 'routing.bgp', r.bgp ?? {}, R.bgp),
    bfdIntervalNs,
    bfdMultiplier,
    gatewayConvergenceNs: c.delay('routing.gatewayConvergence', r.gatewayConvergence ?? R.gatewayConvergence, 'non-negative'),
    premisesConvergenceNs: c.delay('routing.premisesConvergence', r.premisesConvergence ?? R.premisesConvergence, 'non-negative'),
    reestablishNs: c.delay('routing.reestablish', r.reestablish ?? R.reestablish, 'non-negative'),
    premisesPreferEr: r.premisesPreferEr ?? R.premisesPreferEr,
    activePassive: r.activePassive ?? R.activePassive,
    advertisedPrefixes: r.advertisedPrefixes ?? R.advertisedPrefixes,
    vnetPrefixes: r.vnetPrefixes ?? R.vnetPrefixes,
    dualStack: r.dualStack ?? R.dualStack,
  };
}

/** BGP timers at `path`: keepalive and hold above the lowest that may be negotiated, and hold longer than keepalive. */
function resolveBgp(c: ValueChecks, path: string, d: BgpTimersDocument, D: { keepalive: string; hold: string }): BgpTimers {
  const keepaliveNs = c.durationIn(`${path}.keepalive`, d.keepalive ?? D.keepalive, ER_BGP_MIN_KEEPALIVE_NS);
  const hold = d.hold ?? D.hold;
  const holdNs = c.durationIn(`${path}.hold`, hold, ER_BGP_MIN_HOLD_NS);
  // The hold timer expires that long after the last keepalive heard, a time within the run.
  c.fitsHorizon(`${path}.hold`, hold, holdNs, 1);
  if (holdNs >= ER_BGP_MIN_HOLD_NS && keepaliveNs >= ER_BGP_MIN_KEEPALIVE_NS && holdNs <= keepaliveNs) {
    const found = `${describeFound(hold)}${d.hold === undefined ? ' (the default)' : ''}`;
    c.fail(`${path}.hold`, `a hold time longer than keepalive (${formatDuration(keepaliveNs)}): a hold shorter than keepalive expires between two keepalives`, found);
  }
  return { keepaliveNs, holdNs };
}

/** The VPN, or undefined when the document has no vpn block. `sites` are the resolved sites, in the order of doc.sites. */
export function resolveVpn(c: ValueChecks, doc: Doc, sites: readonly SiteConfig[]): VpnConfig | undefined {
  const v = doc.vpn;
  if (v === undefined) {
    (doc.sites ?? []).forEach((s, i) => {
      if (s.internet !== undefined) c.fail(`sites[${i}].internet`, "a vpn block (a site's internet path leads to the VPN gateway, and there is none)", describeFound(s.internet));
    });
    return undefined;
  }
  if (doc.model === 'custom') {
    c.fail('vpn', 'no vpn block: model custom does not support a VPN', describeFound(v));
    return undefined;
  }
  const V = DEFAULTS.vpn;
  const skuName = v.sku ?? V.sku;
  const sku = vpnGatewaySku(skuName);
  if (sku === undefined) c.fail('vpn.sku', `a VPN gateway SKU: one of ${VPN_GATEWAY_SKU_NAMES.join(', ')}`, describeFound(skuName));
  const tunnelSites = resolveTunnelSites(c, v, sites, skuName, sku?.tunnels);
  const erPrefixLength = v.erPrefixLength ?? V.erPrefixLength;
  return {
    sku: skuName,
    capacityBps: v.capacity === undefined ? (sku?.capacityBps ?? 0) : c.linkRate('vpn.capacity', v.capacity),
    tunnelBps: v.tunnelThroughput === undefined ? (sku?.tunnelBps ?? 0) : c.linkRate('vpn.tunnelThroughput', v.tunnelThroughput),
    tunnelPps: v.tunnelPps ?? sku?.tunnelPps ?? 0,
    maxTunnels: sku?.tunnels ?? 0,
    sites: tunnelSites,
    internet: resolveInternet(c, doc, v.internet ?? {}, tunnelSites),
    bgp: resolveBgp(c, 'vpn.bgp', v.bgp ?? {}, V.bgp),
    dpdTimeoutNs: c.durationIn('vpn.dpdTimeout', v.dpdTimeout ?? V.dpdTimeout, VPN_DPD_MIN_TIMEOUT_NS, VPN_DPD_MAX_TIMEOUT_NS),
    plannedFailoverNs: c.delay('vpn.plannedFailover', v.plannedFailover ?? V.plannedFailover, 'non-negative'),
    unplannedFailoverNs: c.delay('vpn.unplannedFailover', v.unplannedFailover ?? V.unplannedFailover, 'non-negative'),
    tunnelMtuBytes: c.size('vpn.tunnelMtu', v.tunnelMtu ?? V.tunnelMtu, IPV4_MIN_MTU_BYTES),
    espOverheadBytes: c.size('vpn.espOverhead', v.espOverhead ?? V.espOverhead, 0) + ((v.natTraversal ?? V.natTraversal) ? NAT_T_UDP_BYTES : 0),
    tcpMssBytes: c.size('vpn.tcpMss', v.tcpMss ?? V.tcpMss, 1),
    vpnPrefixLength: v.vpnPrefixLength ?? erPrefixLength,
    erPrefixLength,
    type: v.type ?? V.type,
  };
}

/** vpn.sites, or every site: names of sites, each once, and no more than the SKU has tunnels (`tunnels`, when the SKU is known). */
function resolveTunnelSites(c: ValueChecks, v: VpnDoc, sites: readonly SiteConfig[], skuName: string, tunnels: number | undefined): string[] {
  const siteNames = sites.map((s) => s.name);
  const known = new Set(siteNames);
  const uniqueSite = c.uniqueNames('site name');
  (v.sites ?? []).forEach((name, i) => {
    uniqueSite(name, `vpn.sites[${i}]`);
    if (!known.has(name)) c.fail(`vpn.sites[${i}]`, `a site name (${listNames(siteNames)})`, describeFound(name));
  });
  const tunnelSites = v.sites ?? siteNames;
  if (tunnels !== undefined && tunnelSites.length > tunnels) {
    const which = v.sites === undefined ? ' (every site: vpn.sites is not given)' : '';
    c.fail('vpn.sites', `at most ${tunnels} sites (${skuName} has ${tunnels} site-to-site tunnels)`, `${tunnelSites.length} sites${which}`);
  }
  return tunnelSites;
}

/** The internet path of each site with a tunnel: vpn.internet over the defaults, then the site's own internet block over that. */
function resolveInternet(c: ValueChecks, doc: Doc, d: InternetDoc, tunnelSites: readonly string[]): Record<string, InternetPath> {
  const D = DEFAULTS.vpn.internet;
  const shared: InternetPath = {
    bandwidthBps: c.linkRate('vpn.internet.bandwidth', d.bandwidth ?? D.bandwidth),
    latencyNs: c.linkTime('vpn.internet.latency', d.latency ?? D.latency),
    jitterNs: readPerDirection('vpn.internet.jitter', d.jitter ?? D.jitter, (p, v) => c.linkTime(p, v)),
    loss: readPerDirection('vpn.internet.loss', d.loss ?? D.loss, (p, v) => c.fraction(p, v)),
    lossBurst: readPerDirection('vpn.internet.lossBurst', d.lossBurst ?? D.lossBurst, (_p, v) => v),
  };
  // Every site's override is checked, including those of sites without a tunnel, which go unused.
  const overrides = new Map(
    (doc.sites ?? []).map((s, i) => {
      const path = `sites[${i}].internet`;
      const loss = s.internet?.loss === undefined ? undefined : { path: `${path}.loss`, text: s.internet.loss };
      return [s.name, { props: internetFields(c, path, s.internet ?? {}), loss }];
    }),
  );
  const tooLossy = new Set<string>();
  const paths = tunnelSites.map((name): [string, InternetPath] => {
    const override = overrides.get(name);
    const internet = { ...shared, ...override?.props };
    const loss = override?.loss ?? { path: 'vpn.internet.loss', text: d.loss ?? D.loss };
    for (const way of DIRECTIONS) {
      // A burst of losses ends at a delivered packet, so bursts of mean length b lose at most b / (b + 1) of the packets.
      const b = internet.lossBurst[way];
      const most = b / (b + 1);
      const [path, text] = isPerDirection(loss.text) ? [`${loss.path}.${way}`, loss.text[way]] : [loss.path, loss.text];
      if (b > 1 && internet.loss[way] > most && internet.loss[way] <= 1 && !tooLossy.has(path)) {
        tooLossy.add(path);
        c.fail(path, `a percentage of at most ${Math.floor(most * 10_000) / 100}% (with loss bursts of ${b} packets on average, as each burst ends at a delivered packet)`, describeFound(text));
      }
    }
    return [name, internet];
  });
  return Object.fromEntries(paths);
}

/** The internet fields given at `path`, and only those, so that spreading them over vpn.internet changes just what was written. */
function internetFields(c: ValueChecks, path: string, d: InternetDoc): Partial<InternetPath> {
  const props: Partial<InternetPath> = {};
  if (d.bandwidth !== undefined) props.bandwidthBps = c.linkRate(`${path}.bandwidth`, d.bandwidth);
  if (d.latency !== undefined) props.latencyNs = c.linkTime(`${path}.latency`, d.latency);
  if (d.jitter !== undefined) props.jitterNs = readPerDirection(`${path}.jitter`, d.jitter, (p, v) => c.linkTime(p, v));
  if (d.loss !== undefined) props.loss = readPerDirection(`${path}.loss`, d.loss, (p, v) => c.fraction(p, v));
  if (d.lossBurst !== undefined) props.lossBurst = readPerDirection(`${path}.lossBurst`, d.lossBurst, (_p, v) => v);
  return props;
}
