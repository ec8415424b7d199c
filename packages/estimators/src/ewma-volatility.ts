/**
 * Exponentially weighted (EWMA) volatility with a half-life in ticks.
 * @module
 */

/** Options of {@link EwmaVolatility}. */
export interface EwmaVolatilityOptions {
  /** Half-life of the weights in ticks (> 0). */
  halfLife: number;
}

/**
 * EWMA variance per tick of a price observed at (possibly irregular) ticks. Each increment `dx`
 * over `dt` ticks updates
 * ```
 * S <- 2^(-dt / halfLife) S + dx^2
 * D <- 2^(-dt / halfLife) D + dt
 * sigma^2 = S / D
 * ```
 * so the estimate is a time-weighted average of squared increments per tick whose weights halve
 * every `halfLife` ticks (RiskMetrics-style, normalised so the first increment is not biased
 * towards zero). Prices in price ticks give `sigma` in price ticks per square-root tick.
 */
export class EwmaVolatility {
  private readonly halfLife: number;
  private s = 0;
  private d = 0;
  private n = 0;
  private lastT = NaN;
  private lastX = NaN;

  /** @param options - half-life in ticks */
  constructor(options: EwmaVolatilityOptions) {
    if (!(options.halfLife > 0)) throw new RangeError(`halfLife must be positive, got ${options.halfLife}`);
    this.halfLife = options.halfLife;
  }

  /** Observes the price `x` at tick `t` (same rules as {@link RealisedVolatility.observe}). */
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
    const decay = Math.pow(2, -dt / this.halfLife);
    this.s = decay * this.s + dx * dx;
    this.d = decay * this.d + dt;
    this.n++;
  }

  /** Number of increments seen. */
  get count(): number {
    return this.n;
  }

  /** EWMA variance per tick (NaN before the first increment). */
  variancePerTick(): number {
    return this.n === 0 ? NaN : this.s / this.d;
  }

  /** EWMA volatility per square-root tick (NaN before the first increment). */
  sigma(): number {
    return Math.sqrt(this.variancePerTick());
  }
}
