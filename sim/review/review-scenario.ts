/**
 * reviewScenario: a design review of a scenario, rule by rule (the RULES table), for the
 * mistakes that break failover in practice. Each finding names the element, the figures, the
 * consequence and its source. Reviewing builds the scenario's topology (to trace its flows'
 * paths) but runs nothing.
 */
import type { Scenario } from '../scenario/types';
import { bandwidthHeadroom, erGatewayCapacity } from './capacity-rules';
import type { Finding, Rule, Severity } from './finding';
import { circuitsPerPeeringLocation, learnedRouteLimit } from './gateway-limit-rules';
import { offeredLoad } from './offered-load';
import { prefixLimitGateway, prefixLimitMsee, prefixLimitVpn } from './prefix-rules';
import { singlePeeringLocation } from './resilience-rules';
import { bfdOff, noErPreference, vpnMoreSpecific } from './routing-rules';
import { dualStackCoexistence, vpnGatewayUnsupported, vpnOnlyBackupCritical, vpnTooSmall, vpnTunnelPps } from './vpn-rules';

export const RULES: readonly Rule[] = [
  vpnMoreSpecific,
  noErPreference,
  bfdOff,
  singlePeeringLocation,
  vpnTooSmall,
  vpnTunnelPps,
  vpnOnlyBackupCritical,
  vpnGatewayUnsupported,
  dualStackCoexistence,
  prefixLimitMsee,
  prefixLimitGateway,
  prefixLimitVpn,
  learnedRouteLimit,
  circuitsPerPeeringLocation,
  bandwidthHeadroom,
  erGatewayCapacity,
];

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Every rule's findings, errors first, then warnings, then notes; in rule order within each. */
export function reviewScenario(scenario: Scenario): Finding[] {
  const input = { scenario, load: offeredLoad(scenario) };
  const findings = RULES.flatMap((r) => r.check(input));
  return findings.map((f, i) => ({ f, i })).sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i).map(({ f }) => f);
}
