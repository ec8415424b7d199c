/**
 * The markout model: the expected adverse move after one of the maker's fills, per side, as a
 * posterior from its realised markouts.
 * @module
 */

interface Open {
  t: number;
  sign: number;
  reference: number;
  x: number;
}

interface SideStats {
  w: number;
  sx: number;
  sxx: number;
  sa: number;
  sxa: number;
  saa: number;
}

/** The posterior of one side at a covariate value. */
export interface AdverseEstimate {
  /** Posterior mean of the adverse move per lot at the covariate (price ticks; positive = the price moved against the fill). */
  mean: number;
  /** Posterior standard deviation of that mean. */
  sd: number;
  /** Posterior mean of the slope in the covariate. */
  slope: number;
  /** Fills resolved (effective count with forgetting). */
  n: number;
}

/** Options of {@link MarkoutModel}. */
export interface MarkoutModelOptions {
  /** Horizon `H` in ticks at which a fill's markout is read. */
  horizon: number;
  /** Prior mean of the adverse move per lot (price ticks). Default 0. */
  priorMean?: number;
  /** Prior weight in fills of the intercept. Default 10. */
  priorWeight?: number;
  /** Prior weight of the slope (zero-mean prior; in fills at a unit covariate). Default 10. */
  slopePriorWeight?: number;
  /** Half-life of the evidence in fills (Infinity = equal weights). Default Infinity. */
  halfLife?: number;
}

/**
 * For each fill of the maker (a buy at reference `s_0`), once `H` ticks have passed the adverse move
 * `a = -sign (s_H - s_0)` (positive when the reference moved against the fill) is absorbed into
 * that side's Bayesian linear regression `a = b0 + b1 x + e` on a covariate `x` recorded at the
 * fill (the maker uses the log excitation `log(lambda / mu)` of that side's Hawkes intensity, so a
 * fill inside a same-side cascade can be expected to be more toxic). The prior is Normal,
 * `b0 ~ N(m0, s^2 / w0)`, `b1 ~ N(0, s^2 / w1)`; the posterior mean is
 * `(L0 + X'X)^-1 (L0 m + X'a)` with `L0 = diag(w0, w1)`, and its standard deviation at `x` uses the
 * sample residual variance `s^2` (or `(|m0| + 1)^2` before three fills). With covariate 0
 * throughout, the intercept is the shrunk mean `(w0 m0 + sum a_i) / (w0 + n)`. These are the
 * "expected adverse selection from the markout model" of the expected-PnL filter and the toxicity
 * feature.
 */
export class MarkoutModel {
  private readonly open: Open[] = [];
  private readonly w0: number;
  private readonly w1: number;
  private readonly m0: number;
  private readonly decay: number;
  private readonly sides: [SideStats, SideStats] = [
    { w: 0, sx: 0, sxx: 0, sa: 0, sxa: 0, saa: 0 },
    { w: 0, sx: 0, sxx: 0, sa: 0, sxa: 0, saa: 0 },
  ];

  /** @param o - horizon and prior */
  constructor(private readonly o: MarkoutModelOptions) {
    this.w0 = o.priorWeight ?? 10;
    this.w1 = o.slopePriorWeight ?? 10;
    this.m0 = o.priorMean ?? 0;
    const hl = o.halfLife ?? Infinity;
    this.decay = Number.isFinite(hl) ? Math.pow(0.5, 1 / hl) : 1;
    if (!(this.w0 > 0) || !(this.w1 > 0)) throw new RangeError('prior weights must be positive');
  }

  /** Records a fill at tick `t` (`sign` +1 for a buy) when the reference price was `reference`, with covariate `x`. */
  addFill(t: number, sign: number, reference: number, x = 0): void {
    if (Number.isFinite(reference)) this.open.push({ t, sign, reference, x: Number.isFinite(x) ? x : 0 });
  }

  /** Fills whose horizon has not passed. */
  get pending(): number {
    return this.open.length;
  }

  /** Resolves every fill whose horizon has passed at tick `t`, with reference price `reference` now; returns their adverse moves. */
  resolve(t: number, reference: number): number[] {
    const out: number[] = [];
    let k = 0;
    while (k < this.open.length && this.open[k]!.t + this.o.horizon <= t) {
      const f = this.open[k]!;
      const a = -f.sign * (reference - f.reference);
      const s = this.sides[f.sign > 0 ? 0 : 1];
      const d = this.decay;
      s.w = s.w * d + 1;
      s.sx = s.sx * d + f.x;
      s.sxx = s.sxx * d + f.x * f.x;
      s.sa = s.sa * d + a;
      s.sxa = s.sxa * d + f.x * a;
      s.saa = s.saa * d + a * a;
      out.push(a);
      k++;
    }
    if (k > 0) this.open.splice(0, k);
    return out;
  }

  /** The posterior of the adverse move after a fill on a side (`sign` +1: the maker bought) at covariate `x`. */
  adverse(sign: number, x = 0): AdverseEstimate {
    const s = this.sides[sign > 0 ? 0 : 1];
    // Posterior precision L = L0 + X'X and L b = L0 m + X'a.
    const l00 = this.w0 + s.w;
    const l01 = s.sx;
    const l11 = this.w1 + s.sxx;
    const r0 = this.w0 * this.m0 + s.sa;
    const r1 = s.sxa;
    const det = l00 * l11 - l01 * l01;
    const b0 = (l11 * r0 - l01 * r1) / det;
    const b1 = (l00 * r1 - l01 * r0) / det;
    const mean = b0 + b1 * x;
    let resid: number;
    if (s.w >= 3) {
      const ssr = s.saa - 2 * b0 * s.sa - 2 * b1 * s.sxa + b0 * b0 * s.w + 2 * b0 * b1 * s.sx + b1 * b1 * s.sxx;
      resid = Math.max(0, ssr / s.w);
    } else resid = (Math.abs(this.m0) + 1) ** 2;
    const v = (l11 - 2 * x * l01 + x * x * l00) / det;
    return { mean, sd: Math.sqrt(resid * v), slope: b1, n: s.w };
  }
}
