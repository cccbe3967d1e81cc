/**
 * Issue 19, data loss and output safety: ersim deletes or replaces only what it wrote. Each
 * test is a counter-example found on the earlier version, which it failed.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
// The module object itself (not a namespace copy), to make one of its calls fail for a test.
import realFs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileAtomic } from '../sim/metrics/atomic-file';
import { MARKER_FILE } from '../sim/metrics/output-target';
import { runScenario } from '../sim/run/run-scenario';
import { parseScenarioText } from '../sim/scenario/load-scenario';
import { readRunRecord } from '../sim/study/result-folder-reader';
import { ersimInProcess } from './helpers/cli';
import { runStarted } from './helpers/run-started';

const BIN = path.resolve('bin/ersim.js');
const STUDY = path.resolve('studies/london-hq.yaml');
const AVAILABILITY = path.resolve('scenarios/availability-two-legs.yaml');

const SHORT = `name: short
model: point-to-point
duration: 200ms
sites: [{ name: hq }]
traffic: [{ name: data, kind: poisson, from: hq, to: vnet, rate: 10Mbps, size: 1000B }]
`;

const LONG = SHORT.replace('duration: 200ms', 'duration: 600s').replace('name: short', 'name: long').replace('rate: 10Mbps', 'rate: 500Mbps');

/** A fresh temporary folder holding short.yaml and long.yaml. */
function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-outsafe-'));
  fs.writeFileSync(path.join(dir, 'short.yaml'), SHORT);
  fs.writeFileSync(path.join(dir, 'long.yaml'), LONG);
  return dir;
}

/** Names in `dir` that look like a temporary file or folder ersim made. */
const leftovers = (dir: string) => fs.readdirSync(dir).filter((f) => /\.(tmp|partial)|partial-/.test(f));

const deletes = suite('item 1: --out deletes only what ersim wrote');

deletes('run refuses a result folder ersim did not make (exit 2, left as it was); --force replaces it', async () => {
  const dir = scratch();
  fs.mkdirSync(path.join(dir, 'home', 'short'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'home', 'short', 'thesis.tex'), 'mine');
  const r = await ersimInProcess(['run', 'short.yaml', '--out', 'home'], dir);
  assert.is(r.code, 2, r.err);
  assert.match(r.err, /home\/short exists and ersim did not make it .*--force/);
  assert.equal(fs.readdirSync(path.join(dir, 'home', 'short')), ['thesis.tex']);
  assert.equal(leftovers(path.join(dir, 'home')), []);
  const forced = await ersimInProcess(['run', 'short.yaml', '--out', 'home', '--force'], dir);
  assert.is(forced.code, 0, forced.err);
  assert.ok(fs.existsSync(path.join(dir, 'home', 'short', MARKER_FILE)));
  // ersim's own folder is replaced without --force.
  assert.is((await ersimInProcess(['run', 'short.yaml', '--out', 'home'], dir)).code, 0);
  fs.rmSync(dir, { recursive: true, force: true });
});

deletes('run never replaces a plain file or a FIFO at OUT/<name>, even with --force', async () => {
  const dir = scratch();
  fs.mkdirSync(path.join(dir, 'out'));
  fs.writeFileSync(path.join(dir, 'out', 'short'), 'a file');
  for (const force of [[], ['--force']]) {
    const r = await ersimInProcess(['run', 'short.yaml', '--out', 'out', ...force], dir);
    assert.is(r.code, 2, r.err);
    assert.match(r.err, /out\/short exists and is not a folder \(a file\)/);
    assert.is(fs.readFileSync(path.join(dir, 'out', 'short'), 'utf8'), 'a file');
  }
  fs.rmSync(path.join(dir, 'out', 'short'));
  const fifo = spawnSync('mkfifo', [path.join(dir, 'out', 'short')]);
  if (fifo.status !== 0) {
    console.log('  (mkfifo unavailable: the FIFO case is skipped)');
  } else {
    const r = await ersimInProcess(['run', 'short.yaml', '--out', 'out', '--force'], dir);
    assert.is(r.code, 2, r.err);
    assert.match(r.err, /not a folder \(a FIFO\)/);
    assert.ok(fs.lstatSync(path.join(dir, 'out', 'short')).isFIFO());
  }
  assert.equal(leftovers(path.join(dir, 'out')), []);
  fs.rmSync(dir, { recursive: true, force: true });
});

