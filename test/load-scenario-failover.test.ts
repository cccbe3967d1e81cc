/**
 * Scenario files, part two: the paths that fail over and how they fail. Circuits (one block or
 * a list), routing, the VPN and failures, resolved with their defaults, and one issue per
 * mistake at its path. Part one, load-scenario.test.ts, covers the rest of the format.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Doc, edited, issueAt, issuesOf, load, minimal } from './helpers/scenario-docs';
import { bothWays } from '../sim/scenario/per-direction';

/** minimal() with two more sites. */
function threeSites(): Doc {
  return { ...minimal(), sites: [{ name: 'hq' }, { name: 'branch1' }, { name: 'branch2' }] };
}

/** threeSites() with the circuits given. */
function withCircuits(...circuits: Doc[]): Doc {
  return { ...threeSites(), circuits };
}

const valid = suite('load-scenario: circuits, routing, vpn and failures resolved');

valid('a circuit block is the one circuit of circuits, named "circuit", with weight 0', () => {
  const s = load(minimal());
  assert.equal(s.circuits, [s.circuit]);
  assert.equal([s.circuit.name, s.circuit.weight, s.circuit.siteDistanceM], ['circuit', 0, {}]);
  const block = load({ ...threeSites(), circuit: { bandwidth: '2Gbps', siteDistance: { branch1: '45km', hq: '500m' } } });
  assert.is(block.circuits.length, 1);
  assert.is(block.circuits[0], block.circuit);
  assert.equal([block.circuit.name, block.circuit.weight, block.circuit.bandwidthBps], ['circuit', 0, 2e9]);
  assert.equal(block.circuit.siteDistanceM, { branch1: 45_000, hq: 500 });
});

valid('a circuits list: names, weights, site distances in metres, and each item defaulted on its own', () => {
  const s = load(
    withCircuits(
      { name: 'er-ams', weight: 100, bandwidth: '2Gbps', siteDistance: { hq: '45km', branch2: '1.5km' }, bfd: false },
      { name: 'er-fra', peeringLocation: 'Frankfurt' },
    ),
  );
  assert.equal(s.circuits.map((c) => c.name), ['er-ams', 'er-fra']);
  assert.equal(s.circuits.map((c) => c.weight), [100, 0]);
  assert.equal(s.circuits.map((c) => c.siteDistanceM), [{ hq: 45_000, branch2: 1500 }, {}]);
  assert.equal(s.circuits.map((c) => [c.bandwidthBps, c.policerBurstBytes, c.bfd]), [[2e9, 1_250_000, false], [1e9, 625_000, true]]);
  const defaults = { layer: 2, portBps: 10e9, mtuBytes: 1400, policed: true, peeringDistanceM: 1000, premium: false };
  assert.equal(s.circuits[1], { name: 'er-fra', weight: 0, siteDistanceM: {}, bandwidthBps: 1e9, bfd: true, policerBurstBytes: 625_000, peeringLocation: 'Frankfurt', ...defaults });
  assert.is(s.circuit, s.circuits[0], 'circuit is the first of circuits');
  assert.is(s.sites[0]!.distanceM, 10_000, "a site's own distance is unchanged by siteDistance");
});

valid('a circuits list follows the model rules of the circuit block, item by item', () => {
  const anyToAny = load({ ...withCircuits({ name: 'a' }, { name: 'b', layer: 2 }), model: 'any-to-any' });
  assert.equal(anyToAny.circuits.map((c) => c.layer), [3, 2]);
  const direct = load({ ...withCircuits({ name: 'a', rateLimit: true, port: '100Gbps' }, { name: 'b' }), model: 'direct' });
  assert.equal(direct.circuits.map((c) => [c.policed, c.portBps]), [[true, 100e9], [false, 10e9]]);
  assert.is(direct.sites[0]!.access.capacityBps, 100e9, "a site's access link defaults to the first circuit's port");
  load({ ...withCircuits(...['a', 'b', 'c', 'd', 'e'].map((name) => ({ name }))), gateway: { sku: 'ErGw2Az' } });
});

