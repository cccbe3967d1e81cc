/**
 * Seeded random streams. Every component draws from its own stream, named for what it is
 * ("link:ce-msee1/loss", "flow:voice/arrivals") and derived from the master seed, so adding
 * a flow never moves another component's draws (common random numbers across scenarios).
 * Math.random is never used.
 */
import seedrandom from 'seedrandom';

export class RandomStream {
  private readonly next: () => number;
  private spareNormal: number | undefined;

  constructor(readonly name: string, masterSeed: number) {
    // alea: fast, well-distributed, and seeded from the full string.
    this.next = seedrandom.alea(`${masterSeed}/${name}`);
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
  constructor(readonly masterSeed: number) {}

  /** A new stream; each name may be taken once, so two components can never share draws by accident. */
  stream(name: string): RandomStream {
    if (this.made.has(name)) throw new Error(`RandomStreams.stream: the stream "${name}" was already taken`);
    this.made.add(name);
    return new RandomStream(name, this.masterSeed);
  }
}
