/** Review rules on prefix limits: a BGP session whose prefix count exceeds its limit is closed and stays closed until the count falls below it. */
import { ER_GATEWAY_TO_PREMISES_PREFIX_LIMIT, VPN_GATEWAY_PREFIX_LIMIT } from '../domain/expressroute';
import { mseePrefixLimit } from '../routing/sessions';
import { type Finding, NEAR_LIMIT, pct, type Rule } from './finding';

/** A finding when `count` is near or over `limit`, else none; `closes` says what exceeding it does. */
function judge(rule: string, subject: string, count: number, limit: number, what: string, closes: string, source: string): Finding[] {
  const share = count / limit;
  if (share < NEAR_LIMIT) return [];
  const over = count > limit;
  return [
    {
      rule,
      severity: over ? 'error' : 'warning',
      subject,
      message: `${what}: ${count} prefixes against a limit of ${limit} (${pct(share)})`,
      reason: over ? `that ${closes} at once, for as long as the count is over the limit` : `a leak of ${limit - count + 1} more prefixes ${closes} at once`,
      source,
    },
  ];
}

export const prefixLimitMsee: Rule = {
  id: 'prefix-limit-msee',
  what: 'on-premises advertises near or over 4,000 prefixes (10,000 with Premium) to the MSEEs',
  check({ scenario: s }) {
    return s.circuits.flatMap((c) =>
      judge(
        this.id,
        `circuit ${c.name}`,
        s.routing.advertisedPrefixes,
        mseePrefixLimit(c),
        `routing.advertisedPrefixes to the MSEEs of circuit ${c.name}${c.premium ? ' (Premium)' : ''}`,
        'closes the BGP sessions of both legs',
        '[FAQ23]',
      ),
    );
  },
};

export const prefixLimitGateway: Rule = {
  id: 'prefix-limit-gateway',
  what: 'the ExpressRoute gateway advertises near or over 1,000 prefixes to on-premises',
  check({ scenario: s }) {
    if (s.model === 'custom') return [];
    return judge(
      this.id,
      'er-gateway',
      s.routing.vnetPrefixes,
      ER_GATEWAY_TO_PREMISES_PREFIX_LIMIT,
      'routing.vnetPrefixes from the ExpressRoute gateway to on-premises over each connection',
      'closes the connection between every circuit and the gateway',
      '[FAQ23][ERGWPERF24]',
    );
  },
};

export const prefixLimitVpn: Rule = {
  id: 'prefix-limit-vpn',
  what: 'on-premises advertises near or over 4,000 prefixes to the VPN gateway',
  check({ scenario: s }) {
    if (s.vpn === undefined) return [];
    return judge(this.id, 'vpn', s.routing.advertisedPrefixes, VPN_GATEWAY_PREFIX_LIMIT, 'routing.advertisedPrefixes to the VPN gateway', 'closes the BGP session of every tunnel', '[VPNFAQ26]');
  },
};