deletes('--out "" is refused by every command that writes folders (it used to write into the current folder)', async () => {
  const dir = scratch();
  for (const args of [['run', 'short.yaml'], ['sweep', 'short.yaml', '--seeds', '1'], ['availability', AVAILABILITY], ['decide', STUDY], ['report', 'x']]) {
    const r = await ersimInProcess([...args, '--out', ''], dir);
    assert.is(r.code, 2, `${args[0]!}: ${r.err}`);
    assert.match(r.err, /--out: expected a (folder|file name), found an empty string/, args[0]);
  }
  assert.equal(fs.readdirSync(dir).sort(), ['long.yaml', 'short.yaml']);
  fs.rmSync(dir, { recursive: true, force: true });
});

deletes('decide --out "$PWD" leaves the folder\'s files alone: it writes <study>-decide below it, and refuses one ersim did not make before any run', async () => {
  const dir = scratch();
  fs.mkdirSync(path.join(dir, '.git'));
  fs.mkdirSync(path.join(dir, 'london-hq-decide'));
  fs.writeFileSync(path.join(dir, 'london-hq-decide', 'notes.txt'), 'mine');
  const r = await ersimInProcess(['decide', STUDY, '--seeds', '1', '--workers', '1', '--out', dir], dir);
  assert.is(r.code, 2, r.err);
  assert.match(r.err, /london-hq-decide exists and ersim did not make it/);
  assert.equal(fs.readdirSync(dir).sort(), ['.git', 'london-hq-decide', 'long.yaml', 'short.yaml']);
  assert.equal(fs.readdirSync(path.join(dir, 'london-hq-decide')), ['notes.txt']);
  fs.rmSync(dir, { recursive: true, force: true });
});

deletes('availability writes OUT/<name>-availability; the source files beside it stay', async () => {
  const dir = scratch();
  const r = await ersimInProcess(['availability', AVAILABILITY, '--years', '1', '--replications', '2', '--out', '.'], dir);
  assert.is(r.code, 0, r.err);
  assert.equal(fs.readdirSync(dir).sort(), ['availability-two-legs-availability', 'long.yaml', 'short.yaml']);
  assert.equal(fs.readdirSync(path.join(dir, 'availability-two-legs-availability')).sort(), [MARKER_FILE, 'availability.csv']);
  fs.rmSync(dir, { recursive: true, force: true });
});

