/**
 * The traffic flows and the failures (scheduled and random) of a scenario document, resolved
 * to FlowConfig and FailureConfig with their defaults, and checked against the scenario's
 * duration and endpoints. The schema lets every flow hold every field; here each kind gets the
 * fields it needs and an issue for each field it must not have.
 */
import { IP_MIN_PACKET_BYTES, TCP_MAX_WINDOW_BYTES } from '../domain/expressroute';
import { NS_PER_S } from '../kernel/time';
import { DEFAULTS } from './defaults';
import { describeFound } from './scenario-error';
import type { FailureDocument, FlowDocument, PeriodDocument, ScenarioDocument } from './schema';
import { resolveTraceFlow } from './resolve-trace-flow';
import { FLUID_KINDS, MAX_MSS_BYTES, MIN_MSS_BYTES, MIN_RWND_BYTES, TCP_KINDS, TRACE_FIELDS } from './schema-traffic';
import type { FailureConfig, FlowConfig, LifetimeDist, PeriodDist, RequestConfig, TcpConfig } from './types';
import { parseRate, RATE } from './units';
import { listNames, type ValueChecks } from './value-checks';

/** The fields only a flow that runs TCP may have, and those only a request flow may have. */
const TCP_FIELDS = ['cc', 'delayedAck', 'delayedAckTimeout', 'sack', 'recovery', 'slowStart', 'pacing', 'rwnd', 'minRto', 'maxRto', 'initialWindow', 'mss'] as const;
const REQUEST_FIELDS = ['requestRate', 'requestSize', 'responseSize', 'timeout'] as const;

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

    rejectMisplacedFields(c, path, f);
    const common = { name: f.name, kind: f.kind, from: f.from, to: f.to, startNs, stopNs, path, model: 'packet' as const };
    switch (f.kind) {
      case 'tcp': {
        const totalBytes = f.size === undefined ? undefined : c.size(`${path}.size`, f.size, 1, Infinity, ' (the bytes to transfer; leave size out to send until stop)');
        return { ...common, rateBps: 0, sizeBytes: 0, tcp: resolveTcp(c, path, f), totalBytes };
      }
      case 'request':
        return { ...common, rateBps: 0, sizeBytes: 0, tcp: resolveTcp(c, path, f), request: resolveRequest(c, path, f) };
      case 'trace':
        return { ...common, ...resolveTraceFlow(c, path, f, stopNs - startNs) };
      default:
        return packetFlow(c, path, f, common);
    }
  });
}

/** An issue for each field that flows of this kind do not read, saying which kinds do. */
function rejectMisplacedFields(c: ValueChecks, path: string, f: FlowDocument): void {
  const no = (field: keyof FlowDocument, why: string) => {
    if (f[field] !== undefined) c.fail(`${path}.${field}`, `no ${field} for a ${f.kind} flow: ${why}`, describeFound(f[field]));
  };
  const runsTcp = (TCP_KINDS as readonly string[]).includes(f.kind);
  if (runsTcp) no('rate', f.kind === 'tcp' ? 'TCP finds its own rate' : 'TCP finds its own rate (requestRate sets how often requests start)');
  else for (const field of TCP_FIELDS) no(field, 'only kinds tcp and request run TCP');
  if (f.kind === 'trace') {
    no('rate', 'its file gives the times of its packets');
    no('size', 'its file gives the sizes of its packets');
  } else for (const field of TRACE_FIELDS) no(field, 'only kind trace reads a file');
  if (f.kind === 'request') no('size', 'requestSize and responseSize give the sizes of its requests and responses');
  else for (const field of REQUEST_FIELDS) no(field, 'only kind request has one');
  if (f.model === 'fluid' && !(FLUID_KINDS as readonly string[]).includes(f.kind)) {
    c.fail(`${path}.model`, `packet: only kinds ${FLUID_KINDS.join(' and ')} can be fluid (kind is ${f.kind})`, describeFound(f.model));
  }
  if (f.kind !== 'onoff') {
    for (const period of ['on', 'off'] as const) {
      if (f[period] !== undefined) c.fail(`${path}.${period}`, `no ${period} period: only kind onoff has one (kind is ${f.kind})`, describeFound(f[period]));
    }
  }
}

