import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RESULT_FILES, runScenario } from '../sim/run/run-scenario';
import { loadScenarioFile } from '../sim/scenario/load-scenario';
import { planReplay, replay } from '../sim/study/replay';
import { ersimInProcess, spawnErsim as spawnErsimIn } from './helpers/cli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-replay-test-'));
/**
 * The bundled scenarios replayed here: one of each connectivity model, every traffic kind
 * (cbr, poisson, onoff, tcp, request), scheduled failures on two circuits, random failures
 * drawn from the seed. The golden test pins every bundled scenario's files at full length;
 * this suite checks that run.json records all a run needs to be made again.
 */
const files = [
  'cloud-exchange-london.yaml',
  'point-to-point-frankfurt.yaml',
  'any-to-any-branches.yaml',
  'direct-amsterdam.yaml',
  'failover-two-locations.yaml',
  'random-failures.yaml',
  'requests-failover.yaml',
];

const spawnErsim = (args: string[]) => spawnErsimIn(args, tmp);
const ersim = (args: string[]) => ersimInProcess(args, tmp);

/**
 * --set edits that make a bundled scenario quick to run twice: the bundled runs take minutes.
 * Replay must reproduce whatever run.json records, so an edited document is as good a test as
 * the file itself. Failover scenarios keep their failures, moved to 100 ms and lasting 1 s,
 * within 1.5 s (long enough for BFD to detect them and the VPN to take over); the others run
 * 20 ms (Direct's multi-gigabit TCP makes every simulated millisecond expensive).
 */
function quickSets(file: string): string[] {
  const full = loadScenarioFile(file);
  const scheduled = full.failures.some((f) => f.kind === 'scheduled');
  const ms = scheduled ? 1500 : 20;
  const sets = [`duration=${ms}ms`, `interval=${ms / 10}ms`];
  full.failures.forEach((f, i) => {
    if (f.kind !== 'scheduled') return;
    sets.push(`failures[${i}].at=100ms`);
    if (f.forNs !== undefined) sets.push(`failures[${i}].for=1s`);
  });
  full.traffic.forEach((t, i) => {
    if (t.startNs >= ms * 1e6) sets.push(`traffic[${i}].start=${ms / 4}ms`);
  });
  return sets;
}

/** Run a bundled scenario (shortened) into tmp/<name> and return the folder. */
async function runBundled(file: string): Promise<string> {
  const s = loadScenarioFile(path.join('scenarios', file), quickSets(path.join('scenarios', file)));
  const dir = path.join(tmp, s.name);
  await runScenario(s, { outDir: dir });
  return dir;
}

/** The fields of run.json these tests edit by hand, as written (the reader's checks are what some tests exercise). */
interface RunJsonText {
  ersim: string;
  seed?: number;
  scenario: Record<string, unknown>;
  files: Record<string, string>;
}

function readRunJson(dir: string): RunJsonText {
  return JSON.parse(fs.readFileSync(path.join(dir, 'run.json'), 'utf8')) as RunJsonText;
}

function copyFolder(from: string, name: string): string {
  const to = path.join(tmp, name);
  fs.cpSync(from, to, { recursive: true });
  return to;
}

const bundled = suite('replay: bundled scenarios');
const replayRoot = path.join(tmp, 'replay-root');
fs.mkdirSync(replayRoot);

for (const f of files) {
  bundled(`${f}: replays byte for byte`, async () => {
    const dir = await runBundled(f);
    const report = await replay(planReplay(dir), replayRoot);
    for (const c of report.files) assert.is(c.status, 'identical', `${c.file}: ${JSON.stringify(c.difference)}`);
    assert.ok(report.hashes.every((h) => h.status === 'ok'), JSON.stringify(report.hashes));
    assert.ok(report.identical);
    assert.equal(fs.readdirSync(replayRoot), [], 'the temporary replay folder was not removed');
  });
}

const cli = suite('ersim replay: through the command line');
let sample = '';

cli.before(async () => {
  sample = await runBundled('failover-two-locations.yaml');
});

cli('an untouched result folder: every file identical, exit 0', () => {
  const r = spawnErsim(['replay', sample]);
  assert.is(r.code, 0, r.out + r.err);
  for (const f of RESULT_FILES) assert.match(r.out, new RegExp(`^${f.replace('.', '\\.')}\\s+identical$`, 'm'));
  assert.match(r.out, /identical: all 4 files/);
  assert.is(r.err, '');
});

