/** Review rules on the VPN that backs up ExpressRoute: a gateway that cannot carry what it inherits, and gateways or networks with which coexistence is not supported. */
import { formatRate } from './format-rate';
import { type Finding, NEAR_LIMIT, pct, type Rule } from './finding';
import { DIRECTIONS, type Rate } from './offered-load';

/** The rate a tunnel carries for `r`: each packet grows by the ESP overhead. */
function withEsp(r: Rate, espBytes: number): number {
  return r.bps + r.pps * espBytes * 8;
}

export const vpnTooSmall: Rule = {
  id: 'vpn-too-small',
  what: 'the VPN gateway or a tunnel cannot carry the traffic it inherits when ExpressRoute is lost',
  check({ scenario: s, load }) {
    const v = s.vpn;
    if (v === undefined) return [];
    // With circuits at several locations the VPN inherits only when all of them fail.
    const oneFailure = new Set(s.circuits.map((c) => c.peeringLocation)).size === 1;
    const when = oneFailure ? 'when the circuit or its peering location fails' : 'when every circuit fails';
    const findings: Finding[] = [];
    const judge = (subject: string, offered: number, capacity: number, what: string, flows: string[]): void => {
      const share = offered / capacity;
      if (share < NEAR_LIMIT) return;
      const over = share > 1;
      findings.push({
        rule: this.id,
        severity: over ? (oneFailure ? 'error' : 'warning') : 'warning',
        subject,
        message: `${when}, ${flows.join(', ')} move onto the VPN: ${formatRate(offered)} with ESP overhead (${v.espOverheadBytes}B a packet) against ${what} of ${formatRate(capacity)} (${pct(share)})`,
        reason: over ? 'what does not fit is lost for as long as ExpressRoute is down' : 'under a fifth of headroom: peaks above the mean are lost',
        source: '[VPNTBL23][VPNSKU23]',
      });
    };
    for (const dir of DIRECTIONS) {
      const all = [...load.vpnSites.values()].map((r) => r[dir]);
      const flows = all.flatMap((r) => r.flows);
      if (flows.length === 0) continue;
      const offered = all.reduce((sum, r) => sum + withEsp(r, v.espOverheadBytes), 0);
      judge(`vpn gateway ${v.sku} (${dir})`, offered, v.capacityBps, `the ${v.sku} gateway's aggregate throughput`, flows);
    }
    for (const [site, rates] of load.vpnSites)
      for (const dir of DIRECTIONS) {
        const r = rates[dir];
        if (r.flows.length === 0) continue;
        const internet = v.internet[site]!.bandwidthBps;
        const [capacity, what] = internet < v.tunnelBps ? [internet, `the internet access of ${site}`] : [v.tunnelBps, `one ${v.sku} tunnel's throughput`];
        judge(`tunnel ${site} (${dir})`, withEsp(r, v.espOverheadBytes), capacity, what, r.flows);
      }
    return findings;
  },
};

export const vpnTunnelPps: Rule = {
  id: 'vpn-tunnel-pps',
  what: "a tunnel's packets per second, when ExpressRoute is lost, near or over the SKU's per-tunnel packet cap",
  check({ scenario: s, load }) {
    const v = s.vpn;
    if (v === undefined || !Number.isFinite(v.tunnelPps)) return [];
    const findings: Finding[] = [];
    for (const [site, rates] of load.vpnSites)
      for (const dir of DIRECTIONS) {
        const r = rates[dir];
        const share = r.pps / v.tunnelPps;
        if (r.flows.length === 0 || share < NEAR_LIMIT) continue;
        const over = share > 1;
        findings.push({
          rule: this.id,
          severity: over ? 'error' : 'warning',
          subject: `tunnel ${site} (${dir})`,
          message: `${r.flows.join(', ')} offer ${Math.round(r.pps)} packets/s on the tunnel of ${site} when ExpressRoute is lost, against ${v.sku}'s ${v.tunnelPps} per tunnel (${pct(share)}), at ${formatRate(withEsp(r, v.espOverheadBytes))}`,
          reason: over ? 'small packets reach the packet cap before the bit rate: the excess is lost for as long as ExpressRoute is down' : 'under a fifth of headroom: peaks above the mean are lost',
          source: '[VPNSKU23]',
        });
      }
    return findings;
  },
};

export const vpnOnlyBackupCritical: Rule = {
  id: 'vpn-only-backup-critical',
  what: 'a critical workload whose every circuit is at one peering location, backed up by a VPN alone',
  check({ scenario: s }) {
    if (!s.critical || s.vpn === undefined || s.model === 'custom') return [];
    const locations = new Set(s.circuits.map((c) => c.peeringLocation));
    if (locations.size > 1) return [];
    return [
      {
        rule: this.id,
        severity: 'warning',
        subject: 'vpn',
        message: `critical is true, every circuit is at peering location ${s.circuit.peeringLocation}, and the VPN (${s.vpn.sku}) is the only backup`,
        reason:
          'Microsoft recommends circuits at two peering locations for critical workloads; a VPN backup runs over the internet with its latency, loss and lower capacity, and an outage of the location leaves the workload on it',
        source: '[RESIL][S2SBK]',
      },
    ];
  },
};

export const vpnGatewayUnsupported: Rule = {
  id: 'vpn-gateway-unsupported',
  what: 'a Basic SKU or policy-based VPN gateway coexists with ExpressRoute',
  check({ scenario: s }) {
    const v = s.vpn;
    if (v === undefined) return [];
    const problems = [...(v.sku === 'Basic' ? ['vpn.sku is Basic'] : []), ...(v.type === 'policy-based' ? ['vpn.type is policy-based'] : [])];
    if (problems.length === 0) return [];
    return [
      {
        rule: this.id,
        severity: 'error',
        subject: 'vpn',
        message: `${problems.join(' and ')}: a VPN gateway that coexists with ExpressRoute must be route-based and not Basic`,
        reason: 'Azure does not support this gateway alongside an ExpressRoute gateway, so the design cannot be deployed as it is',
        source: '[COEX23]',
      },
    ];
  },
};

export const dualStackCoexistence: Rule = {
  id: 'dual-stack-coexistence',
  what: 'a VPN backs up ExpressRoute on a dual-stack virtual network',
  check({ scenario: s }) {
    if (s.vpn === undefined || !s.routing.dualStack) return [];
    return [
      {
        rule: this.id,
        severity: 'error',
        subject: 'vpn',
        message: 'routing.dualStack is true and a vpn block backs up ExpressRoute',
        reason: 'coexistence of ExpressRoute and a site-to-site VPN in a dual-stack virtual network is not supported: there is no VPN backup to fail over to',
        source: '[COEX23]',
      },
    ];
  },
};
