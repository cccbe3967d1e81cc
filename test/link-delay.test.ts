import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { txTimeNs } from '../sim/kernel/time';
import { buildChain, HopSpec } from './helpers/chain';

const delay = suite('one-way delay on an idle chain');

// The chain of the benchmark: premises, provider, MSEE, gateway, VNet.
const CHAIN: HopSpec[] = [
  { capacityBps: 1e9, delayNs: 100_000 },
  { capacityBps: 10e9, delayNs: 2_000_000 },
  { capacityBps: 10e9, delayNs: 50_000 },
  { capacityBps: 400e6, delayNs: 500_000 },
];

delay('every packet takes exactly the sum of serialization and propagation', () => {
  const size = 1500;
  // 100 Mbps of 1500 B packets: one every 120 us, longer than any hop's 30 us serialization, so no packet ever waits.
  const { sim, stats, source } = buildChain(CHAIN, { kind: 'cbr', rateBps: 100e6, sizeBytes: size, stopNs: 1e9 });
  const expected = CHAIN.reduce((sum, h) => sum + txTimeNs(size, h.capacityBps) + h.delayNs, 0);
  const delays = new Set<number>();
  stats.onDelivered = (_p, d) => delays.add(d);
  source.start();
  sim.run();
  assert.is(stats.receivedPackets, Math.round(1e9 / 120_000) + 1);
  assert.equal([...delays], [expected]);
  assert.is(expected, 12_000 + 1_200 + 1_200 + 30_000 + 2_650_000);
});

delay('a packet arriving at a busy link waits exactly for the one ahead of it', () => {
  // Two hops, the second ten times slower: back-to-back packets queue at the second.
  const hops: HopSpec[] = [
    { capacityBps: 10e9, delayNs: 1000 },
    { capacityBps: 1e9, delayNs: 1000 },
  ];
  const { sim, stats, source } = buildChain(hops, { kind: 'cbr', rateBps: 10e9, sizeBytes: 1250, stopNs: 3000 });
  const delays: number[] = [];
  stats.onDelivered = (_p, d) => delays.push(d);
  source.start();
  sim.run();
  // Packets leave every 1000 ns; each takes 1000 ns then 10000 ns of serialization, so packet k waits 9000 k ns more.
  assert.equal(delays, [0, 1, 2].map((k) => 1000 + 1000 + 10_000 + 1000 + 9000 * k));
});

delay.run();