deletes('item 15: --out naming an output folder itself (the old meaning for sweep, decide, availability) is exit 2 with the parent to write instead', async () => {
  const dir = scratch();
  fs.mkdirSync(path.join(dir, 'old'));
  fs.writeFileSync(path.join(dir, 'old', 'decide.json'), '{\n  "ersim": "0.1.0"\n}\n');
  fs.mkdirSync(path.join(dir, 'avail'));
  fs.writeFileSync(path.join(dir, 'avail', 'availability.csv'), 'site,design,replications,years,availability_pct,x\n');
  for (const [args, parentOf] of [[['decide', STUDY, '--out', 'old'], 'old'], [['availability', AVAILABILITY, '--out', 'avail'], 'avail'], [['sweep', 'short.yaml', '--seeds', '1', '--out', 'old'], 'old']] as const) {
    const r = await ersimInProcess([...args], dir);
    assert.is(r.code, 2, r.err);
    assert.match(r.err, new RegExp(`--out ${parentOf}: that folder is itself an ersim output .* Write --out \\.`));
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

const replaces = suite('item 2: a write replaces only a regular file and leaves no temporary file');

replaces('report --out onto a device or a FIFO is refused and the node stays what it was', async () => {
  const dir = scratch();
  assert.is((await ersimInProcess(['run', 'short.yaml', '--out', 'r'], dir)).code, 0);
  const nullBefore = fs.statSync('/dev/null');
  const r = await ersimInProcess(['report', path.join('r', 'short'), '--out', '/dev/null', '--force'], dir);
  assert.is(r.code, 2, r.err);
  assert.match(r.err, /\/dev\/null exists and is not a regular file \(a device\)/);
  assert.ok(fs.statSync('/dev/null').isCharacterDevice());
  assert.is(fs.statSync('/dev/null').rdev, nullBefore.rdev);
  if (spawnSync('mkfifo', [path.join(dir, 'pipe')]).status === 0) {
    const f = await ersimInProcess(['report', path.join('r', 'short'), '--out', 'pipe', '--force'], dir);
    assert.is(f.code, 2, f.err);
    assert.ok(fs.lstatSync(path.join(dir, 'pipe')).isFIFO());
  } else {
    console.log('  (mkfifo unavailable: the FIFO case is skipped)');
  }
  assert.equal(leftovers(dir), []);
  fs.rmSync(dir, { recursive: true, force: true });
});

replaces('report --out onto a folder (--out /) is refused and leaves no ..NNN.tmp; a file ersim did not write needs --force', async () => {
  const dir = scratch();
  assert.is((await ersimInProcess(['run', 'short.yaml', '--out', 'r'], dir)).code, 0);
  fs.mkdirSync(path.join(dir, 'folder'));
  const r = await ersimInProcess(['report', path.join('r', 'short'), '--out', 'folder'], dir);
  assert.is(r.code, 2, r.err);
  assert.match(r.err, /folder exists and is not a regular file \(a folder\)/);
  fs.writeFileSync(path.join(dir, 'page.html'), 'my page');
  assert.is((await ersimInProcess(['report', path.join('r', 'short'), '--out', 'page.html'], dir)).code, 2);
  assert.is(fs.readFileSync(path.join(dir, 'page.html'), 'utf8'), 'my page');
  assert.is((await ersimInProcess(['report', path.join('r', 'short'), '--out', 'page.html', '--force'], dir)).code, 0);
  // Its own page is replaced without --force.
  assert.is((await ersimInProcess(['report', path.join('r', 'short'), '--out', 'page.html'], dir)).code, 0);
  assert.equal(leftovers(dir), []);
  fs.rmSync(dir, { recursive: true, force: true });
});

replaces('a failed rename or a full disk leaves no temporary file, and the message names the file', async () => {
  const dir = scratch();
  const dest = path.join(dir, 'page.html');
  assert.is((await ersimInProcess(['run', 'short.yaml', '--out', 'r'], dir)).code, 0);
  const { renameSync, writeSync } = realFs;
  try {
    realFs.renameSync = () => {
      throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV', syscall: 'rename', path: 'x.tmp', dest });
    };
    assert.throws(() => writeFileAtomic(dest, 'page', { force: false, isOurs: () => true }), (e: NodeJS.ErrnoException) => e.code === 'EXDEV');
    realFs.renameSync = renameSync;
    realFs.writeSync = () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
    };
    const r = await ersimInProcess(['report', path.join('r', 'short'), '--out', 'page.html'], dir);
    assert.is(r.code, 2);
    assert.match(r.err, /cannot write page\.html: no space left on device \(ENOSPC\)/);
  } finally {
    realFs.renameSync = renameSync;
    realFs.writeSync = writeSync;
  }
  assert.equal(leftovers(dir), []);
  assert.equal(leftovers(path.join(dir, 'r', 'short')), []);
  assert.not.ok(fs.existsSync(dest));
  fs.rmSync(dir, { recursive: true, force: true });
});

const smaller = suite('smaller: signals, partial folders, folder modes');

for (const [signal, code] of [['SIGHUP', 129], ['SIGQUIT', 131]] as const) {
  smaller(`${signal} stops a run with partial output marked in run.json and the folder marked as ersim's; exit ${code}`, async () => {
    const dir = scratch();
    const child = spawn(process.execPath, [BIN, 'run', 'long.yaml', '--force'], { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await runStarted(path.join(dir, 'results'), 'long');
    child.kill(signal);
    const exit = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    assert.is(exit, code, stderr);
    const partial = /Partial output \(marked partial in its run\.json\): (\S+)/.exec(stderr)?.[1];
    assert.ok(partial !== undefined && fs.existsSync(partial), stderr);
    assert.is(readRunRecord(partial).partial, true);
    assert.ok(fs.existsSync(path.join(partial, MARKER_FILE)));
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

smaller('a complete run removes the partial folders earlier interrupted runs of the same name left, and only those', async () => {
  const dir = scratch();
  const out = path.join(dir, 'results');
  const s = parseScenarioText(LONG, 'long.yaml');
  const stopped = await runScenario(s, { outDir: path.join(out, 'long'), maxEvents: 1 });
  assert.ok(stopped.partialDir !== undefined && fs.existsSync(stopped.partialDir));
  fs.mkdirSync(path.join(out, '.long.partial-mine'));
  await runScenario(parseScenarioText(SHORT.replace('name: short', 'name: long'), 'long.yaml'), { outDir: path.join(out, 'long') });
  assert.equal(fs.readdirSync(out).sort(), ['.long.partial-mine', 'long']);
  fs.rmSync(dir, { recursive: true, force: true });
});

smaller('result folders get the mode the umask gives (they were 0700 whatever the umask)', async () => {
  const dir = scratch();
  const before = process.umask(0o022);
  try {
    await runScenario(parseScenarioText(SHORT, 'short.yaml'), { outDir: path.join(dir, 'r', 'short') });
  } finally {
    process.umask(before);
  }
  assert.is(fs.statSync(path.join(dir, 'r', 'short')).mode & 0o777, 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});

deletes.run();
replaces.run();
smaller.run();
