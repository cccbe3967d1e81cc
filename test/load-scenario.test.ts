/**
 * Scenario files, part one: the format itself. Defaults, units, model rules, custom topologies,
 * parse and schema errors, several issues at once, --set edits and the published JSON schema.
 * Part two, load-scenario-failover.test.ts, covers circuits, routing, the VPN and failures;
 * part three, load-scenario-traffic.test.ts, the flows that run TCP (kinds tcp and request).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenarioFile, parseScenarioText } from '../sim/scenario/load-scenario';
import { edited, issueAt, issuesOf, load, minimal } from './helpers/scenario-docs';
import { ScenarioError } from '../sim/scenario/scenario-error';
import { bothWays } from '../sim/scenario/per-direction';
import { repositoryRoot, SCHEMA_FILE, scenarioJsonSchemaText } from '../sim/scenario/write-json-schema';

const valid = suite('load-scenario: defaults');

valid('a minimal scenario resolves with the documented defaults', () => {
  const s = load(minimal());
  assert.is(s.file, 'test.yaml');
  assert.is(s.description, '');
  assert.is(s.seed, 1);
  assert.is(s.durationNs, 60e9);
  assert.is(s.intervalNs, 1e9);
  assert.equal(s.circuit, {
    name: 'circuit',
    weight: 0,
    siteDistanceM: {},
    bandwidthBps: 1e9,
    layer: 2,
    bfd: true,
    portBps: 10e9,
    mtuBytes: 1400,
    policerBurstBytes: 625_000,
    policed: true,
    peeringDistanceM: 1000,
    peeringLocation: 'peering-location',
    premium: false,
  });
  assert.equal(s.circuits, [s.circuit]);
  assert.equal(s.gateway, { sku: 'ErGw1Az', capacityBps: 1e9, pps: 100_000, regionDistanceM: 100_000 });
  assert.equal(s.linkDefaults, { mtuBytes: 1500, queue: { ns: 10e6 }, loss: bothWays(0), jitterNs: bothWays(0), reorder: false });
  assert.equal(s.sites, [
    { name: 'hq', distanceM: 20_000, access: { mtuBytes: 1500, queue: { ns: 10e6 }, loss: bothWays(0), jitterNs: bothWays(0), reorder: false, capacityBps: 10e9, delayNs: 100_000 } },
  ]);
  assert.equal(s.traffic, [
    { name: 'voice', kind: 'cbr', from: 'hq', to: 'vnet', rateBps: 64_000, sizeBytes: 200, startNs: 0, stopNs: 60e9, path: 'traffic[0]', model: 'packet' },
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
    advertisedPrefixes: 10,
    vnetPrefixes: 1,
    dualStack: false,
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
    { target: 'primary', mode: 'silent', path: 'failures[0]', prefixes: undefined, kind: 'scheduled', atNs: 100e6, forNs: 50e6 },
    { target: 'hq', mode: 'silent', path: 'failures[1]', prefixes: undefined, kind: 'scheduled', atNs: 0, forNs: undefined },
  ]);
  assert.equal(s.linkOverrides, [{ link: 'hq--hq-ce', path: 'linkOverrides[0]', loss: bothWays(0.001), queue: { bytes: 65_536 } }]);
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
  assert.equal([b!.delayNs, b!.leg, b!.policeBps, b!.loss], [1_000_000, null, 0, bothWays(0.01)]);
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
