/**
 * Gates that cannot be fooled (issue 19, items 7-9): compare counts a value it cannot read as a
 * difference, merge refuses a shard whose runs.csv is not what the shard wrote, and no CSV
 * ersim writes holds a cell a spreadsheet would run as a formula.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { defuseFormula, restoreFormula } from '../sim/metrics/csv-file';
import { runScenario } from '../sim/run/run-scenario';
import { parseScenarioText } from '../sim/scenario/load-scenario';
import { parseCsv } from '../sim/study/result-folder-reader';
import { ersimInProcess } from './helpers/cli';

const gates = suite('gates: compare, merge and CSV cells');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-gates-'));
const ersim = (args: string[]) => ersimInProcess(args, tmp);

const SCENARIO = `name: gate
model: point-to-point
duration: 200ms
sites: [{ name: hq, distance: 20km }]
traffic:
  - { name: data, kind: poisson, from: hq, to: vnet, rate: 20Mbps, size: 1000B }
`;
fs.writeFileSync(path.join(tmp, 'gate.yaml'), SCENARIO);

gates.before(async () => {
  await runScenario(parseScenarioText(SCENARIO, 'gate.yaml'), { outDir: path.join(tmp, 'a') });
});

function withCell(name: string, metric: string, value: string): string {
  const dir = path.join(tmp, name);
  fs.cpSync(path.join(tmp, 'a'), dir, { recursive: true });
  const file = path.join(dir, 'summary.csv');
  const rows = parseCsv(fs.readFileSync(file, 'utf8'), file);
  rows[1]![rows[0]!.indexOf(metric)] = value;
  fs.writeFileSync(file, rows.map((r) => r.join(',') + '\n').join(''));
  return dir;
}

gates('item 7: compare counts NaN, Infinity or text in a default metric as a difference (exit 1), not a dropped metric', async () => {
  for (const [i, bad] of ['NaN', 'Infinity', '-Infinity', 'fast'].entries()) {
    const b = withCell(`bad-${i}`, 'throughput_bps', bad);
    const r = await ersim(['compare', 'a', b]);
    assert.is(r.code, 1, `${bad}: ${r.out}`);
    assert.match(r.out, /throughput_bps .* not a number/);
    assert.match(r.out, /different: 1 of \d+ values moved .*1 not a number/);
  }
  // Both sides unreadable: still a difference, for NaN equals nothing.
  const nan = withCell('nan-a', 'latency_p99_ms', 'NaN');
  assert.is((await ersim(['compare', nan, nan])).code, 1);
  assert.is((await ersim(['compare', 'a', 'a'])).code, 0);
});

gates('item 9: formula cells are defused, and restored exactly when read back', () => {
  for (const cell of ['=HYPERLINK("x")', '+cmd', '-SUM', '@x', '\tx', "'", "'=x", "''", 'plain', '-1.5', '12']) {
    assert.is(restoreFormula(defuseFormula(cell)), cell, JSON.stringify(cell));
    assert.not.match(defuseFormula(cell), /^[=+@\t\r]/);
  }
  assert.is(defuseFormula('-1.5'), '-1.5');
  assert.is(defuseFormula('-SUM'), "'-SUM");
});

gates('item 9: review --format csv guards the file name', async () => {
  const name = '=HYPERLINK(1).yaml';
  fs.writeFileSync(path.join(tmp, name), SCENARIO);
  const r = await ersim(['review', name, '--format', 'csv']);
  const lines = r.out.trim().split('\n').slice(1);
  assert.ok(lines.length > 0, r.out + r.err);
  for (const line of lines) assert.ok(line.startsWith(`'${name}`), line);
});

gates('item 9: sweep.csv and runs.csv guard the varied value; merge and compare read it back as written', async () => {
  const r = await ersim(['sweep', 'gate.yaml', '--vary', 'description==1+1,+cmd', '--seeds', '1', '--out', 'sw']);
  assert.is(r.code, 0, r.err);
  for (const f of ['sweep.csv', 'runs.csv']) {
    const cells = parseCsv(fs.readFileSync(path.join(tmp, 'sw', 'gate-sweep', f), 'utf8'), f).flat();
    if (f === 'sweep.csv') assert.ok(cells.includes("'=1+1") && cells.includes("'+cmd"), f);
    assert.not.ok(cells.some((c) => /^[=+@]/.test(c)), f);
  }
  assert.is((await ersim(['compare', 'sw/gate-sweep', 'sw/gate-sweep'])).code, 0);
});

gates('item 8: merge refuses a truncated or edited runs.csv, naming the shard and what it expected', async () => {
  const sweep = ['sweep', 'gate.yaml', '--vary', 'circuit.bandwidth=1Gbps,500Mbps', '--seeds', '1-3', '--out', 'sh'];
  for (const i of [1, 2]) assert.is((await ersim([...sweep, '--shard', `${i}/2`])).code, 0);
  const dirs = [1, 2].map((i) => path.join('sh', 'gate-sweep', `shard-${i}-of-2`));
  assert.is((await ersim(['merge', ...dirs, '--out', 'whole'])).code, 0);

  const runs = path.join(tmp, dirs[1]!, 'runs.csv');
  const text = fs.readFileSync(runs, 'utf8');
  fs.writeFileSync(runs, text.split('\n').slice(0, 3).join('\n') + '\n');
  const cut = await ersim(['merge', ...dirs, '--out', 'cut']);
  assert.is(cut.code, 2);
  assert.match(cut.err, /shard-2-of-2\/runs\.csv: expected \d+ rows with sha256:[0-9a-f]{64}, as its sweep\.json records, found 2 rows/);
  assert.not.ok(fs.existsSync(path.join(tmp, 'cut', 'gate-sweep', 'sweep.csv')));

  // Same row count, one value edited: the hash tells.
  const lines = text.split('\n');
  lines[1] = lines[1]!.replace(/,[^,]*$/, ',1');
  fs.writeFileSync(runs, lines.join('\n'));
  const edited = await ersim(['merge', ...dirs, '--out', 'cut']);
  assert.is(edited.code, 2);
  assert.match(edited.err, /truncated or edited/);
});

// A name can no longer start with "-" (hostile-input.test.ts), so no run's name needs the CSV guard;
// that the readers give back a guarded cell as written is item 9's round trip.
gates('report A B warns when the runs share neither a scenario nor a flow', async () => {
  const other = SCENARIO.replace('name: gate', 'name: other').replace('name: data', 'name: bulk');
  await runScenario(parseScenarioText(other, 'other.yaml'), { outDir: path.join(tmp, 'other') });
  const r = await ersim(['report', 'a', 'other', '--out', 'ab.html']);
  assert.is(r.code, 0, r.err);
  assert.match(r.err, /warning: A \(a\) is a run of scenario "gate" and B \(other\) of "other", with no flow in common/);
  const same = await ersim(['report', 'a', 'a', '--out', 'aa.html']);
  assert.not.match(same.err, /warning/);
});

gates.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

gates.run();
