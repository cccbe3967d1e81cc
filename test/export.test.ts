/**
 * ersim export (issue 18, item 4): the OpenMetrics file passes a strict parser of the
 * OpenMetrics 1.0 text format written here (metadata before samples, families not interleaved,
 * units as name suffixes, escaped labels, timestamps ascending within a series, `# EOF` last),
 * its values are the ones the result files give, and each Parquet file reads back (with
 * hyparquet, another implementation than the writer) equal to its CSV.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readCsvTable } from '../sim/study/result-folder-reader';
import { ersimInProcess } from './helpers/cli';

const exp = suite('ersim export');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-export-'));
const RUN = path.join(tmp, 'res', 'export-probe');
const START = '2026-12-01T09:00:00Z';
const START_S = Date.parse(START) / 1000;

fs.writeFileSync(
  path.join(tmp, 'probe.yaml'),
  `name: export-probe
model: point-to-point
duration: 6s
interval: 500ms
sites: [{ name: hq, distance: 20km }]
vpn: { sku: VpnGw1 }
traffic:
  - { name: up, kind: cbr, from: hq, to: vnet, rate: 800kbps, size: 1000B }
  - { name: down, kind: cbr, from: vnet, to: hq, rate: 400kbps, size: 500B }
  - { name: bulk, kind: tcp, from: hq, to: vnet, size: 2MB }
failures: [{ target: circuit, at: 2s, for: 2s }]
`,
);

interface Sample {
  labels: Record<string, string>;
  value: number;
  timestamp: number;
}
interface Family {
  type: string;
  unit: string | undefined;
  help: string | undefined;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$|^[+-]?(Inf|NaN)$/;

/** A strict OpenMetrics 1.0 text parser for gauges: throws at the first line that breaks the format. */
function parseOpenMetrics(text: string): Map<string, Family> {
  assert.ok(text.endsWith('# EOF\n'), 'the text must end with "# EOF" and a line feed');
  const lines = text.slice(0, -'# EOF\n'.length).split('\n').slice(0, -1);
  const families = new Map<string, Family>();
  let current: string | undefined;
  const lastTimestamp = new Map<string, number>();
  lines.forEach((line, n) => {
    const where = `line ${n + 1}: ${line}`;
    if (line.startsWith('#')) {
      const m = /^# (TYPE|UNIT|HELP) (\S+) (.*)$/.exec(line);
      assert.ok(m, `${where}: a comment must be # TYPE, # UNIT or # HELP`);
      const [, kind, name, rest] = m as unknown as [string, string, string, string];
      assert.ok(NAME.test(name), `${where}: bad family name`);
      if (name !== current) {
        assert.not.ok(families.has(name), `${where}: family ${name} is interleaved with another`);
        families.set(name, { type: 'unknown', unit: undefined, help: undefined, samples: [] });
        current = name;
      }
      const f = families.get(name)!;
      assert.is(f.samples.length, 0, `${where}: metadata after samples`);
      if (kind === 'TYPE') {
        assert.ok(['gauge', 'counter', 'stateset', 'info', 'histogram', 'gaugehistogram', 'summary', 'unknown'].includes(rest), `${where}: bad type`);
        f.type = rest;
      } else if (kind === 'UNIT') {
        assert.ok(name.endsWith(`_${rest}`), `${where}: a family with a unit must end with _<unit>`);
        f.unit = rest;
      } else {
        assert.not.match(rest, /\\[^\\n"]/, `${where}: bad escape in HELP`);
        f.help = rest;
      }
      return;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)(?: (\S+))?$/.exec(line);
    assert.ok(m, `${where}: not a sample line`);
    const [, name, , labelText, value, timestamp] = m as unknown as [string, string, string, string | undefined, string, string | undefined];
    assert.is(name, current, `${where}: a gauge sample must be named as its family, right after it`);
    assert.ok(NUMBER.test(value), `${where}: bad value`);
    assert.ok(timestamp !== undefined && NUMBER.test(timestamp), `${where}: every sample needs a timestamp for a backfill`);
    const labels: Record<string, string> = {};
    let rest = labelText ?? '';
    while (rest !== '') {
      const l = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/.exec(rest);
      assert.ok(l, `${where}: bad label at ${rest}`);
      assert.not.ok(l[1]! in labels, `${where}: label ${l[1]} twice`);
      labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      rest = rest.slice(l[0].length);
    }
    const series = `${name}${JSON.stringify(labels)}`;
    const t = Number(timestamp);
    assert.ok(t > (lastTimestamp.get(series) ?? -Infinity), `${where}: timestamps of a series must ascend`);
    lastTimestamp.set(series, t);
    families.get(name)!.samples.push({ labels, value: Number(value), timestamp: t });
  });
  return families;
}

exp('the run to export', async () => {
  const r = await ersimInProcess(['run', 'probe.yaml', '--out', 'res'], tmp);
  assert.is(r.code, 0, r.err);
});

exp('openmetrics: passes the strict parser, with every family named as Azure Monitor names it', async () => {
  const r = await ersimInProcess(['export', RUN, '--format', 'openmetrics', '--start', START], tmp);
  assert.is(r.code, 0, r.err);
  const families = parseOpenMetrics(fs.readFileSync(path.join(RUN, 'openmetrics.txt'), 'utf8'));
  assert.equal(
    [...families.keys()],
    [
      'BitsInPerSecond_bits_per_second',
      'BitsOutPerSecond_bits_per_second',
      'ExpressRouteGatewayBitsPerSecond_bits_per_second',
      'ExpressRouteGatewayPacketsPerSecond_packets_per_second',
      'AverageBandwidth_bytes_per_second',
      'BgpPeerStatus',
      'BgpAvailability_percent',
    ],
  );
  for (const [name, f] of families) {
    assert.is(f.type, 'gauge', name);
    assert.ok(f.help !== undefined && f.help.length > 0, name);
    // 12 intervals of 500 ms from --start.
    const times = [...new Set(f.samples.map((s) => s.timestamp))];
    assert.equal(times, Array.from({ length: 12 }, (_, i) => START_S + i * 0.5), name);
  }
});

exp('openmetrics: the values are those of timeseries.csv and events.csv', () => {
  const families = parseOpenMetrics(fs.readFileSync(path.join(RUN, 'openmetrics.txt'), 'utf8'));
  const ts = readCsvTable(path.join(RUN, 'timeseries.csv'));
  const col = (n: string) => ts.headers.indexOf(n);
  const at = (family: string, labels: Record<string, string>, i: number) =>
    families.get(family)!.samples.filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))[i]!.value;
  for (let i = 0; i < 12; i++) {
    const rows = ts.rows.filter((r) => Math.abs(Number(r[col('time_s')]) - i * 0.5) < 1e-9);
    const sum = (flows: string[], route: string) => rows.filter((r) => flows.includes(r[col('flow')]!) && r[col('path')] === route).reduce((s, r) => s + Number(r[col('throughput_bps')]), 0);
    for (const [role, route] of [['Primary', 'er-primary'], ['Secondary', 'er-secondary']] as const) {
      assert.is(at('BitsInPerSecond_bits_per_second', { device_role: role }, i), sum(['up', 'bulk'], route), `in ${role} at ${i}`);
      assert.is(at('BitsOutPerSecond_bits_per_second', { device_role: role }, i), sum(['down'], route), `out ${role} at ${i}`);
    }
    assert.ok(Math.abs(at('AverageBandwidth_bytes_per_second', {}, i) - sum(['up', 'down', 'bulk'], 'vpn') / 8) < 1e-3, `vpn at ${i}`);
  }
  // The circuit fails at 2 s: BFD notices within 0.9 s, the sessions come back 5 s after the repair at 4 s, after the run.
  for (const peer of ['er-primary:hq', 'er-secondary:hq']) {
    const status = families.get('BgpPeerStatus')!.samples.filter((s) => s.labels.peer === peer).map((s) => s.value);
    assert.equal(status.slice(0, 5), [1, 1, 1, 1, 1], peer);
    assert.equal(status.slice(6), [0, 0, 0, 0, 0, 0], peer);
    const availability = families.get('BgpAvailability_percent')!.samples.filter((s) => s.labels.peer === peer).map((s) => s.value);
    assert.equal(availability.slice(0, 4), [100, 100, 100, 100], peer);
    assert.ok(availability.slice(4, 6).some((v) => v > 0 && v < 100), `${peer}: the interval of the detection is partly up`);
    assert.equal(availability.slice(6), [0, 0, 0, 0, 0, 0], peer);
  }
  assert.equal(families.get('BgpPeerStatus')!.samples.filter((s) => s.labels.peer === 'vpn:hq').map((s) => s.value), Array(12).fill(1));
  assert.ok(at('AverageBandwidth_bytes_per_second', {}, 7) > 0, 'traffic on the VPN after the failover');
});

