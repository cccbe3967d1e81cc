/**
 * Seeded random streams. Every component draws from its own stream, named for what it is
 * ("link:ce-msee1/loss", "flow:voice/arrivals") and derived from the master seed, so adding
 * a flow never moves another component's draws (common random numbers across scenarios).
 * Math.random is never used.
 */
import seedrandom from 'seedrandom';

/**
 * The states of a family's streams side by side, four numbers each: with thousands of flows a
 * draw reads 32 contiguous bytes instead of seedrandom's object and its four boxed numbers
 * (2,000 Poisson sources: twice the events per CPU second).
 */
class StateArena {
  states = new Float64Array(4 * 64);
  used = 0;

  /** Room for one more stream's state; its offset. */
  take(): number {
    if (this.used + 4 > this.states.length) {
      const grown = new Float64Array(2 * this.states.length);
      grown.set(this.states);
      this.states = grown;
    }
    this.used += 4;
    return this.used - 4;
  }
}

export class RandomStream {
  private spareNormal: number | undefined;
  /** This stream's alea state (c, s0, s1, s2) at `base` in the arena. */
  private readonly base: number;

  constructor(readonly name: string, masterSeed: number, private readonly arena: StateArena) {
    // alea: fast, well-distributed, and seeded from the full string; seedrandom seeds it, and next() steps it as seedrandom does.
    const seeded = seedrandom.alea(`${masterSeed}/${name}`, { state: true }).state();
    this.base = arena.take();
    arena.states.set([seeded.c, seeded.s0, seeded.s1, seeded.s2], this.base);
  }

  /** seedrandom's alea step, on the state in the arena: the same numbers, bit for bit. */
  private next(): number {
    const st = this.arena.states;
    const b = this.base;
    const t = 2091639 * st[b + 1]! + st[b]! * 2.3283064365386963e-10; // 2^-32
    st[b + 1] = st[b + 2]!;
    st[b + 2] = st[b + 3]!;
    const c = t | 0;
    st[b] = c;
    return (st[b + 3] = t - c);
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.next();
  }

  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Normal by Box-Muller; the second variate of each pair is kept for the next call. */
  normal(mean: number, sd: number): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return mean + sd * z;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  /** Pareto with minimum `scale` and tail index `shape` (mean scale*shape/(shape-1) for shape > 1). */
  pareto(scale: number, shape: number): number {
    return scale / Math.pow(1 - this.next(), 1 / shape);
  }

  /** Weibull with the given scale and shape (shape 1 is exponential). */
  weibull(scale: number, shape: number): number {
    return scale * Math.pow(-Math.log(1 - this.next()), 1 / shape);
  }

  bernoulli(p: number): boolean {
    return this.next() < p;
  }
}

export class RandomStreams {
  private readonly made = new Set<string>();
  private readonly arena = new StateArena();
  constructor(readonly masterSeed: number) {}

  /** A new stream; each name may be taken once, so two components can never share draws by accident. */
  stream(name: string): RandomStream {
    if (this.made.has(name)) throw new Error(`RandomStreams.stream: the stream "${name}" was already taken`);
    this.made.add(name);
    return new RandomStream(name, this.masterSeed, this.arena);
  }
}
