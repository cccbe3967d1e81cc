import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RandomStreams } from '../sim/kernel/random';
import { Simulator } from '../sim/kernel/simulator';

const kernel = suite('Simulator');

kernel('events at the same time run in the order they were scheduled', () => {
  const sim = new Simulator();
  const order: string[] = [];
  for (const name of ['a', 'b', 'c', 'd', 'e']) sim.at(100, (n: string) => order.push(n), name);
  sim.at(50, () => sim.at(100, () => order.push('late')));
  sim.at(100, () => order.push('f'));
  sim.run();
  assert.equal(order, ['a', 'b', 'c', 'd', 'e', 'f', 'late']);
  assert.is(sim.now, 100);
});

kernel('time order holds across many random schedules, ties by scheduling order', () => {
  const sim = new Simulator();
  const rng = new RandomStreams(7).stream('test');
  const seen: [number, number][] = [];
  for (let i = 0; i < 20_000; i++) sim.at(Math.floor(rng.uniform() * 500), (k: number) => seen.push([sim.now, k]), i);
  sim.run();
  for (let i = 1; i < seen.length; i++) {
    const [t0, k0] = seen[i - 1]!;
    const [t1, k1] = seen[i]!;
    assert.ok(t1 > t0 || (t1 === t0 && k1 > k0), `event ${k1} at ${t1} ran after ${k0} at ${t0}`);
  }
  assert.is(seen.length, 20_000);
});

kernel('a cancelled event does not run and is not counted as pending', () => {
  const sim = new Simulator();
  const ran: number[] = [];
  const a = sim.at(10, () => ran.push(1));
  sim.at(20, () => ran.push(2));
  const c = sim.at(30, () => ran.push(3));
  sim.cancel(a);
  sim.cancel(a);
  assert.is(sim.pending, 2);
  sim.at(15, () => sim.cancel(c));
  sim.run();
  assert.equal(ran, [2]);
  assert.is(sim.executed, 2);
});

kernel('cancelling an event that has run changes nothing, not even the pending count', () => {
  const sim = new Simulator();
  const ran: number[] = [];
  const a = sim.at(10, () => ran.push(1));
  sim.run();
  const b = sim.at(20, () => ran.push(2));
  sim.cancel(a);
  assert.is(sim.pending, 1);
  sim.run();
  assert.equal(ran, [1, 2]);
  assert.ok(a !== b);
});

kernel('run until stops at the bound and leaves the clock there', () => {
  const sim = new Simulator();
  const ran: number[] = [];
  for (const t of [5, 10, 11, 20]) sim.at(t, () => ran.push(t));
  sim.run({ until: 10 });
  assert.equal(ran, [5, 10]);
  assert.is(sim.now, 10);
  sim.run({ until: 15 });
  assert.is(sim.now, 15);
  assert.equal(ran, [5, 10, 11]);
  sim.run();
  assert.equal(ran, [5, 10, 11, 20]);
});

kernel('scheduling in the past or at a fractional time is refused', () => {
  const sim = new Simulator();
  sim.at(10, () => undefined);
  sim.run();
  assert.throws(() => sim.at(5, () => undefined), (e: Error) => e.name === 'SimulationError');
  assert.throws(() => sim.schedule(0.5, () => undefined), (e: Error) => e.name === 'SimulationError');
});

kernel('a run is deterministic: the hold model gives the same trace twice', () => {
  const trace = (seed: number) => {
    const sim = new Simulator();
    const rng = new RandomStreams(seed).stream('hold');
    const out: number[] = [];
    const hold = () => {
      out.push(sim.now);
      if (out.length < 5000) sim.schedule(Math.round(rng.exponential(1000)), hold);
    };
    for (let i = 0; i < 50; i++) sim.schedule(Math.round(rng.exponential(1000)), hold);
    sim.run();
    return out;
  };
  assert.equal(trace(3), trace(3));
  assert.not.equal(trace(3), trace(4));
});

const random = suite('RandomStreams');

random('named streams are independent of each other and of creation order', () => {
  const a1 = new RandomStreams(42);
  const x = a1.stream('link:a/loss');
  const xs = [x.uniform(), x.uniform(), x.uniform()];
  const a2 = new RandomStreams(42);
  a2.stream('flow:new/arrivals').uniform();
  const y = a2.stream('link:a/loss');
  assert.equal([y.uniform(), y.uniform(), y.uniform()], xs);
  assert.throws(() => a2.stream('link:a/loss'));
});

random('variates have their theoretical means (within 1 % over 200,000 draws)', () => {
  const r = new RandomStreams(1).stream('moments');
  const n = 200_000;
  const mean = (f: () => number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += f();
    return s / n;
  };
  const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got / want - 1) < 0.01, `${what}: ${got} vs ${want}`);
  close(mean(() => r.exponential(5)), 5, 'exponential');
  close(mean(() => r.normal(10, 2)), 10, 'normal');
  close(mean(() => r.pareto(1, 3)), 1.5, 'pareto(1, 3)');
  close(mean(() => r.weibull(2, 1)), 2, 'weibull shape 1');
  close(mean(() => (r.bernoulli(0.3) ? 1 : 0)), 0.3, 'bernoulli');
  close(mean(() => r.uniform()), 0.5, 'uniform');
});

kernel.run();
random.run();
