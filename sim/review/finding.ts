/**
 * A design review's vocabulary: a Finding is one rule's verdict on one element of a scenario
 * (a circuit, the VPN, a flow...), with the figures, the consequence and the source tag of
 * ../shared/domain/expressroute-facts.md it rests on.
 */
import type { Scenario } from '../scenario/types';
import type { OfferedLoad } from './offered-load';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  rule: string;
  severity: Severity;
  /** The scenario element the finding is about, e.g. "circuit london", "vpn", "flow data". */
  subject: string;
  /** What is wrong, with the figures. */
  message: string;
  /** The consequence. */
  reason: string;
  /** Source tags, e.g. "[COEX23][S2SBK]". */
  source: string;
}

/** What a rule reads: the scenario, and the packet rates its flows offer on each path. */
export interface ReviewInput {
  scenario: Scenario;
  load: OfferedLoad;
}

export interface Rule {
  id: string;
  /** What it flags, in one line, for `ersim review --rules`. */
  what: string;
  check(input: ReviewInput): Finding[];
}

/** A fraction of a limit at or above which a count or a rate is near it (ersim's choice: a fifth of headroom). */
export const NEAR_LIMIT = 0.8;

export const pct = (x: number): string => `${Math.round(x * 100)}%`;
