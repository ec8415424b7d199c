/**
 * A stateful scalar belief that tracks a random-walk latent through time.
 * @module
 */
import { gaussianPredict, kalmanUpdate, type GaussianBelief } from './gaussian-belief.js';

/** Options of a {@link GaussianTracker}. */
export interface GaussianTrackerOptions {
  /** Prior mean. */
  mean: number;
  /** Prior precision (0 = diffuse). */
  precision: number;
  /** Assumed process variance per tick (0 = a static target: the plain conjugate update). */
  q?: number;
  /** Tick the prior refers to (default 0). */
  t?: number;
}

/**
 * One agent's belief about one latent value. Readings are absorbed with the time-aware update
 * ({@link kalmanUpdate}) using `dt` = reading tick minus the tick of the last absorbed reading.
 *
 * Readings must be absorbed in the order they were taken for the filter to be exact; a reading
 * older than the last one is absorbed with `dt = 0` (no prediction step), which is what an agent
 * that cannot rewind its filter does.
 */
export class GaussianTracker {
  private belief: GaussianBelief;
  private last: number;
  /** Assumed process variance per tick. */
  readonly q: number;
  /** Number of readings absorbed. */
  updates = 0;

  /** @param options - prior, process variance and start tick */
  constructor(options: GaussianTrackerOptions) {
    this.belief = { mean: options.mean, precision: options.precision };
    this.q = options.q ?? 0;
    this.last = options.t ?? 0;
  }

  /** Posterior mean as of the last reading. */
  get mean(): number {
    return this.belief.mean;
  }

  /** Posterior precision as of the last reading. */
  get precision(): number {
    return this.belief.precision;
  }

  /** Tick of the last absorbed reading (or of the prior). */
  get lastUpdate(): number {
    return this.last;
  }

  /** The belief as of the last reading. */
  current(): GaussianBelief {
    return this.belief;
  }

  /**
   * The belief predicted to tick `t` (mean unchanged, variance grown by `q * (t - lastUpdate)`).
   * @param t - the tick to predict to
   */
  at(t: number): GaussianBelief {
    return gaussianPredict(this.belief, this.q, t - this.last);
  }

  /**
   * Absorbs a reading taken at tick `t`.
   * @param value - the reading
   * @param precision - its precision
   * @param t - the tick the reading was taken at
   * @returns the posterior belief
   */
  observe(value: number, precision: number, t: number): GaussianBelief {
    const dt = t - this.last;
    this.belief = kalmanUpdate(this.belief, value, precision, this.q, dt);
    if (dt > 0) this.last = t;
    this.updates++;
    return this.belief;
  }
}
