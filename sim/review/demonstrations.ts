/**
 * `ersim review --demonstrate`: for a finding whose consequence a run can show, the scenario
 * variants that show it and the figures that prove it:
 * - vpn-more-specific, no-er-preference: ExpressRoute up, and which path each direction takes;
 * - bfd-off: a silent circuit failure with BFD as designed and with BFD on, and the outages;
 * - single-peering-location: an outage of the location, and what the sites lose;
 * - vpn-too-small, vpn-tunnel-pps: ExpressRoute lost, and the loss on the VPN;
 * - bandwidth-headroom: a leg failure (one leg carries all), and the loss;
 * - er-gateway-capacity: the traffic as designed, and the loss;
 * - prefix-limit-msee, prefix-limit-gateway: the count as designed (over the limit: the sessions
 *   never come up) or a leak just over the limit, the session drop and return, and the failover.
 * The other rules are about what Azure does not support, which the simulator does not run.
 * Each variant corrects the routing mistakes (a more specific VPN prefix, no preference for
 * ExpressRoute, BFD off, prefix counts near or over a limit) but the one it demonstrates, so one
 * finding's figures do not show another's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ER_GATEWAY_TO_PREMISES_PREFIX_LIMIT } from '../domain/expressroute';
import type { ControlEventName } from '../trace/trace-bus';
import { erBgpTimers, mseePrefixLimit } from '../routing/sessions';
import { type RunResult, runScenario } from '../run/run-scenario';
import { ScenarioError } from '../scenario/scenario-error';
import type { Scenario } from '../scenario/types';
import { formatDuration } from '../scenario/units';
import type { Finding } from './finding';
import { circuitTarget, PROBES, probeTraffic, type ScenarioDoc, setCircuitField, variant } from './scenario-variant';

export interface DemoPlan {
  finding: Finding;
  /** The folder name under --out. */
  slug: string;
  /** What the variants do, for the reader. */
  what: string;
  variants: { label: string; scenario: Scenario }[];
  /** The flows whose figures prove it: the probes, or every flow of the scenario. */
  flows: readonly string[] | 'all';
  /** The events whose times prove it. */
  events: readonly ControlEventName[];
}

export interface DemoRow {
  variant: string;
  subject: string;
  figure: string;
  value: string;
}

export interface Demonstration {
  plan: DemoPlan;
  dir: string;
  rows: DemoRow[];
}

const FLOW_FIGURES = ['loss_pct', 'outage_ms', 'er_share_pct', 'vpn_share_pct'] as const;
const PREFIX_EVENTS: readonly ControlEventName[] = ['prefix_limit_exceeded', 'prefix_limit_cleared', 'session_up', 'failover', 'failback'];

/** The circuit a finding's subject names ("circuit london (to-azure)"), if any. */
function subjectCircuit(s: Scenario, f: Finding): string {
  const name = /^circuit (\S+)/.exec(f.subject)?.[1];
  return s.circuits.find((c) => c.name === name)?.name ?? s.circuit.name;
}

/** Undo the routing mistakes of the document but the one `rule` demonstrates. */
function isolate(s: Scenario, doc: ScenarioDoc, rule: string): void {
  if (rule !== 'bfd-off') for (const c of s.circuits) setCircuitField(doc, c.name, 'bfd', true);
  const routing = (doc['routing'] ?? {}) as Record<string, unknown>;
  const vpn = doc['vpn'] as Record<string, unknown> | undefined;
  const fixed: Record<string, unknown> = { ...routing };
  if (rule !== 'no-er-preference') fixed['premisesPreferEr'] = true;
  if (!rule.startsWith('prefix-limit-')) {
    delete fixed['advertisedPrefixes'];
    delete fixed['vnetPrefixes'];
  }
  doc['routing'] = fixed;
  if (rule !== 'vpn-more-specific' && vpn !== undefined) delete vpn['vpnPrefixLength'];
}

/** Probes only, no failures but `failures`, for `durationNs`. */
function probeRun(s: Scenario, rule: string, durationNs: number, failures: unknown[], edit: (doc: ScenarioDoc) => void = () => {}): Scenario {
  return variant(s, (doc) => {
    isolate(s, doc, rule);
    doc['duration'] = formatDuration(durationNs);
    delete doc['interval'];
    doc.traffic = probeTraffic(s);
    doc.failures = failures;
    edit(doc);
  });
}

/** The scenario's own traffic and duration, with `failures` in place of its own. */
function trafficRun(s: Scenario, rule: string, failures: unknown[]): Scenario {
  return variant(s, (doc) => {
    isolate(s, doc, rule);
    doc.failures = failures;
  });
}

