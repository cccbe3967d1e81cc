/**
 * ersim calibrate (issue 18, item 2): from synthetic Connection Monitor measurements of known
 * paths (round trips simulated by ersim run at the true distance, plus jitter and loss drawn per
 * check as the measurement model says), the fit recovers each site's distance, jitter and loss
 * within 5 %, and its check finds the simulated round trips equal to the measured ones.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import seedrandom from 'seedrandom';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenarioFile } from '../sim/scenario/load-scenario';
import { readCsvTable } from '../sim/study/result-folder-reader';
import { ersimInProcess } from './helpers/cli';

const cal = suite('ersim calibrate');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-calibrate-'));
const TRUTH = [
  // Jitter below each access link's propagation delay (0.3 and 0.6 ms): see the last test.
  { site: 'hq', km: 60, jitterMs: 0.2, loss: 0.004 },
  { site: 'branch', km: 120, jitterMs: 0.25, loss: 0.015 },
];

const scenario = (hqKm: number, branchKm: number, traffic: string) => `# A design whose site distances are guesses.
name: calib
model: point-to-point
duration: 2s
sites:
  - { name: hq, distance: ${hqKm}km }
  - { name: branch, distance: ${branchKm}km }
${traffic}`;

/** The true round trip of each site: ersim run of the true distances, no jitter or loss. */
async function trueRoundTrips(): Promise<Map<string, number>> {
  const flows = TRUTH.flatMap(({ site }) => [
    `  - { name: ${site}-up, kind: cbr, from: ${site}, to: vnet, rate: 80kbps, size: 100B }`,
    `  - { name: ${site}-down, kind: cbr, from: vnet, to: ${site}, rate: 80kbps, size: 100B }`,
  ]);
  fs.writeFileSync(path.join(tmp, 'truth.yaml'), scenario(TRUTH[0]!.km, TRUTH[1]!.km, `traffic:\n${flows.join('\n')}\n`));
  const r = await ersimInProcess(['run', 'truth.yaml', '--out', 'res'], tmp);
  assert.is(r.code, 0, r.err);
  const summary = readCsvTable(path.join(tmp, 'res', 'calib', 'summary.csv'));
  const latency = (flow: string) => Number(summary.rows.find((row) => row[0] === flow)![summary.headers.indexOf('latency_mean_ms')]);
  return new Map(TRUTH.map(({ site }) => [site, latency(`${site}-up`) + latency(`${site}-down`)]));
}

/** NWConnectionMonitorTestResult rows: 500 of 2,000 checks per site, each a probe and a reply. */
function measurements(rtt: Map<string, number>): string {
  const rng = seedrandom('connection-monitor', { state: false });
  const u = (j: number) => (2 * rng() - 1) * j;
  const lines = ['TimeGenerated [UTC],SourceName,DestinationName,AvgRoundTripTimeMs,JitterMs,ChecksFailed,ChecksTotal'];
  for (const t of TRUTH) {
    for (let row = 0; row < 500; row++) {
      const trips: number[] = [];
      let failed = 0;
      for (let k = 0; k < 2000; k++) {
        if (rng() < t.loss || rng() < t.loss) failed++;
        else trips.push(rtt.get(t.site)! + u(t.jitterMs) + u(t.jitterMs));
      }
      const mean = trips.reduce((a, b) => a + b, 0) / trips.length;
      const jitter = trips.slice(1).reduce((a, b, i) => a + Math.abs(b - trips[i]!), 0) / (trips.length - 1);
      const time = new Date(Date.UTC(2026, 11, 1, 9, row)).toISOString();
      lines.push(`${time},${t.site},vm-app-01,${mean.toFixed(4)},${jitter.toFixed(4)},${failed},2000`);
    }
  }
  return lines.join('\n') + '\n';
}

