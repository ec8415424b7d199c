/**
 * Seeded random streams. Every random draw in venuelab comes from a named stream derived from
 * (root seed, stream name), so adding a component never shifts another component's draws.
 * No other randomness is allowed in simulation code (a test enforces it).
 * @module
 */
import seedrandom from 'seedrandom';

/** A deterministic stream of random numbers. */
export interface RandomStream {
  /** Name the stream was derived from. */
  readonly name: string;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform in [a, b). */
  uniform(a: number, b: number): number;
  /** Normal with mean `mu` and standard deviation `sd`. */
  normal(mu?: number, sd?: number): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** Log-normal: `exp(N(mu, sigma))`. */
  lognormal(mu: number, sigma: number): number;
  /** Poisson with mean `lambda`. */
  poisson(lambda: number): number;
  /** True with probability p. */
  bernoulli(p: number): boolean;
}

class AleaStream implements RandomStream {
  private spare = NaN;
  private readonly prng: () => number;

  constructor(
    readonly name: string,
    seed: string,
  ) {
    this.prng = seedrandom.alea(seed);
  }

  next(): number {
    return this.prng();
  }

  int(n: number): number {
    return Math.floor(this.prng() * n);
  }

  uniform(a: number, b: number): number {
    return a + (b - a) * this.prng();
  }

  normal(mu = 0, sd = 1): number {
    let z = this.spare;
    if (z === z) {
      this.spare = NaN;
    } else {
      // Marsaglia polar method: two normals per accepted pair.
      let u: number, v: number, s: number;
      do {
        u = 2 * this.prng() - 1;
        v = 2 * this.prng() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const m = Math.sqrt((-2 * Math.log(s)) / s);
      z = u * m;
      this.spare = v * m;
    }
    return mu + sd * z;
  }

  exponential(mean: number): number {
    return -Math.log(1 - this.prng()) * mean;
  }

  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda < 30) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = this.prng();
      while (p > limit) {
        k++;
        p *= this.prng();
      }
      return k;
    }
    // Normal approximation with continuity correction for large means.
    return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
  }

  bernoulli(p: number): boolean {
    return this.prng() < p;
  }
}

/**
 * The set of random streams of one run. Streams are created on first use and cached by name;
 * the same (root seed, name) always yields the same sequence.
 */
export class RngStreams {
  private readonly streams = new Map<string, RandomStream>();

  /** @param seed - root seed of the run */
  constructor(readonly seed: number) {}

  /** The stream with this name (created on first use). */
  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (!s) {
      s = new AleaStream(name, `venuelab:${this.seed}:${name}`);
      this.streams.set(name, s);
    }
    return s;
  }

  /** Names of the streams used so far (sorted), for manifests and debugging. */
  names(): string[] {
    return [...this.streams.keys()].sort();
  }
}

/** Creates a standalone stream (for tests and tools), derived exactly as a run's stream of the same name. */
export function createStream(seed: number, name: string): RandomStream {
  return new RngStreams(seed).stream(name);
}
