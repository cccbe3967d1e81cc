/**
 * What the study commands tell a person (issue 19, item 15): a line per configuration after a
 * sweep, progress lines when stderr is a pipe, a word on SIGINT, and `availability --ideal`
 * against the textbook formula.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCsv } from '../sim/study/result-folder-reader';

const study = suite('study commands: summary, progress, interruption, ideal availability');
const BIN = path.resolve('bin/ersim.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-study-output-'));
/** As a user's shell runs it: no CI variable, stderr a pipe. */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CI'));

function ersim(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: tmp, env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

fs.writeFileSync(
  path.join(tmp, 'tiny.yaml'),
  `name: tiny
model: point-to-point
duration: 300ms
sites: [{ name: hq, distance: 20km }]
traffic:
  - { name: data, kind: poisson, from: hq, to: vnet, rate: 100Mbps, size: 1000B }
  - { name: voice, kind: cbr, from: hq, to: vnet, rate: 80kbps, size: 200B }
`,
);

study('sweep prints a line per configuration and, piped, a progress line per tenth of the runs', () => {
  const r = ersim(['sweep', 'tiny.yaml', '--vary', 'traffic[0].size=500B,1500B', '--seeds', '1-5', '--workers', '1', '--out', 'sw']);
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /^traffic\[0\]\.size\s+flows\s+Mbps\s+p99 ms\s+loss %\s+outage ms\s+timed out$/m);
  assert.match(r.out, /^500B\s+2\s+\d+\.\d{3}\s/m);
  assert.match(r.out, /^1500B\s+2\s+\d+\.\d{3}\s/m);
  const lines = r.err.trim().split('\n');
  assert.is(lines.length, 10, r.err);
  assert.match(lines[0]!, /^ersim sweep: 1\/10 runs {2}[\d.]+ runs\/s {2}ETA /);
  assert.match(lines[9]!, /^ersim sweep: 10\/10 runs /);
  assert.not.ok(r.err.includes('\r') || r.err.includes('\u001b'), 'no bar drawing when piped');
});

study('SIGINT during a sweep: a line saying how far it got and that nothing was written, exit 130', async () => {
  const child = spawn(process.execPath, [BIN, 'sweep', 'tiny.yaml', '--vary', 'traffic[0].size=500B,1500B', '--seeds', '1-40', '--workers', '1', '--out', 'cut'], { cwd: tmp, env });
  let err = '';
  const code = await new Promise<number | null>((resolve) => {
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (/ersim sweep: \d+\/80 runs/.test(err)) child.kill('SIGINT');
    });
    child.on('exit', (c) => resolve(c));
  });
  assert.is(code, 130, err);
  assert.match(err, /ersim sweep: interrupted \(SIGINT\) after \d+ of 80 runs; no sweep file was written/);
  assert.not.ok(fs.existsSync(path.join(tmp, 'cut', 'tiny-sweep', 'sweep.csv')));
});

study('SIGINT inside the long run of a one-worker sweep: exit 130 at once, not after the run', async () => {
  // The second configuration is 20 min of 100 Mbps, minutes of work on this one thread: the
  // signal must be handled between the run's slices. 10 s is a liveness bound, not a timing.
  const child = spawn(process.execPath, [BIN, 'sweep', 'tiny.yaml', '--vary', 'duration=300ms,20min', '--seeds', '1', '--workers', '1', '--force', '--out', 'long'], { cwd: tmp, env });
  let err = '';
  let timer: NodeJS.Timeout | undefined;
  const exit = await new Promise<{ code: number | null; killed: boolean }>((resolve) => {
    let killed = false;
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (timer === undefined && /ersim sweep: 1\/2 runs/.test(err)) {
        child.kill('SIGINT');
        timer = setTimeout(() => {
          killed = true;
          child.kill('SIGKILL');
        }, 10_000);
      }
    });
    child.on('exit', (code) => resolve({ code, killed }));
  });
  clearTimeout(timer);
  assert.not.ok(exit.killed, `still running 10 s after SIGINT: ${err}`);
  assert.is(exit.code, 130, err);
  assert.match(err, /ersim sweep: interrupted \(SIGINT\) after 1 of 2 runs; no sweep file was written/);
});

study('availability --ideal: two legs of MTBF 100 h and MTTR 10 h give 1 - (10/110)^2; with routing delays, less', () => {
  const legs = ['--set', 'failures[0].mtbf=100h', '--set', 'failures[0].mttr=10h', '--set', 'failures[1].mtbf=100h', '--set', 'failures[1].mttr=10h'];
  const file = path.resolve('scenarios/availability-two-legs.yaml');
  const avail = (extra: string[], out: string) => {
    const r = ersim(['availability', file, ...legs, '--years', '50', '--replications', '20', '--out', out, ...extra]);
    assert.is(r.code, 0, r.err);
    const rows = parseCsv(fs.readFileSync(path.join(tmp, out, 'availability-two-legs-availability', 'availability.csv'), 'utf8'), out);
    const col = (name: string) => rows[0]!.indexOf(name);
    const er = rows.find((row) => row[col('design')] === 'ExpressRoute only')!;
    return { pct: Number(er[col('availability_pct')]), low: Number(er[col('downtime_ci95_low')]), high: Number(er[col('downtime_ci95_high')]), out: r.out };
  };
  const ideal = avail(['--ideal'], 'ideal');
  assert.match(ideal.out, /ideal: no detection or convergence delays/);
  const analyticMin = (10 / 110) ** 2 * 365.25 * 24 * 60;
  assert.ok(ideal.low <= analyticMin && analyticMin <= ideal.high, `analytic ${analyticMin.toFixed(1)} min/yr outside [${ideal.low}, ${ideal.high}]`);
  assert.ok(Math.abs(100 - ideal.pct - 100 * (10 / 110) ** 2) < 0.03 * 100 * (10 / 110) ** 2, `availability ${ideal.pct}`);
  assert.ok(avail([], 'real').pct < ideal.pct);
});

study.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

study.run();
