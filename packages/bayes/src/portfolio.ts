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
  /** Prior covariance per tick (diagonal value) used with weight `priorWeight`. Default 1. */
  priorVariance?: number;
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
  private readonly s0: number;
  private readonly w0: number;
  private readonly sum: Float64Array;
  private w = 0;

  /** @param o - assets, half-life, prior */
  constructor(o: EwmaCovarianceOptions) {
    this.n = o.assets;
    this.decay = Math.pow(0.5, 1 / (o.halfLife ?? 500));
    this.s0 = o.priorVariance ?? 1;
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

  /** The covariance matrix per tick (row-major rows). */
  matrix(): number[][] {
    const out: number[][] = [];
    const W = this.w0 + this.w;
    for (let i = 0; i < this.n; i++) {
      const row: number[] = [];
      for (let j = 0; j < this.n; j++) row.push(((i === j ? this.w0 * this.s0 : 0) + this.sum[i * this.n + j]!) / W);
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
