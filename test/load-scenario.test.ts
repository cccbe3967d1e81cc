import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import { loadScenarioFile, parseScenarioText } from '../sim/scenario/load-scenario';
import { ScenarioError, type ScenarioIssue } from '../sim/scenario/scenario-error';
import type { Scenario } from '../sim/scenario/types';
import { repositoryRoot, SCHEMA_FILE, scenarioJsonSchemaText } from '../sim/scenario/write-json-schema';

type Doc = Record<string, unknown>;

function minimal(): Doc {
  return {
    name: 'colo-london',
    model: 'cloud-exchange',
    duration: '60s',
    sites: [{ name: 'hq', distance: '20km' }],
    traffic: [{ name: 'voice', kind: 'cbr', from: 'hq', to: 'vnet', rate: '64kbps', size: '200B' }],
  };
}

function load(doc: Doc, sets: string[] = []): Scenario {
  return parseScenarioText(stringify(doc), 'test.yaml', sets);
}

/** The issues of a load that must fail. */
function issuesOf(run: () => unknown): ScenarioIssue[] {
  try {
    run();
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    for (const issue of err.issues) assert.ok(issue.expected.length > 0, `empty expected at ${issue.path}`);
    return err.issues;
  }
  assert.unreachable('expected a ScenarioError');
  return [];
}

/** The one issue of a load that must fail, which must be at `path`. */
function issueAt(path: string, run: () => unknown): ScenarioIssue {
  const issues = issuesOf(run);
  assert.equal(issues.map((i) => i.path), [path], JSON.stringify(issues));
  return issues[0]!;
}

/** `doc` with `edit` applied to it. */
function edited(edit: (doc: Doc & { circuit?: Doc; sites: Doc[]; traffic: Doc[] }) => void): Doc {
  const doc = minimal() as Doc & { sites: Doc[]; traffic: Doc[] };
  edit(doc);
  return doc;
}

const valid = suite('load-scenario: defaults');

valid('a minimal scenario resolves with the documented defaults', () => {
  const s = load(minimal());
  assert.is(s.file, 'test.yaml');
  assert.is(s.description, '');
  assert.is(s.seed, 1);
  assert.is(s.durationNs, 60e9);
  assert.is(s.intervalNs, 1e9);
  assert.equal(s.circuit, {
    bandwidthBps: 1e9,
    layer: 2,
    bfd: true,
    portBps: 10e9,
    mtuBytes: 1400,
    policerBurstBytes: 625_000,
    policed: true,
    peeringDistanceM: 1000,
    peeringLocation: 'peering-location',
  });
  assert.equal(s.gateway, { sku: 'ErGw1Az', capacityBps: 1e9, pps: 100_000, regionDistanceM: 100_000 });
  assert.equal(s.linkDefaults, { mtuBytes: 1500, queue: { ns: 10e6 }, loss: 0, jitterNs: 0, reorder: false });
  assert.equal(s.sites, [
    { name: 'hq', distanceM: 20_000, access: { mtuBytes: 1500, queue: { ns: 10e6 }, loss: 0, jitterNs: 0, reorder: false, capacityBps: 10e9, delayNs: 100_000 } },
  ]);
  assert.equal(s.traffic, [
    { name: 'voice', kind: 'cbr', from: 'hq', to: 'vnet', rateBps: 64_000, sizeBytes: 200, startNs: 0, stopNs: 60e9, path: 'traffic[0]' },
  ]);
  assert.equal(s.linkOverrides, []);
  assert.equal(s.failures, []);
  assert.is(s.custom, undefined);
  assert.equal(s.routing, {
    erBgp: { keepaliveNs: 60e9, holdNs: 180e9 },
    bfdIntervalNs: 300e6,
    bfdMultiplier: 3,
    gatewayConvergenceNs: 10e9,
    premisesConvergenceNs: 0,
    reestablishNs: 5e9,
    premisesPreferEr: true,
    activePassive: false,
  });
  assert.is(s.vpn, undefined, 'no vpn block, no VPN');
  assert.equal(s.source, minimal());
});

valid('model-dependent defaults: any-to-any is layer 3; Direct is policed only with rateLimit', () => {
  assert.is(load({ ...minimal(), model: 'any-to-any' }).circuit.layer, 3);
  assert.is(load({ ...minimal(), model: 'direct' }).circuit.policed, false);
  assert.is(load({ ...minimal(), model: 'direct', circuit: { rateLimit: true } }).circuit.policed, true);
});

