/**
 * NetNode built by hand: it delivers what is addressed to it, forwards the rest by its table
 * (one of several equal-cost next hops per flow), and drops what it cannot take (down, no route)
 * on the bus, counted on the direction that brought the packet and told to the flow with its cause.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RandomStreams } from '../sim/kernel/random';
import { Simulator } from '../sim/kernel/simulator';
import { LinkCounters } from '../sim/metrics/link-counters';
import { flowDrops } from '../sim/metrics/network-counters';
import { DropTailQueue } from '../sim/net/drop-tail-queue';
import { LinkDirection, NetBus } from '../sim/net/link-direction';
import { ecmpIndex, ForwardingTables } from '../sim/net/forwarding-tables';
import { NetNode } from '../sim/net/net-node';
import { Packet, PATH_CLASS_ER } from '../sim/net/packet';
import { TraceBus } from '../sim/trace/trace-bus';
import { directionProps, Recorder } from './helpers/direction';

const node = suite('net node');

/** Node 0 (`r`) with two equal-cost directions toward node 1 (`v`), and one direction `s->r` that brings packets in. */
function setUp() {
  const sim = new Simulator();
  const bus: NetBus = new TraceBus();
  const rec = new Recorder(sim, bus);
  const tables = new ForwardingTables();
  const r = new NetNode(sim, bus, tables, 0, 'r', 'provider', 'r', true);
  const v = new NetNode(sim, bus, tables, 1, 'v', 'vnet', 'v', false);
  const rng = new RandomStreams(1);
  const make = (index: number, from: string, to: string, receiver: NetNode) => {
    const props = directionProps({ link: `${from}--${to}/${index}`, from, to });
    return new LinkDirection(sim, rng, bus, index, props, { stages: [], queue: new DropTailQueue(props.queueBytes) }, receiver);
  };
  const up = [make(0, 'r', 'v', v), make(1, 'r', 'v', v)];
  const arriving = make(2, 's', 'r', r);
  r.out.push(...up);
  tables.reset(2, [1]);
  tables.set(0, r.out, PATH_CLASS_ER, 1, [0, 1], 2);
  tables.setChoice(0, 1, PATH_CLASS_ER);
  const counters = new LinkCounters([...up, arriving]);
  bus.subscribe(counters);
  bus.subscribe(flowDrops);
  let seq = 0;
  const packet = (dst: number, flowHash = 7) => new Packet(rec, 2, dst, flowHash, 1000, 0, seq++);
  return { sim, bus, rec, r, v, up, arriving, counters, packet };
}

node('a packet addressed to the node is delivered: published and handed to its flow', () => {
  const { sim, bus, rec, v, packet } = setUp();
  const delivered: number[] = [];
  bus.subscribe({ deliver: (p) => delivered.push(p.seq) });
  sim.at(5, () => v.receive(packet(1), undefined));
  sim.run();
  assert.equal(rec.seen, ['5 deliver 0']);
  assert.equal(delivered, [0]);
});

node('forwarding: the flow\'s hash picks one of the equal-cost next hops, and the packet keeps the class chosen', () => {
  const { sim, bus, r, up, counters, packet } = setUp();
  const sentOn = new Map<number, LinkDirection>();
  bus.subscribe({ transmit: (p, dir) => sentOn.set(p.seq, dir) });
  const hashes = [1, 2, 3, 4, 5, 6];
  const packets = hashes.map((hash) => packet(1, hash));
  for (const p of packets) r.receive(p, undefined);
  sim.run();
  packets.forEach((p, i) => {
    assert.is(p.pathClass, PATH_CLASS_ER);
    assert.is(sentOn.get(p.seq), up[ecmpIndex(hashes[i]!, 0, 2)], `hash ${hashes[i]}`);
  });
  const sent = up.map((d) => counters.of(d).txPackets);
  assert.is(sent[0]! + sent[1]!, 6);
  assert.ok(sent[0]! > 0 && sent[1]! > 0, 'both next hops used');
});

node('a node that is down drops what reaches it: cause down, counted on the arriving direction, told to the flow', () => {
  const { sim, rec, r, arriving, counters, packet } = setUp();
  r.up = false;
  sim.at(3, () => r.receive(packet(1), arriving));
  sim.at(4, () => r.receive(packet(1), undefined));
  sim.run();
  assert.equal(rec.seen, ['3 drop 0 down', '3 sink-drop 0 down', '4 drop 1 down', '4 sink-drop 1 down']);
  assert.is(counters.of(arriving).drops.down, 1, 'the source\'s own drop counts on no link');
});

node('no route: cause noroute, on the arriving direction', () => {
  const { sim, rec, r, arriving, counters, packet } = setUp();
  sim.at(2, () => r.receive(packet(5), arriving));
  sim.run();
  assert.equal(rec.seen, ['2 drop 0 noroute', '2 sink-drop 0 noroute']);
  assert.is(counters.of(arriving).drops.noroute, 1);
  assert.is(counters.of(arriving).drops.down, 0);
});

node.run();
