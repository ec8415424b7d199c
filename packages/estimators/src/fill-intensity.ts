/**
 * Maximum-likelihood estimation of the fill intensity `lambda(d) = A exp(-k d)` from quotes'
 * exposure time and fills against their distance from the reference price.
 * @module
 */

/** Options of {@link FillIntensityEstimator}. */
export interface FillIntensityOptions {
  /** Width of the distance bins in price ticks (> 0). Default 0.25. */
  binWidth?: number;
  /** Largest `k` reported (per price tick); the MLE is clamped to [0, kMax]. Default 50. */
  kMax?: number;
}

/** An intensity estimate. */
export interface IntensityEstimate {
  /** Arrival intensity at distance 0, per tick. */
  A: number;
  /** Decay per price tick of distance. */
  k: number;
  /** Fills (arrivals) the estimate is based on. */
  fills: number;
  /** Quote exposure (quote-ticks) the estimate is based on. */
  exposure: number;
  /** False when the MLE lies on the boundary (k = 0 or k = kMax) and was clamped there. */
  interior: boolean;
}

interface Bin {
  d: number;
  exposure: number;
  fills: number;
}

/**
 * Poisson MLE of `lambda(d) = A exp(-k d)` (arrivals per tick at distance `d` price ticks from the
 * reference price, the Avellaneda-Stoikov fill model). Data are binned by distance: `addExposure(d,
 * dt)` adds `dt` ticks during which a quote rested at distance `d`; `addFill(d)` adds one arrival
 * that hit a quote at distance `d`. With exposure `tau_i` and `n_i` fills in bin `d_i`, the
 * log-likelihood is `sum n_i (ln A - k d_i) - A sum tau_i exp(-k d_i)`. For fixed `k` the MLE of
 * `A` is `N / sum tau_i exp(-k d_i)`; the profile score in `k` vanishes where the
 * `tau exp(-k d)`-weighted mean distance equals the mean fill distance `sum n_i d_i / N`. That
 * weighted mean decreases in `k` (its derivative is minus the weighted variance), so the root is
 * unique; it is found by Newton steps safeguarded by bisection.
 */
export class FillIntensityEstimator {
  private readonly binWidth: number;
  private readonly kMax: number;
  private readonly bins = new Map<number, Bin>();
  private nFills = 0;
  private totalExposure = 0;
  private version = 0;
  private cachedVersion = -1;
  private cached: IntensityEstimate | null = null;
  private lastK = 0;

  /** @param options - bin width and the largest `k` */
  constructor(options: FillIntensityOptions = {}) {
    this.binWidth = options.binWidth ?? 0.25;
    this.kMax = options.kMax ?? 50;
    if (!(this.binWidth > 0)) throw new RangeError(`binWidth must be positive, got ${this.binWidth}`);
    if (!(this.kMax > 0)) throw new RangeError(`kMax must be positive, got ${this.kMax}`);
  }

  private bin(d: number): Bin {
    const key = Math.round(d / this.binWidth);
    let b = this.bins.get(key);
    if (!b) {
      b = { d: key * this.binWidth, exposure: 0, fills: 0 };
      this.bins.set(key, b);
    }
    return b;
  }

  /** Adds `dt` ticks of exposure of a quote at distance `d` price ticks. */
  addExposure(d: number, dt: number): void {
    if (!Number.isFinite(d) || !(dt > 0)) return;
    this.bin(d).exposure += dt;
    this.totalExposure += dt;
    this.version++;
  }

  /** Adds `n` arrivals (default 1) that filled a quote at distance `d` price ticks. */
  addFill(d: number, n = 1): void {
    if (!Number.isFinite(d) || !(n > 0)) return;
    this.bin(d).fills += n;
    this.nFills += n;
    this.version++;
  }

  /** Arrivals recorded. */
  get fills(): number {
    return this.nFills;
  }

  /** Exposure recorded (quote-ticks). */
  get exposure(): number {
    return this.totalExposure;
  }

  /** The MLE of (A, k), or null without any fill or exposure. Cached until new data arrive. */
  estimate(): IntensityEstimate | null {
    if (this.cachedVersion === this.version) return this.cached;
    this.cached = this.fit();
    this.cachedVersion = this.version;
    return this.cached;
  }

  private fit(): IntensityEstimate | null {
    const N = this.nFills;
    if (N === 0 || this.totalExposure === 0) return null;
    const bins = [...this.bins.values()];
    let dMin = Infinity;
    let fillDist = 0;
    for (const b of bins) {
      if (b.exposure > 0 && b.d < dMin) dMin = b.d;
      fillDist += b.fills * b.d;
    }
    const meanFill = fillDist / N;
    // Mean and variance of the distance under weights tau exp(-k (d - dMin)) (shifted for
    // stability); d/dk of the mean is minus the variance, so the score is monotone in k.
    const moments = (k: number): { mean: number; variance: number } => {
      let w = 0;
      let wd = 0;
      let wdd = 0;
      for (const b of bins) {
        if (b.exposure === 0) continue;
        const e = b.exposure * Math.exp(-k * (b.d - dMin));
        w += e;
        wd += e * b.d;
        wdd += e * b.d * b.d;
      }
      const mean = wd / w;
      return { mean, variance: Math.max(0, wdd / w - mean * mean) };
    };
    let k: number;
    let interior = true;
    if (moments(0).mean <= meanFill) {
      k = 0;
      interior = false;
    } else if (moments(this.kMax).mean >= meanFill) {
      k = this.kMax;
      interior = false;
    } else {
      // Safeguarded Newton on the score, warm-started from the previous fit, bisection as fallback.
      let lo = 0;
      let hi = this.kMax;
      k = this.lastK > 0 && this.lastK < this.kMax ? this.lastK : 0.5 * this.kMax;
      for (let i = 0; i < 200; i++) {
        const m = moments(k);
        const f = m.mean - meanFill;
        if (f > 0) lo = k;
        else hi = k;
        if (Math.abs(f) <= 1e-12 * (1 + Math.abs(meanFill)) || hi - lo <= 1e-13 * (1 + hi)) break;
        const next = m.variance > 0 ? k + f / m.variance : NaN;
        k = next > lo && next < hi ? next : 0.5 * (lo + hi);
      }
      this.lastK = k;
    }
    let denom = 0;
    for (const b of bins) denom += b.exposure * Math.exp(-k * b.d);
    return { A: N / denom, k, fills: N, exposure: this.totalExposure, interior };
  }
}
