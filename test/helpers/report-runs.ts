/** Test helper (not a suite): run bundled scenarios into a temporary folder for the report tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { runScenario } from '../../sim/run/run-scenario';
import { parseScenarioText } from '../../sim/scenario/load-scenario';
import { parseRate } from '../../sim/scenario/units';

/** The bundled failover scenarios, by file name. */
export function failoverScenarios(): string[] {
  return fs
    .readdirSync('scenarios')
    .filter((f) => /^failover-.*\.yaml$/.test(f))
    .sort()
    .map((f) => path.join('scenarios', f));
}

/**
 * --set edits that make a scenario quick to simulate without moving its failures: every flow
 * of 10 Mbps or more sends a twentieth of its rate (durations, failures and timers unchanged).
 */
export function quickSets(file: string): string[] {
  const doc = parse(fs.readFileSync(file, 'utf8')) as { traffic?: { rate?: string }[] };
  const sets: string[] = [];
  (doc.traffic ?? []).forEach((f, i) => {
    const bps = f.rate === undefined ? undefined : parseRate(f.rate);
    if (bps !== undefined && bps >= 10e6) sets.push(`traffic[${i}].rate=${bps / 20 / 1e6}Mbps`);
  });
  return sets;
}

/** Simulate a scenario file (with the given --set edits) into `outParent/<name>`; returns that folder. */
export async function runInto(file: string, outParent: string, sets: string[] = []): Promise<string> {
  const s = parseScenarioText(fs.readFileSync(file, 'utf8'), file, sets);
  const outDir = path.join(outParent, s.name);
  const r = await runScenario(s, { outDir });
  if (r.stopped !== undefined) throw new Error(`${file} stopped: ${r.stopped}`);
  return outDir;
}
