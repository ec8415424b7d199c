/**
 * A scalar Kalman filter for a drift that follows an Ornstein-Uhlenbeck process.
 * @module
 */

/** Options of {@link KalmanDriftFilter}. */
export interface KalmanDriftOptions {
  /** Mean-reversion rate of the drift per tick (>= 0; 0 = the drift is a random walk, or constant when `driftVariance` is 0). */
  theta: number;
  /** Variance per tick of the drift's own diffusion, `sigma_mu^2` (>= 0). */
  driftVariance: number;
  /** Prior mean of the drift (price ticks per tick). Default 0. */
  priorMean?: number;
  /** Prior variance of the drift. Default: the OU stationary variance `sigma_mu^2 / (2 theta)` when `theta > 0`, else 1. */
  priorVariance?: number;
}

/**
 * Kalman filter for the drift `mu` of a price `dx = mu dt + sigma dW` whose drift mean-reverts:
 * `dmu = -theta mu dt + sigma_mu dB`.
 *
 * - Predict over `dt` ticks: `m <- m e^{-theta dt}`,
 *   `P <- P e^{-2 theta dt} + sigma_mu^2 (1 - e^{-2 theta dt}) / (2 theta)` (`+ sigma_mu^2 dt` when
 *   `theta = 0`).
 * - Update with a price increment `dx` over `dt`: the observation `z = dx / dt` of the drift has
 *   variance `R / dt`, where `R` is the price variance per tick; `K = P / (P + R / dt)`,
 *   `m <- m + K (z - m)`, `P <- (1 - K) P`.
 *
 * The drift is treated as constant within one observation interval (exact when `theta = 0` and
 * `sigma_mu = 0`, where the filter is the conjugate Gaussian posterior of a constant drift).
 */
export class KalmanDriftFilter {
  private readonly theta: number;
  private readonly q: number;
  private m: number;
  private p: number;
  private lastT = NaN;
  private lastX = NaN;

  /** @param options - OU parameters and prior */
  constructor(options: KalmanDriftOptions) {
    if (!(options.theta >= 0)) throw new RangeError(`theta must be >= 0, got ${options.theta}`);
    if (!(options.driftVariance >= 0)) throw new RangeError(`driftVariance must be >= 0, got ${options.driftVariance}`);
    this.theta = options.theta;
    this.q = options.driftVariance;
    this.m = options.priorMean ?? 0;
    this.p = options.priorVariance ?? (this.theta > 0 && this.q > 0 ? this.q / (2 * this.theta) : 1);
    if (!(this.p >= 0)) throw new RangeError(`priorVariance must be >= 0, got ${this.p}`);
  }

  /** Posterior mean of the drift (price ticks per tick). */
  get mean(): number {
    return this.m;
  }

  /** Posterior variance of the drift. */
  get variance(): number {
    return this.p;
  }

  /** Prediction step over `dt` ticks. */
  predict(dt: number): void {
    if (!(dt > 0)) return;
    const th = this.theta;
    if (th > 0) {
      const a = Math.exp(-th * dt);
      this.m *= a;
      this.p = this.p * a * a + (this.q * -Math.expm1(-2 * th * dt)) / (2 * th);
    } else this.p += this.q * dt;
  }

  /** Update with an observation `z` of the drift whose noise variance is `r`. */
  update(z: number, r: number): void {
    if (!Number.isFinite(z)) return;
    const rr = r > 1e-300 ? r : 1e-300;
    const k = this.p / (this.p + rr);
    this.m += k * (z - this.m);
    this.p *= 1 - k;
  }

  /**
   * Observes the price `x` at tick `t`; from the second observation on, predicts over the elapsed
   * ticks and updates with the increment, given the price variance per tick `r` (e.g. a volatility
   * estimator's `sigma^2`).
   */
  observe(t: number, x: number, r: number): void {
    if (!Number.isFinite(x)) return;
    if (this.lastT === this.lastT) {
      if (t < this.lastT) throw new RangeError(`observation at t=${t} before the previous one at t=${this.lastT}`);
      if (t > this.lastT) {
        const dt = t - this.lastT;
        this.predict(dt);
        this.update((x - this.lastX) / dt, r / dt);
      }
    }
    this.lastT = t;
    this.lastX = x;
  }

  /** Expected price move over the next `h` ticks under the current posterior: `m (1 - e^{-theta h}) / theta` (`m h` when `theta = 0`). */
  expectedMove(h: number): number {
    if (!(h > 0)) return 0;
    const th = this.theta;
    return th > 0 ? (this.m * -Math.expm1(-th * h)) / th : this.m * h;
  }
}
