import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { prepare } from './helpers/simulate';

/**
 * The prefix-limit failure: a leak over the limit closes the BGP sessions at once ("BGP
 * sessions disconnect" [FAQ23]: the MSEE sends a NOTIFICATION, so no hold timer runs, and BFD
 * is off here to prove it), the traffic fails over to the VPN, and the sessions come back once
 * the count is under the limit ("restored once the prefix count gets below the limit"), after
 * the usual re-establishment (5 s by default).
 */
const leak = (failure: string, extra = '') => `
name: leak
model: point-to-point
duration: 40s
circuit: { bandwidth: 1Gbps, bfd: false${extra} }
sites: [{ name: hq, distance: 20km }]
vpn: { sku: VpnGw2 }
traffic:
  - { name: up, kind: cbr, from: hq, to: vnet, rate: 1Mbps, size: 1000B }
  - { name: down, kind: cbr, from: vnet, to: hq, rate: 1Mbps, size: 1000B }
failures:
  - ${failure}
`;

function run(yaml: string) {
  const { run, log } = prepare(yaml);
  run.runToEnd();
  const at = (event: string, subject?: string) => log.rows.filter((r) => r.event === event && (subject === undefined || r.subject === subject)).map((r) => r.timeNs / 1e9);
  const flow = (name: string) => run.flows.find((f) => f.config.name === name)!.stats;
  return { log, at, flow };
}

const limit = suite('prefix limit');

limit('a leak of 4,500 prefixes (limit 4,000) closes both sessions at the leak time, the flows fail over to the VPN, and they return 5 s after the leak ends', () => {
  const r = run(leak('{ target: circuit, kind: prefix-leak, at: 10s, for: 10s, prefixes: 4500 }'));
  assert.equal(r.at('prefix_leak'), [10]);
  // Both legs at once, at the leak time: no hold timer (up to 180 s) and no BFD.
  assert.equal(r.at('prefix_limit_exceeded'), [10, 10]);
  assert.equal(r.at('hold_expired'), []);
  assert.equal(r.at('prefix_limit_cleared'), [20, 20]);
  assert.equal(r.at('session_up'), [25, 25]);
  // The site's routers learn at once (premisesConvergence 0): up moves to the VPN at 10 s and back at 25 s.
  const moves = r.log.rows.filter((x) => x.subject === 'up' && (x.event === 'failover' || x.event === 'failback'));
  assert.ok(moves.some((m) => m.event === 'failover' && m.timeNs === 10e9 && m.detail.endsWith('-> vpn')), JSON.stringify(moves));
  assert.ok(moves.some((m) => m.event === 'failback' && m.timeNs === 25e9 && m.detail.startsWith('vpn ->')), JSON.stringify(moves));
  // Azure learns after gatewayConvergence (10 s): down reaches the VPN at 20 s.
  assert.ok(r.at('failover', 'down').includes(20), JSON.stringify(r.at('failover', 'down')));
  // up: no loss beyond the VPN's random loss (0.01 % of 5,000 packets is 0.5 on average; 5 allows for chance), and its longest gap
  // is the 8 ms packet spacing plus the VPN path's extra delay (10 ms latency, 1 ms jitter, the rest of the path): under 50 ms, where
  // a wait for the hold timer would be seconds.
  assert.ok(r.flow('up').lostPackets <= 5, `${r.flow('up').lostPackets}`);
  assert.ok(r.flow('up').longestGapNs < 50e6, `${r.flow('up').longestGapNs}`);
});

limit('a leak under the limit (3,900 of 4,000) closes nothing and moves nothing', () => {
  const r = run(leak('{ target: circuit, kind: prefix-leak, at: 10s, for: 10s, prefixes: 3900 }'));
  assert.equal(r.at('prefix_leak'), [10]);
  assert.equal(r.at('prefix_limit_exceeded'), []);
  assert.equal(r.at('failover'), []);
});

limit('Premium raises the limit to 10,000: 4,500 closes nothing, 10,001 closes both sessions', () => {
  assert.equal(run(leak('{ target: circuit, kind: prefix-leak, at: 10s, for: 10s, prefixes: 4500 }', ', premium: true')).at('prefix_limit_exceeded'), []);
  assert.equal(run(leak('{ target: circuit, kind: prefix-leak, at: 10s, for: 10s, prefixes: 10001 }', ', premium: true')).at('prefix_limit_exceeded'), [10, 10]);
});

