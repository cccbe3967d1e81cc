import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runScenario } from '../sim/run/run-scenario';
import { simulateSummary } from '../sim/run/simulate-summary';
import { parseScenarioText } from '../sim/scenario/load-scenario';
import { inShard, shardFromEnvironment } from '../sim/study/shard';
import { summarise, tQuantile975 } from '../sim/study/statistics';
import { aggregateSweep, NUMERIC_METRICS, type RunValues } from '../sim/study/sweep-aggregate';
import { parseSeeds, parseVary, sweepConfigs, sweepRuns } from '../sim/study/sweep-plan';
import { runSweepTask } from '../sim/study/sweep-worker';

const BIN = path.resolve('bin/ersim.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-sweep-'));

function ersim(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: tmp, env: { ...process.env, CI: 'true', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** 300 ms of point-to-point with one Poisson flow: about 50 ms of work per run. */
const TINY = `name: tiny
model: point-to-point
duration: 300ms
sites: [{ name: hq, distance: 20km }]
traffic:
  - { name: data, kind: poisson, from: hq, to: vnet, rate: 200Mbps, size: 1000B }
`;
fs.writeFileSync(path.join(tmp, 'tiny.yaml'), TINY);
/** 2 x 2 configurations x 3 seeds = 12 runs. */
const SWEEP = ['sweep', 'tiny.yaml', '--vary', 'circuit.bandwidth=1Gbps,250Mbps', '--vary', 'traffic[0].size=500B,1500B', '--seeds', '1-3'];
const read = (...p: string[]) => fs.readFileSync(path.join(tmp, ...p));

const plan = suite('sweep: plan, shards and statistics');

plan('seeds, varies and the configuration order (first --vary outermost)', () => {
  assert.equal(parseSeeds('1-3,7'), [1, 2, 3, 7]);
  assert.throws(() => parseSeeds('1-3,2'), /seed 2 is listed twice/);
  assert.throws(() => parseSeeds('3-1'), /--seeds/);
  assert.equal(parseVary('failures[0]={target: primary, at: 1s},{target: secondary, at: 2s}').values, ['{target: primary, at: 1s}', '{target: secondary, at: 2s}']);
  const configs = sweepConfigs([parseVary('a=1,2'), parseVary('b=x,y,z')]);
  assert.equal(configs.map((c) => c.label), ['a=1;b=x', 'a=1;b=y', 'a=1;b=z', 'a=2;b=x', 'a=2;b=y', 'a=2;b=z']);
  assert.equal(configs[4]!.sets, ['a=2', 'b=y']);
  const runs = sweepRuns({ varies: [parseVary('a=1,2')], seeds: [5, 9] });
  assert.equal(runs.map((r) => `${r.index}:${r.config.label}/${r.seed}`), ['0:a=1/5', '1:a=1/9', '2:a=2/5', '3:a=2/9']);
});

plan('shards: the environment rules, and every run in exactly one shard', () => {
  const slurm = (id: number, min: number, max: number) =>
    shardFromEnvironment({ SLURM_ARRAY_TASK_ID: `${id}`, SLURM_ARRAY_TASK_MIN: `${min}`, SLURM_ARRAY_TASK_MAX: `${max}`, SLURM_ARRAY_TASK_COUNT: `${max - min + 1}` }, undefined);
  assert.equal(slurm(1, 1, 3), { index: 1, count: 3 });
  assert.equal(slurm(2, 0, 2), { index: 3, count: 3 });
  assert.equal(shardFromEnvironment({ JOB_COMPLETION_INDEX: '0', ERSIM_SHARDS: '4' }, undefined), { index: 1, count: 4 });
  assert.equal(shardFromEnvironment({ JOB_COMPLETION_INDEX: '3' }, '4'), { index: 4, count: 4 });
  assert.throws(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: '0' }, undefined), /ERSIM_SHARDS/);
  assert.throws(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: '4', ERSIM_SHARDS: '4' }, undefined), /out of range/);
  assert.is(shardFromEnvironment({}, undefined), undefined);
  for (let k = 0; k < 50; k++) assert.is([1, 2, 3].filter((i) => inShard(k, { index: i, count: 3 })).length, 1);
});

