import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runScenario } from '../sim/run/run-scenario';
import { parseScenarioText } from '../sim/scenario/load-scenario';
import { parseCsv } from '../sim/study/result-folder-reader';
import { ersimInProcess, spawnErsim as spawnErsimIn } from './helpers/cli';

const compare = suite('ersim compare');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-compare-test-'));

const spawnErsim = (args: string[]) => spawnErsimIn(args, tmp);
const ersim = (args: string[]) => ersimInProcess(args, tmp);

const SCENARIO = `
name: cmp
model: point-to-point
duration: 300ms
seed: 3
sites: [{ name: dc, distance: 80km, loss: 0.5%, jitter: 200us }]
traffic:
  - { name: voice, kind: cbr, from: dc, to: vnet, rate: 80kbps, size: 200B }
  - { name: data, kind: poisson, from: dc, to: vnet, rate: 20Mbps, size: 1000B }
`;

/** summary.csv rows of a folder, edited in place by `edit`. */
function editSummary(dir: string, edit: (rows: string[][]) => void): void {
  const file = path.join(dir, 'summary.csv');
  const rows = parseCsv(fs.readFileSync(file, 'utf8'), file);
  edit(rows);
  fs.writeFileSync(file, rows.map((r) => r.join(',') + '\n').join(''));
}

function copy(name: string): string {
  const to = path.join(tmp, name);
  fs.cpSync(path.join(tmp, 'a'), to, { recursive: true });
  return to;
}

const col = (rows: string[][], name: string) => rows[0]!.indexOf(name);

compare.before(async () => {
  await runScenario(parseScenarioText(SCENARIO, 'cmp.yaml'), { outDir: path.join(tmp, 'a') });
  copy('same');
  // voice's throughput set to round figures, so that B is exactly 10% above A.
  const throughput = (bps: number) => (rows: string[][]) => (rows[1]![col(rows, 'throughput_bps')] = String(bps));
  editSummary(copy('base'), throughput(80000));
  editSummary(copy('ten-percent'), throughput(88000));
  // A third flow that only B has.
  editSummary(copy('extra-flow'), (rows) => rows.push(['extra', ...rows[2]!.slice(1)]));
});

compare('identical folders: every delta zero, exit 0; the defaults are the metrics stable across seeds', () => {
  const r = spawnErsim(['compare', 'a', 'same']);
  assert.is(r.code, 0, r.out + r.err);
  const rows = r.out.split('\n').filter((l) => /^(voice|data) /.test(l));
  assert.is(rows.length, 6, r.out);
  for (const row of rows) assert.match(row, /\s0(\.0+)?\s+0\.0000\s+ok$/);
  assert.match(r.out, /^same within tolerance: 0 of 6 values moved beyond the tolerance of 0%$/m);
});

compare('one metric 10% higher: flagged and exit 1 with --tolerance 5%; exit 0 with 20%', async () => {
  const five = spawnErsim(['compare', 'base', 'ten-percent', '--tolerance', '5%']);
  assert.is(five.code, 1, five.out + five.err);
  assert.match(five.out, /^voice\s+throughput_bps\s+80000\s+88000\s+8000\s+10\.0000\s+beyond$/m);
  assert.is(five.out.split('\n').filter((l) => / beyond$/.test(l)).length, 1, five.out);
  assert.match(five.out, /different: 1 of 6 values moved beyond the tolerance of 5%/);

  const twenty = await ersim(['compare', 'base', 'ten-percent', '--tolerance', '20%']);
  assert.is(twenty.code, 0, twenty.out + twenty.err);
  assert.match(twenty.out, /^voice\s+throughput_bps\s+80000\s+88000\s+8000\s+10\.0000\s+ok$/m);
  // A bare number is a percentage too; the default tolerance 0 flags any change.
  assert.is((await ersim(['compare', 'base', 'ten-percent', '--tolerance', '20'])).code, 0);
  assert.is((await ersim(['compare', 'base', 'ten-percent'])).code, 1);
});

compare('a flow only in B: shown, counted and exit 1', async () => {
  const r = await ersim(['compare', 'a', 'extra-flow']);
  assert.is(r.code, 1, r.out + r.err);
  assert.match(r.out, /^extra\s+throughput_bps\s+\d+\s+only in B$/m);
  assert.match(r.out, /flow only in B: extra/);
  const reverse = await ersim(['compare', 'extra-flow', 'a']);
  assert.is(reverse.code, 1);
  assert.match(reverse.out, /^extra\s+throughput_bps\s+\d+\s+only in A$/m);
});

