/**
 * `ersim availability FILE [--years Y] [--replications R] [--seed N] [--ideal] [--out DIR] [--force] [--set path=value]...`:
 * long-run availability of a scenario's path designs from its random failures (no packets), per
 * site, against the published SLA figures; writes DIR/<name>-availability/availability.csv (DIR
 * default results) and prints a table. `--ideal` is the textbook model: routing reacts in no
 * time (no detection, no convergence), so two legs give 1 - (MTTR/(MTBF+MTTR))^2.
 */
import * as path from 'node:path';
import { checkFolderTarget } from '../metrics/output-target';
import { loadScenarioFile } from '../scenario/load-scenario';
import { MAX_YEARS } from '../study/availability-replication';
import { runAvailabilityStudy, writeAvailabilityFolder, type AvailabilityRow } from '../study/availability-study';
import { OUT_FLAG, outParent } from './out-flag';
import { parseFlags } from './parse-flags';
import { renderTable } from './table';
import { UsageError } from './usage-error';

const MAX_REPLICATIONS = 100_000;

export async function availabilityCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    years: { type: 'string', default: '10' },
    replications: { type: 'string', default: '20' },
    seed: { type: 'string' },
    out: OUT_FLAG,
    force: { type: 'boolean', default: false },
    set: { type: 'string', multiple: true, default: [] },
    ideal: { type: 'boolean', default: false },
  });
  if (positionals.length !== 1) throw new UsageError(`expected one scenario file, found ${positionals.length === 0 ? 'none' : positionals.join(' ')}`);
  const years = parseYears(values.years);
  const replications = parseInteger('--replications', values.replications, 1, MAX_REPLICATIONS);
  const seedFlag = values.seed === undefined ? undefined : parseInteger('--seed', values.seed, 0, 0xffffffff);
  const out = outParent(values.out);
  const scenario = loadScenarioFile(positionals[0]!, values.set);
  const outDir = path.join(out, `${scenario.name}-availability`);
  checkFolderTarget(outDir, values.force);
  const seed = seedFlag ?? scenario.seed;
  const started = process.hrtime.bigint();
  const result = runAvailabilityStudy(scenario, { years, replications, seed, routingDelays: !values.ideal });
  const file = await writeAvailabilityFolder(outDir, result, values.force);
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `\n${scenario.name} (${scenario.model}, ${replications} replications x ${years} years, seed ${seed}${values.ideal ? ', ideal: no detection or convergence delays' : ''}): ${result.events.toLocaleString('en-US')} events in ${wallS.toFixed(2)} s -> ${file}`,
  );
  console.log(renderTable(HEADERS, result.rows.map(cells)));
  for (const note of result.notes) console.log(`note: ${note}`);
  return 0;
}

const HEADERS = ['site', 'design', 'avail %', 'down min/yr', '95% CI', 'outages/yr', 'p50 min', 'p95 min', 'max min', 'blackout min/yr', 'SLA %', 'VPN SLA %'];

const num = (x: number, d: number): string => (Number.isFinite(x) ? x.toFixed(d) : '-');

function cells(r: AvailabilityRow): string[] {
  return [
    r.site,
    r.design,
    num(r.availabilityPct, 5),
    num(r.downtimeMinPerYear, 2),
    Number.isFinite(r.ciHigh) ? `${num(r.ciLow, 2)}..${num(r.ciHigh, 2)}` : '-',
    num(r.outagesPerYear, 2),
    num(r.outageP50Min, 2),
    num(r.outageP95Min, 2),
    num(r.outageMaxMin, 1),
    num(r.blackoutMinPerYear, 2),
    num(r.slaPct, 2),
    r.vpnSlaPct === undefined ? '' : num(r.vpnSlaPct, 2),
  ];
}

function parseYears(text: string): number {
  const y = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(y > 0) || y > MAX_YEARS) throw new UsageError(`--years: expected a number of years above 0 and at most ${MAX_YEARS.toLocaleString('en-US')}, found "${text}"`);
  return y;
}

function parseInteger(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${flag}: expected an integer ${min}..${max}, found "${text}"`);
  return n;
}