valid('--set reaches into circuits like any array', () => {
  const s = load(withCircuits({ name: 'a' }, { name: 'b' }), ['circuits[1].bandwidth=2Gbps', 'circuits.0.weight=10', 'circuits[0].siteDistance.hq=45km']);
  assert.equal(s.circuits.map((c) => [c.bandwidthBps, c.weight, c.siteDistanceM]), [[1e9, 10, { hq: 45_000 }], [2e9, 0, {}]]);
  issueAt('circuits[1].bandwidth', () => load(withCircuits({ name: 'a' }, { name: 'b' }), ['circuits[1].bandwidth=0Gbps']));
});

valid('random failures: exponential by default; weibull with its shape, 1 when not given', () => {
  const s = load({
    ...minimal(),
    failures: [
      { target: 'circuit', at: '30s', for: '40s', mode: 'admin' },
      { target: 'primary', mtbf: '2000h', mttr: '4h' },
      { target: 'provider', mtbf: '500h', mttr: '2h', dist: 'weibull', shape: 1.5, mode: 'silent' },
      { target: 'secondary', mtbf: '500h', mttr: '2h', dist: 'weibull' },
      { target: 'internet', mtbf: '20000h', mttr: '30min' },
    ],
  });
  const h = 3600e9;
  assert.equal(s.failures, [
    { target: 'circuit', mode: 'admin', path: 'failures[0]', prefixes: undefined, kind: 'scheduled', atNs: 30e9, forNs: 40e9 },
    { target: 'primary', mode: 'silent', path: 'failures[1]', prefixes: undefined, kind: 'random', ttf: { dist: 'exponential', meanNs: 2000 * h }, ttr: { dist: 'exponential', meanNs: 4 * h } },
    { target: 'provider', mode: 'silent', path: 'failures[2]', prefixes: undefined, kind: 'random', ttf: { dist: 'weibull', meanNs: 500 * h, shape: 1.5 }, ttr: { dist: 'weibull', meanNs: 2 * h, shape: 1.5 } },
    { target: 'secondary', mode: 'silent', path: 'failures[3]', prefixes: undefined, kind: 'random', ttf: { dist: 'weibull', meanNs: 500 * h, shape: 1 }, ttr: { dist: 'weibull', meanNs: 2 * h, shape: 1 } },
    // A mean is not a clock reading: 20000h (2.3 years) is beyond the 104-day horizon, and fine.
    { target: 'internet', mode: 'silent', path: 'failures[4]', prefixes: undefined, kind: 'random', ttf: { dist: 'exponential', meanNs: 20_000 * h }, ttr: { dist: 'exponential', meanNs: 1800e9 } },
  ]);
});

valid('routing: every field set', () => {
  const s = load({
    ...minimal(),
    routing: {
      bgp: { keepalive: '3s', hold: '10s' },
      bfd: { interval: '750ms', multiplier: 5 },
      gatewayConvergence: '60s',
      premisesConvergence: '200ms',
      reestablish: '30s',
      premisesPreferEr: false,
      activePassive: true,
      advertisedPrefixes: 5000,
      vnetPrefixes: 900,
      dualStack: true,
    },
  });
  assert.equal(s.routing, {
    erBgp: { keepaliveNs: 3e9, holdNs: 10e9 },
    bfdIntervalNs: 750e6,
    bfdMultiplier: 5,
    gatewayConvergenceNs: 60e9,
    premisesConvergenceNs: 200e6,
    reestablishNs: 30e9,
    premisesPreferEr: false,
    activePassive: true,
    advertisedPrefixes: 5000,
    vnetPrefixes: 900,
    dualStack: true,
  });
  assert.equal(load({ ...minimal(), routing: { bgp: { hold: '90s' } } }).routing.erBgp, { keepaliveNs: 60e9, holdNs: 90e9 }, 'a field not given keeps its default');
});

