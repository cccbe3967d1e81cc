import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { link, simulate, tally, throughputBps } from './helpers/simulate';

/**
 * ExpressRoute polices each leg at the purchased rate and drops the excess [RLPROV]; the
 * gateway caps bits and packets per second by SKU [ERGWPERF24]. Tolerance 2 %: over the 2 s runs the
 * policer's 5 ms bucket can let through at most 0.25 % above the rate, and CBR arrivals add no
 * randomness, so a correct policer lands well inside it.
 */
const policing = suite('circuit policing and gateway caps');

const scenario = (traffic: string, sku = 'ErGw3Az') => `
name: policing
model: cloud-exchange
duration: 2s
circuit: { bandwidth: 1Gbps }
gateway: { sku: ${sku} }
sites: [{ name: hq, bandwidth: 10Gbps }]
traffic:
${traffic}`;

const within = (got: number, want: number, tol: number, what: string) =>
  assert.ok(Math.abs(got / want - 1) <= tol, `${what}: ${(got / 1e6).toFixed(2)} Mbps vs ${(want / 1e6).toFixed(2)} Mbps`);

policing('1.5x the bandwidth on one leg: the leg delivers its rate, the excess is counted at its policer', () => {
  // Flow "a" hashes onto the primary leg.
  const run = simulate(scenario('  - { name: a, kind: cbr, from: hq, to: vnet, rate: 1500Mbps, size: 1000B }'));
  within(throughputBps(run, 'a'), 1e9, 0.02, 'delivered');
  const leg = tally(run, 'exchange-primary->msee-primary');
  const stats = run.flows[0]!.stats;
  assert.ok(leg.drops.policer > 0);
  assert.is(leg.drops.policer, stats.lostPackets, 'every loss is a policer drop on the leg');
  within(leg.drops.policer * 1000 * 8 / 2, 0.5e9, 0.02, 'dropped');
  assert.is(tally(run, 'exchange-secondary->msee-secondary').txPackets, 0, 'the other leg carried nothing');
});

policing('flows on both legs: up to twice the bandwidth gets through', () => {
  // "a" hashes onto the primary leg, "c" onto the secondary: 3 Gbps offered, 2 Gbps policed.
  const run = simulate(
    scenario(`  - { name: a, kind: cbr, from: hq, to: vnet, rate: 1500Mbps, size: 1000B }
  - { name: c, kind: cbr, from: hq, to: vnet, rate: 1500Mbps, size: 1000B }`),
  );
  assert.ok(tally(run, 'exchange-primary->msee-primary').drops.policer > 0);
  assert.ok(tally(run, 'exchange-secondary->msee-secondary').drops.policer > 0);
  within(throughputBps(run, 'a') + throughputBps(run, 'c'), 2e9, 0.02, 'both legs together');
});

policing('under the bandwidth nothing is policed', () => {
  const run = simulate(scenario('  - { name: a, kind: cbr, from: hq, to: vnet, rate: 950Mbps, size: 1000B }'));
  assert.is(run.flows[0]!.stats.lostPackets, 0);
  within(throughputBps(run, 'a'), 950e6, 0.001, 'delivered');
});

policing('small packets above the gateway packet rate are capped at it (ErGw1Az: 100,000 packets/s)', () => {
  // 100 B at 200,000 packets/s is only 160 Mbps, far under the 1 Gbps circuit and gateway bit rate.
  const run = simulate(scenario('  - { name: a, kind: cbr, from: hq, to: vnet, rate: 160Mbps, size: 100B }', 'ErGw1Az'));
  const f = run.flows[0]!.stats;
  within(f.receivedPackets / 2, 100_000, 0.02, 'packets/s x 1e6');
  assert.is(tally(run, 'er-gateway->vnet').drops.gateway, f.lostPackets);
  assert.is(tally(run, 'exchange-primary->msee-primary').drops.policer, 0);
});

policing('large packets at the gateway bit rate are capped at it, not at the packet rate (ErGw1Az: 1 Gbps)', () => {
  const run = simulate(scenario('  - { name: a, kind: cbr, from: hq, to: vnet, rate: 1400Mbps, size: 1400B }', 'ErGw1Az').replace('bandwidth: 1Gbps', 'bandwidth: 2Gbps'));
  within(throughputBps(run, 'a'), 1e9, 0.02, 'delivered');
  assert.ok(tally(run, 'er-gateway->vnet').drops.gateway > 0);
});

policing('packets over the 1400 B ExpressRoute MTU are fragmented at the gateway link and counted twice by its packet cap', () => {
  const run = simulate(scenario('  - { name: a, kind: cbr, from: hq, to: vnet, rate: 12Mbps, size: 1500B }', 'ErGw1Az'));
  const gw = link(run, 'msee-primary->er-gateway');
  assert.is(gw.device.fragmentedPackets(), run.flows[0]!.stats.sentPackets);
  // 1500 B = 20 B header + 1480 B payload; 1376 B of payload per fragment: two fragments, 1520 B on the wire.
  assert.is(tally(run, gw.id).txBytes, tally(run, gw.id).txPackets * 1520);
  assert.is(run.flows[0]!.stats.lostPackets, 0);
});

policing.run();
