/**
 * Scalar Gaussian beliefs in natural parameters, and their time-aware (Kalman) form.
 *
 * A belief about a latent value x is `N(mean, 1 / precision)`. Absorbing a reading
 * `s ~ N(x, 1 / tau_s)` adds precisions and takes the precision-weighted average of the means:
 *
 *   tau' = tau + tau_s,   mean' = (tau * mean + tau_s * s) / tau'.
 *
 * The time-aware form assumes x follows a random walk with variance `q` per tick: before absorbing
 * a reading taken `dt` ticks after the last one, the prior variance grows by `q * dt`
 * (`tau <- 1 / (1 / tau + q * dt)`). With `q = 0` (or `dt <= 0`) the time-aware update returns
 * exactly what the static update returns, bit for bit: it calls it without touching the prior.
 * @module
 */

/** A scalar Gaussian belief `N(mean, 1 / precision)`. Precision 0 is a diffuse (uninformative) belief. */
export interface GaussianBelief {
  /** Posterior mean. */
  readonly mean: number;
  /** Posterior precision (1 / variance), >= 0; `Infinity` means the value is known exactly. */
  readonly precision: number;
}

function checkPrecision(what: string, p: number): void {
  if (!(p >= 0)) throw new RangeError(`${what} must be a non-negative number, got ${p}`);
}

/**
 * The static (conjugate) update: absorbs one reading of precision `precision`.
 *
 * Edge cases: a reading of precision 0 returns the prior unchanged; a reading of infinite
 * precision returns the reading with infinite precision; an exact prior (infinite precision)
 * ignores finite readings.
 * @param prior - the belief before the reading
 * @param value - the reading
 * @param precision - precision of the reading (1 / its noise variance)
 * @returns the posterior belief
 */
export function gaussianUpdate(prior: GaussianBelief, value: number, precision: number): GaussianBelief {
  checkPrecision('signal precision', precision);
  checkPrecision('prior precision', prior.precision);
  if (precision === 0) return prior;
  if (precision === Infinity) {
    if (prior.precision === Infinity && prior.mean !== value) {
      throw new RangeError('cannot combine two exact beliefs that disagree');
    }
    return { mean: value, precision: Infinity };
  }
  if (prior.precision === Infinity) return prior;
  const tau = prior.precision + precision;
  return { mean: (prior.precision * prior.mean + precision * value) / tau, precision: tau };
}

/**
 * The prediction step of a random-walk prior: variance grows by `q * dt`.
 * Returns the prior itself (same object) when `q = 0` or `dt <= 0`.
 * @param prior - the belief at the last update
 * @param q - assumed process variance per tick (>= 0)
 * @param dt - ticks elapsed since the last update
 * @returns the predicted belief (same mean, lower precision)
 */
export function gaussianPredict(prior: GaussianBelief, q: number, dt: number): GaussianBelief {
  checkPrecision('process variance q', q);
  if (q === 0 || !(dt > 0)) return prior;
  if (prior.precision === 0) return prior;
  const variance = 1 / prior.precision + q * dt;
  return { mean: prior.mean, precision: 1 / variance };
}

/**
 * The time-aware (Kalman) update for a random-walk latent: predict over `dt` ticks with process
 * variance `q`, then absorb the reading. With `q = 0` or `dt <= 0` this is exactly
 * {@link gaussianUpdate} (bit-identical).
 * @param prior - the belief at the last update
 * @param value - the reading
 * @param precision - precision of the reading
 * @param q - assumed process variance per tick (>= 0)
 * @param dt - ticks between the last update and this reading
 * @returns the posterior belief
 */
export function kalmanUpdate(prior: GaussianBelief, value: number, precision: number, q: number, dt: number): GaussianBelief {
  checkPrecision('process variance q', q);
  if (q === 0 || !(dt > 0)) return gaussianUpdate(prior, value, precision);
  return gaussianUpdate(gaussianPredict(prior, q, dt), value, precision);
}

/**
 * Pools independent readings at once: the posterior of a prior and a list of readings (same as
 * absorbing them one by one with {@link gaussianUpdate}, up to rounding).
 * @param prior - the belief before the readings
 * @param readings - the readings and their precisions
 * @returns the posterior belief
 */
export function gaussianPool(prior: GaussianBelief, readings: readonly { value: number; precision: number }[]): GaussianBelief {
  let tau = prior.precision;
  let weighted = tau === 0 ? 0 : tau * prior.mean;
  checkPrecision('prior precision', tau);
  for (const r of readings) {
    checkPrecision('signal precision', r.precision);
    if (r.precision === Infinity || tau === Infinity) return readings.reduce((b, x) => gaussianUpdate(b, x.value, x.precision), prior);
    tau += r.precision;
    weighted += r.precision * r.value;
  }
  if (tau === 0) return prior;
  return { mean: weighted / tau, precision: tau };
}
