/** Test helper (not a suite): the ersim command line, in a process of its own or in this one. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { main } from '../../sim/cli/main';

const BIN = path.resolve('bin/ersim.js');

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/** Through bin/ersim.js, as a user runs it. */
export function spawnErsim(args: string[], cwd: string): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same command line in this process (main() is what bin/ersim.js calls), with its output captured: 0.4 s less a call. */
export async function ersimInProcess(args: string[], cwd: string): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  const before = process.cwd();
  console.log = (...x: unknown[]) => out.push(x.join(' ') + '\n');
  console.error = (...x: unknown[]) => err.push(x.join(' ') + '\n');
  process.chdir(cwd);
  try {
    const code = await main(args);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.chdir(before);
    Object.assign(console, { log, error });
  }
}

