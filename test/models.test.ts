import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenarioFile, parseScenarioText } from '../sim/scenario/load-scenario';
import type { ModelKind } from '../sim/scenario/types';
import { buildTopology } from '../sim/topology/build-topology';

const models = suite('connectivity model graphs');

const minimal = (model: ModelKind, extra = '') => `
name: m
model: ${model}
duration: 1s
sites: [{ name: hq, distance: 100km }, { name: branch, distance: 50km }]
${extra}`;

const ROLES_IN_PATH: Record<Exclude<ModelKind, 'custom'>, string[]> = {
  'cloud-exchange': ['premises', 'provider', 'msee', 'er-gateway', 'vnet'],
  'point-to-point': ['premises', 'provider', 'msee', 'er-gateway', 'vnet'],
  'any-to-any': ['premises', 'provider', 'msee', 'er-gateway', 'vnet'],
  direct: ['premises', 'msee', 'er-gateway', 'vnet'],
};

for (const model of Object.keys(ROLES_IN_PATH) as (keyof typeof ROLES_IN_PATH)[]) {
  models(`${model}: the roles of its path, and a primary and a secondary leg to two MSEEs`, () => {
    const g = buildTopology(parseScenarioText(minimal(model), 'm.yaml'));
    const roles = new Set(g.mapNodes((_n, a) => a.role));
    assert.equal([...roles].sort(), [...ROLES_IN_PATH[model]].sort());
    assert.equal(g.filterNodes((_n, a) => a.role === 'msee').sort(), ['msee-primary', 'msee-secondary']);
    for (const leg of ['primary', 'secondary'] as const) {
      const legLinks = g.filterEdges((_e, a) => a.leg === leg);
      assert.ok(legLinks.length > 0, `no ${leg} leg`);
      // The leg ends at its own MSEE and never touches the other.
      const ends = new Set(legLinks.flatMap((e) => g.extremities(e)));
      assert.ok(ends.has(`msee-${leg}`), `${leg} leg does not reach msee-${leg}`);
      assert.not.ok(ends.has(`msee-${leg === 'primary' ? 'secondary' : 'primary'}`));
    }
    assert.ok(g.hasEdge('msee-primary', 'er-gateway') && g.hasEdge('msee-secondary', 'er-gateway') && g.hasEdge('er-gateway', 'vnet'));
    // Provider circuits are policed on each leg at the purchased rate [RLPROV].
    const policed = g.filterEdges((_e, a) => a.policeBps > 0);
    if (model === 'direct') assert.is(policed.length, 0, 'Direct is not policed unless rateLimit is set');
    else assert.equal(policed.map((e) => g.getEdgeAttribute(e, 'policeBps')), [1e9, 1e9]);
  });
}

models('point-to-point: distance sets the propagation delay of the Ethernet lines (5 us/km)', () => {
  const g = buildTopology(parseScenarioText(minimal('point-to-point'), 'm.yaml'));
  assert.is(g.getEdgeAttribute('hq', 'provider-switch-primary', 'delayNs'), 500_000);
  assert.is(g.getEdgeAttribute('branch', 'provider-switch-secondary', 'delayNs'), 250_000);
});

models('managed Layer 3 puts provider edge routers where Layer 2 has a switch or fabric', () => {
  const l3 = buildTopology(parseScenarioText(minimal('cloud-exchange', 'circuit: { layer: 3 }'), 'm.yaml'));
  assert.ok(l3.hasNode('provider-pe-primary') && !l3.hasNode('exchange-primary'));
});

models('direct with rateLimit polices each port at the circuit bandwidth', () => {
  const g = buildTopology(parseScenarioText(minimal('direct', 'circuit: { bandwidth: 5Gbps, port: 10Gbps, rateLimit: true }'), 'm.yaml'));
  assert.equal(g.filterEdges((_e, a) => a.policeBps > 0).map((e) => g.getEdgeAttribute(e, 'policeBps')), [5e9, 5e9]);
});

const bundled = suite('bundled scenarios');
const files = fs.readdirSync('scenarios').filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.schema.json'));

bundled('there is one bundled scenario per connectivity model', () => {
  const kinds = files.map((f) => loadScenarioFile(path.join('scenarios', f)).model);
  for (const m of ['cloud-exchange', 'point-to-point', 'any-to-any', 'direct']) assert.ok(kinds.includes(m as ModelKind), `no ${m} scenario`);
});

models.run();
bundled.run();