/** A cbr, poisson or onoff flow: packets of `size` at `rate`. */
function packetFlow(c: ValueChecks, path: string, f: FlowDocument, common: Omit<FlowConfig, 'rateBps' | 'sizeBytes'>): FlowConfig {
  if (f.rate === undefined) c.fail(`${path}.rate`, `a rate such as "${RATE.example}", the mean rate while on (kind ${f.kind} needs one)`, describeFound(undefined));
  const rateBps = f.rate === undefined ? 0 : c.rate(`${path}.rate`, f.rate);
  const canBeFluid = (FLUID_KINDS as readonly string[]).includes(f.kind);
  const sizeBytes = c.size(`${path}.size`, f.size ?? DEFAULTS.flow.size, IP_MIN_PACKET_BYTES);
  // Packets closer than the clock's 1 ns could not be told apart in time, nor ever advance it.
  const maxBps = sizeBytes * 8 * NS_PER_S;
  if (rateBps > maxBps) c.fail(`${path}.rate`, `a rate of at most ${maxBps / 1e9}Gbps (one packet of size ${sizeBytes}B per ns, the clock's resolution)`, describeFound(f.rate));
  const flow: FlowConfig = {
    ...common,
    rateBps,
    sizeBytes,
    model: f.model ?? (canBeFluid && rateBps >= parseRate(DEFAULTS.flow.fluidFrom)! ? 'fluid' : 'packet'),
  };
  if (f.kind === 'onoff') {
    flow.on = resolvePeriod(c, `${path}.on`, f.on);
    flow.off = resolvePeriod(c, `${path}.off`, f.off);
  }
  return flow;
}

/** The TCP of a tcp or request flow. */
function resolveTcp(c: ValueChecks, path: string, f: FlowDocument): TcpConfig {
  const T = DEFAULTS.tcp;
  const minRto = f.minRto ?? T.minRto;
  const maxRto = f.maxRto ?? T.maxRto;
  const minRtoNs = c.delay(`${path}.minRto`, minRto, 'positive');
  const maxRtoNs = c.delay(`${path}.maxRto`, maxRto, 'positive');
  if (maxRtoNs < minRtoNs) {
    // Blame the field the file wrote: maxRto when it is given, else minRto above the default maxRto.
    if (f.maxRto !== undefined) c.fail(`${path}.maxRto`, `a duration of at least minRto (${minRto})`, describeFound(f.maxRto));
    else c.fail(`${path}.minRto`, `a duration of at most maxRto (${maxRto} by default)`, describeFound(f.minRto));
  }
  return {
    cc: f.cc ?? T.cc,
    delayedAck: f.delayedAck ?? T.delayedAck,
    sack: f.sack ?? T.sack,
    recovery: f.recovery ?? T.recovery,
    slowStart: f.slowStart ?? T.slowStart,
    pacing: f.pacing ?? T.pacing,
    delayedAckNs: c.delay(`${path}.delayedAckTimeout`, f.delayedAckTimeout ?? T.delayedAckTimeout, 'positive'),
    rwndBytes: c.size(`${path}.rwnd`, f.rwnd ?? T.rwnd, MIN_RWND_BYTES, TCP_MAX_WINDOW_BYTES, ` (two full segments of ${MIN_RWND_BYTES / 2}B, up to the largest window of RFC 7323)`),
    minRtoNs,
    maxRtoNs,
    initialWindowSegments: f.initialWindow ?? T.initialWindow,
    mssBytes: f.mss === undefined ? undefined : c.size(`${path}.mss`, f.mss, MIN_MSS_BYTES, MAX_MSS_BYTES, ' (an IPv4 packet less 40B of IP and TCP headers)'),
  };
}

function resolveRequest(c: ValueChecks, path: string, f: FlowDocument): RequestConfig {
  const Q = DEFAULTS.request;
  const rate = f.requestRate;
  if (rate === undefined || !Number.isFinite(rate)) {
    c.fail(`${path}.requestRate`, 'a number above 0, the mean requests per second (kind request needs one)', describeFound(rate));
  }
  return {
    ratePerS: rate ?? 0,
    requestBytes: c.size(`${path}.requestSize`, f.requestSize ?? Q.requestSize, 1, Infinity),
    responseBytes: c.size(`${path}.responseSize`, f.responseSize ?? Q.responseSize, 1, Infinity),
    timeoutNs: c.delay(`${path}.timeout`, f.timeout ?? Q.timeout, 'positive'),
  };
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
    const common = { target: f.target, mode: f.mode ?? DEFAULTS.failure.mode, path, prefixes: prefixLeak(c, path, f) };
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

/** The prefix count of a prefix leak, which needs one; an outage has none. A leak has no mode: the sessions close with a NOTIFICATION, at once [FAQ23]. */
function prefixLeak(c: ValueChecks, path: string, f: FailureDocument): number | undefined {
  if ((f.kind ?? DEFAULTS.failure.kind) === 'outage') {
    if (f.prefixes !== undefined) c.fail(`${path}.prefixes`, 'no prefixes unless kind is prefix-leak', describeFound(f.prefixes));
    return undefined;
  }
  if (f.mode !== undefined) c.fail(`${path}.mode`, 'no mode with kind prefix-leak (the BGP sessions close at once, with a NOTIFICATION)', describeFound(f.mode));
  if (f.prefixes === undefined) c.fail(`${path}.prefixes`, 'the prefix count advertised while the leak lasts (kind prefix-leak needs one)', describeFound(f.prefixes));
  return f.prefixes ?? 0;
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
