import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import { EventLog } from '../sim/metrics/event-log';
import { runScenario } from '../sim/run/run-scenario';
import { ScenarioSimulation } from '../sim/run/scenario-simulation';
import { parseScenarioText } from '../sim/scenario/load-scenario';
import { ScenarioError } from '../sim/scenario/scenario-error';
import { defuseFormula } from '../sim/metrics/csv-file';
import { readRunRecord } from '../sim/study/result-folder-reader';
import { untilRunStarted } from './helpers/cli';

/** Fuzzing: FUZZ_SEED and FUZZ_RUNS raise the effort for longer local runs; CI uses the fixed defaults. */
const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 42);
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const BIN = path.resolve('bin/ersim.js');

const VALID = {
  name: 'fuzz',
  model: 'point-to-point',
  duration: '2s',
  circuit: { bandwidth: '1Gbps', bfd: true },
  sites: [{ name: 'hq', distance: '20km' }],
  vpn: { sku: 'VpnGw1' },
  traffic: [
    { name: 'voice', kind: 'cbr', from: 'hq', to: 'vnet', rate: '80kbps', size: '200B' },
    { name: 'backup', kind: 'tcp', from: 'hq', to: 'vnet', size: '10MB' },
  ],
  failures: [{ target: 'primary', at: '1s', for: '500ms' }],
};

/** Values a hand-edited file may hold where anything else belongs. */
const junk = fc.oneof(
  fc.constantFrom('', 'NaN', 'Infinity', '-1Gbps', '1e400', '0', '1 Gbps', '99999999999h', '-0s', 'null', '\u202e\u0000', '10%%', '1Gbps '),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.integer(), { maxKeys: 3 }),
  fc.letrec((tie) => ({ deep: fc.oneof({ depthSize: 'small' }, fc.constant(1), fc.record({ a: tie('deep') })) })).deep,
);

type Doc = Record<string, unknown>;

/** Paths into the valid document, and into places that do not exist yet. */
const PATHS = ['name', 'model', 'duration', 'seed', 'interval', 'circuit', 'circuit.bandwidth', 'circuit.bfd', 'circuit.layer', 'sites', 'sites.0', 'sites.0.name', 'sites.0.distance', 'vpn', 'vpn.sku', 'vpn.internet', 'traffic', 'traffic.0', 'traffic.0.rate', 'traffic.0.to', 'traffic.1.size', 'traffic.1.cc', 'failures.0.target', 'failures.0.at', 'routing.bgp.hold', 'gateway.sku', 'custom', 'circuits'];

function mutate(doc: Doc, at: string, value: unknown): Doc {
  const copy = JSON.parse(JSON.stringify(doc)) as Doc;
  const keys = at.split('.');
  let node: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) {
    if (typeof node[k] !== 'object' || node[k] === null) node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
  return copy;
}

const mutation = fc.array(fc.tuple(fc.constantFrom(...PATHS), junk), { minLength: 1, maxLength: 3 });

const fuzz = suite('fuzzing the scenario loader and the CLI');

fuzz(`${FUZZ_RUNS} mutated documents: a valid scenario or a ScenarioError with field paths, never anything else`, () => {
  fc.assert(
    fc.property(mutation, fc.boolean(), (edits, asJson) => {
      const doc = edits.reduce((d, [at, v]) => mutate(d, at, v), VALID as Doc);
      const text = asJson ? JSON.stringify(doc) : stringify(doc);
      try {
        const s = parseScenarioText(text, asJson ? 'fuzz.json' : 'fuzz.yaml');
        new ScenarioSimulation(s, s.seed, new EventLog());
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        for (const i of err.issues) {
          assert.ok(i.expected.length > 0 && i.found.length > 0, JSON.stringify(i));
          assert.ok(i.file === 'fuzz.json' || i.file === 'fuzz.yaml');
        }
      }
    }),
    { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
  );
});

fuzz('random text is never a crash: YAML, JSON, binary junk', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 2000 }), fc.constantFrom('a.yaml', 'a.json'), (text, file) => {
      try {
        parseScenarioText(text, file);
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
      }
    }),
    { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
  );
});

fuzz('through the real CLI: exit 0 or 2, a message naming the file, no stack trace, nothing written on failure', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-fuzz-'));
  const samples = fc.sample(mutation, { seed: FUZZ_SEED, numRuns: 12 });
  samples.forEach((edits, i) => {
    const doc = edits.reduce((d, [at, v]) => mutate(d, at, v), { ...VALID, duration: '200ms', failures: [] } as Doc);
    const file = path.join(dir, `case-${i}.yaml`);
    fs.writeFileSync(file, stringify(doc));
    const r = spawnSync(process.execPath, [BIN, 'run', file, '--out', path.join(dir, 'out')], { encoding: 'utf8', timeout: 60_000 });
    assert.ok(r.status === 0 || r.status === 2, `case ${i}: exit ${r.status}\n${r.stderr}`);
    assert.not.match(r.stderr, /\n\s+at /, `case ${i}: stack trace`);
    if (r.status === 2) assert.match(r.stderr, `case-${i}.yaml`);
    else assert.ok(fs.existsSync(path.join(dir, 'out', 'fuzz', 'run.json')));
  });
  fs.rmSync(dir, { recursive: true, force: true });
});

// Counter-examples the fuzzer found, kept as plain tests, and edge cases of the kinds it exercises.
fuzz('found by fuzzing (FUZZ_RUNS=10000, FUZZ_SEED=7): a YAML alias to no anchor, and an alias bomb', () => {
  for (const text of ['*!', 'a: &a [1, 2]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]']) {
    try {
      parseScenarioText(text, 'alias.yaml');
      assert.unreachable('accepted');
    } catch (err) {
      assert.instance(err, ScenarioError);
      assert.is((err as ScenarioError).issues[0]!.expected, 'valid YAML');
    }
  }
});

