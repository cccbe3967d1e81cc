/**
 * The traffic flows and the failures (scheduled and random) of a scenario document, resolved
 * to FlowConfig and FailureConfig with their defaults, and checked against the scenario's
 * duration and endpoints.
 */
import { IP_MIN_PACKET_BYTES } from '../domain/expressroute';
import { DEFAULTS } from './defaults';
import { describeFound } from './scenario-error';
import type { FailureDocument, PeriodDocument, ScenarioDocument } from './schema';
import type { FailureConfig, FlowConfig, LifetimeDist, PeriodDist } from './types';
import { listNames, type ValueChecks } from './value-checks';

/** `endpoints`: the names from/to may use. */
export function resolveTraffic(c: ValueChecks, doc: ScenarioDocument, durationNs: number, endpoints: readonly string[]): FlowConfig[] {
  const flows = doc.traffic ?? [];
  const uniqueName = c.uniqueNames('flow name');
  const known = new Set(endpoints);
  const expectedEndpoint = endpointsText(endpoints);

  return flows.map((f, i) => {
    const path = `traffic[${i}]`;
    uniqueName(f.name, `${path}.name`);
    for (const end of ['from', 'to'] as const) {
      if (!known.has(f[end])) c.fail(`${path}.${end}`, expectedEndpoint, describeFound(f[end]));
    }
    if (f.from === f.to) c.fail(`${path}.to`, `an endpoint other than from (${JSON.stringify(f.from)})`, describeFound(f.to));

    const startNs = c.duration(`${path}.start`, f.start ?? DEFAULTS.flow.start, 'non-negative');
    if (startNs >= durationNs && durationNs > 0) c.fail(`${path}.start`, `a time before the end of the run (duration ${doc.duration})`, describeFound(f.start));
    const stopNs = f.stop === undefined ? durationNs : c.duration(`${path}.stop`, f.stop, 'positive');
    if (f.stop !== undefined && stopNs <= startNs) c.fail(`${path}.stop`, `a time after start (${f.start ?? DEFAULTS.flow.start})`, describeFound(f.stop));

    const flow: FlowConfig = {
      name: f.name,
      kind: f.kind,
      from: f.from,
      to: f.to,
      rateBps: c.rate(`${path}.rate`, f.rate),
      sizeBytes: c.size(`${path}.size`, f.size ?? DEFAULTS.flow.size, IP_MIN_PACKET_BYTES),
      startNs,
      stopNs,
      path,
    };
    if (f.kind === 'onoff') {
      flow.on = resolvePeriod(c, `${path}.on`, f.on);
      flow.off = resolvePeriod(c, `${path}.off`, f.off);
    } else {
      for (const period of ['on', 'off'] as const) {
        if (f[period] !== undefined) c.fail(`${path}.${period}`, `no ${period} period: only kind onoff has one (kind is ${f.kind})`, describeFound(f[period]));
      }
    }
    return flow;
  });
}

function endpointsText(endpoints: readonly string[]): string {
  const sites = endpoints.filter((e) => e !== 'vnet');
  const vnet = endpoints.includes('vnet') ? ' or "vnet"' : '';
  return sites.length === 0 ? `"vnet"` : `a site name (${listNames(sites)})${vnet}`;
}

function resolvePeriod(c: ValueChecks, path: string, period: PeriodDocument | undefined): PeriodDist {
  if (period === undefined || typeof period === 'string') {
    return { dist: 'exponential', meanNs: c.duration(path, period ?? DEFAULTS.period.mean, 'positive') };
  }
  const meanNs = c.duration(`${path}.mean`, period.mean, 'positive');
  if (period.dist === 'pareto') return { dist: 'pareto', meanNs, shape: period.shape ?? DEFAULTS.period.paretoShape };
  if (period.shape !== undefined) c.fail(`${path}.shape`, 'no shape unless dist is pareto', describeFound(period.shape));
  return { dist: 'exponential', meanNs };
}

export function resolveFailures(c: ValueChecks, doc: ScenarioDocument, durationNs: number): FailureConfig[] {
  return (doc.failures ?? []).map((f, i) => {
    const path = `failures[${i}]`;
    const common = { target: f.target, mode: f.mode ?? DEFAULTS.failure.mode, path };
    const random = f.mtbf !== undefined || f.mttr !== undefined;
    if (f.at !== undefined && random) {
      const other = f.mtbf !== undefined ? `mtbf ${JSON.stringify(f.mtbf)}` : `mttr ${JSON.stringify(f.mttr)}`;
      c.fail(path, 'either at (a scheduled failure) or mtbf and mttr (a random failure), not both', `at ${JSON.stringify(f.at)} and ${other}`);
    } else if (f.at === undefined && !random) {
      c.fail(path, 'at (a scheduled failure) or mtbf and mttr (a random failure)', 'neither');
    }
    return random && f.at === undefined ? { ...common, ...randomFailure(c, path, f) } : { ...common, ...scheduledFailure(c, doc, path, f, durationNs) };
  });
}

function scheduledFailure(c: ValueChecks, doc: ScenarioDocument, path: string, f: FailureDocument, durationNs: number) {
  for (const field of ['dist', 'shape'] as const) {
    if (f[field] !== undefined) c.fail(`${path}.${field}`, `no ${field}: only a random failure (mtbf and mttr) has one`, describeFound(f[field]));
  }
  const atNs = f.at === undefined ? 0 : c.duration(`${path}.at`, f.at, 'non-negative');
  if (atNs >= durationNs && durationNs > 0) c.fail(`${path}.at`, `a time before the end of the run (duration ${doc.duration})`, describeFound(f.at));
  const forNs = f.for === undefined ? undefined : c.duration(`${path}.for`, f.for, 'positive');
  return { kind: 'scheduled' as const, atNs, forNs };
}

/** Times to failure and to repair share the distribution and its shape; each has its own mean. */
function randomFailure(c: ValueChecks, path: string, f: FailureDocument) {
  if (f.for !== undefined) c.fail(`${path}.for`, 'no for with mtbf and mttr (a random failure lasts a time drawn with mean mttr)', describeFound(f.for));
  const dist = f.dist ?? DEFAULTS.failure.dist;
  if (dist !== 'weibull' && f.shape !== undefined) c.fail(`${path}.shape`, 'no shape unless dist is weibull', describeFound(f.shape));
  const lifetime = (field: 'mtbf' | 'mttr', meaning: string): LifetimeDist => {
    const text = f[field];
    if (text === undefined) c.fail(`${path}.${field}`, `a duration, the mean time to ${meaning} (a random failure needs both mtbf and mttr)`, describeFound(text));
    const meanNs = text === undefined ? 0 : c.mean(`${path}.${field}`, text);
    return dist === 'weibull' ? { dist, meanNs, shape: f.shape ?? DEFAULTS.failure.weibullShape } : { dist, meanNs };
  };
  return { kind: 'random' as const, ttf: lifetime('mtbf', 'failure'), ttr: lifetime('mttr', 'repair') };
}
