/** Review rules on route preference and failure detection: what makes Azure or the sites pick the VPN with ExpressRoute up, and how long a silent failure goes unnoticed. */
import { erBgpTimers } from '../routing/sessions';
import { formatDuration } from '../scenario/units';
import type { Rule } from './finding';

export const vpnMoreSpecific: Rule = {
  id: 'vpn-more-specific',
  what: 'the sites advertise a longer prefix over the VPN than over ExpressRoute',
  check({ scenario: s }) {
    const v = s.vpn;
    if (v === undefined || v.vpnPrefixLength <= v.erPrefixLength) return [];
    return [
      {
        rule: this.id,
        severity: 'error',
        subject: 'vpn',
        message: `the sites' routes are /${v.vpnPrefixLength} over the VPN (vpn.vpnPrefixLength) and /${v.erPrefixLength} over ExpressRoute (vpn.erPrefixLength)`,
        reason: 'Azure takes the longest prefix first, so it sends to the sites over the VPN for good, with ExpressRoute up',
        source: '[COEX23][S2SBK]',
      },
    ];
  },
};

export const noErPreference: Rule = {
  id: 'no-er-preference',
  what: 'on-premises routers do not prefer ExpressRoute routes over VPN routes',
  check({ scenario: s }) {
    if (s.vpn === undefined || s.routing.premisesPreferEr) return [];
    return [
      {
        rule: this.id,
        severity: 'error',
        subject: 'routing',
        message: 'routing.premisesPreferEr is false: no higher local preference (e.g. 150 over 100) for routes learned over ExpressRoute',
        reason: 'the VPN\'s AS path ("65515") is shorter than ExpressRoute\'s ("12076 65515"), so the sites send to Azure over the VPN while Azure answers over ExpressRoute: asymmetric routing',
        source: '[COEX23][S2SBK][OPT25]',
      },
    ];
  },
};

export const bfdOff: Rule = {
  id: 'bfd-off',
  what: 'a circuit runs its BGP sessions without BFD',
  check({ scenario: s }) {
    const hold = formatDuration(erBgpTimers(s.routing).holdNs);
    return s.circuits
      .filter((c) => !c.bfd)
      .map((c) => ({
        rule: this.id,
        severity: 'warning' as const,
        subject: `circuit ${c.name}`,
        message: `circuit ${c.name} has bfd false: a silent failure of a leg is noticed only when the BGP hold timer expires, up to ${hold} later, instead of under a second`,
        reason: 'until then the sites and Azure keep sending into the dead leg, and everything sent there is lost',
        source: '[BFD20][HA19]',
      }));
  },
};
