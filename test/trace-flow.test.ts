/**
 * `kind: trace` flows: packets at the times and of the sizes a CSV or a pcap/pcapng capture
 * gives, shifted by the flow's start and offset and repeated by its loop; the loader's errors
 * for a missing or malformed file; and the committed fixtures are what the script writes.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { estimateCost } from '../sim/run/cost-estimate';
import { readCapture } from '../sim/scenario/capture-file';
import { parseScenarioText } from '../sim/scenario/load-scenario';
import { readTraceCsv } from '../sim/scenario/trace-file';
import { tracedWithin } from '../sim/scenario/trace-schedule';
import { repositoryRoot } from '../sim/scenario/write-json-schema';
import { FIXTURE_PACKETS, FIXTURES, pcapFixture } from './helpers/capture-fixtures';
import { ersimInProcess } from './helpers/cli';
import { MemoryLog } from './helpers/simulate';
import { oneLink } from './helpers/one-link';
import { ScenarioSimulation } from '../sim/run/scenario-simulation';
import { issueAt, issuesOf } from './helpers/scenario-docs';

const FIXTURE_DIR = path.join(repositoryRoot(), 'test', 'fixtures');
/** Scenario files in the fixture folder name their traces by file name, as a user would. */
const SCENARIO_FILE = path.join(FIXTURE_DIR, 'lab.yaml');

/** One trace flow from a to the vnet with `fields`, over one link. */
function lab(fields: string, duration = '1s'): string {
  return oneLink({ name: 'trace-lab', duration, traffic: `  - { name: replay, kind: trace, from: a, to: vnet, ${fields} }` });
}

/** Every packet the flow delivered: send time (ns) and IP size, in send order. */
function delivered(yaml: string): { sent: [number, number][]; run: ScenarioSimulation } {
  const run = new ScenarioSimulation(parseScenarioText(yaml, SCENARIO_FILE), 1, new MemoryLog());
  const sent: [number, number][] = [];
  run.bus.subscribe({ deliver: (p) => sent.push([p.sentAtNs, p.sizeBytes]) });
  run.start();
  run.runToEnd();
  return { sent, run };
}

const MS = 1e6;
/** trace.csv: its times (ms) and sizes. */
const CSV_TIMES_MS = [0, 10, 20.0005, 35, 50];
const CSV_SIZES = [200, 1200, 60, 1500, 400];

const files = suite('trace flows: fixtures');

files('the committed fixtures are the bytes scripts/make-trace-fixtures.ts writes', () => {
  for (const [name, make] of Object.entries(FIXTURES)) assert.ok(fs.readFileSync(path.join(FIXTURE_DIR, name)).equals(make()), `${name} is stale: run node dist/scripts/make-trace-fixtures.js`);
});

files('the capture reader gives each IP packet its time, its size from the IP header and its 5-tuple; the ARP frame is left out', () => {
  const ip = FIXTURE_PACKETS.filter((p) => p.ipBytes > 0);
  const pcapng = readCapture(FIXTURES['trace.pcapng']!());
  assert.equal(
    pcapng.map((p) => [p.timeNs, p.sizeBytes, p.protocol, p.src, p.dst, p.srcPort, p.dstPort]),
    ip.map((p) => [p.timeNs, p.ipBytes, p.protocol, p.src, p.dst.replace('2001:db8:0:0:1::9', '2001:db8::1:0:0:9'), p.srcPort, p.dstPort]),
  );
  // pcap keeps microseconds: the fixture's sub-microsecond parts are cut.
  assert.equal(
    readCapture(pcapFixture()).map((p) => p.timeNs),
    ip.map((p) => Math.floor(p.timeNs / 1000) * 1000),
  );
  const wholeNs = readCapture(pcapFixture({ bigEndian: true, nano: true, rawIp: true }));
  assert.equal(
    wholeNs.map((p) => [p.timeNs, p.sizeBytes, p.srcPort]),
    ip.map((p) => [p.timeNs, p.ipBytes, p.srcPort]),
    'a big-endian pcap of raw IP packets with nanoseconds',
  );
});

files('a CSV as Wireshark exports it: quoted fields, other columns, commas inside Info; the columns found by name', () => {
  const exported = [
    '"No.","time_s","Source","Info","size_bytes"',
    '"1","0.000000","10.0.0.1","5004 > 5004 Len=172, odd ""quote""","200"',
    '"2","0.010000123","10.0.0.1","Len=1172","1200"',
    '',
  ].join('\r\n');
  assert.equal(readTraceCsv(exported), [
    { timeNs: 0, sizeBytes: 200 },
    { timeNs: 10_000_123, sizeBytes: 1200 },
  ]);
});

