/**
 * Config schemas for the estimators and {@link MarketParameters}, which bundles them into the
 * inputs of the Avellaneda-Stoikov and GLFT formulas: `sigma`, `(A, k)` and the drift.
 * @module
 */
import { z } from '@venuelab/kernel';
import { EwmaVolatility } from './ewma-volatility.js';
import { FillIntensityEstimator } from './fill-intensity.js';
import { KalmanDriftFilter } from './kalman-drift.js';
import { RealisedVolatility } from './realised-volatility.js';

/** How `sigma` is obtained: fixed, or estimated online from the reference price. */
export const volatilityConfigSchema = z
  .strictObject({
    estimator: z
      .enum(['fixed', 'realised', 'ewma'])
      .default('fixed')
      .describe('fixed: use `sigma`; realised: rolling realised volatility of the reference price; ewma: exponentially weighted volatility'),
    sigma: z
      .number()
      .nonnegative()
      .finite()
      .default(1)
      .describe('volatility in price ticks per square-root tick; the fixed value, or the prior used until `minObservations` increments are seen'),
    window: z.number().int().nonnegative().default(500).describe('realised: increments in the rolling window (0 = all since the start)'),
    halfLife: z.number().positive().finite().default(500).describe('ewma: half-life of the weights in ticks'),
    minObservations: z.number().int().nonnegative().default(20).describe('increments seen before the estimate replaces `sigma`'),
  })
  .describe('volatility of the reference price');

/** Validated volatility config. */
export type VolatilityConfig = z.output<typeof volatilityConfigSchema>;

/** How the fill intensity `A exp(-k d)` is obtained: fixed, or the MLE from the agent's own quotes and fills. */
export const fillIntensityConfigSchema = z
  .strictObject({
    estimator: z
      .enum(['fixed', 'mle'])
      .default('fixed')
      .describe('fixed: use `A` and `k`; mle: maximum-likelihood estimate from own quote exposure and fills by distance from the reference price'),
    A: z.number().positive().finite().default(0.7).describe('arrivals per tick hitting a quote at distance 0 (fixed value, or prior until `minFills`)'),
    k: z.number().positive().finite().default(1.5).describe('decay of the arrival intensity per price tick of distance (fixed value, or prior until `minFills`)'),
    minFills: z.number().int().nonnegative().default(50).describe('fills recorded before the estimate replaces `A` and `k`'),
    binWidth: z.number().positive().finite().default(0.25).describe('mle: width of the distance bins in price ticks'),
    kMax: z.number().positive().finite().default(50).describe('mle: largest k reported; an estimate on the boundary (k = 0 or kMax) is not used'),
  })
  .describe('fill intensity of quotes, lambda(d) = A exp(-k d)');

/** Validated fill-intensity config. */
export type FillIntensityConfig = z.output<typeof fillIntensityConfigSchema>;

/** Whether to filter a drift of the reference price (an Ornstein-Uhlenbeck drift, Kalman filter). */
export const driftConfigSchema = z
  .strictObject({
    estimator: z.enum(['none', 'kalman']).default('none').describe('none: zero drift; kalman: Kalman filter of an Ornstein-Uhlenbeck drift'),
    theta: z.number().nonnegative().finite().default(0.001).describe('mean-reversion rate of the drift per tick'),
    driftVariance: z.number().nonnegative().finite().default(1e-8).describe('variance per tick of the drift diffusion (price ticks^2 per tick^3)'),
    priorVariance: z
      .number()
      .nonnegative()
      .finite()
      .optional()
      .describe('prior variance of the drift (default: the stationary variance driftVariance / (2 theta), or 1 when theta = 0)'),
  })
  .describe('drift of the reference price');

/** Validated drift config. */
export type DriftConfig = z.output<typeof driftConfigSchema>;

/** The three estimator configs together. */
export interface MarketParametersConfig {
  /** Volatility. */
  volatility: VolatilityConfig;
  /** Fill intensity. */
  intensity: FillIntensityConfig;
  /** Drift. */
  drift: DriftConfig;
}

/**
 * The market inputs of a market maker's formulas, fixed or estimated online. Call
 * {@link MarketParameters.observe} with the reference price at each review; a maker feeds
 * {@link MarketParameters.intensityEstimator} (when present) with its quotes' exposure and fills.
 */
export class MarketParameters {
  /** The fill-intensity estimator when `intensity.estimator` is `mle`, else null. */
  readonly intensityEstimator: FillIntensityEstimator | null;
  private readonly vol: RealisedVolatility | EwmaVolatility | null;
  private readonly driftFilter: KalmanDriftFilter | null;

  /** @param config - validated estimator configs */
  constructor(readonly config: MarketParametersConfig) {
    const v = config.volatility;
    this.vol = v.estimator === 'realised' ? new RealisedVolatility({ window: v.window }) : v.estimator === 'ewma' ? new EwmaVolatility({ halfLife: v.halfLife }) : null;
    const i = config.intensity;
    this.intensityEstimator = i.estimator === 'mle' ? new FillIntensityEstimator({ binWidth: i.binWidth, kMax: i.kMax }) : null;
    const d = config.drift;
    this.driftFilter =
      d.estimator === 'kalman' ? new KalmanDriftFilter({ theta: d.theta, driftVariance: d.driftVariance, priorVariance: d.priorVariance }) : null;
  }

  /** Observes the reference price `s` (price ticks) at tick `t`. */
  observe(t: number, s: number): void {
    if (!Number.isFinite(s)) return;
    this.vol?.observe(t, s);
    if (this.driftFilter) {
      const sd = this.sigma();
      this.driftFilter.observe(t, s, sd * sd);
    }
  }

  /** Current `sigma` in price ticks per square-root tick. */
  sigma(): number {
    const v = this.vol;
    if (!v || v.count < this.config.volatility.minObservations || v.count === 0) return this.config.volatility.sigma;
    return v.sigma();
  }

  /** Current `(A, k)`: the MLE once `minFills` fills are recorded and the estimate is interior, else the configured values. */
  intensity(): { A: number; k: number; estimated: boolean } {
    const c = this.config.intensity;
    const e = this.intensityEstimator;
    if (e && e.fills >= c.minFills) {
      const est = e.estimate();
      if (est && est.interior && est.k > 0 && est.A > 0) return { A: est.A, k: est.k, estimated: true };
    }
    return { A: c.A, k: c.k, estimated: false };
  }

  /** Current drift estimate in price ticks per tick (0 without a drift filter). */
  drift(): number {
    return this.driftFilter ? this.driftFilter.mean : 0;
  }

  /** Expected move of the reference price over `h` ticks from the drift filter (0 without one). */
  expectedMove(h: number): number {
    return this.driftFilter ? this.driftFilter.expectedMove(h) : 0;
  }
}
