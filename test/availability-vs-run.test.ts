import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ScenarioSimulation } from '../sim/run/scenario-simulation';
import { EventLog } from '../sim/metrics/event-log';
import { tracePath } from '../sim/routing/forwarding';
import { parseScenarioText } from '../sim/scenario/load-scenario';
import type { Scenario } from '../sim/scenario/types';
import { buildAvailabilityModel } from '../sim/study/availability-model';
import { replicate } from '../sim/study/availability-replication';

const tie = suite('the availability study and ersim run see the same outages');

/** Enough flow hashes to take every ECMP branch of a two-leg circuit. */
const HASHES = 32;

/**
 * A run's outages of `site`: the stretches during which, by the run's own forwarding tables,
 * some packet between the site and the VNet (either way, any flow hash) ends nowhere or crosses
 * a link that is down. Sampled after every recomputation of the tables; changes that cancel out
 * at the same instant are no outage.
 */
function runOutages(s: Scenario, seed: number, site: string): [number, number][] {
  const run = new ScenarioSimulation(s, seed, new EventLog());
  const src = run.net.node(site);
  const vnet = run.net.nodes.find((n) => n.role === 'vnet')!;
  const lossy = (): boolean => {
    for (const [a, b] of [[src, vnet], [vnet, src]] as const)
      for (let h = 0; h < HASHES; h++) {
        const path = tracePath(run.net, a, b, h);
        if (path === undefined || path.some((d) => !d.up)) return true;
      }
    return false;
  };
  const samples: [number, boolean][] = [];
  const tables = run.routing.onReroute;
  run.routing.onReroute = () => {
    tables?.();
    const now = run.sim.now;
    if (samples.length > 0 && samples[samples.length - 1]![0] === now) samples.pop();
    samples.push([now, lossy()]);
  };
  run.start();
  run.runToEnd();
  const outages: [number, number][] = [];
  let from = -1;
  for (const [t, down] of samples) {
    if (down && from < 0) from = t;
    if (!down && from >= 0) {
      if (t > from) outages.push([from, t]);
      from = -1;
    }
  }
  if (from >= 0) outages.push([from, s.durationNs]);
  return outages;
}

/** The study's outages of the first site in the design that is the scenario as written, on a kernel counting ns over the run's duration. */
function studyOutages(s: Scenario, seed: number, design: string): [number, number][] {
  const model = buildAvailabilityModel(s);
  const d = model.designs.findIndex((x) => x.name === design);
  assert.ok(d >= 0, design);
  return replicate(model, seed, 1, s.durationNs, { unitNs: 1, routingDelays: true }).tallies[d]![0]!.outages;
}

const pointToPoint = (circuit: string, vpn: string, failures: string[]) =>
  parseScenarioText(
    `
name: tie
model: point-to-point
duration: 40min
circuit: { ${circuit} }
sites: [{ name: hq }]
${vpn}
routing: { premisesConvergence: 2s, gatewayConvergence: 10s, reestablish: 5s }
traffic: [{ name: probe, kind: cbr, from: hq, to: vnet, rate: 800bps, size: 100B }]
failures: [${failures.join(', ')}]
`,
    'tie.yaml',
  );

const legs = ['{ target: primary, mtbf: 4min, mttr: 1min }', '{ target: secondary, mtbf: 4min, mttr: 1min }'];

tie('two legs with BFD and a VPN, all three failing at random every few minutes: the same outages, to the ns, for three seeds', () => {
  const s = pointToPoint('bfd: true', 'vpn: {}', [...legs, '{ target: internet, mtbf: 5min, mttr: 40s }']);
  for (const seed of [1, 2, 3]) {
    const run = runOutages(s, seed, 'hq');
    assert.ok(run.length >= 10, `seed ${seed}: ${run.length} outages`);
    assert.equal(studyOutages(s, seed, 'ExpressRoute plus VPN'), run, `seed ${seed}`);
  }
});

tie('two legs without BFD (the BGP hold timer), silent and admin failures, no VPN: the same outages', () => {
  const s = pointToPoint('bfd: false', '', [legs[0]!, '{ target: secondary, mtbf: 6min, mttr: 2min, mode: admin }']);
  for (const seed of [4, 5]) {
    const run = runOutages(s, seed, 'hq');
    assert.ok(run.length >= 5, `seed ${seed}: ${run.length} outages`);
    assert.equal(studyOutages(s, seed, 'ExpressRoute only'), run, `seed ${seed}`);
  }
});

tie('random prefix leaks to the MSEEs (4,500 over the 4,000 limit) close the sessions of both legs at once, with a VPN to fail over to: the same outages', () => {
  const leak = '{ target: circuit, kind: prefix-leak, prefixes: 4500, mtbf: 5min, mttr: 1min }';
  const s = pointToPoint('bfd: true', 'vpn: {}', [legs[0]!, leak]);
  for (const seed of [6, 7]) {
    const run = runOutages(s, seed, 'hq');
    assert.ok(run.length >= 5, `seed ${seed}: ${run.length} outages`);
    assert.equal(studyOutages(s, seed, 'ExpressRoute plus VPN'), run, `seed ${seed}`);
  }
});

tie('any-to-any: the provider links to the circuit lie outside every session and Azure learns of them only after gateway convergence; failing with a leg, the same outages', () => {
  const s = parseScenarioText(
    `
name: tie-mpls
model: any-to-any
duration: 40min
circuit: { bfd: true }
sites: [{ name: leeds }, { name: bristol }]
routing: { premisesConvergence: 1s, gatewayConvergence: 10s, reestablish: 5s }
traffic: [{ name: probe, kind: cbr, from: leeds, to: vnet, rate: 800bps, size: 100B }]
failures:
  - { target: pe-leeds--provider-pe-primary, mtbf: 3min, mttr: 1min }
  - { target: pe-leeds--provider-pe-secondary, mtbf: 5min, mttr: 30s }
  - { target: primary, mtbf: 3min, mttr: 1min }
`,
    'tie-mpls.yaml',
  );
  for (const seed of [1, 2]) {
    const run = runOutages(s, seed, 'leeds');
    assert.ok(run.length >= 5, `seed ${seed}: ${run.length} outages`);
    assert.equal(studyOutages(s, seed, 'ExpressRoute only'), run, `seed ${seed}`);
  }
});

tie.run();
