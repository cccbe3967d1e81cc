/**
 * ersim import of flow records (issue 18, item 3): the bundled Traffic Collector export beside
 * the bundled ARM template gives one poisson flow per site, direction and DSCP class at the
 * hand-computed rate and size of its busiest interval; the scenario validates and runs at those
 * rates; bad records name the file, line and column and write nothing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { ersimInProcess } from './helpers/cli';

const flows = suite('ersim import: traffic from flow records');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-import-flows-'));
const TEMPLATE = path.resolve('examples/import/fabrikam-arm-template.json');
const RECORDS = path.resolve('examples/import/fabrikam-flows.csv');

async function importScenario(out: string, ...extra: string[]): Promise<{ code: number | null; err: string; text: string }> {
  const r = await ersimInProcess(['import', TEMPLATE, ...extra, '--model', 'cloud-exchange', '--out', out], tmp);
  const file = path.join(tmp, out);
  return { code: r.code, err: r.err, text: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '' };
}

// By hand from fabrikam-flows.csv, interval 60 s (every repeated flow is 60 s apart but the CS0
// one, 120 s: the median is 60). rate = bytes x 8 / 60 s, size = bytes / packets, both of the
// busiest interval; EF up sums two HQ hosts (192.0.2.0/24 and 198.51.100.0/25) at 09:01.
const EXPECTED = [
  { name: 'fabrikam-hq-up-ef', kind: 'poisson', from: 'fabrikam-hq', to: 'vnet', rate: '32000bps', size: '200B' }, // (180000 + 60000) B, 1200 packets
  { name: 'fabrikam-hq-up-af41', kind: 'poisson', from: 'fabrikam-hq', to: 'vnet', rate: '600000bps', size: '1200B' }, // 4500000 B, 3750 packets
  { name: 'fabrikam-hq-down-ef', kind: 'poisson', from: 'vnet', to: 'fabrikam-hq', rate: '12000bps', size: '200B' }, // 90000 B twice: the earlier
  { name: 'fabrikam-hq-down-cs0', kind: 'poisson', from: 'vnet', to: 'fabrikam-hq', rate: '4000000bps', size: '1500B' }, // 30000000 B, 20000 packets
  { name: 'fabrikam-branch-up-af21', kind: 'poisson', from: 'fabrikam-branch', to: 'vnet', rate: '100000bps', size: '750B' }, // 750000 B, 1000 packets
];

flows('the flows have the hand-computed classes, rates and sizes, each with its comment', async () => {
  const r = await importScenario('fabrikam.yaml', RECORDS);
  assert.is(r.code, 0, r.err);
  assert.equal((parse(r.text) as { traffic: unknown }).traffic, EXPECTED);
  const comments = r.text.split('\n').filter((l) => /^\s*# from flow records: DSCP/.test(l));
  assert.is(comments.length, EXPECTED.length);
  assert.match(r.text, /# from flow records: DSCP 46 \(EF\), 4 records in 3 intervals; busiest the 60 s interval of 2026-12-01T09:01:00\.000Z: 240000 B in 1200 packets\n\s+- name: fabrikam-hq-up-ef/);
  assert.match(r.text, /records skipped: 1 between two sites, 1 in no site's prefixes/);
});

flows('the imported scenario validates and runs at the imported rates', async () => {
  const v = await ersimInProcess(['validate', 'fabrikam.yaml'], tmp);
  assert.is(v.code, 0, v.err);
  const run = await ersimInProcess(['run', 'fabrikam.yaml', '--out', 'run'], tmp);
  assert.is(run.code, 0, run.err);
  const [header, ...rows] = fs.readFileSync(path.join(tmp, 'run', 'fabrikam-er', 'summary.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  const col = (name: string) => header!.indexOf(name);
  for (const want of EXPECTED) {
    const row = rows.find((x) => x[col('flow')] === want.name);
    assert.ok(row, want.name);
    const bps = (Number(row[col('sent_bytes')]) * 8) / 10;
    const rate = Number(want.rate.replace('bps', ''));
    // Poisson counts over 10 s: the largest flow sends ~3,333 packets (1.7 % standard deviation).
    if (rate >= 600000) assert.ok(Math.abs(bps / rate - 1) < 0.05, `${want.name}: sent ${bps} bps, imported ${rate}`);
    assert.is(Number(row[col('lost_packets')]), 0);
  }
});

flows('--flow-sampling scales the bytes of sampled records', async () => {
  const r = await importScenario('sampled.yaml', RECORDS, '--flow-sampling', '4096');
  assert.is(r.code, 0, r.err);
  const traffic = (parse(r.text) as { traffic: { rate: string; size: string }[] }).traffic;
  assert.equal(traffic.map((t) => t.rate), EXPECTED.map((t) => `${Number(t.rate.replace('bps', '')) * 4096}bps`));
  assert.equal(traffic.map((t) => t.size), EXPECTED.map((t) => t.size));
});

function records(name: string, edit: (lines: string[]) => string[]): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, edit(fs.readFileSync(RECORDS, 'utf8').split('\n')).join('\n'));
  return file;
}

flows('a missing column, a bad number or time, a bad site prefix and records alone exit 2 naming file, line and column; nothing is written', async () => {
  const noPackets = records('no-packets.csv', (lines) => lines.map((l) => l.split(',').slice(0, -1).join(',')));
  let r = await importScenario('bad.yaml', noPackets);
  assert.is(r.code, 2);
  assert.match(r.err, `${noPackets}: header: expected the columns FlowRecordTime, SourceIp, DestinationIp, DestinationPort, IpProtocolIdentifier, IpClassOfService, NumberOfBytes, NumberOfPackets of ATCExpressRouteCircuitIpfix, found no NumberOfPackets`);
  const badBytes = records('bad-bytes.csv', (lines) => lines.map((l, i) => (i === 2 ? l.replace(',90000,450', ',lots,450') : l)));
  r = await importScenario('bad.yaml', badBytes);
  assert.is(r.code, 2);
  assert.match(r.err, `${badBytes}: line 3.NumberOfBytes: expected an integer from 0 to 9007199254740991, found "lots"`);
  const badTime = records('bad-time.csv', (lines) => lines.map((l, i) => (i === 4 ? l.replace(',2026-12-01T09:00:00Z,', ',12/1/2026 9:00 AM,') : l)));
  r = await importScenario('bad.yaml', badTime);
  assert.is(r.code, 2);
  assert.match(r.err, `${badTime}: line 5.FlowRecordTime: expected an ISO 8601 time with its zone`);
  assert.not.ok(fs.existsSync(path.join(tmp, 'bad.yaml')));
  const alone = await ersimInProcess(['import', RECORDS, '--model', 'cloud-exchange', '--out', 'bad.yaml'], tmp);
  assert.is(alone.code, 2);
  assert.match(alone.err, 'expected an ARM or Terraform export beside the flow records');
  const badPrefix = path.join(tmp, 'bad-prefix.json');
  fs.writeFileSync(badPrefix, fs.readFileSync(TEMPLATE, 'utf8').replace('"203.0.113.0/24"', '"203.0.113.0/33"'));
  const prefix = await ersimInProcess(['import', badPrefix, RECORDS, '--model', 'cloud-exchange', '--out', 'bad.yaml'], tmp);
  assert.is(prefix.code, 2);
  assert.match(prefix.err, `${badPrefix}: resources[3]: expected address prefixes such as 192.0.2.0/24 or 2001:db8::/32, to place the flow records in sites, found "203.0.113.0/33"`);
  const sampling = await ersimInProcess(['import', TEMPLATE, RECORDS, '--model', 'cloud-exchange', '--flow-sampling', '0.5'], tmp);
  assert.is(sampling.code, 2);
  assert.match(sampling.err, '--flow-sampling: expected an integer, 1 or more');
  assert.not.ok(fs.existsSync(path.join(tmp, 'bad.yaml')));
});

flows.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
flows.run();