valid('the policer burst scales with bandwidth but holds at least two packets', () => {
  assert.is(load({ ...minimal(), circuit: { bandwidth: '10Gbps' } }).circuit.policerBurstBytes, 6_250_000);
  assert.is(load({ ...minimal(), circuit: { bandwidth: '1Mbps' } }).circuit.policerBurstBytes, 2800);
});

valid('on-off periods, failures, overrides and a short run', () => {
  const s = load({
    ...minimal(),
    duration: '500ms',
    traffic: [{ name: 'bursty', kind: 'onoff', from: 'vnet', to: 'hq', rate: '10Mbps', on: { mean: '2s', dist: 'pareto' }, stop: '400ms' }],
    failures: [{ target: 'primary', at: '100ms', for: '50ms' }, { target: 'hq', at: '0s' }],
    linkOverrides: [{ link: 'hq--hq-ce', loss: '0.1%', queue: '64KiB' }],
  });
  assert.is(s.intervalNs, 500e6, 'the default interval is cut to the duration');
  assert.equal(s.traffic[0]!.on, { dist: 'pareto', meanNs: 2e9, shape: 1.5 });
  assert.equal(s.traffic[0]!.off, { dist: 'exponential', meanNs: 1e9 });
  assert.is(s.traffic[0]!.stopNs, 400e6);
  assert.equal(s.failures, [
    { target: 'primary', mode: 'silent', path: 'failures[0]', kind: 'scheduled', atNs: 100e6, forNs: 50e6 },
    { target: 'hq', mode: 'silent', path: 'failures[1]', kind: 'scheduled', atNs: 0, forNs: undefined },
  ]);
  assert.equal(s.linkOverrides, [{ link: 'hq--hq-ce', path: 'linkOverrides[0]', loss: 0.001, queue: { bytes: 65_536 } }]);
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
    { target: 'circuit', mode: 'admin', path: 'failures[0]', kind: 'scheduled', atNs: 30e9, forNs: 40e9 },
    { target: 'primary', mode: 'silent', path: 'failures[1]', kind: 'random', ttf: { dist: 'exponential', meanNs: 2000 * h }, ttr: { dist: 'exponential', meanNs: 4 * h } },
    { target: 'provider', mode: 'silent', path: 'failures[2]', kind: 'random', ttf: { dist: 'weibull', meanNs: 500 * h, shape: 1.5 }, ttr: { dist: 'weibull', meanNs: 2 * h, shape: 1.5 } },
    { target: 'secondary', mode: 'silent', path: 'failures[3]', kind: 'random', ttf: { dist: 'weibull', meanNs: 500 * h, shape: 1 }, ttr: { dist: 'weibull', meanNs: 2 * h, shape: 1 } },
    // A mean is not a clock reading: 20000h (2.3 years) is beyond the 104-day horizon, and fine.
    { target: 'internet', mode: 'silent', path: 'failures[4]', kind: 'random', ttf: { dist: 'exponential', meanNs: 20_000 * h }, ttr: { dist: 'exponential', meanNs: 1800e9 } },
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
  });
  assert.equal(load({ ...minimal(), routing: { bgp: { hold: '90s' } } }).routing.erBgp, { keepaliveNs: 60e9, holdNs: 90e9 }, 'a field not given keeps its default');
});

/** minimal() with two more sites. */
function threeSites(): Doc {
  return { ...minimal(), sites: [{ name: 'hq' }, { name: 'branch1' }, { name: 'branch2' }] };
}

