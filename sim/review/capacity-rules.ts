/**
 * Review rules on bandwidth headroom. Each leg is policed at the circuit's bandwidth, per
 * direction, at millisecond granularity; both legs together may carry up to twice that, but
 * only one carries everything after a leg failure [FAQ23][RLPROV]. The ExpressRoute gateway's
 * rate and packet rate are "fixed and not burstable" [FAQ23][ERGWPERF24].
 */
import { type Finding, NEAR_LIMIT, pct, type Rule } from './finding';
import { formatRate } from './format-rate';
import { DIRECTIONS } from './offered-load';

export const bandwidthHeadroom: Rule = {
  id: 'bandwidth-headroom',
  what: "a circuit's peak offered rate leaves too little of its bandwidth for one leg to carry it",
  check({ scenario: s, load }) {
    // A custom topology polices its own links (custom.links[].police), not at the circuit's bandwidth.
    if (s.model === 'custom') return [];
    const findings: Finding[] = [];
    for (const c of s.circuits)
      for (const dir of DIRECTIONS) {
        const legs = load.legs.get(c.name)!;
        const primary = legs.primary[dir];
        const secondary = legs.secondary[dir];
        const total = primary.bps + secondary.bps;
        const busiest = Math.max(primary.bps, secondary.bps);
        const share = total / c.bandwidthBps;
        if (share < NEAR_LIMIT) continue;
        const flows = [...primary.flows, ...secondary.flows].join(', ');
        const figures = `${flows} offer ${formatRate(total)} ${dir} on circuit ${c.name} of ${formatRate(c.bandwidthBps)} (${pct(share)})`;
        const reason =
          busiest > c.bandwidthBps
            ? 'a leg is policed at the bandwidth: what is over it is dropped now'
            : share > 1
              ? 'after a leg failure the other leg alone is policed at the bandwidth: what is over it is dropped'
              : 'under a fifth of headroom: the policer enforces the rate per millisecond, so peaks above the mean are dropped';
        findings.push({ rule: this.id, severity: share > 1 ? 'error' : 'warning', subject: `circuit ${c.name} (${dir})`, message: figures, reason, source: '[RLPROV][FAQ23]' });
      }
    return findings;
  },
};

export const erGatewayCapacity: Rule = {
  id: 'er-gateway-capacity',
  what: "the ExpressRoute gateway's rate or packet rate is near or under the offered traffic",
  check({ scenario: s, load }) {
    const g = s.gateway;
    const findings: Finding[] = [];
    for (const dir of DIRECTIONS) {
      const r = load.erGateway[dir];
      const checks: [number, string][] = [
        [r.bps / g.capacityBps, `${formatRate(r.bps)} against ${formatRate(g.capacityBps)}`],
        [r.pps / g.pps, `${Math.round(r.pps)} packets/s against ${g.pps}`],
      ];
      for (const [share, figures] of checks) {
        if (share < NEAR_LIMIT) continue;
        findings.push({
          rule: this.id,
          severity: share > 1 ? 'error' : 'warning',
          subject: `gateway ${g.sku} (${dir})`,
          message: `${r.flows.join(', ')} offer ${figures} of the ${g.sku} gateway (${pct(share)})`,
          reason: share > 1 ? 'the gateway forwards no more than its SKU allows: the rest is dropped' : 'under a fifth of headroom on a rate that is fixed and not burstable',
          source: '[ERGWPERF24][FAQ23]',
        });
      }
    }
    return findings;
  },
};
