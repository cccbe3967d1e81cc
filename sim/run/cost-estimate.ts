/**
 * Cost estimate: how many kernel events a scenario will take and about how long, from its
 * flows' packet rates and path lengths, before any event runs. Packet flows send their rate;
 * TCP flows are assumed to fill their path's narrowest link or policer; every packet costs one
 * event to leave its source and two per hop (transmission end, arrival), and TCP doubles that
 * for its ACKs. Fluid flows cost nearly nothing. Failures and routing add little and are ignored.
 */
import { tracePath } from '../routing/forwarding';
import type { Flow, ScenarioSimulation } from './scenario-simulation';

/** Kernel events per wall-clock second on the reference machine (2-core EPYC; `npm run bench`, bundled scenarios: 2.5-4 M). */
export const EVENTS_PER_WALL_S = 3e6;

export interface CostEstimate {
  events: number;
  wallS: number;
}

export function estimateCost(run: ScenarioSimulation): CostEstimate {
  let events = 0;
  for (const f of run.flows) events += flowEvents(run, f);
  return { events, wallS: events / EVENTS_PER_WALL_S };
}

function flowEvents(run: ScenarioSimulation, f: Flow): number {
  const c = f.config;
  const activeS = Math.max(0, Math.min(c.stopNs, run.scenario.durationNs) - c.startNs) / 1e9;
  const path = tracePath(run.net, f.src, f.dst, 0) ?? [];
  const perPacket = 1 + 2 * Math.max(path.length, 1);
  if (c.kind === 'tcp' || c.kind === 'request') {
    const mss = c.tcp?.mssBytes ?? 1360;
    if (c.kind === 'request') {
      const r = c.request!;
      const segments = Math.ceil(r.requestBytes / mss) + Math.ceil(r.responseBytes / mss) + 2;
      return r.ratePerS * activeS * segments * perPacket * 2;
    }
    const bottleneck = Math.min(...path.map((d) => Math.min(d.props.capacityBps, d.props.policeBps > 0 ? d.props.policeBps : Infinity)));
    const bytes = Math.min(c.totalBytes ?? Infinity, (Number.isFinite(bottleneck) ? bottleneck : 1e9) / 8 * activeS);
    return (bytes / mss) * perPacket * 2;
  }
  // A fluid flow costs events only when it starts, stops or moves.
  if (c.model === 'fluid') return 2;
  const onShare = c.kind === 'onoff' ? c.on!.meanNs / (c.on!.meanNs + c.off!.meanNs) : 1;
  return (c.rateBps / 8 / c.sizeBytes) * activeS * onShare * perPacket;
}