valid('an empty vpn block: VpnGw2 and a tunnel to every site over the default internet path', () => {
  const s = load({ ...threeSites(), vpn: {} });
  const internet = { bandwidthBps: 1e9, latencyNs: 10e6, jitterNs: 1e6, loss: 0.0001, lossBurst: 1 };
  assert.equal(s.vpn, {
    sku: 'VpnGw2',
    capacityBps: 1.25e9,
    tunnelBps: 1.25e9,
    maxTunnels: 30,
    sites: ['hq', 'branch1', 'branch2'],
    internet: { hq: internet, branch1: internet, branch2: internet },
    bgp: { keepaliveNs: 60e9, holdNs: 180e9 },
    dpdTimeoutNs: 45e9,
    plannedFailoverNs: 15e9,
    unplannedFailoverNs: 90e9,
    tunnelMtuBytes: 1400,
    espOverheadBytes: 64,
    tcpMssBytes: 1350,
    vpnPrefixLength: 16,
    erPrefixLength: 16,
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
    hq: { bandwidthBps: 200e6, latencyNs: 10e6, jitterNs: 3e6, loss: 0.0005, lossBurst: 1 },
    branch1: { bandwidthBps: 200e6, latencyNs: 15e6, jitterNs: 3e6, loss: 0.0005, lossBurst: 4 },
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
      tcpMss: '1300B',
      erPrefixLength: 16,
      vpnPrefixLength: 24,
    },
  }).vpn!;
  assert.equal([vpn.sku, vpn.capacityBps, vpn.tunnelBps, vpn.maxTunnels], ['VpnGw4AZ', 3e9, 700e6, 100]);
  assert.equal(vpn.bgp, { keepaliveNs: 10e9, holdNs: 30e9 });
  assert.equal([vpn.dpdTimeoutNs, vpn.plannedFailoverNs, vpn.unplannedFailoverNs], [9e9, 10e9, 180e9]);
  assert.equal([vpn.tunnelMtuBytes, vpn.espOverheadBytes, vpn.tcpMssBytes], [1350, 73, 1300]);
  assert.equal([vpn.erPrefixLength, vpn.vpnPrefixLength], [16, 24]);
  const basic = load({ ...minimal(), vpn: { sku: 'Basic', erPrefixLength: 8 } }).vpn!;
  assert.equal([basic.capacityBps, basic.tunnelBps, basic.maxTunnels], [100e6, 100e6, 10]);
  assert.is(basic.vpnPrefixLength, 8, 'vpnPrefixLength defaults to erPrefixLength');
});

valid('a custom topology', () => {
  const s = load({
    name: 'lab',
    model: 'custom',
    duration: '10s',
    custom: {
      nodes: [{ id: 'ce', role: 'premises', site: 'hq' }, { id: 'msee1', role: 'msee' }, { id: 'vnet1', role: 'vnet' }],
      links: [
        { from: 'ce', to: 'msee1', bandwidth: '10Gbps', distance: '200km', leg: 'primary', police: '1Gbps' },
        { from: 'msee1', to: 'vnet1', bandwidth: '10Gbps', delay: '1ms', loss: '1%' },
      ],
    },
    traffic: [{ name: 'up', kind: 'poisson', from: 'hq', to: 'vnet', rate: '1Mbps' }],
  });
  assert.equal(s.sites, []);
  assert.is(s.circuit.policed, false);
  assert.equal(s.custom!.nodes[1], { id: 'msee1', role: 'msee', site: 'msee1' });
  const [a, b] = s.custom!.links;
  assert.equal([a!.delayNs, a!.leg, a!.policeBps, a!.capacityBps, a!.mtuBytes], [1_000_000, 'primary', 1e9, 10e9, 1500]);
  assert.equal([b!.delayNs, b!.leg, b!.policeBps, b!.loss], [1_000_000, null, 0, 0.01]);
});

valid('a JSON file read from disk', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-'));
  const file = path.join(dir, 'lab.json');
  fs.writeFileSync(file, JSON.stringify({ $schema: './ersim-scenario.schema.json', ...minimal() }, null, 2));
  try {
    const s = loadScenarioFile(file);
    assert.is(s.file, file);
    assert.is(s.name, 'colo-london');
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});

const bad = suite('load-scenario: one issue per mistake, at its path');

bad('unknown model', () => {
  const issue = issueAt('model', () => load({ ...minimal(), model: 'colo' }));
  assert.match(issue.expected, 'one of cloud-exchange, point-to-point, any-to-any, direct, custom');
  assert.is(issue.found, '"colo"');
});

bad('a flow to an unknown site', () => {
  const issue = issueAt('traffic[0].to', () => load(edited((d) => (d.traffic[0]!.to = 'hqq'))));
  assert.is(issue.expected, 'a site name (hq) or "vnet"');
  assert.is(issue.found, '"hqq"');
});

bad('negative and zero bandwidth', () => {
  assert.match(issueAt('circuit.bandwidth', () => load({ ...minimal(), circuit: { bandwidth: '-1Gbps' } })).expected, 'above 0');
  assert.match(issueAt('circuit.bandwidth', () => load({ ...minimal(), circuit: { bandwidth: '0Gbps' } })).expected, 'above 0');
  assert.match(issueAt('traffic[0].rate', () => load(edited((d) => (d.traffic[0]!.rate = '0bps')))).expected, 'above 0');
});

bad('loss above 100%', () => {
  assert.match(issueAt('sites[0].loss', () => load(edited((d) => (d.sites[0]!.loss = '101%')))).expected, '0% to 100%');
  issueAt('linkDefaults.loss', () => load({ ...minimal(), linkDefaults: { loss: '200%' } }));
});

