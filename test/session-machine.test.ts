import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Simulator } from '../sim/kernel/simulator';
import type { Detector } from '../sim/routing/detection';
import { LateBelief, SessionMachine, type SessionTimings } from '../sim/routing/session-machine';

const machine = suite('session machine (no topology): transitions and times worked out by hand');

const S = 1e9;
const MS = 1e6;
/** BFD every 300 ms, x3, first hello at 100 ms: hellos at 0.1, 0.4, ..., 1.0, 1.3, 1.6, 1.9 s. */
const bfd: Detector = { kind: 'bfd', periodNs: 300 * MS, timeoutNs: 900 * MS, phaseNs: 100 * MS };
/** Sites after 2 s, the MSEEs at once, Azure after 10 s; sessions back 5 s after a repair. */
const timings = (detector: Detector, convergence = [2 * S, 0, 10 * S]): SessionTimings => ({ detector, reestablish: 5 * S, convergence });

/** A machine on its own kernel, with its outputs as lines "t event" and "t views up|down" (t in ms). */
function make(t: SessionTimings) {
  const sim = new Simulator();
  const out: string[] = [];
  const m = new SessionMachine(sim, t, 'a--b', {
    event: (_kind, event, detail) => out.push(`${sim.now / MS} ${event}${detail === '' ? '' : ` ${detail}`}`),
    belief: (views, up) => out.push(`${sim.now / MS} ${views.join('+')} ${up ? 'up' : 'down'}`),
  });
  const at = (ns: number, fn: () => void) => sim.at(ns, fn);
  return { sim, m, out, at };
}

machine('BFD: a silent failure at 1.25 s is noticed at 1.9 s (last hello 1.0 s + 900 ms); MSEE at once, sites 2 s and Azure 10 s later; repaired at 20 s, up at 25 s and believed after the same delays', () => {
  const { sim, m, out, at } = make(timings(bfd));
  at(1.25 * S, () => m.linksChanged(true, 'silent'));
  at(20 * S, () => m.linksChanged(false, 'silent'));
  sim.run();
  assert.equal(out, ['1900 bfd_down a--b', '1900 1 down', '3900 0 down', '11900 2 down', '25000 session_up', '25000 1 up', '27000 0 up', '35000 2 up']);
  assert.is(m.state, 'up');
});

machine('BGP hold timer: keepalives every 60 s from 10 s, hold 180 s; a failure at 100 s expires the hold at 70 + 180 = 250 s', () => {
  const { sim, m, out, at } = make(timings({ kind: 'bgp-hold', periodNs: 60 * S, timeoutNs: 180 * S, phaseNs: 10 * S }, [0, 0, 0]));
  at(100 * S, () => m.linksChanged(true, 'silent'));
  sim.run();
  assert.equal(out, ['250000 hold_expired a--b', '250000 0+1+2 down']);
  assert.is(m.state, 'down');
});

machine('IPsec DPD (45 s) before the BGP hold (last keepalive 60 s + 180 s): a failure at 100 s is a dead peer at 145 s; the VPN gateway learns at once, the sites 2 s later', () => {
  const { sim, m, out, at } = make(timings({ kind: 'bgp-hold', periodNs: 60 * S, timeoutNs: 180 * S, phaseNs: 0, deadPeerNs: 45 * S }, [2 * S, 0, 0]));
  at(100 * S, () => m.linksChanged(true, 'silent'));
  sim.run();
  assert.equal(out, ['145000 dpd_timeout a--b', '145000 1+2 down', '147000 0 down']);
});