const replay = suite('trace flows: what is sent');

replay('a CSV trace: every packet at start + its time, of its size', () => {
  const { sent } = delivered(lab('file: trace.csv, start: 100ms'));
  assert.equal(
    sent,
    CSV_TIMES_MS.map((t, i) => [Math.round((100 + t) * MS), CSV_SIZES[i]!]),
  );
});

replay('offset and loop: the trace from 15 ms on, then again every 60 ms until stop', () => {
  const { sent, run } = delivered(lab('file: trace.csv, offset: 15ms, loop: 60ms', '200ms'));
  // Pass 0 from the offset: 20.0005, 35 and 50 ms of the trace at 5.0005, 20 and 35 ms; pass j adds
  // j x 60 ms; the last pass is cut at the 200 ms the run lasts (the packet at 200 ms is not sent).
  const expected: [number, number][] = [];
  for (let pass = 0; pass < 4; pass++) {
    CSV_TIMES_MS.forEach((t, i) => {
      const at = t - 15 + pass * 60;
      if ((pass > 0 || t >= 15) && at < 200) expected.push([Math.round(at * MS), CSV_SIZES[i]!]);
    });
  }
  assert.equal(sent, expected);
  assert.is(expected.length, 16);
  const trace = run.flows[0]!.config.trace!;
  assert.equal(tracedWithin(trace, 200 * MS), { packets: 16, bytes: expected.reduce((sum, [, size]) => sum + size, 0) }, 'the count the loader and the cost estimate use');
  assert.is(run.flows[0]!.config.rateBps, (expected.reduce((sum, [, size]) => sum + size, 0) * 8) / 0.2, 'the mean rate from start to stop');
  assert.is(estimateCost(run).events, 16 * 3 + 10, 'the cost estimate: 16 packets of 1 + 2 x 1 hop events, and one timeseries row of 10');
});

replay('an offset past a pass wraps with loop: 75 ms is 15 ms into the second pass', () => {
  const once = delivered(lab('file: trace.csv, offset: 15ms, loop: 60ms', '200ms')).sent;
  assert.equal(delivered(lab('file: trace.csv, offset: 75ms, loop: 60ms', '200ms')).sent, once);
});

replay('a pcap trace: the packets of one 5-tuple, or every IP packet', () => {
  const udp = FIXTURE_PACKETS.filter((p) => p.protocol === 17 && p.version === 4);
  const { sent } = delivered(lab('file: trace.pcap, filter: { protocol: udp, src: 10.0.0.1, srcPort: 5004, dst: 10.1.0.9, dstPort: 5004 }'));
  assert.equal(
    sent,
    udp.map((p) => [Math.floor(p.timeNs / 1000) * 1000, p.ipBytes]),
  );
  const all = delivered(lab('file: trace.pcap')).sent;
  assert.equal(
    all.map(([, size]) => size),
    FIXTURE_PACKETS.filter((p) => p.ipBytes > 0).map((p) => p.ipBytes),
  );
});

replay('a pcapng trace keeps its nanoseconds, and an IPv6 filter matches however the address is written', () => {
  const tcp = FIXTURE_PACKETS.filter((p) => p.protocol === 6);
  assert.equal(
    delivered(lab('file: trace.pcapng, filter: { protocol: 6, srcPort: 443 }')).sent,
    tcp.map((p) => [p.timeNs, p.ipBytes]),
  );
  assert.equal(delivered(lab("file: trace.pcapng, filter: { dst: '2001:0db8::0001:0:0:9' }")).sent, [[27e6, 1280]]);
});

const errors = suite('trace flows: loader errors name the file, the field, what was expected and what was found');

/** The issues of the lab with `fields`, loaded as a file in `dir`. */
function issues(fields: string, file = SCENARIO_FILE) {
  return issuesOf(() => parseScenarioText(lab(fields), file));
}