bad('a unit missing, and a unit misspelt', () => {
  const missing = issueAt('circuit.bandwidth', () => load({ ...minimal(), circuit: { bandwidth: 1000 } }));
  assert.match(missing.expected, 'a rate such as "1Gbps"');
  assert.is(missing.found, '1000 (number)');
  const misspelt = issueAt('circuit.bandwidth', () => load({ ...minimal(), circuit: { bandwidth: '1Gbs' } }));
  assert.match(misspelt.expected, 'bps, kbps, Mbps, Gbps or Tbps');
  assert.is(misspelt.found, '"1Gbs"');
});

bad('duration zero', () => {
  assert.match(issueAt('duration', () => load({ ...minimal(), duration: '0s' })).expected, 'above 0');
});

bad('a missing file', () => {
  const issue = issueAt('', () => loadScenarioFile(path.join(os.tmpdir(), 'no-such-ersim-scenario.yaml')));
  assert.is(issue.expected, 'a readable scenario file');
  assert.is(issue.found, 'no such file');
});

bad('a YAML syntax error, and a JSON one, with line and column', () => {
  const yaml = issueAt('', () => parseScenarioText('name: x\nmodel: [custom\nduration: 1s\n', 'bad.yaml'));
  assert.is(yaml.expected, 'valid YAML');
  assert.match(yaml.found, /at line \d+, column \d+/);
  const json = issueAt('', () => parseScenarioText('{\n  "name": "x",\n  "model" "custom"\n}', 'bad.json'));
  assert.is(json.expected, 'valid JSON');
  assert.match(json.found, 'at line 3, column 11');
});

bad('an array where an object belongs', () => {
  const circuit = issueAt('circuit', () => load({ ...minimal(), circuit: [1, 2] }));
  assert.match(circuit.expected, /^an object/);
  assert.is(circuit.found, 'an array of 2');
  const whole = issueAt('', () => parseScenarioText('[1, 2]', 'list.json'));
  assert.is(whole.expected, 'an object (a scenario document)');
});

bad('a misspelt field name', () => {
  const issue = issueAt('circuit.bandwith', () => load({ ...minimal(), circuit: { bandwith: '2Gbps' } }));
  assert.match(issue.expected, 'no such field (did you mean "bandwidth"? known fields: bandwidth, layer,');
  assert.is(issue.found, '"2Gbps"');
});

bad('a missing required field', () => {
  const issue = issueAt('traffic[0].rate', () => load(edited((d) => delete d.traffic[0]!.rate)));
  assert.is(issue.found, 'nothing (the field is missing)');
});

bad('a wrong on period names the branch that was meant', () => {
  const onoff = (on: unknown) => edited((d) => Object.assign(d.traffic[0]!, { kind: 'onoff', on }));
  assert.match(issueAt('traffic[0].on', () => load(onoff(5))).expected, 'a duration such as');
  assert.match(issueAt('traffic[0].on', () => load(onoff('5 s'))).expected, 'a duration such as');
  assert.match(issueAt('traffic[0].on.dist', () => load(onoff({ mean: '1s', dist: 'weibull' }))).expected, 'one of exponential, pareto');
});

bad('model rules: Direct ports and layer, custom block, gateway SKU', () => {
  issueAt('circuit.port', () => load({ ...minimal(), model: 'direct', circuit: { port: '40Gbps' } }));
  issueAt('circuit.layer', () => load({ ...minimal(), model: 'direct', circuit: { layer: 3 } }));
  issueAt('circuit.rateLimit', () => load({ ...minimal(), circuit: { rateLimit: true } }));
  issueAt('custom', () => load({ ...minimal(), model: 'custom', sites: undefined, traffic: [] }));
  issueAt('sites', () => load({ ...minimal(), sites: undefined, traffic: [] }));
  issueAt('gateway.sku', () => load({ ...minimal(), gateway: { sku: 'ErGw9Az' } }));
});

bad('names: unique sites and flows, no site called vnet, from differs from to', () => {
  issueAt('sites[1].name', () => load(edited((d) => d.sites.push({ name: 'hq' }))));
  issueAt('sites[1].name', () => load(edited((d) => d.sites.push({ name: 'vnet' }))));
  issueAt('traffic[1].name', () => load(edited((d) => d.traffic.push({ ...d.traffic[0] }))));
  issueAt('traffic[0].to', () => load(edited((d) => (d.traffic[0]!.to = 'hq'))));
});

