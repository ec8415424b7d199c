/**
 * The log-additive risk-aversion model: every risk enters the quotes through one number, gamma.
 * @module
 */

/** The features of the risk model, in a fixed order. */
export const RISK_FEATURES = ['volatility', 'toxicity', 'inventory', 'hawkes', 'depth', 'uncertainty', 'continuation'] as const;

/** A feature name. */
export type RiskFeature = (typeof RISK_FEATURES)[number];

/** A value per feature. */
export type FeatureVector = Record<RiskFeature, number>;

/** Settings of {@link RiskModel}. */
export interface RiskModelOptions {
  /** Base risk aversion `gamma_base` (> 0), per tick-lot. */
  gammaBase: number;
  /** Coefficient `beta_i` per feature (missing = 0: the feature is off). */
  betas: Partial<FeatureVector>;
  /** Bound `c` of each contribution in log units (> 0): `|contribution| < c`. Default 1. */
  bound?: number;
}

/** The model's output for one quote. */
export interface RiskAversion {
  /** `gamma = gamma_base exp(sum_i contribution_i)`. */
  gamma: number;
  /** `log gamma`. */
  logGamma: number;
  /** The features' values `x_i`. */
  features: FeatureVector;
  /** The bounded contributions `c tanh(beta_i x_i / c)` to `log gamma`. */
  contributions: FeatureVector;
}

/** A feature vector of zeros. */
export function zeroFeatures(): FeatureVector {
  return { volatility: 0, toxicity: 0, inventory: 0, hawkes: 0, depth: 0, uncertainty: 0, continuation: 0 };
}

/**
 * `log gamma = log gamma_base + sum_i c tanh(beta_i x_i / c)`. Each contribution is `beta_i x_i`
 * for small arguments (so fitted betas keep their regression meaning) and is bounded by `c` in
 * absolute value, so no single feature can push gamma beyond `gamma_base e^{±c}`. There is no
 * other multiplier: whatever a maker wants to respond to must be a feature here.
 *
 * Feature conventions (each is zero in the neutral state; the agent computes them):
 * - `volatility`: `log(sigma / sigma_ref)`;
 * - `toxicity`: expected adverse selection per fill over the GLFT half-spread (markout model);
 * - `inventory`: `(q / Q)^2`, the squared inventory utilisation;
 * - `hawkes`: `log(lambda / mu)` of the same-side fill intensity (largest side);
 * - `depth`: `-log(depth / depth_ref)` of others' visible depth (thin book > 0);
 * - `uncertainty`: the posterior coefficient of variation of sigma^2 plus that of kappa;
 * - `continuation`: `sign(q) (2 P(drift has the sign of q) - 1)`, the probability that the trend
 *   continues in favour of the position, centred; its beta is negative (confidence lowers gamma).
 */
export class RiskModel {
  private readonly logBase: number;
  private readonly bound: number;

  /** @param o - base gamma, betas, bound */
  constructor(private readonly o: RiskModelOptions) {
    if (!(o.gammaBase > 0) || !Number.isFinite(o.gammaBase)) throw new RangeError(`gammaBase must be positive, got ${o.gammaBase}`);
    this.bound = o.bound ?? 1;
    if (!(this.bound > 0)) throw new RangeError('bound must be positive');
    this.logBase = Math.log(o.gammaBase);
  }

  /** True when every beta is zero (gamma is then exactly `gamma_base`). */
  get off(): boolean {
    return RISK_FEATURES.every((f) => !this.o.betas[f]);
  }

  /** Evaluates the model; non-finite features count as 0. */
  evaluate(x: FeatureVector): RiskAversion {
    const c = this.bound;
    const contributions = zeroFeatures();
    let sum = 0;
    for (const f of RISK_FEATURES) {
      const b = this.o.betas[f] ?? 0;
      const v = x[f];
      if (b === 0 || !Number.isFinite(v)) continue;
      const ci = c * Math.tanh((b * v) / c);
      contributions[f] = ci;
      sum += ci;
    }
    if (sum === 0) return { gamma: this.o.gammaBase, logGamma: this.logBase, features: x, contributions };
    const logGamma = this.logBase + sum;
    return { gamma: Math.exp(logGamma), logGamma, features: x, contributions };
  }
}
