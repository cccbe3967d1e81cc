import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DECIDE_HEADERS } from '../sim/decide/decide-csv';
import { designScenario, studyDesigns } from '../sim/decide/design-scenarios';
import { availabilityVerdict, caseFigures, caseVerdicts, overall } from '../sim/decide/figures';
import { parseStudyText, type StudyRequirements } from '../sim/decide/load-study';
import { chooseModels } from '../sim/decide/models';
import { StudySchema } from '../sim/decide/study-schema';
import { STUDY_SCHEMA_FILE, studyJsonSchemaText } from '../sim/decide/write-study-schema';
import { repositoryRoot } from '../sim/scenario/write-json-schema';
import type { RunValue } from '../sim/study/sweep-aggregate';
import { ersimInProcess } from './helpers/cli';

/** The study file's checks, the requirements' pass/fail logic, the model rules, and the study's documentation. */
const input = suite('ersim decide: study input, requirements, rules');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-decide-input-'));

const GOOD = `name: good
duration: 2s
bandwidth: 1Gbps
peeringLocation: London
sites: [{ name: hq, role: hq, distance: 20km }]
traffic:
  - { name: voice, kind: cbr, from: hq, to: vnet, rate: 80kbps, size: 200B }
requirements: { maxOutage: 5s }
`;