exp('parquet: every result file reads back equal to its CSV', async () => {
  const r = await ersimInProcess(['export', RUN, '--format', 'parquet'], tmp);
  assert.is(r.code, 0, r.err);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- hyparquet is ESM only and tsc turns import() into require()
  const importEsm = new Function('s', 'return import(s)') as (s: string) => Promise<{ parquetReadObjects: (o: { file: ArrayBuffer }) => Promise<Record<string, unknown>[]> }>;
  const { parquetReadObjects } = await importEsm(pathToFileURL(require.resolve('hyparquet')).href);
  const csvs = fs.readdirSync(RUN).filter((f) => f.endsWith('.csv'));
  assert.equal(csvs.sort(), ['events.csv', 'links.csv', 'summary.csv', 'timeseries.csv']);
  for (const csv of csvs) {
    const table = readCsvTable(path.join(RUN, csv));
    const bytes = fs.readFileSync(path.join(RUN, csv.replace(/\.csv$/, '.parquet')));
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
    assert.is(rows.length, table.rows.length, csv);
    rows.forEach((row, i) => {
      assert.equal(Object.keys(row), table.headers, csv);
      table.headers.forEach((h, j) => {
        const cell = table.rows[i]![j]!;
        const value = row[h];
        const expected = cell === '' && typeof value !== 'string' ? null : typeof value === 'number' ? Number(cell) : cell;
        assert.is(value, expected, `${csv} row ${i + 1} ${h}: ${JSON.stringify(cell)}`);
        if (/^-?\d+(\.\d+)?$/.test(cell) && table.rows.every((r) => r[j] === '' || /^-?\d+(\.\d+)?$/.test(r[j]!))) assert.is(typeof value, 'number', `${csv} ${h} is a numeric column`);
      });
    });
  }
  // Numbers stay numbers, text stays text.
  const summary = await parquetReadObjects({ file: new Uint8Array(fs.readFileSync(path.join(RUN, 'summary.parquet'))).buffer });
  assert.is(typeof summary[0]!.latency_p99_ms, 'number');
  assert.is(summary[0]!.flow, 'up');
});

