/**
 * The VPN gateway's per-tunnel packet cap [VPNSKU23] on a whole run: small packets reach it long
 * before the tunnel's bit rate. A VpnGw1 tunnel passes 62,000 packets per second, so 200 B voice
 * packets get 62,000 x 200 x 8 = 99.2 Mbps of a tunnel rated 650 Mbps, as packets and as a fluid
 * flow alike; 1,400 B packets at the same offered rate stay under the packet cap and pass whole.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { simulate, tally, throughputBps } from './helpers/simulate';

const pps = suite('VPN per-tunnel packets per second');

// Azure reaches hq over the VPN for good: its route there is more specific than ExpressRoute's.
const scenario = (size: string, model: string, sku = 'VpnGw1'): string => `
name: tunnel-pps
model: cloud-exchange
duration: 400ms
sites: [{ name: hq }]
vpn: { sku: ${sku}, vpnPrefixLength: 24 }
traffic:
  - { name: calls, kind: cbr, from: vnet, to: hq, rate: 150Mbps, size: ${size}, model: ${model} }`;

const DURATION_S = 0.4;

pps('200 B packets on a VpnGw1 tunnel: 62,000 packets/s, 99.2 Mbps of the 150 offered, the excess dropped at the gateway', () => {
  const run = simulate(scenario('200B', 'packet'));
  const out = tally(run, 'vpn-gateway->internet');
  // The bucket starts full: 5 ms of the cap (310 packets) passes on top of the rate.
  const want = 62_000 * DURATION_S + 310;
  assert.ok(Math.abs(out.txPackets / want - 1) < 0.002, `${out.txPackets} packets sent, want ${want}`);
  assert.ok(out.drops.gateway > 10_000, 'the excess is dropped at the gateway');
});

pps('a fluid flow of 200 B packets gets the same 62,000 packets/s: 99.2 Mbps', () => {
  const got = throughputBps(simulate(scenario('200B', 'fluid')), 'calls');
  assert.ok(Math.abs(got / 99.2e6 - 1) < 0.002, `${(got / 1e6).toFixed(2)} Mbps`);
});

pps('1,400 B packets at the same rate are 13,400 packets/s: under the cap, nothing dropped', () => {
  const run = simulate(scenario('1400B', 'packet'));
  const out = tally(run, 'vpn-gateway->internet');
  assert.is(out.drops.gateway, 0);
  assert.ok(out.txPackets > 5_300, `${out.txPackets} packets in 0.4 s`);
});

pps('a VpnGw4 tunnel (220,000 packets/s) carries the 200 B calls whole', () => {
  const run = simulate(scenario('200B', 'packet', 'VpnGw4'));
  assert.is(tally(run, 'vpn-gateway->internet').drops.gateway, 0);
});

pps.run();