cli('a value changed in timeseries.csv: exit 1, the file, the first differing line, and its hash', () => {
  const dir = copyFolder(sample, 'tampered');
  const file = path.join(dir, 'timeseries.csv');
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  // Data row 5 is line 6 of the file (line 1 is the header); its throughput_bps gets one more bit/s.
  const cells = lines[5]!.split(',');
  const original = lines[5]!;
  cells[2] = String(Number(cells[2]) + 1);
  lines[5] = cells.join(',');
  fs.writeFileSync(file, lines.join('\n'));
  const r = spawnErsim(['replay', dir]);
  assert.is(r.code, 1, r.out + r.err);
  assert.match(r.out, /^timeseries\.csv\s+differs from line 6$/m);
  assert.ok(r.out.includes(`expected (recorded): ${lines[5]}`), r.out);
  assert.ok(r.out.includes(`found (replayed):    ${original}`), r.out);
  assert.match(r.out, /^summary\.csv\s+identical$/m);
  assert.ok(r.out.includes(`${path.join(dir, 'timeseries.csv')} does not match the hash recorded in run.json`), r.out);
  assert.match(r.out, /not identical: 1 of 4 files differ; 1 file does not match/);
});

cli('a hash edited in run.json: the file is reported against it, exit 1', async () => {
  const dir = copyFolder(sample, 'bad-hash');
  const runJson = readRunJson(dir);
  runJson.files['summary.csv'] = 'sha256:' + '0'.repeat(64);
  fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify(runJson, null, 2));
  const r = await ersim(['replay', dir]);
  assert.is(r.code, 1, r.out + r.err);
  assert.match(r.out, /^summary\.csv\s+identical$/m);
  assert.ok(r.out.includes(`${path.join(dir, 'summary.csv')} does not match the hash recorded in run.json`), r.out);
});

cli('another ersim version: said on stderr before comparing, and the comparison still runs', async () => {
  const dir = copyFolder(sample, 'old-version');
  const runJson = readRunJson(dir);
  runJson.ersim = '0.0.1';
  fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify(runJson, null, 2));
  const r = await ersim(['replay', dir]);
  assert.is(r.code, 0, r.out + r.err);
  assert.match(r.err, /recorded with ersim 0\.0\.1, replaying with \d+\.\d+\.\d+: differences may come from the version/);
  assert.match(r.out, /identical: all 4 files/);
});

cli('a missing folder, a missing or broken run.json, a scenario that no longer validates: exit 2 naming the file', async () => {
  const missing = spawnErsim(['replay', 'no-such-folder']);
  assert.is(missing.code, 2);
  assert.match(missing.err, /no-such-folder: expected a result folder .*found no such file or folder/);

  const noRunJson = copyFolder(sample, 'no-run-json');
  fs.rmSync(path.join(noRunJson, 'run.json'));
  const r1 = await ersim(['replay', noRunJson]);
  assert.is(r1.code, 2);
  assert.ok(r1.err.includes(`${path.join(noRunJson, 'run.json')}: expected the run.json`), r1.err);

  const broken = copyFolder(sample, 'broken-run-json');
  fs.writeFileSync(path.join(broken, 'run.json'), '{ "seed": 1,');
  const r2 = await ersim(['replay', broken]);
  assert.is(r2.code, 2);
  assert.ok(r2.err.includes(`${path.join(broken, 'run.json')}: expected valid JSON`), r2.err);

  const invalid = copyFolder(sample, 'invalid-scenario');
  const runJson = readRunJson(invalid);
  runJson.scenario.duration = '0s';
  delete runJson.seed;
  fs.writeFileSync(path.join(invalid, 'run.json'), JSON.stringify(runJson));
  const r3 = await ersim(['replay', invalid]);
  assert.is(r3.code, 2);
  assert.match(r3.err, /run\.json: seed: expected an integer/);
  runJson.seed = 1;
  fs.writeFileSync(path.join(invalid, 'run.json'), JSON.stringify(runJson));
  const r4 = await ersim(['replay', invalid]);
  assert.is(r4.code, 2);
  assert.match(r4.err, /the scenario recorded in .*run\.json cannot be run by ersim/);
  assert.match(r4.err, /failover-two-locations\.yaml: duration: expected/);

  for (const r of [missing, r1, r2, r3, r4]) assert.not.match(r.err, /\n\s+at /, 'no stack trace');
});

cli.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
bundled.run();
cli.run();
