import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SimulationError } from '../sim/kernel/simulator';
import { EventLog } from '../sim/metrics/event-log';
import { estimateCost } from '../sim/run/cost-estimate';
import { ScenarioSimulation } from '../sim/run/scenario-simulation';
import { FluidBackground } from '../sim/net/fluid-background';
import type { LinkDirection } from '../sim/net/link-direction';
import type { Packet } from '../sim/net/packet';
import { loadScenarioFile } from '../sim/scenario/load-scenario';
import { ScenarioError } from '../sim/scenario/scenario-error';
import { parseVary, SweepError } from '../sim/study/sweep-plan';
import { GOOD_SCENARIO } from './helpers/good-scenario';

/** Issue 19, items 3-5 and the smaller ones: hostile input ends in exit 2 and a message, never a crash, a hang or a polluted process. */
const hostile = suite('hostile input');

const BIN = path.resolve('bin/ersim.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-hostile-'));
const GOOD = path.join(tmp, 'good.yaml');
fs.writeFileSync(GOOD, GOOD_SCENARIO);
const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 42);
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

function ersim(args: string[], timeout = 60_000) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: tmp, timeout });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function issuesOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScenarioError) return err.message;
    throw err;
  }
  return '';
}

const PROTOTYPE_SETS = ['__proto__.x=1', 'circuit.__proto__.bfd=false', '__proto__.strict=false', 'constructor.prototype.polluted=1', 'sites[0].constructor.x=1', 'traffic.0.prototype=1'];

hostile('item 3: --set through __proto__, constructor or prototype is refused and Object.prototype stays clean', () => {
  for (const set of PROTOTYPE_SETS) {
    const message = issuesOf(() => loadScenarioFile(GOOD, [set]));
    assert.match(message, /--set: expected a path of scenario fields: --set may not name (__proto__|constructor|prototype)/, set);
    assert.equal(Object.keys(Object.prototype), [], `${set} polluted Object.prototype`);
    assert.is(({} as Record<string, unknown>).strict, undefined);
    assert.is(({} as Record<string, unknown>).polluted, undefined);
  }
});

hostile('item 3: through the CLI, exit 2 and no stack trace, for run, validate and sweep --vary', () => {
  for (const args of [
    ['run', 'good.yaml', '--set', '__proto__.x=1'],
    ['validate', 'good.yaml', '--set', 'circuit.__proto__.bfd=false'],
    ['sweep', 'good.yaml', '--vary', '__proto__.x=1,2', '--seeds', '1'],
  ]) {
    const r = ersim(args);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, /may not name __proto__/);
    assert.not.match(r.err, /\n\s+at /, 'no stack trace');
  }
  assert.not.ok(fs.existsSync(path.join(tmp, 'results')), 'nothing was written');
});

hostile('item 3: --vary paths are checked like --set paths', () => {
  assert.throws(() => parseVary('constructor.x=1,2'), (err: unknown) => err instanceof SweepError && /may not name constructor/.test(err.message));
  assert.is(parseVary('circuit.bandwidth=1Gbps,2Gbps').values.length, 2);
});

const HORIZON_CASES: [string, string, RegExp][] = [
  // (A 50-day run leaves 54 days of the horizon's 104 for a delay that starts in it.)
  ['a BFD interval whose detection time (x3) passes the horizon', 'routing.bfd.interval=60d', /routing\.bfd\.interval: expected a duration of at most 1562399s .*routing\.bfd\.multiplier \(3\).*found "60d"/],
  ['a site bandwidth of 0.0001bps', 'sites[0].bandwidth=0.0001bps', /sites\[0\]\.bandwidth: expected a rate of at least 0\.448bps/],
  ['a port of 0.0001bps', 'circuit.port=0.0001bps', /circuit\.port: expected a rate of at least/],
  ['an internet path of 0.0001bps', 'vpn={internet: {bandwidth: 0.0001bps}}', /vpn\.internet\.bandwidth: expected a rate of at least/],
  ['a link delay plus jitter of 60 days', 'linkOverrides[0]={link: hq--hq-ce, delay: 30d, jitter: 30d}', /linkOverrides\[0\]\.delay: expected a duration of at most 1171799s/],
  ['a jitter of 60 days', 'linkDefaults.jitter=60d', /linkDefaults\.jitter: expected a duration of at most 1171799s/],
  ['a gateway convergence that ends past the horizon', 'routing.gatewayConvergence=60d', /routing\.gatewayConvergence: expected a duration of at most 4687199s/],
  ['a request timeout past the horizon', 'traffic[1]={name: r, kind: request, from: hq, to: vnet, requestRate: 1, timeout: 60d}', /traffic\[1\]\.timeout: expected a duration of at most 4687199s/],
  ['a flow rate with packets closer than 1 ns', 'traffic[0].rate=100000000Tbps', /traffic\[0\]\.rate: expected a rate of at most 1600Gbps/],
];