const BAD: [string, string, string, RegExp][] = [
  ['a unit misspelt in a requirement', 'maxOutage: 5s', 'maxOutage: 5 s', /bad\.yaml: requirements\.maxOutage: expected a duration/],
  ['a misspelt field', 'bandwidth: 1Gbps', 'bandwith: 1Gbps', /bad\.yaml: bandwith: expected no such field \(did you mean "bandwidth"\?/],
  ['an unknown role', 'role: hq', 'role: office', /bad\.yaml: sites\[0\]\.role: expected one of hq, branch, dc/],
  ['a flow to an unknown site (the scenario resolver, same path)', 'to: vnet', 'to: hqq', /bad\.yaml: traffic\[0\]\.to: expected a site name \(hq\) or "vnet", found "hqq"/],
  ['an unknown flow in a requirement', '{ maxOutage: 5s }', '{ maxOutage: 5s, outageFlows: [video] }', /bad\.yaml: requirements\.outageFlows\[0\]: expected a flow name of traffic \(voice\), found "video"/],
  ['a second location without secondDistance', 'peeringLocation: London', 'peeringLocation: London\nsecondPeeringLocation: Amsterdam', /bad\.yaml: sites\[0\]\.secondDistance: expected a distance/],
  ['an availability target without failure rates', '{ maxOutage: 5s }', '{ availability: 99.95% }', /bad\.yaml: reliability: expected a reliability block/],
  ['zero bandwidth', 'bandwidth: 1Gbps', 'bandwidth: 0Gbps', /bad\.yaml: bandwidth: expected a rate above 0/],
  ['prices without their label', 'requirements:', 'costs: { circuit: 100 }\nrequirements:', /bad\.yaml: costs\.label: expected a non-empty string, found nothing/],
  ['a VPN SKU that does not exist (found by the scenario loader, in the generated design)', 'requirements:', 'vpn: { sku: VpnGw9 }\nrequirements:', /bad\.yaml \(its point-to-point-vpn design, as point-to-point-vpn--normal\.yaml\): vpn\.sku: expected/],
];

for (const [what, from, to, message] of BAD) {
  input(`bad input, ${what}: exit 2, the file and field path, nothing written`, async () => {
    const text = GOOD.replace(from, to);
    assert.is.not(text, GOOD, `the test's replacement of ${from} did nothing`);
    fs.writeFileSync(path.join(tmp, 'bad.yaml'), text);
    const r = await ersimInProcess(['decide', 'bad.yaml', '--seeds', '1', '--workers', '1', '--out', 'out'], tmp);
    assert.is(r.code, 2, r.out);
    assert.match(r.err, message);
    assert.not.ok(fs.existsSync(path.join(tmp, 'out')), 'an output folder was written');
    assert.equal(fs.readdirSync(tmp).filter((f) => f.startsWith('.out')), [], 'a temporary folder was left behind');
  });
}

input('bad usage: no study, a bad --seeds, a bad --workers: exit 2', async () => {
  fs.writeFileSync(path.join(tmp, 'good.yaml'), GOOD);
  for (const args of [['decide'], ['decide', 'good.yaml', '--seeds', '3-1'], ['decide', 'good.yaml', '--workers', '0']]) {
    assert.is((await ersimInProcess(args, tmp)).code, 2, args.join(' '));
  }
});

/** Two flows, two seeds, by hand: a (a voice flow) and b. */
function run(a: Record<string, number>, b: Record<string, number>): RunValue[] {
  return [
    ...Object.entries(a).map(([metric, v]) => ({ flow: 'a', metric, value: String(v) })),
    ...Object.entries(b).map(([metric, v]) => ({ flow: 'b', metric, value: String(v) })),
  ];
}

const REQ: StudyRequirements = {
  latencyP99Ns: 10e6,
  jitterNs: 1e6,
  latencyFlows: ['a', 'b'],
  throughputBps: 30e6,
  throughputFlows: ['a', 'b'],
  throughputPer: 'total',
  maxOutageNs: 5e9,
  outageFlows: ['a'],
};

const RUNS = [
  run({ latency_p50_ms: 2, latency_p99_ms: 8, jitter_ms: 0.05, jitter_max_ms: 0.5, throughput_bps: 10e6, outage_ms: 100, sent_packets: 100, lost_packets: 1 }, { latency_p50_ms: 3, latency_p99_ms: 9, jitter_ms: 0.3, jitter_max_ms: 0.2, throughput_bps: 20e6, outage_ms: 9000, sent_packets: 300, lost_packets: 3 }),
  run({ latency_p50_ms: 4, latency_p99_ms: 11, jitter_ms: 0, jitter_max_ms: 1, throughput_bps: 12e6, outage_ms: 5000, sent_packets: 100, lost_packets: 0 }, { latency_p50_ms: 1, latency_p99_ms: 2, jitter_ms: 0.1, jitter_max_ms: 0.1, throughput_bps: 22e6, outage_ms: 1, sent_packets: 100, lost_packets: 2 }),
];

input('figures: worst latency flow per run, averaged over seeds; outage the longest of any run; loss over all flows', () => {
  const f = caseFigures(RUNS, REQ);
  assert.is(f.seeds, 2);
  assert.is(f.latencyP50Ms, (3 + 4) / 2);
  assert.is(f.latencyP99Ms, (9 + 11) / 2);
  // The worst jitter each flow reached (jitter_max_ms), not where its estimator ended (jitter_ms).
  assert.is(f.jitterMaxMs, (0.5 + 1) / 2);
  assert.is(f.throughputBps, (30e6 + 34e6) / 2);
  // Only flow a is an outage flow: b's 9 s gap does not count.
  assert.is(f.outageMaxMs, 5000);
  assert.is(f.lossPct, (100 * 4) / 400 / 2 + (100 * 2) / 200 / 2);
  assert.is(caseFigures(RUNS, { ...REQ, throughputPer: 'flow' }).throughputBps, (10e6 + 12e6) / 2);
});

input('verdicts: a figure equal to its budget passes; one past it fails; a requirement not given is empty', () => {
  const f = caseFigures(RUNS, REQ);
  // p99 10 ms = budget: pass; jitter 0.75 <= 1: pass; 32 Mbps >= 30: pass; outage 5 s = budget: pass.
  assert.equal(caseVerdicts(f, REQ), { latency: 'pass', jitter: 'pass', throughput: 'pass', outage: 'pass' });
  const strict = { ...REQ, latencyP99Ns: 9.999e6, jitterNs: 0.7e6, throughputBps: 32.1e6, maxOutageNs: 4.999e9 };
  assert.equal(caseVerdicts(f, strict), { latency: 'fail', jitter: 'fail', throughput: 'fail', outage: 'fail' });
  const none: StudyRequirements = { latencyFlows: ['a'], throughputFlows: ['a'], throughputPer: 'total', outageFlows: ['a'] };
  assert.equal(caseVerdicts(f, none), { latency: '', jitter: '', throughput: '', outage: '' });
  // A flow that delivered nothing has no latency: the latency requirement fails rather than passing unmeasured.
  const silent = caseFigures([run({ throughput_bps: 0, outage_ms: 20000, sent_packets: 10, lost_packets: 10 }, {})], { ...REQ, latencyFlows: ['a'] });
  assert.is(caseVerdicts(silent, REQ).latency, 'fail');
  assert.is(availabilityVerdict(99.95, 0.9995), 'pass');
  assert.is(availabilityVerdict(99.9499, 0.9995), 'fail');
  assert.is(availabilityVerdict(undefined, undefined), '');
  assert.is(overall(['pass', '', 'pass']), 'pass');
  assert.is(overall(['pass', 'fail']), 'fail');
  assert.is(overall(['', '']), '');
});

input('model rules: point-to-point always; cloud-exchange with a colo; any-to-any with branches; direct from 10 Gbps; a models list replaces them', () => {
  const applies = (s: Parameters<typeof chooseModels>[0]) => chooseModels(s).filter((m) => m.applies).map((m) => m.model);
  const hq = { role: 'hq', inColo: false };
  assert.equal(applies({ bandwidthBps: 1e9, hasColocation: false, sites: [hq] }), ['point-to-point']);
  assert.equal(applies({ bandwidthBps: 1e9, hasColocation: false, sites: [{ ...hq, inColo: true }] }), ['cloud-exchange', 'point-to-point']);
  assert.equal(applies({ bandwidthBps: 1e9, hasColocation: false, sites: [hq, { role: 'branch', inColo: false }] }), ['point-to-point', 'any-to-any']);
  assert.equal(applies({ bandwidthBps: 1e9, hasColocation: false, sites: [{ role: 'branch', inColo: false }] }), ['point-to-point'], 'one branch alone is no WAN');
  assert.equal(applies({ bandwidthBps: 9.9e9, hasColocation: true, sites: [hq] }), ['cloud-exchange', 'point-to-point']);
  assert.equal(applies({ bandwidthBps: 10e9, hasColocation: false, sites: [hq] }), ['point-to-point', 'direct']);
  assert.equal(applies({ bandwidthBps: 1e9, hasColocation: false, sites: [hq], models: ['direct'] }), ['direct']);
});

input('a second peering location gives every design two circuits, the first preferred, and failure targets on the first', () => {
  const study = parseStudyText(
    GOOD.replace('peeringLocation: London', 'peeringLocation: London\nsecondPeeringLocation: Amsterdam').replace('distance: 20km }', 'distance: 20km, secondDistance: 550km }'),
    'two.yaml',
  );
  const design = studyDesigns(study)[0]!;
  assert.is(design.circuits, 2);
  const doc = designScenario(study, design, 'leg', 1);
  assert.equal(doc.circuits!.map((c) => [c.name, c.peeringLocation, c.weight]), [['first-circuit', 'London', 100], ['second-circuit', 'Amsterdam', undefined]]);
  assert.equal(doc.circuits![1]!.siteDistance, { hq: '550km' });
  assert.equal(doc.failures, [{ target: 'first-circuit.primary', at: '500ms', for: '1s' }]);
  assert.is(designScenario(study, design, 'circuit', 1).failures![0]!.target, 'first-circuit');
  assert.is(designScenario(study, design, 'peering-location', 1).failures![0]!.target, 'peering-location');
});

input('encryption reaches every design, MACsec only the Direct ones (the only ports it exists on)', () => {
  const study = parseStudyText(GOOD.replace('bandwidth: 1Gbps', 'bandwidth: 10Gbps\nmodels: [point-to-point, direct]\nencryption: { macsec: true, ipsec: true }'), 'enc.yaml');
  const encryption = (name: string) => designScenario(study, studyDesigns(study).find((d) => d.name === name)!, 'normal', 1).encryption;
  assert.equal(encryption('direct'), { macsec: true, ipsec: true });
  assert.equal(encryption('point-to-point'), { ipsec: true });
  const macsecOnly = parseStudyText(GOOD.replace('bandwidth: 1Gbps', 'bandwidth: 10Gbps\nmodels: [point-to-point, direct]\nencryption: { macsec: true }'), 'enc.yaml');
  assert.is(designScenario(macsecOnly, studyDesigns(macsecOnly).find((d) => d.name === 'point-to-point')!, 'normal', 1).encryption, undefined);
});

input(`${STUDY_SCHEMA_FILE} is current (npm run schema rewrites it)`, () => {
  const committed = fs.readFileSync(path.join(repositoryRoot(), STUDY_SCHEMA_FILE), 'utf8');
  assert.ok(committed === studyJsonSchemaText(), `${STUDY_SCHEMA_FILE} is stale: run npm run schema`);
});

input('the bundled studies pass the checks', () => {
  const dir = path.join(repositoryRoot(), 'studies');
  const studies = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  assert.ok(studies.length >= 1);
  for (const f of studies) parseStudyText(fs.readFileSync(path.join(dir, f), 'utf8'), f);
});

/** Every field path of the study schema (objects joined by ".", array items as "[]"). */
function fieldPaths(node: { properties?: Record<string, object>; items?: object }, prefix = '', out = new Set<string>()): Set<string> {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const p = prefix === '' ? key : `${prefix}.${key}`;
    out.add(p);
    fieldPaths(child, p, out);
  }
  if (node.items !== undefined) fieldPaths(node.items, `${prefix}[]`, out);
  return out;
}

input('README documents every study field and every decide.csv column, in backticks', () => {
  const readme = fs.readFileSync(path.join(repositoryRoot(), 'README.md'), 'utf8');
  // The traffic and vpn blocks are the scenario's, documented with the scenario fields; the
  // per-model prices repeat the price items under each model, documented once as costs.models.<model>.<item>.
  const paths = new Set(
    [...fieldPaths(StudySchema as object)]
      .filter((p) => !/^(traffic\[\]|vpn)\./.test(p))
      .map((p) => p.replace(/^costs\.models\.[a-z-]+/, 'costs.models.<model>').replace(/^costs\.models\.<model>\.\w+$/, 'costs.models.<model>.<item>')),
  );
  const absent = [...paths, ...DECIDE_HEADERS].filter((n) => !readme.includes(`\`${n}\``));
  assert.equal(absent, [], `README.md does not document: ${absent.join(', ')}`);
});

input.run();