bad('times and sizes: start before the end, stop after start, packet size', () => {
  issueAt('traffic[0].start', () => load(edited((d) => (d.traffic[0]!.start = '60s'))));
  issueAt('traffic[0].stop', () => load(edited((d) => Object.assign(d.traffic[0]!, { start: '10s', stop: '5s' }))));
  issueAt('traffic[0].size', () => load(edited((d) => (d.traffic[0]!.size = '27B'))));
  issueAt('traffic[0].size', () => load(edited((d) => (d.traffic[0]!.size = '64KiB'))));
  issueAt('interval', () => load({ ...minimal(), interval: '2min' }));
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
  assert.is(load({ ...minimal(), vpn: { internet: { loss: '100%' } } }).vpn!.internet.hq!.loss, 1, 'independent loss may be anything');
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

const together = suite('load-scenario: several issues, reported together');

together('every schema error of a file at once', () => {
  const issues = issuesOf(() => load({ ...minimal(), model: 'colo', seed: -1, circuit: { bandwidth: '1Gbs', bfd: 'yes' } }));
  assert.equal(issues.map((i) => i.path).sort(), ['circuit.bandwidth', 'circuit.bfd', 'model', 'seed']);
});

together('every semantic error of a file at once', () => {
  const doc = edited((d) => {
    d.duration = '30s';
    d.circuit = { bandwidth: '0Gbps' };
    d.traffic[0]!.to = 'nowhere';
    d.sites[0]!.loss = '120%';
  });
  const issues = issuesOf(() => load(doc));
  assert.equal(issues.map((i) => i.path).sort(), ['circuit.bandwidth', 'sites[0].loss', 'traffic[0].to']);
});

together('the message names the file, the path, what was expected and what was found', () => {
  const err = new ScenarioError(issuesOf(() => load({ ...minimal(), circuit: { bandwidth: '1Gbs' } })));
  assert.is(
    err.message,
    'test.yaml: circuit.bandwidth: expected a rate such as "1Gbps" (a number then bps, kbps, Mbps, Gbps or Tbps, no space), found "1Gbs"',
  );
});

const sets = suite('load-scenario: --set');

sets('edits are applied, typed, and kept in source', () => {
  const s = load(minimal(), ['circuit.bandwidth=2Gbps', 'traffic[0].rate=10Mbps', 'sites.0.distance=5km', 'circuit.bfd=false', 'seed=7', 'description=a b']);
  assert.is(s.circuit.bandwidthBps, 2e9);
  assert.is(s.traffic[0]!.rateBps, 10e6);
  assert.is(s.sites[0]!.distanceM, 5000);
  assert.is(s.circuit.bfd, false);
  assert.is(s.seed, 7);
  assert.is(s.description, 'a b');
  assert.equal((s.source as { circuit: unknown }).circuit, { bandwidth: '2Gbps', bfd: false });
});

sets('an index one past the end appends', () => {
  const s = load(minimal(), ['traffic[1]={name: back, kind: cbr, from: vnet, to: hq, rate: 1Mbps}']);
  assert.is(s.traffic[1]!.name, 'back');
});

sets('a vpn block made by --set', () => {
  const s = load(minimal(), ['vpn.sku=VpnGw1', 'vpn.internet.latency=25ms', 'routing.bfd.multiplier=5']);
  assert.equal([s.vpn!.sku, s.vpn!.capacityBps, s.vpn!.internet.hq!.latencyNs, s.routing.bfdMultiplier], ['VpnGw1', 650e6, 25e6, 5]);
});

sets('an edited value is validated like one in the file', () => {
  issueAt('circuit.bandwidth', () => load(minimal(), ['circuit.bandwidth=2Gbs']));
});

sets('a malformed --set', () => {
  for (const set of ['circuit.bandwidth', '=2Gbps', 'circuit..bandwidth=1Gbps', 'traffic[5].rate=1Mbps', 'name.first=x', 'sites.x=1']) {
    const issue = issueAt('--set', () => load(minimal(), [set]));
    assert.is(issue.found, JSON.stringify(set));
  }
});

const schemaFile = suite('load-scenario: published JSON schema');

schemaFile('the committed schema file is what write-json-schema produces now (run npm run schema)', () => {
  const committed = fs.readFileSync(path.join(repositoryRoot(), SCHEMA_FILE), 'utf8');
  assert.ok(committed === scenarioJsonSchemaText(), `${SCHEMA_FILE} is stale: run npm run schema`);
});

valid.run();
bad.run();
together.run();
sets.run();
schemaFile.run();
