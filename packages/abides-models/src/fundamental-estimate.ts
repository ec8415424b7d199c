/**
 * The ABIDES value agent's Bayesian estimate of a mean-reverting fundamental.
 * @module
 */

/** Parameters of a {@link FundamentalEstimate} (time in ticks, values in price ticks). */
export interface FundamentalEstimateParams {
  /** Long-run mean r_bar. */
  rBar: number;
  /** Assumed mean-reversion speed per tick. */
  kappa: number;
  /** Variance of an observation's noise (sigma_n). */
  sigmaN: number;
  /** Prior variance of the fundamental, also the scale of its per-step variance growth (sigma_s). */
  sigmaS: number;
}

/**
 * The value agent's estimate (after ABIDES's ValueAgent): a Gaussian belief (mean, variance) about
 * the fundamental. Between observations the belief reverts toward `rBar`:
 * `mean <- rBar + (mean - rBar) e^(-kappa dt)`, `var <- e^(-2 kappa dt) var + (1 - e^(-2 kappa dt)) / (2 kappa) sigmaS`
 * (`var + dt sigmaS` when `kappa = 0`); an observation `obs` with noise variance `sigmaN` then gives
 * `mean <- (sigmaN mean + var obs) / (sigmaN + var)`, `var <- sigmaN var / (sigmaN + var)`.
 */
export class FundamentalEstimate {
  /** Current mean. */
  mean: number;
  /** Current variance. */
  variance: number;
  /** Tick of the last update. */
  t: number;

  /**
   * @param p - parameters
   * @param t0 - tick of the prior
   */
  constructor(
    private readonly p: FundamentalEstimateParams,
    t0 = 0,
  ) {
    this.mean = p.rBar;
    this.variance = p.sigmaS;
    this.t = t0;
  }

  /** Advances the belief to tick `t` and absorbs an observation `obs`; returns the new mean. */
  observe(obs: number, t: number): number {
    const { rBar, kappa, sigmaN, sigmaS } = this.p;
    const dt = Math.max(0, t - this.t);
    if (kappa === 0) this.variance += dt * sigmaS;
    else {
      const a = Math.exp(-kappa * dt);
      this.mean = rBar + (this.mean - rBar) * a;
      this.variance = a * a * this.variance + (-Math.expm1(-2 * kappa * dt) / (2 * kappa)) * sigmaS;
    }
    this.mean = (sigmaN * this.mean + this.variance * obs) / (sigmaN + this.variance);
    this.variance = (sigmaN * this.variance) / (sigmaN + this.variance);
    this.t = t;
    return this.mean;
  }

  /** The belief's mean projected to tick `T` (the value agent's estimate of the close). */
  projectTo(T: number): number {
    const dt = Math.max(0, T - this.t);
    return this.p.rBar + (this.mean - this.p.rBar) * Math.exp(-this.p.kappa * dt);
  }
}
