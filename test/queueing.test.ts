import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { txTimeNs } from '../sim/kernel/time';
import { buildChain } from './helpers/chain';

/**
 * One link fed by Poisson arrivals of fixed-size packets is an M/D/1 queue. Its mean waiting
 * time is Wq = rho / (2 mu (1 - rho)) (Pollaczek-Khinchine with zero service variance).
 *
 * Run lengths: 1,000,000 packets at rho 0.5 and 4,000,000 at rho 0.8. The queue's correlation
 * time grows as 1 / (1 - sqrt(rho))^2 service times (about 90 at 0.8), so these lengths give
 * a standard error of the mean wait near 1 %: the 3 % tolerance is about three standard errors.
 */
const md1 = suite('M/D/1 queueing on one link');

const CAPACITY = 1e9;
const SIZE = 1250; // 10 us of service at 1 Gbps
const PROPAGATION = 1000;

function meanWaitNs(rho: number, packets: number, seed: number): number {
  const service = txTimeNs(SIZE, CAPACITY);
  const rate = rho * CAPACITY;
  const stopNs = Math.round((packets * SIZE * 8 * 1e9) / rate);
  const { sim, stats, source } = buildChain([{ capacityBps: CAPACITY, delayNs: PROPAGATION }], { kind: 'poisson', rateBps: rate, sizeBytes: SIZE, stopNs, seed });
  let sum = 0;
  let n = 0;
  stats.onDelivered = (_p, d) => {
    sum += d - service - PROPAGATION;
    n++;
  };
  source.start();
  sim.run();
  assert.is(stats.lostPackets, 0);
  return sum / n;
}

for (const [rho, packets] of [
  [0.5, 1_000_000],
  [0.8, 4_000_000],
] as const) {
  md1(`utilisation ${rho}: mean wait within 3 % of rho / (2 mu (1 - rho))`, () => {
    const serviceNs = (SIZE * 8 * 1e9) / CAPACITY;
    const theory = (rho * serviceNs) / (2 * (1 - rho));
    const got = meanWaitNs(rho, packets, 11);
    const err = Math.abs(got / theory - 1);
    assert.ok(err < 0.03, `mean wait ${got.toFixed(1)} ns vs M/D/1 ${theory.toFixed(1)} ns (${(err * 100).toFixed(2)} % off)`);
  });
}

md1.run();
