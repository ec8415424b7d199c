/**
 * The latent-factor model contract shared by truth processes that draw one (e.g.
 * `@venuelab/plugin-truth-frozen`) and agents that reason about it (a joint-factor fair-value agent):
 *
 *   x_m = anchor_m + sum_k beta_mk f_k + e_m,   f_k ~ N(0, factorVariance_k),   e_m ~ N(0, idioVariance_m),
 *
 * in the truth process's latent space. A truth plugin provides it under {@link LatentFactorModelToken};
 * an agent resolves it with `ctx.resolve(LatentFactorModelToken)` in `start()`.
 * @module
 */
import { createToken, type LatentSpace } from '@venuelab/kernel';
import { Matrix } from './matrix.js';
import { MultivariateGaussianBelief } from './multivariate-belief.js';

/** A latent-factor model of market fair values. */
export interface LatentFactorModel {
  /** Latent space of the values (as the truth process's `space`). */
  readonly space: LatentSpace;
  /** Market ids, in experiment order. */
  readonly markets: readonly string[];
  /** Number of common factors K. */
  readonly factorCount: number;
  /** Latent anchor of each market (the opening mid in latent space). */
  readonly anchors: Readonly<Record<string, number>>;
  /** Loadings `beta_m` (length K) of each market. */
  readonly loadings: Readonly<Record<string, readonly number[]>>;
  /** Prior variance of each factor (length K). */
  readonly factorVariance: readonly number[];
  /** Prior variance of each market's idiosyncratic term. */
  readonly idioVariance: Readonly<Record<string, number>>;
  /**
   * The realised factor values `f` of this run. This is the truth: agents that are meant to learn
   * it from signals must use only the structural parameters above.
   */
  readonly factors: readonly number[];
  /** The realised idiosyncratic terms `e_m` of this run (the truth, as {@link LatentFactorModel.factors}). */
  readonly idiosyncratic: Readonly<Record<string, number>>;
}

/** The service token under which a truth process provides its {@link LatentFactorModel}. */
export const LatentFactorModelToken = createToken<LatentFactorModel>('venuelab.models.LatentFactorModel');

/**
 * The linear-Gaussian state space of a {@link LatentFactorModel} for a joint-factor belief.
 *
 * The state is `[f_1..f_K, e_1..e_M]` (factors, then one idiosyncratic term per market), so that
 * repeated readings of one market correctly share its idiosyncratic term. With
 * `includeIdiosyncratic: false` the state is the factors only and each reading's noise variance is
 * inflated by the market's idiosyncratic variance (right for one reading per market, over-confident
 * for repeated readings of the same market).
 */
export class FactorStateSpace {
  /** State dimension. */
  readonly dim: number;
  private readonly index = new Map<string, number>();
  private readonly withIdio: boolean;

  /**
   * @param model - the factor model
   * @param options - whether the state includes the idiosyncratic terms (default true)
   */
  constructor(
    readonly model: LatentFactorModel,
    options: { includeIdiosyncratic?: boolean } = {},
  ) {
    this.withIdio = options.includeIdiosyncratic ?? true;
    model.markets.forEach((m, i) => this.index.set(m, i));
    this.dim = model.factorCount + (this.withIdio ? model.markets.length : 0);
  }

  private marketIndex(market: string): number {
    const i = this.index.get(market);
    if (i === undefined) throw new RangeError(`factor model has no market "${market}"`);
    return i;
  }

  /** The prior belief: mean 0, covariance `diag(factorVariance, idioVariance)`. */
  prior(): MultivariateGaussianBelief {
    const m = this.model;
    const diag = [...m.factorVariance];
    if (this.withIdio) for (const id of m.markets) diag.push(m.idioVariance[id]!);
    return new MultivariateGaussianBelief(new Float64Array(this.dim), Matrix.diagonal(diag));
  }

  /** The observation vector `h` of a market: `x_m - anchor_m = h . state`. */
  observation(market: string): Float64Array {
    const i = this.marketIndex(market);
    const h = new Float64Array(this.dim);
    const beta = this.model.loadings[market]!;
    for (let k = 0; k < this.model.factorCount; k++) h[k] = beta[k]!;
    if (this.withIdio) h[this.model.factorCount + i] = 1;
    return h;
  }

  /** Noise variance used for a reading of the given precision (inflated by the idiosyncratic variance when the state omits it). */
  readingVariance(market: string, precision: number): number {
    const r = 1 / precision;
    return this.withIdio ? r : r + this.model.idioVariance[market]!;
  }

  /**
   * Absorbs a reading `value ~ N(x_m, 1 / precision)` of market `market` into the belief.
   * @param belief - a belief over this state space (e.g. from {@link FactorStateSpace.prior})
   * @param market - market id
   * @param value - the reading, in latent space
   * @param precision - its precision
   */
  observe(belief: MultivariateGaussianBelief, market: string, value: number, precision: number): void {
    belief.observe(this.observation(market), value - this.model.anchors[market]!, this.readingVariance(market, precision));
  }

  /** Mean and variance of a market's latent fair value `x_m` under a belief. */
  fair(belief: MultivariateGaussianBelief, market: string): { mean: number; variance: number } {
    const p = belief.project(this.observation(market));
    const variance = this.withIdio ? p.variance : p.variance + this.model.idioVariance[market]!;
    return { mean: this.model.anchors[market]! + p.mean, variance };
  }
}
