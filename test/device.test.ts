/**
 * One link direction built by hand (no topology graph): its device's transmitter, queue and
 * stages, and its channel. At 1 Gbps a 1000 B packet takes 8000 ns to send; the wire adds 100 us.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { LinkCounters } from '../sim/metrics/link-counters';
import { assembleDevice } from '../sim/net/stages/assemble';
import { RateAndPacketLimiter, TokenBucket } from '../sim/net/token-bucket';
import { bench, directionProps } from './helpers/direction';

const device = suite('device: transmitter, queue, channel');

device('an idle transmitter sends at once and is busy for the packet\'s transmission only; one event per packet', () => {
  const { sim, dir, rec, packet } = bench();
  const tx = dir.device.transmitter;
  assert.is(tx.state(0), 'idle');
  dir.send(packet(1000));
  assert.is(tx.state(0), 'busy');
  assert.is(tx.state(7999), 'busy');
  assert.is(tx.state(8000), 'idle');
  sim.run();
  assert.equal(rec.seen, ['0 transmit 0', '108000 arrive 0']);
  assert.is(sim.executed, 1);
});

device('a busy transmitter queues: packets leave back to back', () => {
  const { sim, dir, rec, packet } = bench();
  for (let i = 0; i < 3; i++) dir.send(packet(1000));
  assert.is(dir.queue.packets, 2);
  assert.is(dir.queue.bytes, 2000);
  sim.run();
  assert.equal(rec.seen, ['0 transmit 0', '0 enqueue 1', '0 enqueue 2', '8000 transmit 1', '16000 transmit 2', '108000 arrive 0', '116000 arrive 1', '124000 arrive 2']);
  assert.is(dir.device.transmitter.state(sim.now), 'idle');
});

device('a full queue drops with cause queue; a transmitter freeing up at this instant frees up first', () => {
  const { sim, dir, rec, packet } = bench({ queueBytes: 2000 });
  // Scheduled before the transmitter's own drain at 8000, so it runs first at that instant.
  sim.at(8000, () => dir.send(packet(1000)));
  for (let i = 0; i < 4; i++) dir.send(packet(1000));
  sim.run();
  assert.equal(rec.seen, [
    '0 transmit 0', '0 enqueue 1', '0 enqueue 2', '0 drop 3 queue',
    '8000 transmit 1', '8000 enqueue 4',
    '16000 transmit 2', '24000 transmit 4',
    '108000 arrive 0', '116000 arrive 1', '124000 arrive 2', '132000 arrive 4',
  ]);
});

device('down: the queue and the wire are lost with cause down, a packet offered is dropped; back up it sends at once', () => {
  const { sim, dir, rec, packet } = bench();
  for (let i = 0; i < 3; i++) dir.send(packet(1000));
  sim.at(10_000, () => dir.setUp(false));
  sim.at(20_000, () => dir.send(packet(1000)));
  sim.at(50_000, () => dir.setUp(true));
  sim.at(60_000, () => dir.send(packet(1000)));
  sim.run();
  assert.equal(rec.seen, [
    '0 transmit 0', '0 enqueue 1', '0 enqueue 2', '8000 transmit 1',
    '10000 drop 2 down', '20000 drop 3 down', '60000 transmit 4',
    '108000 drop 0 down', '116000 drop 1 down', '168000 arrive 4',
  ]);
  assert.is(dir.downTimeNs(sim.now), 40_000);
});

device('the channel loses every n-th packet with cause loss, at its transmission', () => {
  const { sim, dir, rec, packet } = bench({ lossEvery: 3 });
  for (let i = 0; i < 6; i++) dir.send(packet(1000));
  sim.run();
  assert.equal(rec.seen.filter((s) => s.includes('drop')), ['16000 drop 2 loss', '40000 drop 5 loss']);
  assert.is(rec.seen.filter((s) => s.includes('arrive')).length, 4);
});

device('assembled stages in the order a packet meets them: ESP, fragments under the MTU, then framing per fragment', () => {
  const props = directionProps({ encapBytes: 64, tunnelMtuBytes: 1400, mtuBytes: 1400, frameOverheadBytes: 32, policeBps: 1e9, policeBurstBytes: 1e6 });
  const shared = {
    gateway: new RateAndPacketLimiter(new TokenBucket(1e9, 1e9), new TokenBucket(1e6, 1e6)),
    tunnels: { bySrc: true, caps: new Map([[0, new TokenBucket(1e9, 1e9)]]) },
    tunnelPackets: { bySrc: true, caps: new Map([[0, new TokenBucket(1e6, 1e6)]]) },
  };
  const parts = assembleDevice(props, shared);
  assert.equal(parts.stages.map((s) => s.constructor.name), ['TunnelEntry', 'Fragmentation', 'Policer', 'GatewayLimiter', 'TunnelCap', 'TunnelPacketCap', 'MacsecFraming']);
  assert.is(parts.queue.limitBytes, 1e6);

  // 1400 B + 64 B of ESP = 1464 B > 1400: two fragments of at most 1376 B of payload, 1484 B on
  // the wire, each framed with 32 B: 1548 B sent, 12 384 ns at 1 Gbps.
  const { sim, dir, bus, rec, packet } = bench(props, parts.stages);
  const counters = new LinkCounters([dir]);
  bus.subscribe(counters);
  const p = packet(1400);
  dir.send(p);
  assert.is(p.encapBytes, 64);
  assert.is(p.fragments, 2);
  assert.is(p.wireBytes, 1484);
  assert.is(p.framingBytes, 64);
  assert.is(dir.device.transmitter.state(12_383), 'busy');
  assert.is(dir.device.transmitter.state(12_384), 'idle');
  sim.run();
  assert.equal(rec.seen, ['0 transmit 0', '112384 arrive 0']);
  assert.is(counters.of(dir).txBytes, 1548);
  assert.is(dir.device.fragmentedPackets(), 1);
  assert.is(p.framingBytes, 0, 'the receiving port strips the framing');
});

device.run();