valid('an empty vpn block: VpnGw2AZ and a tunnel to every site over the default internet path', () => {
  const s = load({ ...threeSites(), vpn: {} });
  const internet = { bandwidthBps: 1e9, latencyNs: 10e6, jitterNs: bothWays(1e6), loss: bothWays(0.0001), lossBurst: bothWays(1) };
  assert.equal(s.vpn, {
    sku: 'VpnGw2AZ',
    capacityBps: 1.25e9,
    tunnelBps: 1.25e9,
    tunnelPps: 120_000,
    maxTunnels: 30,
    sites: ['hq', 'branch1', 'branch2'],
    internet: { hq: internet, branch1: internet, branch2: internet },
    bgp: { keepaliveNs: 60e9, holdNs: 180e9 },
    dpdTimeoutNs: 45e9,
    plannedFailoverNs: 15e9,
    unplannedFailoverNs: 180e9,
    tunnelMtuBytes: 1400,
    espOverheadBytes: 56,
    tcpMssBytes: 1350,
    vpnPrefixLength: 16,
    erPrefixLength: 16,
    type: 'route-based',
  });
});

valid('vpn: the sites with a tunnel, and a site override merged field by field over vpn.internet', () => {
  const doc = threeSites() as Doc & { sites: Doc[] };
  doc.sites[1]!.internet = { latency: '15ms', lossBurst: 4 };
  doc.sites[2]!.internet = { loss: '1%' }; // no tunnel: checked, unused
  doc.vpn = { sites: ['branch1', 'hq'], internet: { bandwidth: '200Mbps', jitter: '3ms', loss: '0.05%' } };
  const vpn = load(doc).vpn!;
  assert.equal(vpn.sites, ['branch1', 'hq']);
  assert.equal(vpn.internet, {
    hq: { bandwidthBps: 200e6, latencyNs: 10e6, jitterNs: bothWays(3e6), loss: bothWays(0.0005), lossBurst: bothWays(1) },
    branch1: { bandwidthBps: 200e6, latencyNs: 15e6, jitterNs: bothWays(3e6), loss: bothWays(0.0005), lossBurst: bothWays(4) },
  });
});

valid('vpn: an AZ SKU, overrides of its rates, timers and prefixes', () => {
  const vpn = load({
    ...minimal(),
    vpn: {
      sku: 'VpnGw4AZ',
      capacity: '3Gbps',
      tunnelThroughput: '700Mbps',
      bgp: { keepalive: '10s', hold: '30s' },
      dpdTimeout: '9s',
      plannedFailover: '10s',
      unplannedFailover: '3min',
      tunnelMtu: '1350B',
      espOverhead: '73B',
      natTraversal: true,
      tunnelPps: 100_000,
      tcpMss: '1300B',
      erPrefixLength: 16,
      vpnPrefixLength: 24,
    },
  }).vpn!;
  assert.equal([vpn.sku, vpn.capacityBps, vpn.tunnelBps, vpn.tunnelPps, vpn.maxTunnels], ['VpnGw4AZ', 3e9, 700e6, 100_000, 100]);
  assert.equal(vpn.bgp, { keepaliveNs: 10e9, holdNs: 30e9 });
  assert.equal([vpn.dpdTimeoutNs, vpn.plannedFailoverNs, vpn.unplannedFailoverNs], [9e9, 10e9, 180e9]);
  // NAT traversal puts 8 B of UDP on top of the ESP [HAMWAN].
  assert.equal([vpn.tunnelMtuBytes, vpn.espOverheadBytes, vpn.tcpMssBytes], [1350, 81, 1300]);
  assert.equal([vpn.erPrefixLength, vpn.vpnPrefixLength], [16, 24]);
  const basic = load({ ...minimal(), vpn: { sku: 'Basic', erPrefixLength: 8 } }).vpn!;
  assert.equal([basic.capacityBps, basic.tunnelBps, basic.tunnelPps, basic.maxTunnels], [100e6, 100e6, Infinity, 10]);
  assert.is(basic.vpnPrefixLength, 8, 'vpnPrefixLength defaults to erPrefixLength');
});

