import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DECIDE_HEADERS, decideCells } from '../sim/decide/decide-csv';
import { FAILURE_CASES } from '../sim/decide/design-scenarios';
import { caseFigures, caseVerdicts } from '../sim/decide/figures';
import { parseStudyText } from '../sim/decide/load-study';
import { reviewScenario } from '../sim/review/review-scenario';
import { runScenario } from '../sim/run/run-scenario';
import { loadScenarioFile } from '../sim/scenario/load-scenario';
import { runAvailabilityStudy } from '../sim/study/availability-study';
import { runValuesOf } from '../sim/study/sweep-aggregate';
import { ersimInProcess } from './helpers/cli';

/**
 * ersim decide end to end on a small study: every applicable model and failure case is in
 * decide.csv, and every figure is what running that design's generated scenario alone, with the
 * same seed, gives (the same simulation through runScenario, compared as the exact CSV strings).
 */
const decide = suite('ersim decide: a small study');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-decide-'));

/** 20 s of voice and light data at two sites; 10 Gbps so that every rule applies: a colo (cloud-exchange), a branch (any-to-any), 10 Gbps (direct). */
const SMALL_STUDY = `name: small
duration: 20s
bandwidth: 10Gbps
peeringLocation: London
colocation: { peeringDistance: 2km }
sites:
  - { name: hq, role: hq, distance: 20km, inColo: true }
  - { name: branch, role: branch, distance: 150km }
traffic:
  - { name: voice-up, kind: cbr, from: hq, to: vnet, rate: 80kbps, size: 200B }
  - { name: voice-down, kind: cbr, from: vnet, to: hq, rate: 80kbps, size: 200B }
  - { name: data, kind: poisson, from: branch, to: vnet, rate: 2Mbps, size: 1000B }
requirements:
  latencyP99: 5ms
  jitter: 1ms
  latencyFlows: [voice-up, voice-down]
  throughput: 1Mbps
  throughputFlows: [data]
  availability: 99.9%
  maxOutage: 5s
reliability: { leg: { mtbf: 500h, mttr: 4h }, internet: { mtbf: 200h, mttr: 1h }, years: 1, replications: 2 }
costs: { label: "illustrative, not a quote", circuit: 100, port: 1000, provider: 10, models: { direct: { circuit: 50 } } }
`;
fs.writeFileSync(path.join(tmp, 'small.yaml'), SMALL_STUDY);

const SEEDS = [1, 2];
const MODELS = ['cloud-exchange', 'point-to-point', 'any-to-any', 'direct'];
const DESIGNS = MODELS.flatMap((m) => [m, `${m}-vpn`]);

function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  const cols = header!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
}

let rows: Record<string, string>[] = [];

decide('runs, writes decide.csv, the scenarios and the page, and prints the comparison', async () => {
  const r = await ersimInProcess(['decide', 'small.yaml', '--seeds', '1-2', '--workers', '2', '--out', 'out'], tmp);
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /8 designs, 64 runs on 2 workers/);
  for (const d of DESIGNS) assert.match(r.out, new RegExp(`^${d} `, 'm'));
  assert.match(r.out, /illustrative, not a quote/);
  rows = readCsv(path.join(tmp, 'out', 'small-decide', 'decide.csv'));
  assert.equal(Object.keys(rows[0]!), [...DECIDE_HEADERS]);
  const html = fs.readFileSync(path.join(tmp, 'out', 'small-decide', 'decide.html'), 'utf8');
  assert.match(html, /id="decide-outages"/);
  assert.match(html, /<section id="review">[\s\S]*single-peering-location/);
  assert.match(html, /illustrative, not a quote/);
});

decide('lists every applicable model, with and without the VPN, under every failure case', () => {
  assert.equal(
    rows.map((r) => `${r.design}/${r.failure_case}`),
    DESIGNS.flatMap((d) => FAILURE_CASES.map((c) => `${d}/${c}`)),
  );
  for (const r of rows) assert.is(r.seeds, '2');
});

