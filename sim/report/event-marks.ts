/**
 * events.csv as marks on a time axis: failures and repairs of elements, detections by the
 * routing sessions, and each flow's failovers and failbacks. Events of one category at the
 * same instant (the four links of a circuit going down together) become one mark.
 */
import type { EventRow, ReportRun } from './result-data';

export type MarkCategory = 'failure' | 'repair' | 'detection' | 'failover' | 'failback';

export const MARK_CATEGORIES: readonly MarkCategory[] = ['failure', 'detection', 'failover', 'failback', 'repair'];

export const MARK_COLOURS: Record<MarkCategory, string> = {
  failure: '#d62728',
  detection: '#9467bd',
  failover: '#ff7f0e',
  failback: '#2ca02c',
  repair: '#17becf',
};

export interface EventMark {
  timeS: number;
  category: MarkCategory;
  /** Short text drawn beside the rule, e.g. "failure: circuit", "BFD er-primary:dc", "failover er-primary -> vpn". */
  label: string;
  /** The run it belongs to ("A", "B" or ""). */
  run: string;
}

const DETECTION_NAMES: Record<string, string> = {
  bfd_down: 'BFD',
  hold_expired: 'hold timer',
  dpd_timeout: 'DPD',
  bgp_withdraw: 'BGP withdraw',
  flap_masked: 'flap masked',
};

/** The marks of one run's events for one flow's chart (undefined flow: the element and session events only). */
export function eventMarks(run: ReportRun, flow: string | undefined): EventMark[] {
  const marks: EventMark[] = [];
  const key = (m: EventMark) => `${m.timeS}|${m.category}`;
  const byKey = new Map<string, { mark: EventMark; subjects: string[] }>();
  for (const e of run.events) {
    const m = classify(e, flow);
    if (m === undefined) continue;
    const mark: EventMark = { timeS: e.timeS, category: m.category, label: m.label, run: run.label };
    const same = byKey.get(key(mark));
    if (same !== undefined) {
      // One mark per category and instant: name what failed (the cause) once, count the rest.
      if (!same.subjects.includes(m.label)) same.subjects.push(m.label);
      continue;
    }
    byKey.set(key(mark), { mark, subjects: [m.label] });
    marks.push(mark);
  }
  for (const { mark, subjects } of byKey.values()) {
    if (subjects.length > 1) mark.label = `${subjects[0]} (+${subjects.length - 1})`;
  }
  return marks;
}

function classify(e: EventRow, flow: string | undefined): { category: MarkCategory; label: string } | undefined {
  switch (e.event) {
    case 'link_down':
    case 'node_down':
      return { category: 'failure', label: `failure: ${cause(e)}` };
    case 'gateway_failover':
      return { category: 'failure', label: `failure: ${e.subject} instance` };
    case 'link_up':
    case 'node_up':
      return { category: 'repair', label: `repair: ${cause(e)}` };
    case 'failover':
    case 'failback':
      if (flow === undefined || e.subject !== flow) return undefined;
      return { category: e.event, label: `${e.event} ${e.detail}` };
    default: {
      const name = DETECTION_NAMES[e.event];
      return name === undefined ? undefined : { category: 'detection', label: `${name} ${e.subject}` };
    }
  }
}

/** "silent failure of circuit" -> "circuit"; otherwise the element itself. */
function cause(e: EventRow): string {
  const m = /failure of (.+)$/.exec(e.detail);
  return m !== null ? m[1]! : e.subject;
}

/** Links (ids as in events.csv) and nodes that went down at least once during the run. */
export function failedElements(run: ReportRun): { links: Set<string>; nodes: Set<string> } {
  const links = new Set<string>();
  const nodes = new Set<string>();
  for (const e of run.events) {
    if (e.event === 'link_down') links.add(e.subject);
    else if (e.event === 'node_down' || e.event === 'gateway_failover') nodes.add(e.subject);
  }
  return { links, nodes };
}