const bad = suite('load-scenario: circuits, routing, vpn and failures, one issue per mistake');

bad('circuits: either a circuit block or a circuits list, not both', () => {
  const issue = issueAt('circuits', () => load({ ...withCircuits({ name: 'a' }, { name: 'b' }), circuit: { bandwidth: '2Gbps' } }));
  assert.is(issue.expected, 'either circuit or circuits, not both');
  assert.is(issue.found, 'a circuit block and a circuits list of 2');
  // The block's own mistakes are reported as well.
  const issues = issuesOf(() => load({ ...withCircuits({ name: 'a' }), circuit: { bandwidth: '0Gbps' } }));
  assert.equal(issues.map((i) => i.path), ['circuits', 'circuit.bandwidth']);
});

bad('circuits: names unique among circuits, and no site name', () => {
  const twice = issueAt('circuits[2].name', () => load(withCircuits({ name: 'a' }, { name: 'b' }, { name: 'a' })));
  assert.is(twice.expected, 'a circuit name not used before (circuits[0].name is already "a")');
  const site = issueAt('circuits[1].name', () => load(withCircuits({ name: 'a' }, { name: 'branch1' })));
  assert.is(site.expected, 'a circuit name that no site has (sites: hq, branch1, branch2)');
  assert.is(site.found, '"branch1"');
  assert.is(issueAt('circuits[0].name', () => load(withCircuits({ weight: 1 }))).found, 'nothing (the field is missing)');
  assert.match(issueAt('circuits[0].name', () => load(withCircuits({ name: '.a' }))).expected, 'a name of 1 to 64 letters');
});

bad('circuits: siteDistance keys are site names, its values distances', () => {
  const key = issueAt('circuits[1].siteDistance.hqq', () => load(withCircuits({ name: 'a' }, { name: 'b', siteDistance: { hq: '1km', hqq: '2km' } })));
  assert.is(key.expected, 'a site name (hq, branch1, branch2)');
  assert.is(key.found, '"hqq"');
  issueAt('circuit.siteDistance.branch9', () => load({ ...threeSites(), circuit: { siteDistance: { branch9: '1km' } } }));
  issueAt('circuits[0].siteDistance["a b"]', () => load(withCircuits({ name: 'a', siteDistance: { 'a b': '1km' } })));
  assert.match(issueAt('circuits[0].siteDistance.hq', () => load(withCircuits({ name: 'a', siteDistance: { hq: '45 km' } }))).expected, 'a distance such as "20km"');
  issueAt('circuits[0].siteDistance.hq', () => load(withCircuits({ name: 'a', siteDistance: { hq: '-1km' } })));
  const notMap = issueAt('circuit.siteDistance', () => load({ ...minimal(), circuit: { siteDistance: '45km' } }));
  assert.match(notMap.expected, 'an object whose values are each a distance such as "20km"');
});

bad('circuits: no more than the gateway SKU connects (ErGw1Az: 4), 16 at most', () => {
  const five = withCircuits(...['a', 'b', 'c', 'd', 'e'].map((name) => ({ name })));
  const issue = issueAt('circuits', () => load(five));
  assert.is(issue.expected, 'at most 4 circuits (gateway SKU ErGw1Az, the default, connects 4)');
  assert.is(issue.found, '5 circuits');
  assert.is(issueAt('circuits', () => load({ ...five, gateway: { sku: 'Standard' } })).expected, 'at most 4 circuits (gateway SKU Standard connects 4)');
  const seventeen = withCircuits(...Array.from({ length: 17 }, (_, i) => ({ name: `c${i}` })));
  assert.is(issueAt('circuits', () => load({ ...seventeen, gateway: { sku: 'ErGw3Az' } })).expected, 'an array of 1 to 16 items');
  assert.is(issueAt('circuits', () => load(withCircuits())).expected, 'an array of 1 to 16 items');
  // An unknown SKU is reported once, at gateway.sku.
  issueAt('gateway.sku', () => load({ ...five, gateway: { sku: 'ErGw9Az' } }));
});

