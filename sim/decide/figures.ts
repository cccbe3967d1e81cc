/**
 * The figures of one design under one failure case, from the summary.csv values of its runs
 * (one run per seed), and their pass/fail against the study's requirements.
 *
 * Per run: latency p50/p99 and jitter are those of the worst latency flow (the jitter is summary.csv's
 * jitter_max_ms, the worst the flow saw: jitter_ms is only where the estimator ended); throughput is the
 * throughput flows' sum (throughputPer total) or the lowest of them (flow); loss is every flow's
 * lost packets over its sent packets; request timeouts are every request flow's timed-out
 * requests over its requests (a request flow's packet loss hides them). Over the seeds these are averaged, while the outage is the
 * longest of any outage flow in any run: a requirement on the longest outage is about the worst
 * case, not the typical one.
 */
import type { RunValue } from '../study/sweep-aggregate';
import type { StudyRequirements } from './load-study';

export interface CaseFigures {
  seeds: number;
  latencyP50Ms: number | undefined;
  latencyP99Ms: number | undefined;
  jitterMaxMs: number | undefined;
  throughputBps: number | undefined;
  outageMaxMs: number | undefined;
  lossPct: number | undefined;
  /** Requests that timed out over requests made, over every request flow; undefined without request flows. */
  requestsTimedOutPct: number | undefined;
}

export type Verdict = 'pass' | 'fail' | '';

/** One run's summary values: metric by flow. */
function byFlow(values: readonly RunValue[]): Map<string, Map<string, number>> {
  const flows = new Map<string, Map<string, number>>();
  for (const v of values) {
    let m = flows.get(v.flow);
    if (m === undefined) flows.set(v.flow, (m = new Map<string, number>()));
    m.set(v.metric, Number(v.value));
  }
  return flows;
}

function of(run: Map<string, Map<string, number>>, flows: readonly string[], metric: string): number[] {
  return flows.flatMap((f) => {
    const x = run.get(f)?.get(metric);
    return x === undefined ? [] : [x];
  });
}

const max = (xs: number[]): number | undefined => (xs.length === 0 ? undefined : Math.max(...xs));
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
/** The mean of the runs that have a value; undefined when none has. */
function mean(xs: (number | undefined)[]): number | undefined {
  const have = xs.filter((x): x is number => x !== undefined);
  return have.length === 0 ? undefined : sum(have) / have.length;
}

/** `runs`: the summary values of each seed's run, in seed order. */
export function caseFigures(runs: readonly (readonly RunValue[])[], req: StudyRequirements): CaseFigures {
  const parsed = runs.map(byFlow);
  const worst = (metric: string) => mean(parsed.map((r) => max(of(r, req.latencyFlows, metric))));
  return {
    seeds: runs.length,
    latencyP50Ms: worst('latency_p50_ms'),
    latencyP99Ms: worst('latency_p99_ms'),
    jitterMaxMs: worst('jitter_max_ms'),
    throughputBps: mean(
      parsed.map((r) => {
        const xs = of(r, req.throughputFlows, 'throughput_bps');
        if (xs.length === 0) return undefined;
        return req.throughputPer === 'total' ? sum(xs) : Math.min(...xs);
      }),
    ),
    outageMaxMs: max(parsed.map((r) => max(of(r, req.outageFlows, 'outage_ms'))).filter((x): x is number => x !== undefined)),
    lossPct: mean(
      parsed.map((r) => {
        const all = [...r.keys()];
        const sent = sum(of(r, all, 'sent_packets'));
        return sent > 0 ? (100 * sum(of(r, all, 'lost_packets'))) / sent : undefined;
      }),
    ),
    requestsTimedOutPct: mean(
      parsed.map((r) => {
        const all = [...r.keys()];
        const requests = sum(of(r, all, 'requests'));
        return requests > 0 ? (100 * sum(of(r, all, 'requests_timed_out'))) / requests : undefined;
      }),
    ),
  };
}

export interface CaseVerdicts {
  latency: Verdict;
  jitter: Verdict;
  throughput: Verdict;
  outage: Verdict;
}

/** A requirement not given is ''; a figure that could not be measured (no packet delivered) fails. */
export function caseVerdicts(f: CaseFigures, req: StudyRequirements): CaseVerdicts {
  return {
    latency: atMost(f.latencyP99Ms, req.latencyP99Ns, 1e6),
    jitter: atMost(f.jitterMaxMs, req.jitterNs, 1e6),
    throughput: req.throughputBps === undefined ? '' : f.throughputBps !== undefined && f.throughputBps >= req.throughputBps ? 'pass' : 'fail',
    outage: atMost(f.outageMaxMs, req.maxOutageNs, 1e6),
  };
}

/** Availability (a percentage) against the target (a fraction). */
export function availabilityVerdict(availabilityPct: number | undefined, target: number | undefined): Verdict {
  if (target === undefined) return '';
  return availabilityPct !== undefined && availabilityPct >= 100 * target ? 'pass' : 'fail';
}

/** `value` in ms against a budget in ns (`nsPerUnit` ns per unit of value). */
function atMost(value: number | undefined, budgetNs: number | undefined, nsPerUnit: number): Verdict {
  if (budgetNs === undefined) return '';
  return value !== undefined && value * nsPerUnit <= budgetNs ? 'pass' : 'fail';
}

/** pass when every requirement given passes, fail when one fails, '' when none is given. */
export function overall(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('fail')) return 'fail';
  return verdicts.includes('pass') ? 'pass' : '';
}
