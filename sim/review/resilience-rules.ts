/** Review rule on site resiliency: every circuit at one peering location is the Standard tier, which one location outage takes down whole. */
import type { Rule } from './finding';

export const singlePeeringLocation: Rule = {
  id: 'single-peering-location',
  what: 'every circuit is at one peering location (site resiliency Standard)',
  check({ scenario: s }) {
    if (s.model === 'custom') return [];
    const locations = new Set(s.circuits.map((c) => c.peeringLocation));
    if (locations.size > 1) return [];
    const location = s.circuit.peeringLocation;
    const circuits = s.circuits.length === 1 ? `the only circuit (${s.circuit.name}) is` : `every circuit (${s.circuits.map((c) => c.name).join(', ')}) is`;
    const backup = s.vpn === undefined ? 'and no VPN backs it up' : 'with the VPN as the only backup';
    return [
      {
        rule: this.id,
        severity: s.vpn === undefined ? 'warning' : 'info',
        subject: `peering location ${location}`,
        message: `${circuits} at peering location ${location}, ${backup}`,
        reason:
          s.vpn === undefined
            ? 'an outage of that location cuts every site off from Azure until it is repaired; Microsoft calls one location "least resilient" and not recommended for critical workloads'
            : 'an outage of that location moves all traffic onto the VPN, with its lower capacity and internet latency; a second circuit at another location (or Metro) avoids that',
        source: '[RESIL][METRO]',
      },
    ];
  },
};