bad('circuits: not with model custom, and no siteDistance there either', () => {
  const custom = {
    name: 'lab',
    model: 'custom',
    duration: '10s',
    custom: { nodes: [{ id: 'ce', role: 'premises' }, { id: 'vnet1', role: 'vnet' }], links: [{ from: 'ce', to: 'vnet1', bandwidth: '1Gbps' }] },
  };
  assert.match(issueAt('circuits', () => load({ ...custom, circuits: [{ name: 'a' }] })).expected, /^no circuits list for model custom/);
  assert.match(issueAt('circuit.siteDistance', () => load({ ...custom, circuit: { siteDistance: { ce: '1km' } } })).expected, /^no siteDistance for model custom/);
});

bad('circuits: weight an integer from 0 to 32000; name and weight only in circuits', () => {
  const negative = issueAt('circuits[0].weight', () => load(withCircuits({ name: 'a', weight: -1 })));
  assert.is(negative.expected, 'an integer from 0 to 32000');
  assert.is(negative.found, '-1 (number)');
  issueAt('circuits[0].weight', () => load(withCircuits({ name: 'a', weight: 32_001 })));
  issueAt('circuits[0].weight', () => load(withCircuits({ name: 'a', weight: 1.5 })));
  assert.match(issueAt('circuit.weight', () => load({ ...minimal(), circuit: { weight: 1 } })).expected, /^no such field/);
  assert.match(issueAt('circuit.name', () => load({ ...minimal(), circuit: { name: 'a' } })).expected, /^no such field/);
});

bad('circuits: the model rules of the circuit block, at the item that breaks them', () => {
  issueAt('circuits[1].port', () => load({ ...withCircuits({ name: 'a' }, { name: 'b', port: '40Gbps' }), model: 'direct' }));
  issueAt('circuits[0].layer', () => load({ ...withCircuits({ name: 'a', layer: 3 }), model: 'direct' }));
  issueAt('circuits[1].rateLimit', () => load(withCircuits({ name: 'a' }, { name: 'b', rateLimit: true })));
  const burst = issueAt('circuits[0].policerBurst', () => load(withCircuits({ name: 'a', policerBurst: '1000B' })));
  assert.match(burst.expected, '(circuits[0].mtu: a packet must fit the bucket)');
});

bad('routing: BGP timers above their floors, hold longer than keepalive', () => {
  const shortHold = issueAt('routing.bgp.hold', () => load({ ...minimal(), routing: { bgp: { keepalive: '30s', hold: '20s' } } }));
  assert.match(shortHold.expected, 'longer than keepalive (30s)');
  assert.match(shortHold.expected, 'a hold shorter than keepalive');
  assert.is(shortHold.found, '"20s"');
  assert.is(issueAt('routing.bgp.hold', () => load({ ...minimal(), routing: { bgp: { keepalive: '180s' } } })).found, '"180s" (the default)');
  issueAt('vpn.bgp.hold', () => load({ ...minimal(), vpn: { bgp: { keepalive: '60s', hold: '60s' } } }));
  assert.match(issueAt('routing.bgp.keepalive', () => load({ ...minimal(), routing: { bgp: { keepalive: '2s' } } })).expected, 'of at least 3s');
  assert.match(issueAt('routing.bgp.hold', () => load({ ...minimal(), routing: { bgp: { keepalive: '3s', hold: '9s' } } })).expected, 'of at least 10s');
});

bad('routing: BFD multiplier 1 to 255, interval at least 300ms', () => {
  const zero = issueAt('routing.bfd.multiplier', () => load({ ...minimal(), routing: { bfd: { multiplier: 0 } } }));
  assert.is(zero.expected, 'an integer from 1 to 255');
  assert.is(zero.found, '0 (number)');
  issueAt('routing.bfd.multiplier', () => load({ ...minimal(), routing: { bfd: { multiplier: 256 } } }));
  issueAt('routing.bfd.multiplier', () => load({ ...minimal(), routing: { bfd: { multiplier: 2.5 } } }));
  const fast = issueAt('routing.bfd.interval', () => load({ ...minimal(), routing: { bfd: { interval: '100ms' } } }));
  assert.is(fast.expected, 'a duration of at least 300ms (the MSEEs cannot go shorter)');
  assert.is(fast.found, '"100ms"');
});