fuzz('a null where an object belongs, a duration past the clock horizon, a number where a site belongs', () => {
  for (const doc of [mutate(VALID, 'vpn', null), mutate(VALID, 'duration', '99999999999h'), mutate(VALID, 'sites.0', 5)]) {
    try {
      parseScenarioText(JSON.stringify(doc), 'c.json');
      assert.unreachable('accepted');
    } catch (err) {
      assert.instance(err, ScenarioError);
    }
  }
});

const safety = suite('interruptions, limits, output safety');

const LONG = `name: long
model: point-to-point
duration: 600s
sites: [{ name: hq }]
traffic: [{ name: data, kind: poisson, from: hq, to: vnet, rate: 500Mbps, size: 1000B }]
`;

safety('SIGINT stops a run within a second; earlier results intact; partial output marked and named', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-sigint-'));
  fs.writeFileSync(path.join(dir, 'long.yaml'), LONG);
  assert.is(spawnSync(process.execPath, [BIN, 'run', 'long.yaml', '--set', 'duration=200ms'], { cwd: dir }).status, 0);
  const earlier = fs.readFileSync(path.join(dir, 'results', 'long', 'summary.csv'));
  const child = spawn(process.execPath, [BIN, 'run', 'long.yaml', '--force'], { cwd: dir });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await untilRunStarted(path.join(dir, 'results'));
  await new Promise((r) => setTimeout(r, 500));
  const signalled = Date.now();
  child.kill('SIGINT');
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  assert.ok(Date.now() - signalled < 1000, `stopped after ${Date.now() - signalled} ms`);
  assert.is(code, 130);
  assert.ok(fs.readFileSync(path.join(dir, 'results', 'long', 'summary.csv')).equals(earlier), 'earlier results changed');
  const partial = /Partial output \(marked partial in its run\.json\): (\S+)/.exec(stderr)?.[1];
  assert.ok(partial !== undefined && fs.existsSync(partial), stderr);
  const runJson = readRunRecord(partial);
  assert.is(runJson.partial, true);
  assert.ok(runJson.simulatedS !== undefined && runJson.simulatedS > 0 && runJson.simulatedS < 600);
  fs.rmSync(dir, { recursive: true, force: true });
});

safety('a read-only output folder: a clear message, exit 2', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-ro-'));
  fs.writeFileSync(path.join(dir, 'long.yaml'), LONG);
  // Root writes through file modes, so as root use a folder no one may write: /sys.
  const ro = process.getuid?.() === 0 ? '/sys/ersim-results' : path.join(dir, 'ro');
  if (ro !== '/sys/ersim-results') fs.mkdirSync(ro, { mode: 0o555 });
  const r = spawnSync(process.execPath, [BIN, 'run', 'long.yaml', '--set', 'duration=100ms', '--out', ro], { cwd: dir, encoding: 'utf8' });
  assert.is(r.status, 2, r.stderr);
  assert.match(r.stderr, /cannot (mkdir|mkdtemp|open)/);
  assert.not.match(r.stderr, /\n\s+at /);
  fs.rmSync(dir, { recursive: true, force: true });
});

safety('a scenario estimated far beyond the limit is refused before any event runs', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-cost-'));
  fs.writeFileSync(path.join(dir, 'huge.yaml'), LONG.replace('duration: 600s', 'duration: 1d').replace('rate: 500Mbps', 'rate: 10Gbps, model: packet'));
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, 'run', 'huge.yaml'], { cwd: dir, encoding: 'utf8' });
  assert.is(r.status, 2);
  assert.match(r.stderr, /would take about .* events/);
  assert.match(r.stderr, /--force/);
  assert.ok(Date.now() - started < 10_000);
  assert.not.ok(fs.existsSync(path.join(dir, 'results')));
  fs.rmSync(dir, { recursive: true, force: true });
});

safety('--max-events stops with partial output and leaves the result folder alone', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-max-'));
  fs.writeFileSync(path.join(dir, 'long.yaml'), LONG);
  const r = spawnSync(process.execPath, [BIN, 'run', 'long.yaml', '--max-events', '500000'], { cwd: dir, encoding: 'utf8' });
  assert.is(r.status, 2);
  assert.match(r.stderr, /--max-events 500000 reached/);
  assert.not.ok(fs.existsSync(path.join(dir, 'results', 'long')));
  fs.rmSync(dir, { recursive: true, force: true });
});

safety('--max-wall stops at the first look at the clock past the limit, with partial output (a stand-in clock: no wall time is measured)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-wall-'));
  let looks = 0;
  const clockMs = () => (looks++ === 0 ? 1_000 : 61_000);
  const r = await runScenario(parseScenarioText(LONG, 'long.yaml'), { outDir: path.join(dir, 'long'), maxWall: { ms: 60_000, clockMs } });
  assert.is(r.stopped, '--max-wall 60s reached');
  assert.is(looks, 2, 'the start, then the first look between slices');
  assert.ok(r.partialDir !== undefined && readRunRecord(r.partialDir).partial);
  assert.not.ok(fs.existsSync(path.join(dir, 'long')));
  fs.rmSync(dir, { recursive: true, force: true });
});

safety('text cells that a spreadsheet would run as formulas are defused', () => {
  assert.is(defuseFormula('=HYPERLINK("x")'), `'=HYPERLINK("x")`);
  assert.is(defuseFormula('-cmd'), "'-cmd");
  assert.is(defuseFormula('@SUM(A1)'), "'@SUM(A1)");
  assert.is(defuseFormula('-0.25'), '-0.25');
  assert.is(defuseFormula('er-primary -> vpn'), 'er-primary -> vpn');
});

fuzz.run();
safety.run();
