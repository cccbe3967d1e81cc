/**
 * The traffic flows and scheduled failures of a scenario document, resolved to FlowConfig and
 * FailureConfig with their defaults, and checked against the scenario's duration and endpoints.
 */
import { IP_MIN_PACKET_BYTES } from '../domain/expressroute';
import { DEFAULTS } from './defaults';
import { describeFound } from './scenario-error';
import type { PeriodDocument, ScenarioDocument } from './schema';
import type { FailureConfig, FlowConfig, PeriodDist } from './types';
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
    const atNs = c.duration(`${path}.at`, f.at, 'non-negative');
    if (atNs >= durationNs && durationNs > 0) c.fail(`${path}.at`, `a time before the end of the run (duration ${doc.duration})`, describeFound(f.at));
    const forNs = f.for === undefined ? undefined : c.duration(`${path}.for`, f.for, 'positive');
    return { target: f.target, atNs, forNs, path };
  });
}
