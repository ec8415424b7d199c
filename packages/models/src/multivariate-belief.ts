/**
 * A multivariate Gaussian belief over a small latent state (e.g. the factors of a latent-factor
 * model), in covariance form, with the same time-aware step as the scalar belief:
 * `Sigma <- Sigma + Q * dt` before absorbing a reading.
 *
 * Readings are scalar linear observations `y = h . x + noise`, noise `N(0, r)`, absorbed with the
 * Kalman update `K = Sigma h / (h' Sigma h + r)`, `mean += K (y - h . mean)`,
 * `Sigma -= K (Sigma h)'`. Several independent readings are absorbed one after another, which gives
 * the same posterior as absorbing them jointly (see {@link linearGaussianPosterior}).
 * @module
 */
import { Matrix, dot } from './matrix.js';

/** A scalar linear observation of the state: `y = h . x + N(0, r)`. */
export interface LinearObservation {
  /** Observation vector (length = state dimension). */
  h: ArrayLike<number>;
  /** The reading. */
  y: number;
  /** Noise variance of the reading (> 0). */
  r: number;
}

/** A multivariate Gaussian belief `N(mean, cov)` in covariance form. */
export class MultivariateGaussianBelief {
  /** Posterior mean. */
  readonly mean: Float64Array;
  /** Posterior covariance (symmetric positive semi-definite). */
  cov: Matrix;

  /**
   * @param mean - prior mean
   * @param cov - prior covariance (square, matching the mean; copied)
   */
  constructor(mean: ArrayLike<number>, cov: Matrix) {
    if (cov.rows !== mean.length || cov.cols !== mean.length) {
      throw new RangeError(`covariance ${cov.rows}x${cov.cols} does not match a mean of length ${mean.length}`);
    }
    this.mean = Float64Array.from(mean);
    this.cov = cov.clone();
  }

  /** Dimension of the state. */
  get dim(): number {
    return this.mean.length;
  }

  /** A deep copy. */
  clone(): MultivariateGaussianBelief {
    return new MultivariateGaussianBelief(this.mean, this.cov);
  }

  /**
   * The prediction step of a random-walk state: `Sigma += Q * dt`. Does nothing when `dt <= 0`
   * or `Q` is all zeros (so the time-aware update with `Q = 0` is exactly the static one).
   * @param Q - process covariance per tick: a matrix, or the diagonal as an array
   * @param dt - ticks elapsed
   */
  predict(Q: Matrix | ArrayLike<number>, dt: number): void {
    if (!(dt > 0)) return;
    const n = this.dim;
    const c = this.cov.data;
    if (Q instanceof Matrix) {
      if (Q.rows !== n || Q.cols !== n) throw new RangeError(`process covariance ${Q.rows}x${Q.cols} does not match dimension ${n}`);
      if (Q.data.every((v) => v === 0)) return;
      for (let k = 0; k < c.length; k++) c[k] = c[k]! + Q.data[k]! * dt;
    } else {
      if (Q.length !== n) throw new RangeError(`process variance diagonal of length ${Q.length} does not match dimension ${n}`);
      for (let i = 0; i < n; i++) {
        const q = Q[i]!;
        if (q < 0) throw new RangeError('process variances must be >= 0');
        if (q !== 0) c[i * n + i] = c[i * n + i]! + q * dt;
      }
    }
  }

  /**
   * Absorbs one scalar linear reading (the static update).
   * @param h - observation vector
   * @param y - the reading
   * @param r - its noise variance (> 0; `1 / precision`)
   */
  observe(h: ArrayLike<number>, y: number, r: number): void {
    const n = this.dim;
    if (h.length !== n) throw new RangeError(`observation vector of length ${h.length} does not match dimension ${n}`);
    if (!(r > 0)) throw new RangeError(`observation noise variance must be > 0, got ${r}`);
    const sh = this.cov.mulVec(h);
    const s = dot(h, sh) + r;
    const innovation = y - dot(h, this.mean);
    const c = this.cov.data;
    for (let i = 0; i < n; i++) {
      const ki = sh[i]! / s;
      this.mean[i] = this.mean[i]! + ki * innovation;
      for (let j = 0; j < n; j++) c[i * n + j] = c[i * n + j]! - ki * sh[j]!;
    }
    this.cov.symmetrize();
  }

  /**
   * The time-aware update: predict over `dt` ticks with process covariance `Q`, then absorb the
   * reading. With `Q = 0` or `dt <= 0` identical to {@link MultivariateGaussianBelief.observe}.
   */
  update(h: ArrayLike<number>, y: number, r: number, Q: Matrix | ArrayLike<number>, dt: number): void {
    this.predict(Q, dt);
    this.observe(h, y, r);
  }

  /** Mean and variance of the linear combination `h . x` under the belief. */
  project(h: ArrayLike<number>): { mean: number; variance: number } {
    return { mean: dot(h, this.mean), variance: dot(h, this.cov.mulVec(h)) };
  }
}

/**
 * The closed-form (information-form) posterior of a Gaussian prior after independent scalar linear
 * readings: precision `Lambda = Sigma0^-1 + sum h h' / r`, mean `Lambda^-1 (Sigma0^-1 mu0 + sum h y / r)`.
 * @param priorMean - prior mean
 * @param priorCov - prior covariance (positive definite)
 * @param observations - the readings
 * @returns posterior mean and covariance
 */
export function linearGaussianPosterior(
  priorMean: ArrayLike<number>,
  priorCov: Matrix,
  observations: readonly LinearObservation[],
): { mean: Float64Array; cov: Matrix } {
  const n = priorMean.length;
  const precision = priorCov.inverseSpd();
  const info = precision.mulVec(priorMean);
  const p = precision.data;
  for (const o of observations) {
    if (o.h.length !== n) throw new RangeError(`observation vector of length ${o.h.length} does not match dimension ${n}`);
    if (!(o.r > 0)) throw new RangeError(`observation noise variance must be > 0, got ${o.r}`);
    for (let i = 0; i < n; i++) {
      info[i] = info[i]! + (o.h[i]! * o.y) / o.r;
      for (let j = 0; j < n; j++) p[i * n + j] = p[i * n + j]! + (o.h[i]! * o.h[j]!) / o.r;
    }
  }
  const cov = precision.inverseSpd();
  return { mean: cov.mulVec(info), cov };
}