plan("Student's t quantiles t(0.975, df) against the printed tables", () => {
  for (const [df, t] of [[1, 12.706], [2, 4.303], [9, 2.262], [29, 2.045], [30, 2.042], [40, 2.021], [60, 2.0], [120, 1.98], [1e6, 1.96]] as const) {
    assert.is(tQuantile975(df).toFixed(3), t.toFixed(3), `df ${df}`);
  }
  const s = summarise([1, 2, 3, 4]);
  assert.is(s.mean, 2.5);
  assert.is(s.sd.toFixed(6), '1.290994'); // sqrt(5/3)
  assert.is(s.ci95High.toFixed(6), (2.5 + (3.182446305 * Math.sqrt(5 / 3)) / 2).toFixed(6));
  assert.ok(Number.isNaN(summarise([7]).sd), 'no sd from one value');
});

plan('simulateSummary gives the rows of summary.csv of ersim run', async () => {
  const s = parseScenarioText(TINY, 'tiny.yaml');
  const out = path.join(tmp, 'run-tiny');
  await runScenario(s, { outDir: out, seed: 7 });
  const csv = fs.readFileSync(path.join(out, 'summary.csv'), 'utf8').trim().split('\n');
  const rows = await simulateSummary(s, 7);
  assert.is(rows.length, csv.length - 1);
  assert.is(Object.values(rows[0]!).join(','), csv[1]);
});

plan.run();

const cli = suite('ersim sweep and merge, through the command line');

cli('--workers 2 and --workers 1 write byte-identical sweep.csv', () => {
  const two = ersim([...SWEEP, '--workers', '2', '--out', 'w2']);
  assert.is(two.code, 0, two.err);
  assert.match(two.out, /4 configurations x 3 seeds = 12 runs on 2 workers/);
  const one = ersim([...SWEEP, '--workers', '1', '--out', 'w1']);
  assert.is(one.code, 0, one.err);
  assert.is(one.err, '', 'no progress bar without a terminal');
  assert.ok(read('w1', 'tiny-sweep', 'sweep.csv').equals(read('w2', 'tiny-sweep', 'sweep.csv')), 'sweep.csv differs between 1 and 2 workers');
  assert.ok(read('w1', 'tiny-sweep', 'runs.csv').equals(read('w2', 'tiny-sweep', 'runs.csv')));
  const lines = read('w1', 'tiny-sweep', 'sweep.csv').toString().trim().split('\n');
  assert.is(lines[0], 'config,circuit.bandwidth,traffic[0].size,flow,metric,n,mean,sd,ci95_low,ci95_high');
  // tcp columns are empty for a Poisson flow: no row for them.
  assert.is(lines.length - 1, 4 * (NUMERIC_METRICS.length - 8));
  assert.match(lines[1]!, /^circuit\.bandwidth=1Gbps;traffic\[0\]\.size=500B,1Gbps,500B,data,sent_packets,3,\d+\.\d{6},/);
});

cli('shards 1/3, 2/3, 3/3 in separate processes merge into the same bytes; a missing or doubled shard is exit 2', () => {
  for (const i of [1, 2, 3]) {
    const r = ersim([...SWEEP, '--shard', `${i}/3`, '--out', 'sharded']);
    assert.is(r.code, 0, r.err);
  }
  const dirs = [1, 2, 3].map((i) => path.join('sharded', 'tiny-sweep', `shard-${i}-of-3`));
  const merged = ersim(['merge', ...dirs, '--out', 'sharded']);
  assert.is(merged.code, 0, merged.err);
  for (const f of ['sweep.csv', 'runs.csv', 'sweep.json']) assert.ok(read('sharded', 'tiny-sweep', f).equals(read('w1', 'tiny-sweep', f)), `merged ${f} differs`);

  const missing = ersim(['merge', dirs[0]!, dirs[2]!, '--out', 'partial']);
  assert.is(missing.code, 2);
  assert.match(missing.err, /missing shard 2\/3/);
  assert.not.ok(fs.existsSync(path.join(tmp, 'partial', 'tiny-sweep', 'sweep.csv')));
  const doubled = ersim(['merge', dirs[0]!, dirs[1]!, dirs[1]!, '--out', 'partial']);
  assert.is(doubled.code, 2);
  assert.match(doubled.err, /shard 2\/3 is given twice/);

  // A shard of another sweep (other seeds) does not fit, even with the right number.
  assert.is(ersim([...SWEEP.slice(0, -1), '4-6', '--shard', '2/3', '--out', 'other']).code, 0);
  const foreign = ersim(['merge', dirs[0]!, path.join('other', 'tiny-sweep', 'shard-2-of-3'), dirs[2]!, '--out', 'partial']);
  assert.is(foreign.code, 2);
  assert.match(foreign.err, /not a shard of the same sweep .* differ in seeds/);
});