limit('the gateway advertising 1,001 prefixes (limit 1,000 per connection) closes the connection the same way', () => {
  const r = run(leak('{ target: er-gateway, kind: prefix-leak, at: 10s, for: 10s, prefixes: 1001 }'));
  assert.equal(r.at('prefix_limit_exceeded'), [10, 10]);
  assert.match(r.log.rows.find((x) => x.event === 'prefix_limit_exceeded')!.detail, /gateway advertises 1001 prefixes to on-premises/);
  assert.equal(r.at('session_up'), [25, 25]);
});

limit('a leak to the VPN gateway (4,001 of 4,000) closes the tunnel\'s session only: with ExpressRoute up no flow moves', () => {
  const r = run(leak('{ target: vpn-gateway, kind: prefix-leak, at: 10s, for: 10s, prefixes: 4001 }'));
  assert.equal(r.log.rows.filter((x) => x.event === 'prefix_limit_exceeded').map((x) => [x.timeNs / 1e9, x.subject]), [[10, 'vpn:hq']]);
  assert.equal(r.at('session_up'), [25]);
  assert.equal(r.at('failover'), []);
});

limit('a count over the limit in the scenario itself: the sessions never come up, the flows use the VPN from the start, until a change brings the count under the limit', () => {
  // vnetPrefixes 1,001 is over the gateway's 1,000 per connection; a "leak" of 10 from 30 s on stands for a fix of the advertisement.
  const yaml = leak('{ target: er-gateway, kind: prefix-leak, at: 30s, prefixes: 10 }').replace('vpn: {', 'routing: { vnetPrefixes: 1001 }\nvpn: {');
  const r = run(yaml);
  const exceeded = r.log.rows.filter((x) => x.event === 'prefix_limit_exceeded');
  assert.equal(exceeded.map((x) => [x.timeNs, x.subject]), [[0, 'er-primary:hq'], [0, 'er-secondary:hq']]);
  assert.match(exceeded[0]!.detail, /never established/);
  // ExpressRoute comes up 5 s after the count falls under the limit.
  assert.equal(r.at('session_up'), [35, 35]);
  // Before 30 s every packet of up went over the VPN: at least 30 of the 40 s (75 %) of its deliveries.
  assert.ok(r.flow('up').vpnPackets >= 0.75 * r.flow('up').receivedPackets, `${r.flow('up').vpnPackets} of ${r.flow('up').receivedPackets}`);
});

limit('a scenario whose every path a prefix limit closes is refused, and the message says which sessions never come up', () => {
  // 4,200 is over the MSEEs' 4,000 and the VPN gateway's 4,000: no session is left.
  const yaml = leak('{ target: circuit, kind: prefix-leak, at: 10s, prefixes: 10 }').replace('vpn: {', 'routing: { advertisedPrefixes: 4200 }\nvpn: {');
  assert.throws(() => prepare(yaml), /no path to \(the sessions er-primary:hq, er-secondary:hq, vpn:hq never come up: routing\.advertisedPrefixes/);
});

limit('a prefix leak checks its fields: prefixes needed, no mode, and a target that receives prefixes', () => {
  const bad = (failure: string) => {
    try {
      prepare(leak(failure));
      return '';
    } catch (err) {
      return (err as Error).message;
    }
  };
  assert.match(bad('{ target: circuit, kind: prefix-leak, at: 10s }'), /failures\[0\]\.prefixes/);
  assert.match(bad('{ target: circuit, kind: prefix-leak, at: 10s, prefixes: 5000, mode: admin }'), /failures\[0\]\.mode/);
  assert.match(bad('{ target: circuit, at: 10s, prefixes: 5000 }'), /failures\[0\]\.prefixes: expected no prefixes unless kind is prefix-leak/);
  assert.match(bad('{ target: primary, kind: prefix-leak, at: 10s, prefixes: 5000 }'), /failures\[0\]\.target: expected what a prefix leak reaches/);
});

limit.run();
