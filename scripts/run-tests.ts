/**
 * `npm test` after the build: every compiled suite (`dist/test/*.test.js`) in a uvu process of its
 * own, JOBS at a time, the slowest first so that the last to finish is a short one. Each file's
 * output is held until it ends and then printed whole, uvu's own summary (Total, Passed,
 * Skipped, Duration) included, so `.ci/run` can add up those lines. Exits 1 if any file fails.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The reference machine has 2 cores; each suite is single-threaded. */
const JOBS = 2;

/**
 * The suites that take longest, longest first (each run alone on the reference machine,
 * 2026-12-03: tcp 154 s, golden 127 s, sweep 74 s, report 28 s, robustness 27 s, the rest of
 * this list 8-15 s, every other suite under 5 s; load average 5 to 9 from other work); the
 * others follow in name order.
 */
const SLOWEST = [
  'tcp.test.js',
  'tcp-validation.test.js',
  'site-groups.test.js',
  'scale.test.js',
  'golden.test.js',
  'sweep.test.js',
  'report.test.js',
  'hostile-input.test.js',
  'robustness.test.js',
  'availability.test.js',
  'study-output.test.js',
  'failover.test.js',
  'cli-bad-input.test.js',
  'report-browser.test.js',
  'queueing.test.js',
  'fluid.test.js',
  'decide.test.js',
  'replay.test.js',
];

const TEST_DIR = path.join('dist', 'test');
/** uvu's command line; its package exports no path to it, so it is found beside its main module. */
const UVU = path.join(path.dirname(require.resolve('uvu')), '..', 'bin.js');

interface Outcome {
  file: string;
  code: number | null;
  seconds: number;
}

function runFile(file: string): Promise<Outcome> {
  const started = process.hrtime.bigint();
  const pattern = `^${file.replace(/\./g, '\\.')}$`;
  // uvu colours its output only on a terminal; the child writes to a pipe, so pass ours on.
  const env = process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env;
  const child = spawn(process.execPath, [UVU, TEST_DIR, pattern], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => output.push(d));
  child.stderr.on('data', (d: Buffer) => output.push(d));
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      process.stdout.write(`\n# ${file} (${seconds.toFixed(1)} s${code === 0 ? '' : `, exit ${code}`})\n`);
      process.stdout.write(Buffer.concat(output));
      resolve({ file, code, seconds });
    });
  });
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const all = fs.readdirSync(TEST_DIR).filter((f) => f.endsWith('.test.js'));
  const queue = [...SLOWEST.filter((f) => all.includes(f)), ...all.filter((f) => !SLOWEST.includes(f)).sort()];
  const outcomes: Outcome[] = [];
  const worker = async (): Promise<void> => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) outcomes.push(await runFile(file));
  };
  await Promise.all(Array.from({ length: JOBS }, worker));
  const failed = outcomes.filter((o) => o.code !== 0).map((o) => o.file);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`\n# ${outcomes.length} test files, ${JOBS} at a time, in ${seconds.toFixed(1)} s; ${failed.length === 0 ? 'all passed' : `failed: ${failed.join(', ')}`}`);
  process.exitCode = failed.length === 0 ? 0 : 1;
}

void main();
