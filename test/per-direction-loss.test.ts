/**
 * Loss, loss bursts and jitter per direction: the plain form is both directions, `{ forward,
 * reverse }` gives each its own; forward runs from the end a link id names first (on every
 * template link the premises side, toward Azure), and the channel of each direction applies
 * its own values.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bothWays } from '../sim/scenario/per-direction';
import { buildTopology } from '../sim/topology/build-topology';
import type { LinkKind, TopologyGraph } from '../sim/topology/topology-graph';
import { Network } from '../sim/net/network';
import { Simulator } from '../sim/kernel/simulator';
import { RandomStreams } from '../sim/kernel/random';
import { TraceBus } from '../sim/trace/trace-bus';
import { MODEL_KINDS } from '../sim/scenario/types';
import { Doc, issueAt, issuesOf, load, minimal } from './helpers/scenario-docs';
import { link, simulate, tally } from './helpers/simulate';
import { oneLink } from './helpers/one-link';

const loader = suite('per direction: the loader');

loader('one value is both directions; { forward, reverse } gives each its own, wherever a link takes loss or jitter', () => {
  const s = load({
    ...minimal(),
    linkDefaults: { loss: { forward: '1%', reverse: '0%' }, jitter: '2ms' },
    sites: [{ name: 'hq', jitter: { forward: '0ms', reverse: '3ms' } }],
    linkOverrides: [{ link: 'hq--colo-router', loss: { forward: '0%', reverse: '0.5%' } }],
    vpn: { internet: { loss: { forward: '0.1%', reverse: '0%' }, lossBurst: { forward: 3, reverse: 1 }, jitter: '1ms' } },
  });
  assert.equal(s.linkDefaults.loss, { forward: 0.01, reverse: 0 });
  assert.equal(s.linkDefaults.jitterNs, bothWays(2e6));
  assert.equal(s.sites[0]!.access.loss, { forward: 0.01, reverse: 0 }, 'a site takes linkDefaults as they are');
  assert.equal(s.sites[0]!.access.jitterNs, { forward: 0, reverse: 3e6 });
  assert.equal(s.linkOverrides[0]!.loss, { forward: 0, reverse: 0.005 });
  const internet = s.vpn!.internet.hq!;
  assert.equal([internet.loss, internet.lossBurst, internet.jitterNs], [{ forward: 0.001, reverse: 0 }, { forward: 3, reverse: 1 }, bothWays(1e6)]);
});

loader('a custom link takes them too', () => {
  const s = load({
    name: 'lab',
    model: 'custom',
    duration: '1s',
    custom: { nodes: [{ id: 'a', role: 'premises' }, { id: 'v', role: 'vnet' }], links: [{ from: 'a', to: 'v', bandwidth: '1Gbps', loss: { forward: '2%', reverse: '0%' } }] },
  });
  assert.equal(s.custom!.links[0]!.loss, { forward: 0.02, reverse: 0 });
});

loader('each direction is checked at its own path; the object form needs both', () => {
  const site = (loss: unknown): Doc => ({ ...minimal(), sites: [{ name: 'hq', loss }] });
  assert.match(issueAt('sites[0].loss.forward', () => load(site({ forward: '101%', reverse: '0%' }))).expected, '0% to 100%');
  issueAt('sites[0].loss.reverse', () => load(site({ forward: '1%' })));
  issueAt('sites[0].loss.sideways', () => load(site({ forward: '1%', reverse: '1%', sideways: '1%' })));
  issueAt('linkDefaults.jitter.reverse', () => load({ ...minimal(), linkDefaults: { jitter: { forward: '1ms', reverse: 'soon' } } }));
  // Bursts of 2 packets on average lose at most 2/3 of the packets, in the direction that has them.
  const tooLossy = { internet: { loss: { forward: '70%', reverse: '70%' }, lossBurst: { forward: 2, reverse: 1 } } };
  assert.equal(issuesOf(() => load({ ...minimal(), vpn: tooLossy })).map((i) => i.path), ['vpn.internet.loss.forward']);
});

/** Each direction's loss, for every direction of the graph built from `doc`: `from->to` -> loss. */
function lossByDirection(g: TopologyGraph): Map<string, number> {
  const net = new Network(new Simulator(), new RandomStreams(1), g, new TraceBus());
  return new Map(net.links.map((d) => [d.id, d.props.loss]));
}

const direction = suite('per direction: which way is forward');