machine('a flap shorter than the detection is masked when a hello gets through first (repair at 1.28 s, hello at 1.3 s < 1.9 s); not when the next hello is the detection time (repair at 1.65 s)', () => {
  const masked = make(timings(bfd));
  masked.at(1.25 * S, () => masked.m.linksChanged(true, 'silent'));
  masked.at(1.28 * S, () => masked.m.linksChanged(false, 'silent'));
  masked.sim.run();
  assert.equal(masked.out, ['1280 flap_masked repaired before the peers noticed']);
  const late = make(timings(bfd));
  late.at(1.25 * S, () => late.m.linksChanged(true, 'silent'));
  late.at(1.65 * S, () => late.m.linksChanged(false, 'silent'));
  late.sim.run();
  // Noticed at 1.9 s although repaired: down, then re-established 5 s later.
  assert.equal(late.out.slice(0, 3), ['1900 bfd_down a--b', '1900 1 down', '3900 0 down']);
  assert.ok(late.out.includes('6900 session_up'));
});

machine('DPD masks a flap only if it ends before the timeout', () => {
  const dpd: Detector = { kind: 'bgp-hold', periodNs: 60 * S, timeoutNs: 180 * S, phaseNs: 0, deadPeerNs: 45 * S };
  const { sim, m, out, at } = make(timings(dpd, [0, 0, 0]));
  at(100 * S, () => m.linksChanged(true, 'silent'));
  at(144 * S, () => m.linksChanged(false, 'silent'));
  sim.run();
  assert.equal(out, ['144000 flap_masked repaired before the peers noticed']);
});

machine('re-establishment: broken again before it completes, the session stays down; whole again at 10 s, up at 15 s', () => {
  const { sim, m, out, at } = make(timings(bfd, [0, 0, 0]));
  at(1.25 * S, () => m.linksChanged(true, 'silent'));
  at(3 * S, () => m.linksChanged(false, 'silent'));
  at(5 * S, () => m.linksChanged(true, 'silent'));
  at(10 * S, () => m.linksChanged(false, 'silent'));
  sim.run();
  assert.equal(out, ['1900 bfd_down a--b', '1900 0+1+2 down', '15000 session_up', '15000 0+1+2 up']);
});

machine('an administrative failure is withdrawn at once (BGP NOTIFICATION)', () => {
  const { sim, m, out, at } = make(timings(bfd));
  at(4 * S, () => m.linksChanged(true, 'admin'));
  sim.run();
  assert.equal(out.slice(0, 2), ['4000 bgp_withdraw a--b', '4000 1 down']);
});

machine('prefix refusal closes the session at once, cancels a pending detection, and re-establishes 5 s after the count is back under the limit', () => {
  const { sim, m, out, at } = make(timings(bfd));
  at(1.25 * S, () => m.linksChanged(true, 'silent'));
  at(1.5 * S, () => m.refuse('5000 prefixes, limit 4000', false));
  at(20 * S, () => m.linksChanged(false, 'silent'));
  at(30 * S, () => m.admit());
  sim.run();
  assert.equal(out, [
    '1500 prefix_limit_exceeded 5000 prefixes, limit 4000',
    '1500 1 down',
    '3500 0 down',
    '11500 2 down',
    '30000 prefix_limit_cleared every prefix count under its limit again',
    '35000 session_up',
    '35000 1 up',
    '37000 0 up',
    '45000 2 up',
  ]);
});

machine('a session over its prefix limit from the start never comes up, and every view knows it without delay', () => {
  const { sim, m, out } = make(timings(bfd));
  m.refuse('over', true);
  sim.run();
  assert.equal(m.believed, [false, false, false]);
  assert.equal(out, ['0 prefix_limit_exceeded over']);
});

machine('late belief: Azure takes in a change 10 s after it; a change undone within those 10 s is never heard of', () => {
  const sim = new Simulator();
  let up = true;
  const heard: string[] = [];
  const b = new LateBelief(sim, 10 * S, () => up, (u) => heard.push(`${sim.now / S} ${u}`));
  const set = (t: number, u: boolean) => sim.at(t * S, () => ((up = u), b.changed()));
  set(1, false);
  set(30, true);
  set(35, false);
  set(38, true);
  sim.run();
  assert.equal(heard, ['11 false', '40 true']);
  assert.ok(b.up);
});

machine.run();
