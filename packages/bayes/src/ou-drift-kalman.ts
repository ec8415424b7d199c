/**
 * A Kalman filter on an Ornstein-Uhlenbeck drift, observed through sources whose noise variances
 * are measured from their prediction errors.
 * @module
 */
import { MeasuredVariance } from './measured-variance.js';

/** Options of {@link OuDriftKalman}. */
export interface OuDriftKalmanOptions {
  /** Mean-reversion rate `theta` of the drift per tick (>= 0). */
  theta: number;
  /** Diffusion variance `q` of the drift per tick (>= 0). */
  q: number;
  /** Prior mean of the drift (default 0). */
  mean?: number;
  /** Prior variance (default: the stationary `q / (2 theta)`, or 1 when `theta = 0`). */
  variance?: number;
}

/** One step of the filter, for diagnostics. */
export interface KalmanStep {
  /** Observation. */
  z: number;
  /** Prior (predicted) mean. */
  prior: number;
  /** Prior variance `P`. */
  priorVariance: number;
  /** Observation variance `R` used. */
  r: number;
  /** Gain `K = P / (P + R)`. */
  gain: number;
  /** Innovation `z - prior`. */
  innovation: number;
}

/**
 * The drift `mu` (price ticks per tick) follows `d mu = -theta mu dt + sqrt(q) dW`. Between
 * observations the filter predicts
 *
 * ```
 * mu <- mu exp(-theta dt)
 * P  <- P exp(-2 theta dt) + Q(dt),   Q(dt) = q (1 - exp(-2 theta dt)) / (2 theta)   (q dt when theta = 0)
 * ```
 *
 * and absorbs an observation `z = mu + noise` of variance `R` with gain `K = P / (P + R)`:
 * `mu <- mu + K (z - mu)`, `P <- (1 - K) P`. {@link OuDriftKalman.observe} takes `R` from a
 * {@link MeasuredVariance} per source, fed with that source's innovations, so no observation
 * variance is a hand-set constant.
 */
export class OuDriftKalman {
  private readonly theta: number;
  private readonly q: number;
  private m: number;
  private p: number;
  private readonly sources = new Map<string, MeasuredVariance>();

  /** @param o - dynamics and prior */
  constructor(o: OuDriftKalmanOptions) {
    if (!(o.theta >= 0) || !(o.q >= 0)) throw new RangeError('theta and q must be non-negative');
    this.theta = o.theta;
    this.q = o.q;
    this.m = o.mean ?? 0;
    this.p = o.variance ?? (o.theta > 0 ? o.q / (2 * o.theta) : 1);
  }

  /** Posterior mean of the drift. */
  get mean(): number {
    return this.m;
  }

  /** Posterior variance of the drift. */
  get variance(): number {
    return this.p;
  }

  /** Process variance accumulated over `dt` ticks: `q (1 - exp(-2 theta dt)) / (2 theta)`. */
  processVariance(dt: number): number {
    if (this.theta === 0) return this.q * dt;
    return (this.q * -Math.expm1(-2 * this.theta * dt)) / (2 * this.theta);
  }

  /** Propagates the state `dt` ticks ahead. */
  predict(dt: number): void {
    if (!(dt > 0)) return;
    const a = Math.exp(-this.theta * dt);
    this.m *= a;
    this.p = this.p * a * a + this.processVariance(dt);
  }

  /** Absorbs an observation `z` of the drift with noise variance `r`. */
  update(z: number, r: number): KalmanStep {
    const prior = this.m;
    const P = this.p;
    const gain = r > 0 ? P / (P + r) : 1;
    const innovation = z - prior;
    this.m = prior + gain * innovation;
    this.p = (1 - gain) * P;
    return { z, prior, priorVariance: P, r, gain, innovation };
  }

  /**
   * Registers an observation source whose noise variance per unit weight is measured from its
   * innovations (see {@link MeasuredVariance}); `prior` is the variance used before evidence.
   */
  addSource(name: string, prior: number, priorWeight = 10, halfLife = Infinity): void {
    this.sources.set(name, new MeasuredVariance({ prior, priorWeight, halfLife }));
  }

  /** The measured noise variance of a source per unit weight. */
  sourceVariance(name: string): number {
    const s = this.sources.get(name);
    if (!s) throw new Error(`unknown drift observation source "${name}"`);
    return s.value;
  }

  /**
   * Absorbs an observation from a registered source. Its noise variance is the source's measured
   * variance divided by `weight` (e.g. the ticks a mid return spans: a return over `dt` ticks,
   * divided by `dt`, has variance `sigma^2 / dt`). The innovation, scaled back to unit weight,
   * then updates the source's measured variance: `e^2 w - P w` estimates the unit noise.
   */
  observe(source: string, z: number, weight = 1): KalmanStep {
    const s = this.sources.get(source);
    if (!s) throw new Error(`unknown drift observation source "${source}"`);
    const r = s.value / weight;
    const step = this.update(z, r);
    s.add(step.innovation * Math.sqrt(weight), step.priorVariance * weight);
    return step;
  }

  /** Expected change of the reference price over the next `h` ticks: `mu (1 - exp(-theta h)) / theta` (`mu h` when theta = 0). */
  expectedMove(h: number): number {
    if (this.theta === 0) return this.m * h;
    return (this.m * -Math.expm1(-this.theta * h)) / this.theta;
  }
}
