import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { VPN_PLANNED_FAILOVER_NS, VPN_UNPLANNED_FAILOVER_NS } from '../sim/domain/expressroute';
import { RandomStreams } from '../sim/kernel/random';
import { Simulator } from '../sim/kernel/simulator';
import { draw, failureStreams, gatewayTakeoverNs, startRenewal } from '../sim/faults/failure-process';
import { parseScenarioText } from '../sim/scenario/load-scenario';

const renewal = suite('failure process: the renewal process a run and the availability study share');

const H = 3600e9;
const s = parseScenarioText(
  `
name: fp
model: point-to-point
duration: 10s
circuit: {}
sites: [{ name: hq }]
vpn: {}
failures:
  - { target: primary, mtbf: 10h, mttr: 1h }
  - { target: primary, at: 1s, for: 1s }
  - { target: primary, mtbf: 20h, mttr: 2h, dist: weibull, shape: 2 }
  - { target: vpn-gateway, mtbf: 100h, mttr: 5h }
  - { target: vpn-gateway, mtbf: 100h, mttr: 5h, mode: admin }
`,
  'fp.yaml',
);

/** Run a failure's renewal process alone; its outages as [from, to] in the kernel's units. */
function outages(i: number, seed: number, horizon: number, unitNs: number, fixedDown?: number): [number, number][] {
  const f = s.failures[i]!;
  if (f.kind !== 'random') throw new Error('random only');
  const sim = new Simulator();
  const list: [number, number][] = [];
  const stream = new RandomStreams(seed).stream(failureStreams(s)[i]!);
  startRenewal(sim, f, stream, horizon, unitNs, fixedDown, { fail: () => list.push([sim.now, -1]), repair: () => (list[list.length - 1]![1] = sim.now) });
  sim.run();
  return list;
}

renewal('streams are named failure:<target>#<k>, k counting the random failures of that target; a scheduled failure has none', () => {
  assert.equal(failureStreams(s), ['failure:primary#0', undefined, 'failure:primary#1', 'failure:vpn-gateway#0', 'failure:vpn-gateway#1']);
});

renewal('the draws: time to failure, at the failure the time to repair, after the repair the next time to failure, from one stream, rounded to whole ns', () => {
  const got = outages(0, 7, 1000 * H, 1);
  const r = new RandomStreams(7).stream('failure:primary#0');
  const f = s.failures[0]!;
  if (f.kind !== 'random') throw new Error('random');
  let t = Math.max(1, Math.round(draw(f.ttf, r)));
  const expected: [number, number][] = [];
  while (t < 1000 * H) {
    const down = Math.max(1, Math.round(draw(f.ttr, r)));
    expected.push([t, t + down < 1000 * H ? t + down : -1]);
    t += down + Math.max(1, Math.round(draw(f.ttf, r)));
  }
  assert.equal(got, expected);
  // About 1000 h / 11 h of them.
  assert.ok(got.length > 60 && got.length < 120, `${got.length}`);
});

renewal('the same seed gives the same outages; another seed others', () => {
  assert.equal(outages(2, 3, 500 * H, 1), outages(2, 3, 500 * H, 1));
  assert.not.equal(outages(2, 3, 500 * H, 1), outages(2, 4, 500 * H, 1));
});

renewal('in ms (the study) the same draws give the same outages to the ms', () => {
  const ns = outages(0, 5, 200 * H, 1);
  const ms = outages(0, 5, 200 * H / 1e6, 1e6);
  assert.is(ms.length, ns.length);
  // Each lifetime is rounded on its own: the error grows by at most 0.5 ms a draw.
  ms.forEach(([from], k) => assert.ok(Math.abs(from - ns[k]![0] / 1e6) <= k + 1, `${k}: ${from} vs ${ns[k]![0] / 1e6}`));
});

renewal('the VPN gateway: down for the standby takeover, unplanned 90 s or planned 15 s by default [VPNHA16], whatever the repair time; the renewal still waits out the drawn repair', () => {
  const [silent, admin] = [s.failures[3]!, s.failures[4]!];
  assert.is(gatewayTakeoverNs(silent, s), VPN_UNPLANNED_FAILOVER_NS);
  assert.is(gatewayTakeoverNs(admin, s), VPN_PLANNED_FAILOVER_NS);
  assert.is(gatewayTakeoverNs(s.failures[0]!, s), undefined);
  const drawn = outages(3, 1, 2000 * H, 1);
  const fixed = outages(3, 1, 2000 * H, 1, VPN_UNPLANNED_FAILOVER_NS);
  assert.equal(fixed.map(([from]) => from), drawn.map(([from]) => from));
  for (const [from, to] of fixed) assert.is(to, from + VPN_UNPLANNED_FAILOVER_NS);
});

renewal('nothing at or after the horizon is scheduled', () => {
  for (const [from, to] of outages(0, 9, 50 * H, 1)) {
    assert.ok(from < 50 * H);
    assert.ok(to === -1 || to < 50 * H);
  }
});

renewal.run();
