import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { EventLog } from '../sim/metrics/event-log';
import { RESULT_FILES, runScenario } from '../sim/run/run-scenario';
import { ScenarioSimulation } from '../sim/run/scenario-simulation';
import { parseScenarioText } from '../sim/scenario/load-scenario';
import { readRunRecord } from '../sim/study/result-folder-reader';

const determinism = suite('determinism');

const SCENARIO = `
name: det
model: point-to-point
duration: 3s
interval: 500ms
seed: 5
sites: [{ name: dc, distance: 80km, loss: 0.5%, jitter: 200us }]
traffic:
  - { name: voice, kind: cbr, from: dc, to: vnet, rate: 80kbps, size: 200B }
  - { name: data, kind: poisson, from: dc, to: vnet, rate: 50Mbps, size: 1000B }
  - { name: app, kind: onoff, from: vnet, to: dc, rate: 20Mbps, size: 1200B, on: { mean: 200ms, dist: pareto, shape: 1.5 }, off: 300ms }
failures:
  - { target: secondary, at: 1s, for: 500ms }
`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-det-'));

async function runTo(dir: string, seed?: number, text = SCENARIO): Promise<Record<string, Buffer>> {
  const out = path.join(tmp, dir);
  await runScenario(parseScenarioText(text, 'det.yaml'), { outDir: out, ...(seed !== undefined ? { seed } : {}) });
  return Object.fromEntries(RESULT_FILES.map((f) => [f, fs.readFileSync(path.join(out, f))]));
}

determinism('two runs with one seed give byte-identical CSVs', async () => {
  const a = await runTo('a');
  const b = await runTo('b');
  for (const f of RESULT_FILES) assert.ok(a[f]!.equals(b[f]!), `${f} differs`);
  assert.ok(a['timeseries.csv']!.toString().split('\n').length > 10);
});

determinism('another seed gives different CSVs', async () => {
  const a = await runTo('c');
  const b = await runTo('d', 6);
  assert.not.ok(a['summary.csv']!.equals(b['summary.csv']!));
  assert.not.ok(a['timeseries.csv']!.equals(b['timeseries.csv']!));
});

determinism('run.json records the seed and a hash of each CSV', async () => {
  await runTo('e', 9);
  const runJson = readRunRecord(path.join(tmp, 'e'));
  assert.is(runJson.seed, 9);
  assert.equal(Object.keys(runJson.files).sort(), [...RESULT_FILES].sort());
  assert.match(runJson.files['summary.csv']!, /^sha256:[0-9a-f]{64}$/);
});

function sendTimes(text: string, flow: string): number[] {
  const run = new ScenarioSimulation(parseScenarioText(text, 'det.yaml'), 5, new EventLog());
  const f = run.flows.find((x) => x.config.name === flow)!;
  const times: number[] = [];
  const onSend = f.stats.onSend.bind(f.stats);
  f.stats.onSend = (p) => {
    times.push(p.sentAtNs);
    onSend(p);
  };
  run.start();
  run.sim.run({ until: run.scenario.durationNs - 1 });
  return times;
}

determinism('adding an unrelated flow leaves an existing flow\'s arrival times unchanged', () => {
  const before = sendTimes(SCENARIO, 'data');
  const withExtra = SCENARIO.replace('failures:', `  - { name: extra, kind: poisson, from: vnet, to: dc, rate: 30Mbps, size: 500B }\nfailures:`);
  const after = sendTimes(withExtra, 'data');
  assert.ok(before.length > 10_000);
  assert.equal(after, before);
  assert.not.equal(sendTimes(withExtra, 'extra').length, 0);
});

determinism.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
determinism.run();
