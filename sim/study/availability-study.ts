/**
 * The availability study: R replications of Y years of random failures, repairs, detection
 * and failover (no packets), each replication feeding every design and site from the same
 * failure history (common random numbers), summarized per site and design against the
 * published SLA figures, and written as availability.csv.
 */
import * as path from 'node:path';
import { CsvFile } from '../metrics/csv-file';
import { fixed } from '../metrics/format-number';
import { ResultFolder } from '../metrics/result-folder';
import type { Scenario } from '../scenario/types';
import { buildAvailabilityModel, MS_PER_YEAR } from './availability-model';
import { runReplication, type Tally } from './availability-replication';
import { meanInterval, percentile } from './availability-stats';

export const AVAILABILITY_HEADERS = [
  'site', 'design', 'replications', 'years', 'availability_pct', 'downtime_min_per_year', 'downtime_ci95_low', 'downtime_ci95_high',
  'outages_per_year', 'outage_p50_min', 'outage_p95_min', 'outage_max_min', 'sla_pct',
  'vpn_sla_pct', 'blackout_min_per_year',
] as const;

export interface StudyOptions {
  years: number;
  replications: number;
  seed: number;
  /** false: routing reacts in no time (checks against analytic availability). Default true. */
  routingDelays?: boolean;
}

export interface AvailabilityRow {
  site: string;
  design: string;
  replications: number;
  years: number;
  availabilityPct: number;
  downtimeMinPerYear: number;
  /** 95 % Student t interval over replications, the low end clipped at 0; NaN with one replication. */
  ciLow: number;
  ciHigh: number;
  outagesPerYear: number;
  /** Over every outage of every replication, nearest rank; NaN without outages. */
  outageP50Min: number;
  outageP95Min: number;
  outageMaxMin: number;
  slaPct: number;
  /** The VPN gateway's figure, for designs with the VPN. */
  vpnSlaPct: number | undefined;
  /** Time with none of the site's traffic getting through (a subset of the downtime). */
  blackoutMinPerYear: number;
}

export interface StudyResult {
  scenario: Scenario;
  seed: number;
  years: number;
  replications: number;
  rows: AvailabilityRow[];
  notes: string[];
  /** Kernel events over all replications. */
  events: number;
}

const MS_PER_MIN = 60_000;

export function runAvailabilityStudy(s: Scenario, opts: StudyOptions): StudyResult {
  const model = buildAvailabilityModel(s);
  const { years, replications, seed } = opts;
  const runs: Tally[][][] = [];
  let events = 0;
  for (let r = 1; r <= replications; r++) {
    const one = runReplication(model, seed, r, years, opts.routingDelays ?? true);
    runs.push(one.tallies);
    events += one.events;
  }
  const rows: AvailabilityRow[] = [];
  model.sites.forEach((site, si) =>
    model.designs.forEach((design, d) => {
      const tallies = runs.map((run) => run[d]![si]!);
      // The replications count in ms.
      const perYear = meanInterval(tallies.map((t) => t.down / MS_PER_MIN / years));
      const lengths = tallies.flatMap((t) => t.outages.map(([from, to]) => to - from)).sort((a, b) => a - b);
      const totalDown = tallies.reduce((a, t) => a + t.down, 0);
      rows.push({
        site,
        design: design.name,
        replications,
        years,
        availabilityPct: 100 * (1 - totalDown / (replications * Math.round(years * MS_PER_YEAR))),
        downtimeMinPerYear: perYear.mean,
        ciLow: Math.max(0, perYear.mean - perYear.halfWidth),
        ciHigh: perYear.mean + perYear.halfWidth,
        outagesPerYear: lengths.length / (replications * years),
        outageP50Min: percentile(lengths, 50) / MS_PER_MIN,
        outageP95Min: percentile(lengths, 95) / MS_PER_MIN,
        outageMaxMin: percentile(lengths, 100) / MS_PER_MIN,
        slaPct: design.slaPct,
        vpnSlaPct: design.vpnSlaPct,
        blackoutMinPerYear: tallies.reduce((a, t) => a + t.blackout, 0) / MS_PER_MIN / (replications * years),
      });
    }),
  );
  return { scenario: s, seed, years, replications, rows, notes: model.notes, events };
}

/** The CSV cells of a row: availability to 6 decimals (0.3 s a year), minutes to 4, SLA figures to 4; an undefined value is an empty cell. */
export function availabilityCells(r: AvailabilityRow): string[] {
  return [
    r.site, r.design, String(r.replications), String(r.years), fixed(r.availabilityPct, 6), fixed(r.downtimeMinPerYear, 4),
    fixed(r.ciLow, 4), fixed(r.ciHigh, 4), fixed(r.outagesPerYear, 4), fixed(r.outageP50Min, 4), fixed(r.outageP95Min, 4),
    fixed(r.outageMaxMin, 4), fixed(r.slaPct, 4), r.vpnSlaPct === undefined ? '' : fixed(r.vpnSlaPct, 4), fixed(r.blackoutMinPerYear, 4),
  ];
}

/**
 * Write the folder `dir` holding availability.csv, replacing it whole when it is ersim's (or with
 * `force`, any folder). Returns the CSV's path.
 */
export async function writeAvailabilityFolder(dir: string, result: StudyResult, force = false): Promise<string> {
  const folder = new ResultFolder(dir, { kind: 'availability', force });
  try {
    const csv = new CsvFile(folder.file('availability.csv'), AVAILABILITY_HEADERS);
    for (const row of result.rows) csv.write(availabilityCells(row));
    await csv.close();
    folder.commit();
  } catch (err) {
    folder.discard();
    throw err;
  }
  return path.join(dir, 'availability.csv');
}
