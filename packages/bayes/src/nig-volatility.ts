/**
 * A Normal-Inverse-Gamma posterior on the drift and variance of mid returns, with a
 * realised-vs-predicted correction.
 * @module
 */

/** Options of {@link NigVolatility}. */
export interface NigVolatilityOptions {
  /** Prior mean of the drift per tick `m0`. Default 0. */
  m0?: number;
  /** Prior precision weight of the drift `k0` (ticks of pseudo-data). Default 1. */
  k0?: number;
  /** Prior shape `a0` of the variance (> 0). Default 2. */
  a0?: number;
  /** Prior guess of the variance per tick; sets the prior scale `b0 = sigma2 (a0 - 1)` (or `sigma2 a0` when a0 <= 1). Default 1. */
  sigma2?: number;
  /** Half-life of the evidence in observations (Infinity = no forgetting). Default Infinity. */
  halfLife?: number;
  /** Half-life in observations of the realised-vs-predicted correction (Infinity or 0 = no correction). Default Infinity. */
  correctionHalfLife?: number;
  /** Prior weight (pseudo-observations at ratio 1) of the correction. Default 5. */
  correctionPriorWeight?: number;
  /**
   * Returns further than this many predictive standard deviations from the predicted mean are
   * pulled in to that distance before they are absorbed (a Huber-type guard against isolated
   * jumps of a thin book's reference price). Default Infinity (no clipping).
   */
  clipSd?: number;
}

/** The posterior's summary. */
export interface NigSummary {
  /** Posterior mean of the drift per tick. */
  mu: number;
  /** Posterior mean of the variance per tick `E[sigma^2] = b / (a - 1)`. */
  sigma2: number;
  /** Posterior standard deviation of the variance (NaN while `a <= 2`). */
  sigma2Sd: number;
  /** Realised-vs-predicted ratio applied to `sigma2` (1 = none). */
  correction: number;
  /** The corrected variance `sigma2 * correction`. */
  sigma2Corrected: number;
  /** Effective observations absorbed. */
  n: number;
}

/**
 * Returns `r_i` over `dt_i` ticks are modelled as `N(mu dt_i, sigma^2 dt_i)`. With
 * `y = r / sqrt(dt)` and `x = sqrt(dt)` this is the regression `y = mu x + eps`,
 * `eps ~ N(0, sigma^2)`, whose conjugate prior is Normal-Inverse-Gamma:
 * `mu | sigma^2 ~ N(m0, sigma^2 / k0)`, `sigma^2 ~ IG(a0, b0)`. The posterior after `n` returns:
 *
 * ```
 * k = k0 + sum x^2          m = (k0 m0 + sum x y) / k
 * a = a0 + n / 2            b = b0 + (sum y^2 + k0 m0^2 - k m^2) / 2
 * E[sigma^2] = b / (a - 1)  Var[sigma^2] = b^2 / ((a - 1)^2 (a - 2))
 * ```
 *
 * With a half-life the sufficient statistics decay geometrically per observation (a forgetting
 * filter). The realised-vs-predicted correction: before absorbing each return, the one-step
 * predictive variance `E[sigma^2] dt (1 + dt / k)` is compared with the realised squared error
 * `(r - m dt)^2`; the exponentially weighted mean of their ratio, shrunk towards 1, multiplies the
 * posterior variance. A regime shift shows up at the correction's faster time scale while the
 * posterior keeps its longer memory; the ratio is 1 in expectation under a stable, correctly
 * specified model. With `clipSd`, a return beyond that many predictive standard deviations (of the
 * corrected prediction) is pulled in before it is absorbed, which also bounds one outlier's
 * effect on the ratio by `clipSd^2`.
 */
export class NigVolatility {
  private readonly m0: number;
  private readonly k0: number;
  private readonly a0: number;
  private readonly b0: number;
  private readonly decay: number;
  private readonly cDecay: number;
  private readonly cW0: number;
  private readonly clipSd: number;
  private sxx = 0;
  private sxy = 0;
  private syy = 0;
  private n = 0;
  private cW = 0;
  private cS = 0;

  /** @param o - prior, forgetting and correction settings */
  constructor(o: NigVolatilityOptions = {}) {
    this.m0 = o.m0 ?? 0;
    this.k0 = o.k0 ?? 1;
    this.a0 = o.a0 ?? 2;
    const s2 = o.sigma2 ?? 1;
    if (!(this.k0 > 0) || !(this.a0 > 0) || !(s2 > 0)) throw new RangeError('k0, a0 and sigma2 must be positive');
    this.b0 = this.a0 > 1 ? s2 * (this.a0 - 1) : s2 * this.a0;
    const hl = o.halfLife ?? Infinity;
    this.decay = Number.isFinite(hl) ? Math.pow(0.5, 1 / hl) : 1;
    const chl = o.correctionHalfLife ?? Infinity;
    this.cDecay = Number.isFinite(chl) && chl > 0 ? Math.pow(0.5, 1 / chl) : NaN;
    this.cW0 = o.correctionPriorWeight ?? 5;
    this.clipSd = o.clipSd ?? Infinity;
    if (!(this.clipSd > 0)) throw new RangeError('clipSd must be positive');
  }

  private post(): { k: number; m: number; a: number; b: number } {
    const k = this.k0 + this.sxx;
    const m = (this.k0 * this.m0 + this.sxy) / k;
    const a = this.a0 + this.n / 2;
    const b = this.b0 + Math.max(0, (this.syy + this.k0 * this.m0 * this.m0 - k * m * m) / 2);
    return { k, m, a, b };
  }

  /** Absorbs a return `r` (price ticks) over `dt` ticks. */
  observe(r: number, dt: number): void {
    if (!(dt > 0) || !Number.isFinite(r)) return;
    const useCorrection = this.cDecay === this.cDecay;
    if (useCorrection || Number.isFinite(this.clipSd)) {
      const { k, m, a, b } = this.post();
      const s2 = a > 1 ? b / (a - 1) : b / a;
      const pred = s2 * dt * (1 + dt / k);
      let e = r - m * dt;
      const lim = this.clipSd * Math.sqrt(pred * (useCorrection ? this.correctionNow() : 1));
      if (Math.abs(e) > lim) {
        e = Math.sign(e) * lim;
        r = m * dt + e;
      }
      if (useCorrection) {
        this.cW = this.cW * this.cDecay + 1;
        this.cS = this.cS * this.cDecay + (e * e) / pred;
      }
    }
    const x = Math.sqrt(dt);
    const y = r / x;
    const d = this.decay;
    this.sxx = this.sxx * d + x * x;
    this.sxy = this.sxy * d + x * y;
    this.syy = this.syy * d + y * y;
    this.n = this.n * d + 1;
  }

  private correctionNow(): number {
    return this.cDecay === this.cDecay ? (this.cW0 + this.cS) / (this.cW0 + this.cW) : 1;
  }

  /** Posterior summary. */
  summary(): NigSummary {
    const { m, a, b } = this.post();
    const sigma2 = a > 1 ? b / (a - 1) : b / a;
    const sigma2Sd = a > 2 ? sigma2 / Math.sqrt(a - 2) : NaN;
    const correction = this.correctionNow();
    return { mu: m, sigma2, sigma2Sd, correction, sigma2Corrected: sigma2 * correction, n: this.n };
  }

  /** The corrected volatility `sqrt(E[sigma^2] * correction)`, price ticks per square-root tick. */
  sigma(): number {
    return Math.sqrt(this.summary().sigma2Corrected);
  }
}
