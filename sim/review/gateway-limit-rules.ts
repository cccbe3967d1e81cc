/**
 * Review rules on the ExpressRoute gateway's documented limits that a run does not act on:
 * the routes it learns from on-premises [ERGWPERF24] and the circuits from one peering location
 * that may connect to one virtual network [ERGW].
 */
import { ER_GATEWAY_ADVISED_MAX_ROUTES, ER_MAX_CIRCUITS_PER_PEERING_LOCATION, erGatewayLearnedRouteLimit } from '../domain/expressroute';
import { type Finding, NEAR_LIMIT, pct, type Rule } from './finding';

export const learnedRouteLimit: Rule = {
  id: 'er-gateway-learned-routes',
  what: 'the ExpressRoute gateway learns near or over its SKU\'s route limit, or over the advised 11,000 routes',
  check({ scenario: s }) {
    if (s.model === 'custom') return [];
    // Each circuit connection brings its own copy of the on-premises routes, so they add up.
    const routes = s.routing.advertisedPrefixes * s.circuits.length;
    const sku = s.gateway.sku;
    const limit = erGatewayLearnedRouteLimit(sku);
    const share = routes / limit;
    const counted = `routing.advertisedPrefixes (${s.routing.advertisedPrefixes}) over ${s.circuits.length} circuit connection${s.circuits.length > 1 ? 's' : ''}: ${routes} routes`;
    const finding = (severity: Finding['severity'], message: string, reason: string): Finding[] => [{ rule: this.id, severity, subject: `er-gateway ${sku}`, message, reason, source: '[ERGWPERF24]' }];
    if (share >= NEAR_LIMIT) {
      return finding(
        routes > limit ? 'error' : 'warning',
        `${counted} learned against ${sku}'s limit of ${limit} (${pct(share)})`,
        routes > limit ? 'past its limit the gateway is outside what Microsoft supports: routes may be dropped and the gateway\'s CPU overloaded' : 'under a fifth of headroom: a leak or a new site takes the gateway past its limit',
      );
    }
    if (routes > ER_GATEWAY_ADVISED_MAX_ROUTES) {
      return finding('warning', `${counted} learned, over the ${ER_GATEWAY_ADVISED_MAX_ROUTES} Microsoft advises (${sku} allows ${limit})`, 'Microsoft advises to "refrain from advertising more than 11,000 routes": summarise on-premises prefixes');
    }
    return [];
  },
};

export const circuitsPerPeeringLocation: Rule = {
  id: 'circuits-per-peering-location',
  what: 'more than 4 circuits from one peering location connect to the virtual network',
  check({ scenario: s }) {
    const byLocation = new Map<string, string[]>();
    for (const c of s.circuits) byLocation.set(c.peeringLocation, [...(byLocation.get(c.peeringLocation) ?? []), c.name]);
    return [...byLocation]
      .filter(([, names]) => names.length > ER_MAX_CIRCUITS_PER_PEERING_LOCATION)
      .map(([location, names]) => ({
        rule: this.id,
        severity: 'error' as const,
        subject: `peering location ${location}`,
        message: `${names.length} circuits (${names.join(', ')}) from peering location ${location} connect to the virtual network; at most ${ER_MAX_CIRCUITS_PER_PEERING_LOCATION} may`,
        reason: 'Azure refuses the connections past the fourth, so the design cannot be deployed as it is; spread the circuits over peering locations',
        source: '[ERGW]',
      }));
  },
};
