/**
 * The exact Ornstein-Uhlenbeck transition.
 * @module
 */

/** Mean and variance of an OU value `d` time units after it was `v0`. */
export interface OuTransition {
  /** Conditional mean. */
  mean: number;
  /** Conditional variance. */
  variance: number;
}

/**
 * Exact OU step of `dv = kappa (mu - v) dt + sigma dW` over `d` time units:
 * `v ~ N(mu + (v0 - mu) e^(-kappa d), sigma^2 / (2 kappa) (1 - e^(-2 kappa d)))`
 * (`sigma^2 d` when `kappa = 0`).
 */
export function ouTransition(mu: number, v0: number, kappa: number, sigma: number, d: number): OuTransition {
  if (kappa === 0) return { mean: v0, variance: sigma * sigma * d };
  return { mean: mu + (v0 - mu) * Math.exp(-kappa * d), variance: ((sigma * sigma) / (2 * kappa)) * -Math.expm1(-2 * kappa * d) };
}
