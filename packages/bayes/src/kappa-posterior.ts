/**
 * Gamma posteriors on the fill-intensity parameters `kappa` and `A` from fills against quote
 * distance.
 * @module
 */

/** Options of {@link KappaPosterior}. */
export interface KappaPosteriorOptions {
  /** Prior mean of `kappa` per price tick (> 0). Default 1.5. */
  kappa: number;
  /** Prior shape of `kappa` (its prior weight; > 0). Default 2. */
  kappaShape?: number;
  /** Prior mean of `A` per tick (> 0). Default 0.7. */
  A: number;
  /** Prior shape of `A` (> 0). Default 2. */
  AShape?: number;
  /** Width of the distance bins in price ticks. Default 0.25. */
  binWidth?: number;
  /** Grid points for the marginal posterior of `kappa`. Default 256. */
  gridPoints?: number;
}

/** The posterior's summary. */
export interface KappaSummary {
  /** Posterior mean of `kappa`. */
  kappa: number;
  /** Posterior standard deviation of `kappa`. */
  kappaSd: number;
  /** Shape of the Gamma moment-matched to the marginal posterior of `kappa`. */
  kappaShape: number;
  /** Rate of that Gamma. */
  kappaRate: number;
  /** Posterior mean of `A`. */
  A: number;
  /** Posterior standard deviation of `A`. */
  ASd: number;
  /** Fills absorbed. */
  fills: number;
  /** Quote exposure absorbed (quote-ticks). */
  exposure: number;
}

/**
 * Fills of a quote resting at distance `d` from the reference price arrive as a Poisson process
 * of intensity `A exp(-kappa d)`. With exposure `E_j` (quote-ticks) and `n_j` fills in distance
 * bin `d_j`, `N = sum n_j`, and independent Gamma priors `A ~ G(aA, bA)`, `kappa ~ G(ak, bk)`
 * (shape, rate):
 *
 * - `A | kappa, data ~ G(aA + N, bA + S(kappa))` with `S(kappa) = sum_j E_j exp(-kappa d_j)`
 *   (conjugate);
 * - integrating `A` out, the marginal posterior of `kappa` is
 *   `p(kappa | data) ∝ kappa^(ak - 1) exp(-kappa (bk + sum_j n_j d_j)) (bA + S(kappa))^-(aA + N)`,
 *   evaluated on a
 *   log-spaced grid, and summarised by its mean and variance and the Gamma with those moments.
 *
 * The summary is recomputed only when data arrived since the last call.
 */
export class KappaPosterior {
  private readonly ak: number;
  private readonly bk: number;
  private readonly aA: number;
  private readonly bA: number;
  private readonly binWidth: number;
  private readonly grid: Float64Array;
  private readonly bins = new Map<number, { d: number; e: number; n: number }>();
  private nFills = 0;
  private exposureTotal = 0;
  private fillDistance = 0;
  private version = 0;
  private cachedVersion = -1;
  private cached!: KappaSummary;

  /** @param o - priors and grid settings */
  constructor(o: KappaPosteriorOptions) {
    this.ak = o.kappaShape ?? 2;
    this.bk = this.ak / o.kappa;
    this.aA = o.AShape ?? 2;
    this.bA = this.aA / o.A;
    this.binWidth = o.binWidth ?? 0.25;
    if (!(o.kappa > 0) || !(o.A > 0) || !(this.ak > 0) || !(this.aA > 0) || !(this.binWidth > 0)) throw new RangeError('priors and bin width must be positive');
    const g = o.gridPoints ?? 256;
    this.grid = new Float64Array(g);
    const lo = Math.log(o.kappa / 200);
    const hi = Math.log(o.kappa * 200);
    for (let i = 0; i < g; i++) this.grid[i] = Math.exp(lo + ((hi - lo) * i) / (g - 1));
  }

  private bin(d: number): { d: number; e: number; n: number } {
    const key = Math.round(d / this.binWidth);
    let b = this.bins.get(key);
    if (!b) {
      b = { d: Math.max(0, key * this.binWidth), e: 0, n: 0 };
      this.bins.set(key, b);
    }
    return b;
  }

  /** Adds `dt` ticks of exposure of a quote at distance `d` price ticks (negative distances count as 0). */
  addExposure(d: number, dt: number): void {
    if (!Number.isFinite(d) || !(dt > 0)) return;
    this.bin(d).e += dt;
    this.exposureTotal += dt;
    this.version++;
  }

  /** Adds `n` fills of a quote at distance `d`. */
  addFill(d: number, n = 1): void {
    if (!Number.isFinite(d) || !(n > 0)) return;
    const b = this.bin(d);
    b.n += n;
    this.nFills += n;
    this.fillDistance += n * b.d;
    this.version++;
  }

  /** Posterior summary (cached until new data arrive). */
  summary(): KappaSummary {
    if (this.cachedVersion === this.version) return this.cached;
    const bins = [...this.bins.values()];
    const g = this.grid.length;
    const logp = new Float64Array(g);
    const S = new Float64Array(g);
    let max = -Infinity;
    for (let i = 0; i < g; i++) {
      const k = this.grid[i]!;
      let s = 0;
      for (const b of bins) s += b.e * Math.exp(-k * b.d);
      S[i] = s;
      const l = (this.ak - 1) * Math.log(k) - k * (this.bk + this.fillDistance) - (this.aA + this.nFills) * Math.log(this.bA + s) + Math.log(k);
      logp[i] = l;
      if (l > max) max = l;
    }
    let w = 0;
    let m1 = 0;
    let m2 = 0;
    let a1 = 0;
    let a2 = 0;
    const shapeA = this.aA + this.nFills;
    for (let i = 0; i < g; i++) {
      const p = Math.exp(logp[i]! - max);
      const k = this.grid[i]!;
      const rate = this.bA + S[i]!;
      w += p;
      m1 += p * k;
      m2 += p * k * k;
      a1 += (p * shapeA) / rate;
      a2 += (p * shapeA * (shapeA + 1)) / (rate * rate);
    }
    const kappa = m1 / w;
    const kv = Math.max(0, m2 / w - kappa * kappa);
    const A = a1 / w;
    const Av = Math.max(0, a2 / w - A * A);
    this.cached = {
      kappa,
      kappaSd: Math.sqrt(kv),
      kappaShape: kv > 0 ? (kappa * kappa) / kv : Infinity,
      kappaRate: kv > 0 ? kappa / kv : Infinity,
      A,
      ASd: Math.sqrt(Av),
      fills: this.nFills,
      exposure: this.exposureTotal,
    };
    this.cachedVersion = this.version;
    return this.cached;
  }
}
