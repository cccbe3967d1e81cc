/**
 * OfferedLoad: the bit and packet rates the scenario's packet flows (cbr, poisson, on-off)
 * offer in normal operation, per circuit leg and direction, through the ExpressRoute gateway,
 * and per VPN site should ExpressRoute be lost. Paths are the simulator's own: the scenario is
 * built (not run) and each flow's path traced, so ECMP, weights and preferences count as they
 * do in a run. A cbr or on-off flow offers its rate (an on-off flow's rate while on, its peak);
 * a poisson flow its mean. tcp and request flows take what capacity is left, so offer none.
 * Paths are traced as designed: prefix counts over a limit (their own rules' findings) would
 * close the sessions, and hide the load the design means each path to carry.
 */
import { EventLog } from '../metrics/event-log';
import { PATH_ER_PRIMARY, PATH_ER_SECONDARY } from '../net/packet';
import { tracePath } from '../routing/forwarding';
import { ScenarioSimulation } from '../run/scenario-simulation';
import type { Leg, Scenario } from '../scenario/types';

export type Direction = 'to-azure' | 'from-azure';
export const DIRECTIONS: readonly Direction[] = ['to-azure', 'from-azure'];

export interface Rate {
  bps: number;
  pps: number;
  flows: string[];
}

export interface OfferedLoad {
  /** By circuit name, leg and direction. */
  legs: Map<string, Record<Leg, Record<Direction, Rate>>>;
  /** Through the ExpressRoute gateway, by direction. */
  erGateway: Record<Direction, Rate>;
  /** What would move onto each site's tunnel without ExpressRoute, by site and direction: IP rates (ESP is added by the rule). */
  vpnSites: Map<string, Record<Direction, Rate>>;
}

const emptyRate = (): Rate => ({ bps: 0, pps: 0, flows: [] });
const byDirection = (): Record<Direction, Rate> => ({ 'to-azure': emptyRate(), 'from-azure': emptyRate() });

function add(r: Rate, bps: number, size: number, flow: string): void {
  r.bps += bps;
  r.pps += bps / 8 / size;
  r.flows.push(flow);
}

export function offeredLoad(s: Scenario): OfferedLoad {
  const designed = { ...s, routing: { ...s.routing, advertisedPrefixes: 0, vnetPrefixes: 0 } };
  const run = new ScenarioSimulation(designed, s.seed, new EventLog());
  const load: OfferedLoad = {
    legs: new Map(s.circuits.map((c) => [c.name, { primary: byDirection(), secondary: byDirection() }])),
    erGateway: byDirection(),
    vpnSites: new Map((s.vpn?.sites ?? []).map((site) => [site, byDirection()])),
  };
  for (const f of run.flows) {
    const c = f.config;
    if (c.rateBps === 0) continue;
    const direction: Direction = f.dst.role === 'vnet' ? 'to-azure' : 'from-azure';
    const site = direction === 'to-azure' ? c.from : c.to;
    const tunnel = load.vpnSites.get(site);
    if (tunnel !== undefined && (c.from === 'vnet' || c.to === 'vnet')) add(tunnel[direction], c.rateBps, c.sizeBytes, c.name);
    const path = tracePath(run.net, f.src, f.dst, f.flowHash) ?? [];
    const leg = path.find((d) => d.props.pathBit & (PATH_ER_PRIMARY | PATH_ER_SECONDARY));
    if (leg === undefined || leg.props.circuit === null) continue;
    const legName: Leg = leg.props.pathBit & PATH_ER_SECONDARY ? 'secondary' : 'primary';
    add(load.legs.get(leg.props.circuit)![legName][direction], c.rateBps, c.sizeBytes, c.name);
    if (path.some((d) => run.net.node(d.props.to).role === 'er-gateway')) add(load.erGateway[direction], c.rateBps, c.sizeBytes, c.name);
  }
  return load;
}
