/**
 * Site groups (issue 17 item 1): a group of sites in the scenario file stands for its members,
 * flows and failures naming the group for one per member; validate prints what they expanded to;
 * and a group too large for memory is refused before it is built (issue 19 item 6).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnErsim } from './helpers/cli';
import { type Doc, issueAt, load } from './helpers/scenario-docs';

const groups = suite('site groups');

function stores(group: Doc, rest: Doc = {}): Doc {
  return {
    name: 'retail',
    model: 'any-to-any',
    duration: '10s',
    sites: [{ name: 'dc', distance: '20km' }, { group: 'store', ...group }],
    traffic: [
      { name: 'pos', kind: 'poisson', from: 'store', to: 'vnet', rate: '200kbps', size: '400B' },
      { name: 'sync', kind: 'cbr', from: 'dc', to: 'vnet', rate: '1Mbps' },
    ],
    ...rest,
  };
}

groups('a group stands for count sites named <group>-0001..., distances spread evenly over the range, its fields on each', () => {
  const s = load(stores({ count: 5, distance: '100km..500km', bandwidth: '100Mbps' }));
  assert.equal(s.sites.map((x) => x.name), ['dc', 'store-0001', 'store-0002', 'store-0003', 'store-0004', 'store-0005']);
  assert.equal(s.sites.slice(1).map((x) => x.distanceM), [100e3, 200e3, 300e3, 400e3, 500e3]);
  assert.ok(s.sites.slice(1).every((x) => x.access.capacityBps === 100e6));
  const wide = load(stores({ count: 10000 }));
  assert.is(wide.sites[10000]!.name, 'store-10000');
  assert.is(wide.sites[1]!.name, 'store-00001', 'as many digits as the count needs');
});

groups('spread random: distances drawn in the range from the scenario seed, the same for the same seed', () => {
  const distances = (seed: number) => load(stores({ count: 50, distance: '50km..500km', spread: 'random' }, { seed })).sites.slice(1).map((x) => x.distanceM);
  const a = distances(1);
  assert.ok(a.every((d) => d >= 50e3 && d <= 500e3));
  assert.equal(distances(1), a);
  assert.not.equal(distances(2), a);
});

groups('a flow naming the group is one flow per member, <flow>@<member>; flows of single sites stay as they are', () => {
  const s = load(stores({ count: 3 }, { traffic: [{ name: 'voice', kind: 'cbr', from: 'vnet', to: 'store', rate: '80kbps', size: '200B' }, { name: 'one', kind: 'cbr', from: 'store-0002', to: 'vnet', rate: '1kbps' }] }));
  assert.equal(s.traffic.map((f) => [f.name, f.from, f.to]), [
    ['voice@store-0001', 'vnet', 'store-0001'],
    ['voice@store-0002', 'vnet', 'store-0002'],
    ['voice@store-0003', 'vnet', 'store-0003'],
    ['one', 'store-0002', 'vnet'],
  ]);
});

groups('a failure naming the group fails every member; one naming a member fails that one', () => {
  const s = load(stores({ count: 3 }, { failures: [{ target: 'store', at: '2s', for: '1s' }, { target: 'store-0002', at: '5s' }] }));
  assert.equal(s.failures.map((f) => f.target), ['store-0001', 'store-0002', 'store-0003', 'store-0002']);
});

groups('a range running backwards, a flow between two groups and a group named vnet are refused at their field', () => {
  issueAt('sites[1].distance', () => load(stores({ count: 3, distance: '500km..50km' })));
  const two = stores({ count: 2 });
  (two.sites as Doc[]).push({ group: 'kiosk', count: 2 });
  two.traffic = [{ name: 'x', kind: 'cbr', from: 'store', to: 'kiosk', rate: '1kbps' }];
  issueAt('traffic[0]', () => load(two));
  const vnet = stores({ count: 2 });
  (vnet.sites as Doc[])[1] = { group: 'vnet', count: 2 };
  vnet.traffic = [];
  issueAt('sites[1].group', () => load(vnet));
  issueAt('sites[1].count', () => load(stores({ count: 0 })));
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-groups-'));

groups('validate prints the sites, flows and failures each group expanded to', () => {
  fs.writeFileSync(path.join(tmp, 'retail.json'), JSON.stringify(stores({ count: 40, distance: '50km..500km' }, { failures: [{ target: 'store', at: '2s', for: '1s' }] })));
  const r = spawnErsim(['validate', 'retail.json'], tmp);
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /retail \(any-to-any, 41 sites, 41 flows, 40 failures\)/);
  assert.match(r.out, /group store: 40 sites, 40 flows, 40 failures/);
});

groups('issue 19 item 6: a group of 20,000 stores with a flow to each is refused before it is built, with the estimate and --force', () => {
  const huge = stores({ count: 20000 }, { traffic: [{ name: 'voice', kind: 'cbr', from: 'vnet', to: 'store', rate: '80kbps', size: '200B' }] });
  fs.writeFileSync(path.join(tmp, 'huge.json'), JSON.stringify(huge));
  const r = spawnErsim(['run', 'huge.json', '--out', 'out'], tmp);
  assert.is(r.code, 2, r.err);
  assert.match(r.err, /would hold about [\d.]+ GiB of memory once built \(\d+ nodes, 20001 flow destinations, 20000 flows; the memory limit is 1\.5 GiB\)/);
  assert.match(r.err, /--force/);
  assert.not.ok(fs.existsSync(path.join(tmp, 'out', 'retail')));
});

groups.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

groups.run();