bad('vpn: an unknown SKU', () => {
  const issue = issueAt('vpn.sku', () => load({ ...minimal(), vpn: { sku: 'VpnGw9' } }));
  assert.match(issue.expected, 'one of Basic, VpnGw1, VpnGw2, VpnGw3, VpnGw4, VpnGw5, VpnGw1AZ..VpnGw5AZ');
  assert.is(issue.found, '"VpnGw9"');
});

bad('vpn.sites: names of sites, each once', () => {
  const unknown = issueAt('vpn.sites[1]', () => load({ ...threeSites(), vpn: { sites: ['hq', 'branch9'] } }));
  assert.is(unknown.expected, 'a site name (hq, branch1, branch2)');
  assert.is(unknown.found, '"branch9"');
  issueAt('vpn.sites[1]', () => load({ ...threeSites(), vpn: { sites: ['hq', 'hq'] } }));
  issueAt('vpn.sites', () => load({ ...threeSites(), vpn: { sites: [] } }));
});

bad('vpn.sites: no more sites than the SKU has tunnels (Basic has 10)', () => {
  const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `branch${i}` }));
  const all = issueAt('vpn.sites', () => load({ ...minimal(), sites: eleven, traffic: [], vpn: { sku: 'Basic' } }));
  assert.is(all.expected, 'at most 10 sites (Basic has 10 site-to-site tunnels)');
  assert.is(all.found, '11 sites (every site: vpn.sites is not given)');
  const listed = issueAt('vpn.sites', () => load({ ...minimal(), sites: eleven, traffic: [], vpn: { sku: 'Basic', sites: eleven.map((s) => s.name) } }));
  assert.is(listed.found, '11 sites');
  load({ ...minimal(), sites: eleven, traffic: [], vpn: { sku: 'Basic', sites: eleven.slice(1).map((s) => s.name) } });
});

bad('vpn: internet loss bursts of at least 1 packet', () => {
  const issue = issueAt('vpn.internet.lossBurst', () => load({ ...minimal(), vpn: { internet: { lossBurst: 0.5 } } }));
  assert.is(issue.expected, 'a number of 1 or more');
  issueAt('sites[0].internet.lossBurst', () => load({ ...edited((d) => (d.sites[0]!.internet = { lossBurst: 0 })), vpn: {} }));
  issueAt('sites[0].internet.loss', () => load({ ...edited((d) => (d.sites[0]!.internet = { loss: '101%' })), vpn: {} }));
});

bad('vpn: a loss too high for its bursts, which each end at a delivered packet', () => {
  const issue = issueAt('vpn.internet.loss', () => load({ ...minimal(), vpn: { internet: { loss: '70%', lossBurst: 2 } } }));
  assert.is(issue.expected, 'a percentage of at most 66.66% (with loss bursts of 2 packets on average, as each burst ends at a delivered packet)');
  assert.is(issue.found, '"70%"');
  // The burst from the site, the loss from vpn.internet: reported once, where the loss is written.
  const doc = threeSites() as Doc & { sites: Doc[] };
  doc.vpn = { internet: { loss: '60%' } };
  doc.sites[2]!.internet = { lossBurst: 1.2 };
  issueAt('vpn.internet.loss', () => load(doc));
  for (const site of doc.sites) site.internet = { lossBurst: 1.2 };
  issueAt('vpn.internet.loss', () => load(doc));
  issueAt('vpn.internet.loss', () => load({ ...minimal(), vpn: { internet: { loss: '101%', lossBurst: 2 } } }));
  doc.sites[0]!.internet = { lossBurst: 1.2, loss: '55%' };
  assert.equal(issuesOf(() => load(doc)).map((i) => i.path), ['sites[0].internet.loss', 'vpn.internet.loss']);
  assert.equal(load({ ...minimal(), vpn: { internet: { loss: '100%' } } }).vpn!.internet.hq!.loss, bothWays(1), 'independent loss may be anything');
});