for (const [what, set, message] of HORIZON_CASES) {
  hostile(`item 4/5: ${what} is refused by the loader, naming the field and the largest value`, () => {
    assert.match(issuesOf(() => loadScenarioFile(GOOD, ['duration=50d', set, 'failures[0]={target: primary, at: 1s, for: 500ms}'])), message);
  });
}

hostile('item 4: through the CLI, exit 2 with the message, no stack trace', () => {
  const r = ersim(['run', 'good.yaml', '--set', 'routing.bfd.interval=60d', '--set', 'circuit.bfd=true', '--set', 'failures[0]={target: primary, at: 1s, for: 500ms}']);
  assert.is(r.code, 2, r.err);
  assert.match(r.err, /routing\.bfd\.interval: expected a duration of at most/);
  assert.not.match(r.err, /SimulationError|\n\s+at /);
});

hostile('item 5: fluid arrivals that cannot advance the clock throw a SimulationError instead of looping forever', () => {
  const dir = { id: 'a->b', props: { capacityBps: 1e9 }, queue: { limitBytes: 1e6 } } as unknown as LinkDirection;
  const background = new FluidBackground(dir, [{ kind: 'cbr', gapNs: 1e-9, phaseNs: 2e9, wireBytes: 1000, rng: undefined }], undefined);
  const packet = { prevDir: undefined, wireBytes: 100, framingBytes: 0 } as unknown as Packet;
  assert.throws(() => background.admit(packet, 2e9, 0), (err: unknown) => err instanceof SimulationError && /stopped advancing/.test(err.message));
});

hostile('smaller: duplicate keys in JSON are refused with their line, as in YAML', () => {
  const file = path.join(tmp, 'dup.json');
  fs.writeFileSync(file, '{\n  "name": "a",\n  "model": "point-to-point",\n  "name": "b"\n}\n');
  assert.match(issuesOf(() => loadScenarioFile(file)), /dup\.json: expected valid JSON with each key once per object, found the key "name" a second time at line 4, column 3/);
  fs.writeFileSync(file, '{"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 1}, {"x": 2}], "d": "\\"x\\": 1"}');
  assert.not.match(issuesOf(() => loadScenarioFile(file)), /each key once/, 'the same key in different objects is no repeat');
});

hostile('smaller: run and validate on a folder with no scenario files: exit 2, "no scenario files in DIR"', () => {
  const empty = path.join(tmp, 'empty');
  fs.mkdirSync(empty);
  for (const command of ['run', 'validate']) {
    const r = ersim([command, empty]);
    assert.is(r.code, 2, r.err);
    assert.match(r.err, `no scenario files in ${empty}`);
  }
});

hostile('smaller: a scenario name starting with "-" is refused', () => {
  assert.match(issuesOf(() => loadScenarioFile(GOOD, ['name=-rf'])), /name: expected a name .*not starting with "\." or "-"/);
});

hostile('smaller: a /dev/zero symlink, a FIFO and a file over 4 MiB are refused at once, not read', async () => {
  const dir = path.join(tmp, 'devices');
  fs.mkdirSync(dir);
  fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
  spawnSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
  fs.writeFileSync(path.join(dir, 'huge.yaml'), `name: huge\ndescription: "${'x'.repeat(4 * 1024 * 1024)}"\n`);
  const child = spawn(process.execPath, [BIN, 'validate', dir], { cwd: tmp });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, 30_000);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  assert.is(code, 2, `validate hung or crashed: ${stderr}`);
  assert.match(stderr, /zero\.yaml: expected a scenario file \(a regular file\), found a device/);
  assert.match(stderr, /huge\.yaml: expected a scenario file of at most 4 MiB, found \d+ bytes/);
  if (fs.existsSync(path.join(dir, 'pipe.yaml'))) assert.match(stderr, /pipe\.yaml: expected a scenario file \(a regular file\), found a named pipe/);
});

hostile("smaller: replay prints run.json's version escaped, never raw terminal escapes", () => {
  const r0 = ersim(['run', 'good.yaml', '--out', 'replayed']);
  assert.is(r0.code, 0, r0.err);
  const runJson = path.join(tmp, 'replayed', 'good', 'run.json');
  const record = JSON.parse(fs.readFileSync(runJson, 'utf8')) as Record<string, unknown>;
  record.ersim = '9.9.9\u001b]0;owned\u0007\u001b[2J';
  fs.writeFileSync(runJson, JSON.stringify(record));
  const r = ersim(['replay', path.join('replayed', 'good')]);
  assert.not.ok((r.out + r.err).includes('\u001b'), 'a raw escape reached the terminal');
  assert.match(r.err, /recorded with ersim 9\.9\.9\\u001b\]0;owned\\u0007\\u001b\[2J/);
});