errors('a missing file, a device, a folder, a CSV line that is not a packet, a capture cut short', () => {
  const missing = issueAt('traffic[0].file', () => parseScenarioText(lab('file: nowhere.csv'), SCENARIO_FILE));
  assert.is(missing.file, SCENARIO_FILE);
  assert.match(missing.found, `"nowhere.csv": no such file (${path.join(FIXTURE_DIR, 'nowhere.csv')})`);
  assert.match(issueAt('traffic[0].file', () => parseScenarioText(lab('file: /dev/zero'), SCENARIO_FILE)).found, 'not a regular file');
  assert.match(issueAt('traffic[0].file', () => parseScenarioText(lab('file: .'), SCENARIO_FILE)).found, 'not a regular file');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-trace-'));
  try {
    fs.writeFileSync(path.join(dir, 'bad.csv'), 'time_s,size_bytes\n0,100\n0.5,huge\n');
    const [line] = issues('file: bad.csv', path.join(dir, 'lab.yaml'));
    assert.equal([line!.path, line!.found], ['traffic[0].file', '"huge" on line 3']);
    assert.match(line!.expected, 'size_bytes as a whole IP packet size from 20 to 65535 (in bad.csv)');
    fs.writeFileSync(path.join(dir, 'back.csv'), 'time_s,size_bytes\n1,100\n0.5,100\n');
    assert.match(issues('file: back.csv', path.join(dir, 'lab.yaml'))[0]!.found, '0.5 after 1 on line 3');
    fs.writeFileSync(path.join(dir, 'headless.csv'), '0,100\n');
    assert.match(issues('file: headless.csv', path.join(dir, 'lab.yaml'))[0]!.expected, 'names the columns time_s and size_bytes');
    fs.writeFileSync(path.join(dir, 'cut.pcap'), pcapFixture().subarray(0, 100));
    assert.match(issues('file: cut.pcap', path.join(dir, 'lab.yaml'))[0]!.found, 'bytes before its end');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

errors('a filter on a CSV, a filter nothing matches (the 5-tuples there are listed), a bad address', () => {
  issueAt('traffic[0].filter', () => parseScenarioText(lab('file: trace.csv, filter: { protocol: udp }'), SCENARIO_FILE));
  const none = issueAt('traffic[0].filter', () => parseScenarioText(lab('file: trace.pcap, filter: { dstPort: 9 }'), SCENARIO_FILE));
  assert.match(none.found, 'none of its 9 IP packets (their 5-tuples include protocol 17 10.0.0.1:5004 > 10.1.0.9:5004;');
  issueAt('traffic[0].filter.src', () => parseScenarioText(lab('file: trace.pcap, filter: { src: 10.0.0.300 }'), SCENARIO_FILE));
});

errors('a loop shorter than the trace, an offset past its end, no file, and fields that belong to other kinds', () => {
  issueAt('traffic[0].loop', () => parseScenarioText(lab('file: trace.csv, loop: 40ms'), SCENARIO_FILE));
  issueAt('traffic[0].offset', () => parseScenarioText(lab('file: trace.csv, offset: 51ms'), SCENARIO_FILE));
  issueAt('traffic[0].file', () => parseScenarioText(lab('start: 0s'), SCENARIO_FILE));
  issueAt('traffic[0].rate', () => parseScenarioText(lab('file: trace.csv, rate: 1Mbps'), SCENARIO_FILE));
  const cbr = lab('file: trace.csv').replace('kind: trace', 'kind: cbr, rate: 1Mbps');
  issueAt('traffic[0].file', () => parseScenarioText(cbr, SCENARIO_FILE));
});

errors('ersim validate exits 2 on a missing trace file, naming the scenario file and the field', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-trace-'));
  try {
    fs.writeFileSync(path.join(dir, 'lab.yaml'), lab('file: gone.pcap'));
    const r = await ersimInProcess(['validate', 'lab.yaml'], dir);
    assert.is(r.code, 2);
    assert.match(r.err + r.out, 'lab.yaml');
    assert.match(r.err + r.out, 'traffic[0].file');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

replay('ersim run records the trace by its packet count and hash, and ersim replay finds the file again', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-trace-'));
  try {
    fs.mkdirSync(path.join(dir, 'traces'));
    fs.copyFileSync(path.join(FIXTURE_DIR, 'trace.pcapng'), path.join(dir, 'traces', 'trace.pcapng'));
    fs.writeFileSync(path.join(dir, 'lab.yaml'), lab('file: traces/trace.pcapng, loop: 60ms', '300ms'));
    const run = await ersimInProcess(['run', 'lab.yaml', '--out', 'out'], dir);
    assert.is(run.code, 0, run.err);
    const record = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'trace-lab', 'run.json'), 'utf8')) as { resolved: { traffic: { trace: { packets: unknown } }[] } };
    const sha256 = createHash('sha256').update(fs.readFileSync(path.join(dir, 'traces', 'trace.pcapng'))).digest('hex');
    assert.equal(record.resolved.traffic[0]!.trace.packets, { packets: 9, sha256 });
    const again = await ersimInProcess(['replay', path.join('out', 'trace-lab')], dir);
    assert.is(again.code, 0, again.out + again.err);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

files.run();
replay.run();
errors.run();