exp('bad usage and unusable folders: exit 2, nothing written; a file ersim did not write is not replaced', async () => {
  for (const args of [
    ['export', RUN],
    ['export', RUN, '--format', 'csv'],
    ['export', RUN, '--format', 'openmetrics', '--start', 'yesterday'],
    ['export', RUN, '--format', 'openmetrics', '--start', '2026-12-01T09:00:00'],
    ['export', RUN, '--format', 'parquet', '--out', 'x'],
  ]) {
    const r = await ersimInProcess(args, tmp);
    assert.is(r.code, 2, args.join(' '));
  }
  const notRun = await ersimInProcess(['export', tmp, '--format', 'openmetrics', '--start', START], tmp);
  assert.is(notRun.code, 2);
  assert.match(notRun.err, /run\.json/);
  fs.writeFileSync(path.join(tmp, 'mine.txt'), 'my notes\n');
  const refused = await ersimInProcess(['export', RUN, '--format', 'openmetrics', '--start', START, '--out', 'mine.txt'], tmp);
  assert.is(refused.code, 2);
  assert.is(fs.readFileSync(path.join(tmp, 'mine.txt'), 'utf8'), 'my notes\n');
  const again = await ersimInProcess(['export', RUN, '--format', 'openmetrics', '--start', START], tmp);
  assert.is(again.code, 0, again.err);
});

exp.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
exp.run();