hostile('item 15: validate --set applies the edit, and reports a bad one as a scenario problem', () => {
  const ok = ersim(['validate', 'good.yaml', '--set', 'circuit.bandwidth=2Gbps']);
  assert.is(ok.code, 0, ok.err);
  const bad = ersim(['validate', 'good.yaml', '--set', 'circuit.bandwidth=2Gbs']);
  assert.is(bad.code, 2);
  assert.match(bad.err, /circuit\.bandwidth: expected a rate/);
});

const COST_CASES: [string, string[], RegExp][] = [
  ['an interval of 1 ns', ['interval=1ns'], /GiB of result files .*the output limit is 1\.0 GiB/],
  ['a random failure with mtbf 1 ns', ['failures[0]={target: primary, mtbf: 1ns, mttr: 1ns}'], /the time limit is 15\.0 min; the output limit/],
];

for (const [what, sets, message] of COST_CASES) {
  hostile(`item 6: ${what} is refused before it runs, with the estimate and --force`, () => {
    const started = process.hrtime.bigint();
    const r = ersim(['run', 'good.yaml', ...sets.flatMap((set) => ['--set', set]), '--out', 'costly']);
    assert.is(r.code, 2, r.err);
    assert.match(r.err, message);
    assert.match(r.err, /--force/);
    assert.not.ok(fs.existsSync(path.join(tmp, 'costly')), 'a result folder was written');
    assert.ok(process.hrtime.bigint() - started < 30_000_000_000n);
  });
}

hostile('item 6: the estimate counts memory per flow, output per row and the document copies', () => {
  const many = loadScenarioFile(GOOD, Array.from({ length: 200 }, (_, i) => `traffic[${i + 1}]={name: f${i}, kind: cbr, from: hq, to: vnet, rate: 1kbps, size: 200B}`));
  const few = loadScenarioFile(GOOD);
  const costOf = (s: typeof few) => estimateCost(new ScenarioSimulation(s, s.seed, new EventLog()));
  assert.ok(costOf(many).memoryBytes - costOf(few).memoryBytes >= 200 * 64 * 1024, 'memory grows with the flows');
  assert.ok(costOf(many).outputBytes > costOf(few).outputBytes * 50, 'output grows with the rows');
  const described = loadScenarioFile(GOOD, [`description=${'x'.repeat(100_000)}`]);
  assert.ok(costOf(described).outputBytes >= 300_000, 'run.json and the report copy the description');
});

/** Flags and --set paths as a hostile user types them: every case ends in a result or in exit 2 with a message. */
const SEGMENT = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'circuit', 'bandwidth', 'sites', 'traffic', 'toString', 'hasOwnProperty', 'valueOf', '-', '$'), fc.string({ maxLength: 6 }));
const SET_PATH = fc.array(fc.oneof(SEGMENT, fc.nat(3).map((i) => `[${i}]`)), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.').replace(/\.\[/g, '['));
const SET_VALUE = fc.oneof(fc.constantFrom('1', 'true', 'null', '{}', '[]', '{__proto__: {x: 1}}', '60d', '0.0001bps', '1e400', '"x"'), fc.string({ maxLength: 12 }));

hostile('fuzz: --set paths and values never crash the loader nor touch Object.prototype', () => {
  fc.assert(
    fc.property(SET_PATH, SET_VALUE, (p, v) => {
      try {
        loadScenarioFile(GOOD, [`${p}=${v}`]);
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
      }
      return Object.keys(Object.prototype).length === 0 && ({} as Record<string, unknown>).x === undefined;
    }),
    { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
  );
});

const FLAG = fc.oneof(
  fc.constantFrom('--set', '--seed', '--out', '--force', '--max-events', '--max-wall', '--report', '--vary', '--seeds', '-x', '--', '--set=', '--seed=-1', '--max-wall=0s', '--max-events=1e3'),
  fc.string({ maxLength: 10 }),
);

hostile('fuzz: CLI flags of run and validate end in exit 0 or 2 with a message, never a stack trace', () => {
  const samples = fc.sample(fc.tuple(fc.constantFrom('run', 'validate'), fc.array(FLAG, { maxLength: 4 })), { seed: FUZZ_SEED, numRuns: 12 });
  for (const [command, flags] of samples) {
    const r = ersim([command, 'good.yaml', ...flags, '--out', 'fuzzed', '--max-wall', '5s']);
    assert.ok(r.code === 0 || r.code === 2, `${command} ${flags.join(' ')}: exit ${r.code}\n${r.err}`);
    assert.not.match(r.err, /\n\s+at /, `${command} ${flags.join(' ')}: a stack trace`);
  }
});

hostile.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

hostile.run();