bad('vpn: DPD timeout from 9s to 3600s, prefix lengths 0 to 32', () => {
  const issue = issueAt('vpn.dpdTimeout', () => load({ ...minimal(), vpn: { dpdTimeout: '5s' } }));
  assert.is(issue.expected, 'a duration from 9s to 3600s');
  issueAt('vpn.dpdTimeout', () => load({ ...minimal(), vpn: { dpdTimeout: '2h' } }));
  issueAt('vpn.erPrefixLength', () => load({ ...minimal(), vpn: { erPrefixLength: 33 } }));
  issueAt('vpn.vpnPrefixLength', () => load({ ...minimal(), vpn: { vpnPrefixLength: -1 } }));
});

bad('vpn: a site internet path needs a vpn block; model custom has no vpn', () => {
  const issue = issueAt('sites[0].internet', () => load(edited((d) => (d.sites[0]!.internet = { latency: '15ms' }))));
  assert.match(issue.expected, /^a vpn block/);
  const custom = {
    name: 'lab',
    model: 'custom',
    duration: '10s',
    custom: { nodes: [{ id: 'ce', role: 'premises' }, { id: 'vnet1', role: 'vnet' }], links: [{ from: 'ce', to: 'vnet1', bandwidth: '1Gbps' }] },
    vpn: {},
  };
  assert.match(issueAt('vpn', () => load(custom)).expected, 'model custom');
});

bad('failures: at, or mtbf and mttr, never both', () => {
  const failing = (failure: Doc) => ({ ...minimal(), failures: [failure] });
  const both = issueAt('failures[0]', () => load(failing({ target: 'circuit', at: '30s', mtbf: '2000h', mttr: '4h' })));
  assert.is(both.expected, 'either at (a scheduled failure) or mtbf and mttr (a random failure), not both');
  assert.is(both.found, 'at "30s" and mtbf "2000h"');
  const neither = issueAt('failures[0]', () => load(failing({ target: 'circuit', for: '40s' })));
  assert.is(neither.expected, 'at (a scheduled failure) or mtbf and mttr (a random failure)');
  assert.match(issueAt('failures[0].mttr', () => load(failing({ target: 'circuit', mtbf: '2000h' }))).expected, 'mean time to repair');
  assert.match(issueAt('failures[0].mtbf', () => load(failing({ target: 'circuit', mttr: '4h' }))).expected, 'mean time to failure');
});

bad('failures: fields of the other kind, shapes, modes and means', () => {
  const failing = (failure: Doc) => ({ ...minimal(), failures: [failure] });
  issueAt('failures[0].for', () => load(failing({ target: 'circuit', mtbf: '2000h', mttr: '4h', for: '1h' })));
  issueAt('failures[0].dist', () => load(failing({ target: 'circuit', at: '1s', dist: 'weibull' })));
  issueAt('failures[0].shape', () => load(failing({ target: 'circuit', mtbf: '2000h', mttr: '4h', shape: 2 })));
  issueAt('failures[0].shape', () => load(failing({ target: 'circuit', mtbf: '2000h', mttr: '4h', dist: 'weibull', shape: 0 })));
  assert.match(issueAt('failures[0].dist', () => load(failing({ target: 'circuit', mtbf: '2000h', mttr: '4h', dist: 'pareto' }))).expected, 'one of exponential, weibull');
  assert.match(issueAt('failures[0].mode', () => load(failing({ target: 'circuit', at: '1s', mode: 'loud' }))).expected, 'one of silent, admin');
  assert.match(issueAt('failures[0].mttr', () => load(failing({ target: 'circuit', mtbf: '2000h', mttr: '0s' }))).expected, 'above 0');
  issueAt('failures[0].at', () => load(failing({ target: 'circuit', at: '60s' })));
});

valid.run();
bad.run();
