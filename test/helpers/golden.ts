/**
 * Golden outputs (not a suite): what ersim writes for every bundled scenario at its seed, for
 * `ersim decide studies/london-hq.yaml --seeds 1-2` and for `ersim availability` of
 * availability-two-legs, produced through the real command line and kept under test/golden/.
 * test/golden.test.ts compares them byte for byte; `npm run golden:update` rewrites them and
 * prints what moved. The commands run as child processes, two at a time (the machine's cores).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const GOLDEN_DIR = path.resolve('test/golden');
const BIN = path.resolve('bin/ersim.js');

/** One command whose files are golden, stored under test/golden/`name`/. */
interface GoldenJob {
  name: string;
  args: (out: string) => string[];
  /** The folder its files are in, given its --out. */
  dir: (out: string) => string;
  files: string[];
  /** Files derived from that folder rather than copied (run.json, reduced to what a version keeps fixed). */
  derived?: (dir: string) => Record<string, string>;
}

const RUN_FILES = ['summary.csv', 'timeseries.csv', 'events.csv', 'links.csv'];

export function bundledScenarios(): string[] {
  return fs
    .readdirSync('scenarios')
    .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.schema.json'))
    .sort();
}

function jobs(): GoldenJob[] {
  const runs = bundledScenarios().map((file): GoldenJob => {
    const name = file.replace(/\.(ya?ml|json)$/, '');
    return {
      name: `run/${name}`,
      args: (out) => ['run', path.join('scenarios', file), '--out', out],
      dir: (out) => path.join(out, name),
      files: RUN_FILES,
      derived: (dir) => ({ 'run.json': runJsonCore(path.join(dir, 'run.json')) }),
    };
  });
  return [
    // The longest first, so that the two lanes finish together.
    { name: 'decide/london-hq', args: (out) => ['decide', 'studies/london-hq.yaml', '--seeds', '1-2', '--workers', '1', '--out', out], dir: (out) => path.join(out, 'london-hq-decide'), files: ['decide.csv'] },
    ...runs,
    { name: 'availability/availability-two-legs', args: (out) => ['availability', 'scenarios/availability-two-legs.yaml', '--out', out], dir: (out) => path.join(out, 'availability-two-legs-availability'), files: ['availability.csv'] },
  ];
}

/** run.json's fields that depend only on the scenario, the seed and the version: the event count pins the work the kernel did. */
function runJsonCore(file: string): string {
  const j = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const core = { seed: j['seed'], duration_s: j['duration_s'], events_executed: j['events_executed'] };
  return JSON.stringify(core, null, 2) + '\n';
}

function runCli(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: 'true' } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ersim ${args.join(' ')} exited ${code}: ${err}`))));
  });
}

/** Produce every golden file into `root` (its layout is test/golden's); returns their paths relative to it. */
export async function produceGolden(root: string, lanes = 2): Promise<string[]> {
  const queue = jobs();
  const written: string[] = [];
  const lane = async (): Promise<void> => {
    for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
      const out = path.join(root, '.work', job.name);
      await runCli(job.args(out));
      const dir = job.dir(out);
      const files: Record<string, string> = {};
      for (const f of job.files) files[f] = fs.readFileSync(path.join(dir, f), 'utf8');
      Object.assign(files, job.derived?.(dir) ?? {});
      for (const [f, text] of Object.entries(files)) {
        const to = path.join(root, job.name, f);
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.writeFileSync(to, text);
        written.push(path.relative(root, to));
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  fs.rmSync(path.join(root, '.work'), { recursive: true, force: true });
  return written.sort();
}

/** Every file under `root`, relative to it, sorted. */
export function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(root, f)).isFile() && !f.endsWith('README.md'))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

/** What differs between a golden file and a fresh one, one line per changed row: its key and each moved column, old -> new. */
export function describeDifference(file: string, golden: string, fresh: string, maxLines = 20): string[] {
  if (golden === fresh) return [];
  if (!file.endsWith('.csv')) return [`${file}: ${golden.trim().replace(/\s+/g, ' ')} -> ${fresh.trim().replace(/\s+/g, ' ')}`];
  const a = golden.split('\n');
  const b = fresh.split('\n');
  const header = (b[0] ?? '').split(',');
  if (a[0] !== b[0]) return [`${file}: header ${a[0]} -> ${b[0]}`];
  const out: string[] = [];
  let rows = 0;
  for (let i = 1; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    rows++;
    if (out.length >= maxLines) continue;
    const x = (a[i] ?? '').split(',');
    const y = (b[i] ?? '').split(',');
    const moved = header.map((h, c) => (x[c] === y[c] ? '' : `${h} ${x[c] ?? '(none)'} -> ${y[c] ?? '(none)'}`)).filter((m) => m !== '');
    out.push(`${file}:${i + 1} [${rowKey(header, y[0] !== undefined && y[0] !== '' ? y : x)}] ${moved.join('; ')}`);
  }
  if (a.length !== b.length) out.push(`${file}: ${a.length - 1} -> ${b.length - 1} lines`);
  if (rows > maxLines) out.push(`${file}: ${rows - maxLines} more rows moved`);
  return out;
}

/** The cells that name a row: its text columns and times (flow, link, time_s, design...). */
function rowKey(header: string[], cells: string[]): string {
  const keys = ['time_s', 'flow', 'event', 'subject', 'link', 'direction', 'design', 'failure_case', 'site', 'vpn'];
  return header
    .map((h, c) => (keys.includes(h) ? `${h}=${cells[c] ?? ''}` : ''))
    .filter((k) => k !== '')
    .join(' ');
}