cli('a bad value is exit 2 naming its configuration, before anything runs', () => {
  const r = ersim(['sweep', 'tiny.yaml', '--vary', 'circuit.bandwidth=1Gbps,0Gbps', '--seeds', '1-2', '--out', 'bad']);
  assert.is(r.code, 2);
  assert.match(r.err, /tiny\.yaml \[circuit\.bandwidth=0Gbps\]: circuit\.bandwidth: expected a rate above 0/);
  assert.not.match(r.err, /\n\s+at /, 'no stack trace');
  assert.not.ok(fs.existsSync(path.join(tmp, 'bad')));
});

cli.run();

/**
 * Confidence intervals that cover. One 1 Gbps link fed by Poisson arrivals of 1250 B packets at
 * utilisation 0.5 is an M/D/1 queue: mean delay = service (10 us) + propagation (1 us) + the
 * Pollaczek-Khinchine wait rho / (2 mu (1 - rho)) (5 us) = 16 us. Forty independent sweeps of
 * ten seeds each give forty 95 % intervals of latency_mean_ms.
 *
 * If the intervals are right, the number that cover 16 us is Binomial(40, 0.95): mean 38,
 * P(fewer than 32) = 1.3e-4, so "at least 32 of 40" fails a correct implementation about once
 * in 8,000 choices of seeds. A true coverage of 0.8 would pass only 59 % of the time, and
 * intervals scaled by sd / n instead of sd / sqrt(n) (coverage about 0.5) practically never.
 * Intervals that are too
 * wide are caught by the second check: the spread of the forty sweep means must match the
 * standard error the intervals were built from, sd / sqrt(n) (its expectation is 0.973 times
 * it at n = 10; the estimate from 40 sweeps is within about 11 %, so 0.65..1.5 is 3 of those).
 *
 * Each run is 200 ms (10,000 packets): starting from an empty queue biases the mean by well
 * under 0.1 % (measured over 2,000 runs of 100 ms: -10 ns, 0.12 of a sweep's standard error),
 * so the estimator is nearly unbiased and coverage is not eroded.
 */
const ci = suite('sweep: 95 % confidence intervals cover the M/D/1 mean delay');

const MD1 = `name: md1
model: custom
duration: 200ms
custom:
  nodes: [{ id: a, role: premises }, { id: b, role: vnet }]
  links: [{ from: a, to: b, bandwidth: 1Gbps, delay: 1us, queue: 10MB }]
traffic: [{ name: f, kind: poisson, from: a, to: vnet, rate: 500Mbps, size: 1250B }]
`;

ci('at least 32 of 40 sweeps of 10 seeds cover the analytic mean, and their spread matches the intervals', async () => {
  const serviceMs = (1250 * 8) / 1e9 * 1e3;
  const rho = 0.5;
  const truth = serviceMs + 0.001 + (rho * serviceMs) / (2 * (1 - rho));
  let covered = 0;
  const means: number[] = [];
  const standardErrors: number[] = [];
  for (let k = 0; k < 40; k++) {
    const seeds = Array.from({ length: 10 }, (_, i) => 1000 + 10 * k + i);
    const runs: RunValues[] = await Promise.all(seeds.map(async (seed, run) => ({ run, values: await runSweepTask({ text: MD1, file: 'md1.yaml', sets: [], seed }) })));
    const row = aggregateSweep({ varies: [], seeds }, runs).find((r) => r[2] === 'latency_mean_ms')!;
    const [n, mean, sd, low, high] = row.slice(3).map(Number) as [number, number, number, number, number];
    assert.is(n, 10);
    if (low <= truth && truth <= high) covered++;
    means.push(mean);
    standardErrors.push(sd / Math.sqrt(n));
  }
  assert.ok(covered >= 32, `${covered} of 40 intervals cover ${truth} ms`);
  const spread = summarise(means).sd;
  const ratio = summarise(standardErrors).mean / spread;
  assert.ok(ratio > 0.65 && ratio < 1.5, `mean standard error / spread of the sweep means = ${ratio.toFixed(3)}`);
});

ci.run();