decide('each figure equals the generated scenario run alone with the same seeds (exact CSV strings)', async () => {
  const study = parseStudyText(SMALL_STUDY, 'small.yaml');
  for (const row of rows) {
    const file = path.join(tmp, 'out', 'small-decide', 'scenarios', `${row.design}--${row.failure_case}.yaml`);
    const scenario = loadScenarioFile(file);
    const runs = [];
    for (const seed of SEEDS) {
      const result = await runScenario(scenario, { outDir: path.join(tmp, 'alone', `${scenario.name}-${seed}`), seed });
      runs.push(runValuesOf(result.flows));
    }
    const figures = caseFigures(runs, study.requirements);
    // The figure columns (seeds to loss_pct) and the verdicts that depend only on them.
    const cells = decideCells({
      design: { name: row.design!, model: row.model as 'direct', vpn: row.vpn === 'yes', circuits: 1 },
      failureCase: row.failure_case as 'normal',
      figures,
      verdicts: caseVerdicts(figures, study.requirements),
      availability: undefined,
      availabilityVerdict: '',
      costPerMonth: undefined,
      all: '',
    }, []);
    const figureColumns = ['seeds', 'latency_p50_ms', 'latency_p99_ms', 'jitter_max_ms', 'throughput_mbps', 'outage_max_s', 'loss_pct', 'latency_pass', 'jitter_pass', 'throughput_pass', 'outage_pass'];
    for (const col of figureColumns) assert.is(row[col], cells[DECIDE_HEADERS.indexOf(col as (typeof DECIDE_HEADERS)[number])], `${row.design}/${row.failure_case}: ${col}`);
  }
});

decide('the review columns count what ersim review finds in each design under normal operation', () => {
  for (const design of DESIGNS) {
    const findings = reviewScenario(loadScenarioFile(path.join(tmp, 'out', 'small-decide', 'scenarios', `${design}--normal.yaml`)));
    for (const row of rows.filter((r) => r.design === design)) {
      assert.is(row.review_errors, String(findings.filter((f) => f.severity === 'error').length), design);
      assert.is(row.review_warnings, String(findings.filter((f) => f.severity === 'warning').length), design);
    }
  }
  // Without a VPN every design has its one circuit at one peering location: a warning [RESIL].
  assert.ok(rows.filter((r) => r.vpn === 'no').every((r) => r.review_warnings !== '0'));
});

decide('availability equals ersim availability on the written scenario (worst site of the whole design)', () => {
  for (const design of DESIGNS) {
    const scenario = loadScenarioFile(path.join(tmp, 'out', 'small-decide', 'scenarios', `${design}--availability.yaml`));
    const study = runAvailabilityStudy(scenario, { years: 1, replications: 2, seed: SEEDS[0]! });
    const whole = study.rows.filter((r) => r.design === (design.endsWith('-vpn') ? 'ExpressRoute plus VPN' : 'ExpressRoute only'));
    const worst = whole.reduce((a, b) => (b.availabilityPct < a.availabilityPct ? b : a));
    for (const row of rows.filter((r) => r.design === design)) {
      assert.is(row.availability_pct, worst.availabilityPct.toFixed(6), design);
      assert.is(row.downtime_min_per_year, worst.downtimeMinPerYear.toFixed(4), design);
    }
  }
});

decide('monthly cost counts each model\'s items, with the per-model price', () => {
  // cloud-exchange: circuit 100 + provider 10 (+ cross-connects, colo at 0); point-to-point: circuit 100 + 2 sites x provider 10;
  // any-to-any: 100 + 10; direct: port 1000 + circuit 50 (its own price). The VPN gateway costs 0 here.
  const cost = (d: string) => rows.find((r) => r.design === d)!.cost_per_month;
  assert.equal(DESIGNS.map(cost), ['110.00', '110.00', '120.00', '120.00', '110.00', '110.00', '1050.00', '1050.00']);
});

decide('the same study and seeds give the same decide.csv bytes, whatever the workers', async () => {
  const r = await ersimInProcess(['decide', 'small.yaml', '--seeds', '1-2', '--workers', '1', '--out', 'again'], tmp);
  assert.is(r.code, 0, r.err);
  assert.ok(fs.readFileSync(path.join(tmp, 'again', 'small-decide', 'decide.csv')).equals(fs.readFileSync(path.join(tmp, 'out', 'small-decide', 'decide.csv'))));
});

decide.run();