cal('recovers distance, jitter and loss within 5 %, and the check passes', async () => {
  fs.writeFileSync(path.join(tmp, 'measured.csv'), measurements(await trueRoundTrips()));
  fs.writeFileSync(path.join(tmp, 'guess.yaml'), scenario(10, 50, 'traffic:\n  - { name: app, kind: cbr, from: hq, to: vnet, rate: 1Mbps, size: 1000B }\n'));
  const r = await ersimInProcess(['calibrate', 'guess.yaml', 'measured.csv', '--out', 'calibrated.yaml'], tmp);
  assert.is(r.code, 0, r.err + r.out);
  assert.match(r.out, /^hq\s+1000000\s.*\sok$/m);
  assert.match(r.out, /^branch\s+1000000\s.*\sok$/m);
  assert.match(r.out, /--set sites\[0\]\.distance=\d+m --set sites\[0\]\.jitter=\d+ns --set sites\[0\]\.loss=[\d.]+%/);
  const fitted = loadScenarioFile(path.join(tmp, 'calibrated.yaml'));
  const within = (found: number, truth: number, what: string) => assert.ok(Math.abs(found - truth) / truth <= 0.05, `${what}: ${found} against ${truth}`);
  for (const t of TRUTH) {
    const site = fitted.sites.find((s) => s.name === t.site)!;
    within(site.distanceM, t.km * 1000, `${t.site} distance`);
    within(site.access.jitterNs.forward, t.jitterMs * 1e6, `${t.site} jitter`);
    assert.equal(site.access.jitterNs.reverse, site.access.jitterNs.forward);
    within(site.access.loss.forward, t.loss, `${t.site} loss`);
    assert.equal(site.access.loss.reverse, site.access.loss.forward);
  }
  const text = fs.readFileSync(path.join(tmp, 'calibrated.yaml'), 'utf8');
  assert.ok(text.startsWith('# Calibrated by ersim calibrate from measured.csv'));
  assert.match(text, /# A design whose site distances are guesses\./);
  assert.match(text, /distance: \d+m # calibrated: round trip/);
});

cal('an export without its columns, or with no row for a site: exit 2 naming the file', async () => {
  fs.writeFileSync(path.join(tmp, 'wrong.csv'), 'SourceName,DestinationName,AvgRoundTripTimeMs\nhq,vm,3\n');
  const r = await ersimInProcess(['calibrate', 'guess.yaml', 'wrong.csv'], tmp);
  assert.is(r.code, 2);
  assert.match(r.err, /wrong\.csv: header: expected the columns SourceName, DestinationName, AvgRoundTripTimeMs, JitterMs, ChecksFailed, ChecksTotal of NWConnectionMonitorTestResult, found no JitterMs, ChecksFailed, ChecksTotal/);
  fs.writeFileSync(path.join(tmp, 'other.csv'), 'SourceName,DestinationName,AvgRoundTripTimeMs,JitterMs,ChecksFailed,ChecksTotal\nparis,vm,3,0.1,0,10\n');
  const none = await ersimInProcess(['calibrate', 'guess.yaml', 'other.csv', '--out', 'none.yaml'], tmp);
  assert.is(none.code, 2);
  assert.match(none.err, /no row names a site of guess\.yaml/);
  assert.not.ok(fs.existsSync(path.join(tmp, 'none.yaml')));
  fs.writeFileSync(path.join(tmp, 'bad.csv'), 'SourceName,DestinationName,AvgRoundTripTimeMs,JitterMs,ChecksFailed,ChecksTotal\nhq,vm,fast,0.1,0,10\n');
  const bad = await ersimInProcess(['calibrate', 'guess.yaml', 'bad.csv'], tmp);
  assert.is(bad.code, 2);
  assert.match(bad.err, /bad\.csv: line 2\.AvgRoundTripTimeMs: expected a number, 0 or more, found "fast"/);
});

cal('jitter the access link cannot carry without bias (above its delay) fails the check: exit 1', async () => {
  // 1.2 ms fits about 19 km, 95 µs each way; a 1 ms half-width would have packets arrive before they were sent, so the channel holds them back and the mean round trip grows (1.62 ms).
  fs.writeFileSync(path.join(tmp, 'near.csv'), 'SourceName,DestinationName,AvgRoundTripTimeMs,JitterMs,ChecksFailed,ChecksTotal\nhq,vm,1.2,0.95,0,1000\n');
  const r = await ersimInProcess(['calibrate', 'guess.yaml', 'near.csv'], tmp);
  assert.is(r.code, 1, r.err + r.out);
  assert.match(r.out, /^hq\s+1000\s.*\sbeyond$/m);
  assert.match(r.out, /not measured, left as they were: branch/);
});

cal.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
cal.run();