direction('on every template link forward runs from the premises toward Azure (toward the core on an MPLS core link)', () => {
  for (const model of MODEL_KINDS.filter((m) => m !== 'custom')) {
    const s = load({ ...minimal(), model, sites: [{ name: 'hq' }, { name: 'branch' }], linkDefaults: { loss: { forward: '1%', reverse: '0%' } }, vpn: { internet: { loss: { forward: '1%', reverse: '0%' } } } });
    const g = buildTopology(s);
    // ExpressRoute links lead toward the vnet over ExpressRoute, the VPN's over the internet.
    const overEr = hopsToVnet(g, (kind) => kind !== 'internet' && kind !== 'vpn-tunnel');
    const overVpn = hopsToVnet(g, () => true);
    const losses = lossByDirection(g);
    g.forEachEdge((id, attrs, a, b) => {
      assert.is(losses.get(`${a}->${b}`), 0.01, `${model} ${id}: forward`);
      assert.is(losses.get(`${b}->${a}`), 0, `${model} ${id}: reverse`);
      if (b === 'mpls-core') return;
      const hops = attrs.kind === 'internet' || attrs.kind === 'vpn-tunnel' ? overVpn : overEr;
      assert.ok(hops.get(b)! < hops.get(a)!, `${model} ${id}: forward leads toward the vnet (${hops.get(a)} -> ${hops.get(b)} hops)`);
    });
  }
});

direction('an override naming a link from its other end means forward from that end', () => {
  const g = buildTopology(load({ ...minimal(), linkOverrides: [{ link: 'colo-router--hq', loss: { forward: '2%', reverse: '0%' } }] }));
  const losses = lossByDirection(g);
  assert.is(losses.get('colo-router->hq'), 0.02);
  assert.is(losses.get('hq->colo-router'), 0);
});

/** Hops from each node to the vnet over the links of the kinds `through` accepts, breadth first. */
function hopsToVnet(g: TopologyGraph, through: (kind: LinkKind) => boolean): Map<string, number> {
  const hops = new Map([['vnet', 0]]);
  const queue = ['vnet'];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    const here = hops.get(node)!;
    g.forEachEdge(node, (_id, attrs, a, b) => {
      const next = a === node ? b : a;
      if (hops.has(next) || !through(attrs.kind)) return;
      hops.set(next, here + 1);
      queue.push(next);
    });
  }
  return hops;
}

const channel = suite('per direction: the channel');

/** One link a -- v with `link` fields added, and `traffic`. */
function lab(link: string, traffic: string, duration = '2s'): string {
  return oneLink({ name: 'per-direction', link, traffic, duration });
}

channel('loss on the forward direction only: data forward is lost at its rate, the reverse loses nothing', () => {
  // About 10,000 packets each way: 2 s of 5,000 packets per second, from when routes are up.
  const run = simulate(lab('loss: { forward: 5%, reverse: 0% }', '  - { name: up, kind: cbr, from: a, to: vnet, rate: 40Mbps, size: 1000B }\n  - { name: down, kind: cbr, from: vnet, to: a, rate: 40Mbps, size: 1000B }'));
  const [up, down] = run.flows;
  const n = up!.stats.sentPackets;
  assert.ok(n > 9_900, `sent ${n}`);
  // Binomial(n, 5%): mean n p, about 500, standard deviation sqrt(n p (1 - p)), about 21.8; 4 deviations either side.
  const lost = tally(run, 'a->v').totalDrops('loss');
  const sd = Math.sqrt(n * 0.05 * 0.95);
  assert.ok(Math.abs(lost - n * 0.05) <= 4 * sd, `forward losses ${lost}, expected ${n * 0.05} +- ${4 * sd}`);
  assert.is(up!.stats.lostPackets, lost);
  assert.is(tally(run, 'v->a').totalDrops('loss'), 0);
  assert.is(down!.stats.lostPackets, 0);
});

channel('jitter on the reverse direction only: the forward flow keeps a constant delay', () => {
  const run = simulate(lab('jitter: { forward: 0ms, reverse: 1ms }', '  - { name: up, kind: cbr, from: a, to: vnet, rate: 8Mbps, size: 1000B }\n  - { name: down, kind: cbr, from: vnet, to: a, rate: 8Mbps, size: 1000B }'));
  assert.is(link(run, 'a->v').channel.props.jitterNs, 0);
  assert.is(link(run, 'v->a').channel.props.jitterNs, 1e6);
  const [up, down] = run.flows;
  assert.is(up!.stats.jitterNs, 0, 'no jitter forward');
  assert.ok(down!.stats.jitterNs > 0.1e6, `reverse jitter ${down!.stats.jitterNs} ns`);
});

channel('TCP with loss on its data direction only: ACKs all arrive, data is lost and resent', () => {
  const run = simulate(lab('loss: { forward: 0.5%, reverse: 0% }', '  - { name: bulk, kind: tcp, from: a, to: vnet }', '1s'));
  const data = tally(run, 'a->v');
  const acks = tally(run, 'v->a');
  assert.ok(data.totalDrops('loss') > 10, `data losses ${data.totalDrops('loss')}`);
  assert.ok(acks.totalTxPackets() > 1000, `ACKs sent ${acks.totalTxPackets()}`);
  assert.is(acks.totalDrops('loss'), 0, 'no ACK lost');
  assert.ok(run.flows[0]!.tcp!.retransmits > 0);
});

loader.run();
direction.run();
channel.run();
