/**
 * Realised volatility over a rolling window of price increments.
 * @module
 */

/** Options of {@link RealisedVolatility}. */
export interface RealisedVolatilityOptions {
  /** Number of most recent increments kept (0 = every increment since the start). Default 0. */
  window?: number;
}

/**
 * Realised variance per tick of a price observed at (possibly irregular) ticks:
 * `sigma^2 = sum (x_i - x_{i-1})^2 / sum (t_i - t_{i-1})` over the last `window` increments.
 * Prices are in price ticks, so `sigma` is in price ticks per square-root tick (the diffusion
 * coefficient the Avellaneda-Stoikov and GLFT formulas take).
 */
export class RealisedVolatility {
  private readonly window: number;
  private readonly sq: Float64Array;
  private readonly dts: Float64Array;
  private head = 0;
  private n = 0;
  private sumSq = 0;
  private sumDt = 0;
  private lastT = NaN;
  private lastX = NaN;

  /** @param options - rolling window length */
  constructor(options: RealisedVolatilityOptions = {}) {
    const w = options.window ?? 0;
    if (!(Number.isInteger(w) && w >= 0)) throw new RangeError(`window must be a non-negative integer, got ${w}`);
    this.window = w;
    this.sq = new Float64Array(w);
    this.dts = new Float64Array(w);
  }

  /**
   * Observes the price `x` at tick `t`. The first observation only sets the level; a second
   * observation at the same tick replaces the level; an earlier tick throws.
   */
  observe(t: number, x: number): void {
    if (!Number.isFinite(x)) return;
    if (this.lastT === this.lastT) {
      if (t < this.lastT) throw new RangeError(`observation at t=${t} before the previous one at t=${this.lastT}`);
      if (t > this.lastT) this.addIncrement(x - this.lastX, t - this.lastT);
    }
    this.lastT = t;
    this.lastX = x;
  }

  /** Adds one increment `dx` over `dt > 0` ticks directly. */
  addIncrement(dx: number, dt: number): void {
    if (!(dt > 0) || !Number.isFinite(dx)) return;
    const s = dx * dx;
    if (this.window === 0) {
      this.sumSq += s;
      this.sumDt += dt;
      this.n++;
      return;
    }
    if (this.n === this.window) {
      this.sumSq -= this.sq[this.head]!;
      this.sumDt -= this.dts[this.head]!;
    } else this.n++;
    this.sq[this.head] = s;
    this.dts[this.head] = dt;
    this.head = (this.head + 1) % this.window;
    this.sumSq += s;
    this.sumDt += dt;
    // Re-sum once per lap so rounding from the running subtraction never accumulates.
    if (this.head === 0) {
      let a = 0;
      let b = 0;
      for (let i = 0; i < this.n; i++) {
        a += this.sq[i]!;
        b += this.dts[i]!;
      }
      this.sumSq = a;
      this.sumDt = b;
    }
  }

  /** Number of increments in the window. */
  get count(): number {
    return this.n;
  }

  /** Realised variance per tick (NaN before the first increment). */
  variancePerTick(): number {
    return this.n === 0 ? NaN : this.sumSq / this.sumDt;
  }

  /** Realised volatility per square-root tick (NaN before the first increment). */
  sigma(): number {
    return Math.sqrt(this.variancePerTick());
  }
}
