/**
 * An observation variance measured from prediction errors instead of set as a constant.
 * @module
 */

/** Options of {@link MeasuredVariance}. */
export interface MeasuredVarianceOptions {
  /** Prior value of the variance (used until evidence accumulates; > 0). */
  prior: number;
  /** Weight of the prior in pseudo-observations (>= 0). Default 10. */
  priorWeight?: number;
  /** Half-life of the evidence in observations (Infinity = equal weights). Default Infinity. */
  halfLife?: number;
  /** Smallest variance reported (> 0). Default `prior * 1e-6`. */
  floor?: number;
}

/**
 * A variance estimated from squared prediction errors, shrunk towards a prior: with errors `e_i`
 * (each an observation minus what was predicted for it) and `excess_i` the part of the predicted
 * variance that is not observation noise (e.g. the Kalman prior variance `P` of the state), the
 * estimate is
 *
 * ```
 * R = (w0 R0 + sum_i w_i (e_i^2 - excess_i)) / (w0 + sum_i w_i)
 * ```
 *
 * floored at `floor`. This is the method-of-moments estimate of the observation noise from the
 * innovation identity `E[e^2] = P + R`; with `halfLife` the weights decay geometrically so the
 * estimate follows a changing noise level. The markout engine of a maker feeds it the realised
 * error of each prediction once its horizon has passed.
 */
export class MeasuredVariance {
  private readonly r0: number;
  private readonly w0: number;
  private readonly decay: number;
  private readonly floor: number;
  private sumW = 0;
  private sumWE = 0;
  private n = 0;

  /** @param o - prior, its weight, half-life and floor */
  constructor(o: MeasuredVarianceOptions) {
    if (!(o.prior > 0 && Number.isFinite(o.prior))) throw new RangeError(`prior variance must be positive and finite, got ${o.prior}`);
    this.r0 = o.prior;
    this.w0 = o.priorWeight ?? 10;
    const hl = o.halfLife ?? Infinity;
    this.decay = Number.isFinite(hl) ? Math.pow(0.5, 1 / hl) : 1;
    this.floor = o.floor ?? o.prior * 1e-6;
  }

  /** Adds one prediction error `e` whose prediction carried `excess` variance not due to observation noise. */
  add(e: number, excess = 0): void {
    if (!Number.isFinite(e) || !Number.isFinite(excess)) return;
    this.sumW = this.sumW * this.decay + 1;
    this.sumWE = this.sumWE * this.decay + (e * e - excess);
    this.n++;
  }

  /** Prediction errors seen. */
  get count(): number {
    return this.n;
  }

  /** The current estimate of the observation variance. */
  get value(): number {
    const v = (this.w0 * this.r0 + this.sumWE) / (this.w0 + this.sumW);
    return v > this.floor ? v : this.floor;
  }
}
