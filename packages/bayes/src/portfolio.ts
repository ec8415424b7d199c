/**
 * Multi-asset mode: a shared covariance estimate and portfolio reservation prices.
 * @module
 */

/** Options of {@link EwmaCovariance}. */
export interface EwmaCovarianceOptions {
  /** Number of assets. */
  assets: number;
  /** Half-life of the weights in observations. Default 500. */
  halfLife?: number;
  /** Prior variance per tick of each asset (one value for all, or one per asset), used with weight `priorWeight`; prior covariances are 0. Default 1. */
  priorVariance?: number | readonly number[];
  /** Prior weight in observations. Default 10. */
  priorWeight?: number;
}

/**
 * An exponentially weighted covariance of per-tick returns of several assets, shrunk towards a
 * diagonal prior: `Sigma = (w0 s0 I + sum_i w_i r_i r_i' / dt_i) / (w0 + sum_i w_i)` (returns are
 * taken as zero-mean at the tick scale). One instance is shared by every asset a maker quotes, so
 * each asset's fills move the reservation prices of all of them.
 */
export class EwmaCovariance {
  private readonly n: number;
  private readonly decay: number;
  private readonly s0: Float64Array;
  private readonly w0: number;
  private readonly sum: Float64Array;
  private w = 0;

  /** @param o - assets, half-life, prior */
  constructor(o: EwmaCovarianceOptions) {
    this.n = o.assets;
    this.decay = Math.pow(0.5, 1 / (o.halfLife ?? 500));
    const pv = o.priorVariance ?? 1;
    if (typeof pv !== 'number' && pv.length !== this.n) throw new RangeError(`expected ${this.n} prior variances, got ${pv.length}`);
    this.s0 = Float64Array.from({ length: this.n }, (_, i) => (typeof pv === 'number' ? pv : pv[i]!));
    this.w0 = o.priorWeight ?? 10;
    this.sum = new Float64Array(this.n * this.n);
  }

  /** Absorbs one vector of simultaneous returns over `dt` ticks. */
  observe(returns: ArrayLike<number>, dt = 1): void {
    if (returns.length !== this.n || !(dt > 0)) throw new RangeError(`expected ${this.n} returns and dt > 0`);
    const d = this.decay;
    for (let i = 0; i < this.n; i++) {
      for (let j = 0; j < this.n; j++) this.sum[i * this.n + j] = this.sum[i * this.n + j]! * d + (returns[i]! * returns[j]!) / dt;
    }
    this.w = this.w * d + 1;
  }

  /** Number of return vectors absorbed, discounted (the evidence weight, without the prior). */
  get weight(): number {
    return this.w;
  }

  /** The correlation matrix of the covariance estimate (1 on the diagonal). */
  correlation(): number[][] {
    return covarianceToCorrelation(this.matrix());
  }

  /** The covariance matrix per tick (row-major rows). */
  matrix(): number[][] {
    const out: number[][] = [];
    const W = this.w0 + this.w;
    for (let i = 0; i < this.n; i++) {
      const row: number[] = [];
      for (let j = 0; j < this.n; j++) row.push(((i === j ? this.w0 * this.s0[i]! : 0) + this.sum[i * this.n + j]!) / W);
      out.push(row);
    }
    return out;
  }
}

/** Portfolio variance per tick `q' Sigma q` (lots^2 price-ticks^2 per tick). */
export function portfolioRisk(q: readonly number[], sigma: readonly (readonly number[])[]): number {
  let v = 0;
  for (let i = 0; i < q.length; i++) for (let j = 0; j < q.length; j++) v += q[i]! * sigma[i]![j]! * q[j]!;
  return v;
}

/**
 * Reservation prices of several assets under one risk aversion applied to portfolio risk:
 * `r_i = s_i + mu_i T - gamma T (Sigma q)_i`, the gradient of `(gamma T / 2) q' Sigma q` (the
 * Gueant-Lehalle multi-asset extension's reservation price). A position in one asset shifts the
 * reservation prices of every asset correlated with it; with a diagonal `Sigma` it reduces to the
 * single-asset `s - q gamma sigma^2 T` per asset.
 */
export function portfolioReservation(
  s: readonly number[],
  q: readonly number[],
  sigma: readonly (readonly number[])[],
  gamma: number,
  T: number,
  mu?: readonly number[],
): number[] {
  return s.map((si, i) => {
    let g = 0;
    for (let j = 0; j < q.length; j++) g += sigma[i]![j]! * q[j]!;
    return si + (mu ? mu[i]! * T : 0) - gamma * T * g;
  });
}

/** The correlation matrix of a covariance matrix (`Sigma_ij / sqrt(Sigma_ii Sigma_jj)`; 0 off the diagonal where a variance is 0). */
export function covarianceToCorrelation(sigma: readonly (readonly number[])[]): number[][] {
  return sigma.map((row, i) =>
    row.map((v, j) => {
      if (i === j) return 1;
      const d = Math.sqrt(sigma[i]![i]! * sigma[j]![j]!);
      return d > 0 ? v / d : 0;
    }),
  );
}

/** The covariance `Sigma = D R D` of per-asset volatilities `D = diag(sigmas)` and a correlation matrix `R`. */
export function correlationToCovariance(correlation: readonly (readonly number[])[], sigmas: readonly number[]): number[][] {
  return correlation.map((row, i) => row.map((r, j) => (i === j ? sigmas[i]! * sigmas[i]! : r * sigmas[i]! * sigmas[j]!)));
}

/**
 * The inventory that enters asset `i`'s single-asset GLFT formula in multi-asset mode:
 * `q_eff_i = (Sigma q)_i / Sigma_ii = sum_j R_ij (sigma_j / sigma_i) q_j` (the position in asset `i`
 * plus the others' positions in hedge-ratio units of `i`). Quoting asset `i` with `q_eff_i` in place
 * of `q_i` gives the inventory skew `-q_eff_i omega_i = -gamma T_i (Sigma q)_i` with
 * `T_i = omega_i / (gamma sigma_i^2)`: the gradient of the portfolio risk `(gamma T_i / 2) q' Sigma q`
 * ({@link portfolioReservation}). With `R = I` it is `q_i`. `sigmas[i] = 0` gives `q_i`.
 */
export function effectiveInventory(i: number, q: readonly number[], sigmas: readonly number[], correlation: readonly (readonly number[])[]): number {
  const si = sigmas[i]!;
  if (!(si > 0)) return q[i]!;
  let g = 0;
  for (let j = 0; j < q.length; j++) g += (j === i ? 1 : correlation[i]![j]!) * (sigmas[j]! / si) * q[j]!;
  return g;
}