export function planDemonstration(s: Scenario, f: Finding): DemoPlan | undefined {
  if (s.model === 'custom') return undefined;
  const slug = `${f.rule}-${f.subject}`.replace(/[^\w.-]+/g, '-').replace(/-+$/, '');
  const plan = (what: string, variants: DemoPlan['variants'], flows: DemoPlan['flows'], events: readonly ControlEventName[] = []): DemoPlan => ({ finding: f, slug, what, variants, flows, events });
  const failAt = Math.min(5e9, Math.floor(s.durationNs / 4));
  switch (f.rule) {
    case 'vpn-more-specific':
    case 'no-er-preference':
      return plan('ExpressRoute up for 10 s: the path of each direction', [{ label: 'as-designed', scenario: probeRun(s, f.rule, 10e9, []) }], PROBES);
    case 'bfd-off': {
      const c = subjectCircuit(s, f);
      const hold = erBgpTimers(s.routing).holdNs;
      const failure = [{ target: circuitTarget(s, c), at: '10s', for: formatDuration(hold + 20e9) }];
      const duration = 10e9 + hold + 40e9;
      return plan(
        `a silent failure of circuit ${c} at 10 s for ${formatDuration(hold + 20e9)}, with BFD off as designed and with BFD on`,
        [
          { label: 'bfd-off', scenario: probeRun(s, f.rule, duration, failure) },
          { label: 'bfd-on', scenario: probeRun(s, f.rule, duration, failure, (doc) => setCircuitField(doc, c, 'bfd', true)) },
        ],
        PROBES,
        ['bfd_down', 'hold_expired', 'failover'],
      );
    }
    case 'single-peering-location':
      return plan(
        `an outage of peering location ${s.circuit.peeringLocation} at 5 s for 20 s`,
        [{ label: 'location-outage', scenario: probeRun(s, f.rule, 30e9, [{ target: 'peering-location', at: '5s', for: '20s' }]) }],
        PROBES,
        ['failover', 'failback'],
      );
    case 'vpn-too-small':
    case 'vpn-tunnel-pps':
      return plan(
        `every circuit down from ${formatDuration(failAt)} to the end: the traffic on the VPN`,
        [{ label: 'expressroute-lost', scenario: trafficRun(s, f.rule, [{ target: 'circuit', at: formatDuration(failAt) }]) }],
        'all',
      );
    case 'bandwidth-headroom': {
      const c = subjectCircuit(s, f);
      const leg = s.circuits.length > 1 ? `${c}.primary` : 'primary';
      return plan(
        `the traffic as designed, and with the primary leg of ${c} down from ${formatDuration(failAt)}`,
        [
          { label: 'both-legs', scenario: trafficRun(s, f.rule, []) },
          { label: 'one-leg', scenario: trafficRun(s, f.rule, [{ target: leg, at: formatDuration(failAt) }]) },
        ],
        'all',
      );
    }
    case 'er-gateway-capacity':
      return plan('the traffic as designed, no failure', [{ label: 'as-designed', scenario: trafficRun(s, f.rule, []) }], 'all');
    case 'prefix-limit-msee':
    case 'prefix-limit-gateway': {
      const c = subjectCircuit(s, f);
      const msee = f.rule === 'prefix-limit-msee';
      const limit = msee ? mseePrefixLimit(s.circuits.find((x) => x.name === c)!) : ER_GATEWAY_TO_PREMISES_PREFIX_LIMIT;
      if (f.severity === 'error') return plan('the prefix count as designed, over the limit, for 10 s', [{ label: 'as-designed', scenario: probeRun(s, f.rule, 10e9, []) }], PROBES, PREFIX_EVENTS);
      const leak = { kind: 'prefix-leak', target: msee ? circuitTarget(s, c) : 'er-gateway', at: '5s', for: '10s', prefixes: limit + 1 };
      return plan(
        `a leak of ${limit + 1} prefixes (${leak.target}) at 5 s for 10 s, one over the limit of ${limit}`,
        [{ label: 'leak', scenario: probeRun(s, f.rule, 30e9, [leak]) }],
        PROBES,
        PREFIX_EVENTS,
      );
    }
    default:
      return undefined;
  }
}

/** Run a plan's variants under `outDir`/<slug>/<variant> and collect the figures. */
export async function runDemonstration(plan: DemoPlan, outDir: string): Promise<Demonstration> {
  const dir = path.join(outDir, plan.slug);
  const rows: DemoRow[] = [];
  for (const v of plan.variants) {
    let result: RunResult;
    try {
      result = await runScenario(v.scenario, { outDir: path.join(dir, v.label) });
    } catch (err) {
      // A variant whose flows have no path at all (every session closed by a prefix limit) shows just that.
      if (!(err instanceof ScenarioError)) throw err;
      rows.push(...err.issues.map((i) => ({ variant: v.label, subject: i.path, figure: 'no path', value: i.found })));
      continue;
    }
    for (const flow of result.flows) {
      if (plan.flows !== 'all' && !plan.flows.includes(flow.flow)) continue;
      for (const figure of FLOW_FIGURES) rows.push({ variant: v.label, subject: flow.flow, figure, value: flow[figure] });
    }
    rows.push(...eventRows(path.join(dir, v.label, 'events.csv'), v.label, plan.events));
  }
  return { plan, dir, rows };
}

/** The events of `names` in a run's events.csv, as figures: when, and what. */
function eventRows(file: string, label: string, names: readonly ControlEventName[]): DemoRow[] {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1);
  return lines.flatMap((line) => {
    const [time, event, subject, ...detail] = line.split(',');
    if (!names.includes(event as ControlEventName)) return [];
    const what = detail.join(',').replace(/^"|"$/g, '');
    return [{ variant: label, subject: subject!, figure: event!, value: `${time} s${what === '' ? '' : `: ${what}`}` }];
  });
}
