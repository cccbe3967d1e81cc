import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ersimInProcess } from './helpers/cli';
import { GOOD_SCENARIO } from './helpers/good-scenario';

/**
 * Every bad input of the foundation issue through the command line: exit 2, a message naming
 * file and field, nothing written. The eleven bad documents go through main() in this process
 * (what bin/ersim.js calls, 0.4 s less each); the rest through bin/ersim.js as a user runs it.
 */
const cli = suite('ersim run: bad input');

const BIN = path.resolve('bin/ersim.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-cli-'));

function ersim(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: tmp });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const GOOD = GOOD_SCENARIO;

const CASES: [string, string, string, RegExp][] = [
  ['unknown model', 'model: point-to-point', 'model: carrier-pigeon', /model: expected one of cloud-exchange/],
  ['unknown site in a flow', 'to: vnet', 'to: hqq', /traffic\[0\]\.to: expected .*found "hqq"/],
  ['negative bandwidth', 'bandwidth: 1Gbps', 'bandwidth: -1Gbps', /circuit\.bandwidth: expected/],
  ['zero bandwidth', 'bandwidth: 1Gbps', 'bandwidth: 0Gbps', /circuit\.bandwidth: expected .*found "0Gbps"/],
  ['loss above 100 %', 'distance: 20km }', 'distance: 20km, loss: 150% }', /sites\[0\]\.loss: expected .*found "150%"/],
  ['a unit missing', 'bandwidth: 1Gbps', 'bandwidth: 1000', /circuit\.bandwidth: expected a rate/],
  ['a unit misspelt', 'rate: 80kbps', 'rate: 80kbs', /traffic\[0\]\.rate: expected a rate .*found "80kbs"/],
  ['a flow between sites that are not connected', 'to: vnet', 'to: branch', /traffic\[0\]\.to: expected a destination connected to hq/],
  ['a duration of zero', 'duration: 2s', 'duration: 0s', /duration: expected .*found "0s"/],
  ['a JSON array where an object belongs', 'circuit: { bandwidth: 1Gbps }', 'circuit: [1, 2]', /circuit: expected an object.*found an array/],
  ['a misspelt field', 'circuit: { bandwidth: 1Gbps }', 'circuit: { bandwith: 1Gbps }', /circuit\.bandwith: expected no such field/],
];

for (const [what, from, to, message] of CASES) {
  cli(`${what}: exit 2, the file and field path, no result folder`, async () => {
    const file = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(file, GOOD.replace(from, to));
    const r = await ersimInProcess(['run', file], tmp);
    assert.is(r.code, 2, r.err);
    assert.match(r.err, 'bad.yaml');
    assert.match(r.err, message);
    assert.not.match(r.err, /\n\s+at /, 'no stack trace');
    assert.not.ok(fs.existsSync(path.join(tmp, 'results')), 'a result folder was created');
  });
}

cli('a missing file', () => {
  const r = ersim(['run', 'no-such.yaml']);
  assert.is(r.code, 2);
  assert.match(r.err, /no-such\.yaml.*expected a readable scenario file/);
});

cli('a YAML syntax error names the line', () => {
  fs.writeFileSync(path.join(tmp, 'syntax.yaml'), 'name: x\nmodel: [direct\nduration: 1s\n');
  const r = ersim(['run', 'syntax.yaml']);
  assert.is(r.code, 2);
  assert.match(r.err, /syntax\.yaml.*line \d+/);
});

cli('a JSON document that is an array', () => {
  fs.writeFileSync(path.join(tmp, 'array.json'), '[{"name": "x"}]');
  const r = ersim(['run', 'array.json']);
  assert.is(r.code, 2);
  assert.match(r.err, /array\.json: expected an object/);
});

cli('an earlier result folder is untouched by a bad run', () => {
  fs.writeFileSync(path.join(tmp, 'good.yaml'), GOOD);
  assert.is(ersim(['run', 'good.yaml']).code, 0);
  const summary = path.join(tmp, 'results', 'good', 'summary.csv');
  const before = fs.readFileSync(summary);
  fs.writeFileSync(path.join(tmp, 'good.yaml'), GOOD.replace('to: vnet', 'to: nowhere'));
  assert.is(ersim(['run', 'good.yaml']).code, 2);
  assert.ok(fs.readFileSync(summary).equals(before));
  assert.equal(fs.readdirSync(path.join(tmp, 'results')), ['good']);
  fs.rmSync(path.join(tmp, 'results'), { recursive: true });
});

cli('bad usage: unknown command and unknown flag exit 2', () => {
  assert.is(ersim(['fly']).code, 2);
  const r = ersim(['run', '--sed', '3', 'x.yaml']);
  assert.is(r.code, 2);
  assert.match(r.err, /--sed/);
});

cli('validate reports every error of a file at once', () => {
  fs.writeFileSync(path.join(tmp, 'many.yaml'), GOOD.replace('model: point-to-point', 'model: nope').replace('rate: 80kbps', 'rate: fast'));
  const r = ersim(['validate', 'many.yaml']);
  assert.is(r.code, 2);
  assert.match(r.err, /model: expected/);
  assert.match(r.err, /traffic\[0\]\.rate: expected/);
});

cli('validate and models succeed on good input', () => {
  fs.writeFileSync(path.join(tmp, 'good.yaml'), GOOD);
  const v = ersim(['validate', 'good.yaml']);
  assert.is(v.code, 0, v.err);
  assert.match(v.out, /ok\s+good\.yaml/);
  const m = ersim(['models']);
  assert.is(m.code, 0);
  for (const model of ['cloud-exchange', 'point-to-point', 'any-to-any', 'direct']) assert.match(m.out, model);
});

cli.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
cli.run();