compare('--format csv: the header, one line per flow and metric; the verdict on stderr', async () => {
  const r = await ersim(['compare', 'base', 'ten-percent', '--format', 'csv', '--tolerance', '5', '--metrics', 'throughput_bps,loss_pct']);
  assert.is(r.code, 1);
  const lines = r.out.trim().split('\n');
  assert.is(lines[0], 'flow,metric,a,b,delta,delta_pct,beyond_tolerance');
  assert.is(lines.length, 1 + 2 * 2);
  assert.is(lines[1], 'voice,throughput_bps,80000,88000,8000,10.0000,true');
  assert.match(lines[2]!, /^voice,loss_pct,[\d.]+,[\d.]+,0\.0000,0\.0000,false$/);
  assert.match(r.err, /1 of 4 values moved beyond the tolerance of 5%/);
});

compare('--format markdown: a GitHub table', async () => {
  const r = await ersim(['compare', 'a', 'same', '--format', 'markdown', '--metrics', 'outage_ms']);
  assert.is(r.code, 0);
  assert.match(r.out, /^\| flow \| metric \| A \| B \| delta \| delta % \| check \|\n\| --- \| --- \| ---: \| ---: \| ---: \| ---: \| --- \|\n\| voice \| outage_ms \|/m);
});

const SWEEP_HEADER = 'config,circuit.bfd,flow,metric,n,mean,sd,ci95_low,ci95_high';
const SWEEP_A = [
  SWEEP_HEADER,
  'c1,true,voice,outage_ms,30,950.5,12.1,946.0,955.0',
  'c1,true,voice,loss_pct,30,1.2000,0.1,1.16,1.24',
  'c2,false,voice,outage_ms,30,180400,900,180064,180736',
  'c2,false,voice,loss_pct,30,40.0000,2,39.25,40.75',
].join('\n');

compare('two sweep files: the mean per config, flow and metric', async () => {
  fs.mkdirSync(path.join(tmp, 'sweep-b'));
  fs.writeFileSync(path.join(tmp, 'sweep-a.csv'), SWEEP_A + '\n');
  // c2's outage 10% shorter; a folder holding sweep.csv stands for it.
  fs.writeFileSync(path.join(tmp, 'sweep-b', 'sweep.csv'), SWEEP_A.replace(',180400,', ',162360,') + '\n');
  const r = await ersim(['compare', 'sweep-a.csv', 'sweep-b', '--tolerance', '5%']);
  assert.is(r.code, 1, r.out + r.err);
  assert.match(r.out, /^config\s+flow\s+metric\s+A\s+B\s+delta\s+delta %\s+check$/m);
  assert.match(r.out, /^c1\s+voice\s+loss_pct\s+1\.2000\s+1\.2000\s+0\.0000\s+0\.0000\s+ok$/m);
  assert.match(r.out, /^c2\s+voice\s+outage_ms\s+180400\s+162360\s+-18040\s+-10\.0000\s+beyond$/m);
  assert.match(r.out, /1 of 4 values moved beyond the tolerance of 5%/);

  const csv = await ersim(['compare', 'sweep-a.csv', 'sweep-b/sweep.csv', '--format', 'csv', '--tolerance', '15%']);
  assert.is(csv.code, 0, csv.err);
  assert.is(csv.out.split('\n')[0], 'config,flow,metric,a,b,delta,delta_pct,beyond_tolerance');
  assert.match(csv.out, /^c2,voice,outage_ms,180400,162360,-18040,-10\.0000,false$/m);

  const unknown = await ersim(['compare', 'sweep-a.csv', 'sweep-b', '--metrics', 'jitter_ms']);
  assert.is(unknown.code, 2);
  assert.match(unknown.err, /unknown metric "jitter_ms"; known: outage_ms, loss_pct/);

  const mixed = await ersim(['compare', 'a', 'sweep-b']);
  assert.is(mixed.code, 2);
  assert.match(mixed.err, /sweep\.csv: expected a result folder, like A .*found a sweep file/);
});

compare('bad usage: an unknown metric, a bad tolerance, a missing folder, one argument: exit 2', async () => {
  const unknown = spawnErsim(['compare', 'a', 'same', '--metrics', 'throughput_bps,latncy_p99_ms']);
  assert.is(unknown.code, 2);
  assert.match(unknown.err, /--metrics: unknown metric "latncy_p99_ms"; known: sent_packets, .*latency_p99_ms/);
  const tolerance = await ersim(['compare', 'a', 'same', '--tolerance', 'five']);
  assert.is(tolerance.code, 2);
  assert.match(tolerance.err, /--tolerance: expected a percentage/);
  const missing = await ersim(['compare', 'a', 'nowhere']);
  assert.is(missing.code, 2);
  assert.match(missing.err, /nowhere: expected a result folder, a summary\.csv or a sweep\.csv, found no such file or folder/);
  assert.is((await ersim(['compare', 'a'])).code, 2);
  for (const r of [unknown, tolerance, missing]) assert.not.match(r.err, /\n\s+at /, 'no stack trace');
});

compare.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
compare.run();
