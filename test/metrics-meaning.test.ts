/**
 * Metrics that mean what a user reads (issue 19, items 10-14): request timeouts shown where
 * loss is, outage of request flows only while a request is outstanding, the largest jitter
 * beside the end-of-run estimate, one word per meaning, and compare's defaults.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DECIDE_HEADERS } from '../sim/decide/decide-csv';
import { caseFigures } from '../sim/decide/figures';
import { SUMMARY_HEADERS } from '../sim/metrics/result-files';
import { runScenario } from '../sim/run/run-scenario';
import { parseScenarioText } from '../sim/scenario/load-scenario';
import { DEFAULT_METRICS, NOISY_METRICS } from '../sim/study/compare';
import { ersimInProcess } from './helpers/cli';

const meaning = suite('metrics a user reads');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-meaning-'));

const run = async (yaml: string) => (await runScenario(parseScenarioText(yaml, 'm.yaml'), { outDir: path.join(tmp, 'r') })).flows[0]!;

meaning('item 11: a request flow with no failure has no outage: idle time between Poisson requests is not counted', async () => {
  const f = await run(`name: idle
model: point-to-point
duration: 20s
seed: 2
sites: [{ name: hq, distance: 20km }]
traffic:
  - { name: api, kind: request, from: hq, to: vnet, requestRate: 5, requestSize: 2KB, responseSize: 16KB, timeout: 2s }
`);
  assert.is(f.requests_timed_out, '0');
  // At 5 requests/s, gaps between requests reach 1-2 s; a request's own silences are a few round trips.
  assert.ok(Number(f.outage_ms) < 50, `outage_ms ${f.outage_ms}`);
});

meaning('item 11: a blackhole while requests are outstanding is still an outage', async () => {
  const f = await run(`name: hole
model: point-to-point
duration: 12s
seed: 2
circuit: { bfd: false }
sites: [{ name: hq, distance: 20km }]
traffic:
  - { name: api, kind: request, from: hq, to: vnet, requestRate: 20, requestSize: 2KB, responseSize: 16KB, timeout: 1s }
failures:
  - { target: circuit, at: 2s }
`);
  // No VPN: every request after 2 s times out; the flow is silent from 2 s to the end while requests wait.
  assert.ok(Number(f.outage_ms) > 9000, `outage_ms ${f.outage_ms}`);
});

meaning('item 12: jitter_max_ms keeps the VPN stretch that jitter_ms (end of run) has forgotten', async () => {
  const f = await run(`name: jit
model: point-to-point
duration: 40s
seed: 3
circuit: { bfd: true }
sites: [{ name: dc, distance: 60km }]
vpn: { sku: VpnGw2, internet: { latency: 12ms, jitter: 3ms } }
traffic:
  - { name: voice, kind: cbr, from: dc, to: vnet, rate: 80kbps, size: 200B }
failures:
  - { target: circuit, at: 1s, for: 2s }
`);
  assert.ok(Number(f.vpn_share_pct) > 1, `vpn_share_pct ${f.vpn_share_pct}`);
  assert.ok(Number(f.jitter_ms) < 0.01, `jitter_ms ${f.jitter_ms}`);
  assert.ok(Number(f.jitter_max_ms) > 1, `jitter_max_ms ${f.jitter_max_ms}`);
});

meaning('item 14: summary.csv counts path changes, events.csv logs failovers: one word per meaning', () => {
  const headers: readonly string[] = SUMMARY_HEADERS;
  for (const h of ['path_changes', 'path_change_ms', 'lost_in_path_changes']) assert.ok(headers.includes(h), h);
  assert.not.ok(headers.some((h) => h.includes('failover')));
  const readme = fs.readFileSync('README.md', 'utf8');
  assert.not.match(readme, /`failover`, `failback` \(a flow's path moved\)/);
});

meaning('item 10: request timeouts in the printed table, in compare\'s defaults and in decide', async () => {
  const yaml = `name: to
model: point-to-point
duration: 4s
seed: 2
circuit: { bfd: false }
sites: [{ name: hq, distance: 20km }]
traffic:
  - { name: api, kind: request, from: hq, to: vnet, requestRate: 20, requestSize: 2KB, responseSize: 16KB, timeout: 500ms }
failures:
  - { target: circuit, at: 1s }
`;
  fs.writeFileSync(path.join(tmp, 'to.yaml'), yaml);
  const r = await ersimInProcess(['run', 'to.yaml', '--out', 'out'], tmp);
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /timed out/);
  assert.match(r.out, /api .* \d+\/\d+ /);
  assert.ok((DEFAULT_METRICS as readonly string[]).includes('requests_timed_out'));
  assert.ok((DECIDE_HEADERS as readonly string[]).includes('requests_timed_out_pct'));
  const v = (flow: string, metric: string, value: string) => ({ flow, metric, value });
  const f = caseFigures(
    [[v('api', 'requests', '100'), v('api', 'requests_timed_out', '20')], [v('api', 'requests', '50'), v('api', 'requests_timed_out', '0')]],
    { latencyFlows: [], throughputFlows: [], throughputPer: 'total', outageFlows: [] },
  );
  assert.is(f.requestsTimedOutPct, 10);
});

meaning('item 13: compare\'s defaults leave out the metrics that move across seeds', () => {
  const defaults: readonly string[] = DEFAULT_METRICS;
  for (const noisy of NOISY_METRICS) assert.not.ok(defaults.includes(noisy), noisy);
  for (const stable of ['throughput_bps', 'latency_p50_ms', 'latency_p99_ms']) assert.ok(defaults.includes(stable), stable);
});

meaning.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

meaning.run();
