/**
 * `ersim calibrate`: fit each measured site's fibre distance, jitter and loss so that the
 * scenario's ExpressRoute path reproduces a Connection Monitor export, then check it.
 *
 * The measurement model (README "Calibrating links"):
 * - a check is a probe and its reply over the site's ExpressRoute path;
 * - delay: the round trip grows by 2 x 5 µs per km of `sites[].distance` (FIBRE_NS_PER_M), so
 *   one simulation of probes at the present distance gives the round trip r0 and the fitted
 *   distance is d0 + (measured - r0) / (2 x 5 µs/km);
 * - jitter: `sites[].jitter` J adds a uniform delay in [-J, J] on the access link in each
 *   direction; JitterMs is read as the mean absolute difference of consecutive round trips,
 *   which is E|U1 + U2 - U3 - U4| = 14/15 J for four independent U(-J, J);
 * - loss: `sites[].loss` p drops on the access link in each direction, so a check fails with
 *   1 - (1 - p)^2: p = 1 - sqrt(1 - ChecksFailed / ChecksTotal).
 * The check simulates the calibrated scenario's probes and compares the mean round trip.
 */
import { FIBRE_NS_PER_M } from '../domain/expressroute';
import { simulateSummary } from '../run/simulate-summary';
import { parseScenarioText } from '../scenario/load-scenario';
import { ScenarioError } from '../scenario/scenario-error';
import type { Scenario } from '../scenario/types';
import { readConnectionMonitor, type SiteMeasurement } from './connection-monitor';

/** E|U1 + U2 - U3 - U4| / J for independent U(-J, J): the Irwin-Hall distribution of 4, centred. */
export const ROUND_TRIP_JITTER_PER_J = 14 / 15;
/**
 * Probes: 10,000 packets of 100 B each way, at least 5 ms apart and 3 jitter half-widths apart
 * (closer, the rule that a packet never overtakes the one before it would hold some back and
 * bias the mean); 10,000 put the sampling error of a mean under 0.2 % of a few ms round trip.
 */
const PROBE = { packets: 10_000, bytes: 100, minSpacingNs: 5e6 };
/** The check passes when the simulated mean round trip is within this share of the measured. */
export const CHECK_TOLERANCE = 0.01;

export interface SiteFit {
  site: string;
  /** Index in `sites[]`. */
  index: number;
  measured: SiteMeasurement;
  distanceM: number;
  jitterNs: number;
  loss: number;
  /** Simulated mean round trip of the calibrated scenario, ms. */
  checkRttMs: number;
}

export interface Calibration {
  fits: SiteFit[];
  unmatched: string[];
  /** Sites with no measurement, left as they were. */
  unmeasured: string[];
  /** `--set` edits that apply the fit. */
  sets: string[];
}

export async function calibrate(doc: Record<string, unknown>, scenarioFile: string, measurementsFile: string): Promise<Calibration> {
  const scenario = resolve(doc, scenarioFile);
  if (scenario.model === 'custom') throw new ScenarioError([{ file: scenarioFile, path: 'model', expected: 'a model with sites[] (calibrate fits sites[].distance, jitter and loss)', found: '"custom"' }]);
  const names = scenario.sites.map((s) => s.name);
  const { measured, unmatched } = readConnectionMonitor(measurementsFile, names);
  const usable = measured.filter((m) => m.checksTotal > m.checksFailed);
  const base = await probeRoundTrips(doc, scenarioFile, usable.map((m) => m.site), new Map());
  const fits: SiteFit[] = usable.map((m) => {
    const index = names.indexOf(m.site);
    const d0 = scenario.sites[index]!.distanceM;
    const distanceM = Math.max(1, Math.round(d0 + ((m.rttMs - base.get(m.site)!) * 1e6) / (2 * FIBRE_NS_PER_M)));
    const jitterNs = Math.round((m.jitterMs * 1e6) / ROUND_TRIP_JITTER_PER_J);
    const loss = 1 - Math.sqrt(1 - m.checksFailed / m.checksTotal);
    return { site: m.site, index, measured: m, distanceM, jitterNs, loss, checkRttMs: NaN };
  });
  const sets = fits.flatMap((f) => [
    `sites[${f.index}].distance=${f.distanceM}m`,
    `sites[${f.index}].jitter=${f.jitterNs}ns`,
    `sites[${f.index}].loss=${percent(f.loss)}`,
  ]);
  const check = await probeRoundTrips(doc, scenarioFile, fits.map((f) => f.site), new Map(fits.map((f) => [f.site, f])));
  for (const f of fits) f.checkRttMs = check.get(f.site)!;
  return { fits, unmatched, unmeasured: names.filter((n) => !usable.some((m) => m.site === n)), sets };
}

export function percent(p: number): string {
  return `${Number((p * 100).toFixed(6))}%`;
}

function resolve(doc: Record<string, unknown>, file: string): Scenario {
  return parseScenarioText(JSON.stringify(doc), `${file}#calibrate.json`);
}

/**
 * The mean simulated round trip of each site, ms: the scenario with probes for traffic and no
 * failures, the sites in `fitted` at their fitted values, the others with no jitter or loss
 * (their present values would not move the mean, and loss could drop every probe).
 */
async function probeRoundTrips(doc: Record<string, unknown>, file: string, sites: string[], fitted: Map<string, SiteFit>): Promise<Map<string, number>> {
  const probe = structuredClone(doc);
  const docSites = probe.sites as Record<string, unknown>[];
  for (const s of docSites) {
    const fit = fitted.get(s.name as string);
    if (fit === undefined) {
      s.jitter = '0ms';
      s.loss = '0%';
    } else {
      s.distance = `${fit.distanceM}m`;
      s.jitter = `${fit.jitterNs}ns`;
      s.loss = percent(fit.loss);
    }
  }
  const spacingNs = Math.max(PROBE.minSpacingNs, ...[...fitted.values()].map((f) => 3 * f.jitterNs));
  const probeFlow = { kind: 'cbr', rate: `${Math.round((PROBE.bytes * 8 * 1e9) / spacingNs)}bps`, size: `${PROBE.bytes}B`, model: 'packet' };
  probe.duration = `${spacingNs * PROBE.packets}ns`;
  delete probe.interval;
  probe.failures = [];
  probe.traffic = sites.flatMap((site) => [
    { name: `cal-up-${site}`.slice(0, 64), from: site, to: 'vnet', ...probeFlow },
    { name: `cal-down-${site}`.slice(0, 64), from: 'vnet', to: site, ...probeFlow },
  ]);
  const scenario = resolve(probe, file);
  const rows = await simulateSummary(scenario, scenario.seed);
  const mean = (flow: string) => Number(rows.find((r) => r.flow === flow.slice(0, 64))!.latency_mean_ms);
  return new Map(sites.map((site) => [site, mean(`cal-up-${site}`) + mean(`cal-down-${site}`)]));
}
