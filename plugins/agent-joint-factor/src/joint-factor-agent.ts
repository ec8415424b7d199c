/**
 * The joint-factor fair-value agent.
 * @module
 */
import type { AgentContext, Signal } from '@venuelab/kernel';
import { FactorStateSpace, LatentFactorModelToken, type LatentFactorModel, type MultivariateGaussianBelief } from '@venuelab/models';
import { BeliefTrader } from '@venuelab/plugin-agent-naive-belief';
import { configFactorModel } from './config-model.js';
import type { JointFactorConfig } from './schema.js';

/**
 * A belief trader with one multivariate Gaussian belief over the factors of a latent-factor model
 * (and, by default, each market's idiosyncratic term): `x_m = anchor_m + beta_m . f + e_m`. A
 * reading of any market updates the whole state (Kalman update through {@link FactorStateSpace}),
 * after the time-aware step `Sigma += Q dt` with `Q = diag(qFactor..., qIdio...)` and `dt` the ticks
 * since the last absorbed reading. Fair value of a market is the posterior mean of `x_m`; every
 * reading informs every market.
 *
 * The structure comes from the truth process's {@link LatentFactorModelToken} (only the structural
 * fields: loadings, variances, anchors; never the realised values) or from the config.
 */
export class JointFactorAgent extends BeliefTrader {
  private space!: FactorStateSpace;
  private belief!: MultivariateGaussianBelief;
  private q!: Float64Array;
  private last = 0;
  /** Where the structure came from, after start. */
  source: 'truth' | 'config' | undefined;

  /**
   * @param ctx - the agent context
   * @param config - validated config
   */
  constructor(
    ctx: AgentContext,
    private readonly config: JointFactorConfig,
  ) {
    super(ctx, config);
  }

  private truthModel(): LatentFactorModel | undefined {
    try {
      return this.ctx.resolve(LatentFactorModelToken);
    } catch {
      return undefined;
    }
  }

  protected initBelief(): void {
    const c = this.config;
    let model = c.model === 'config' ? undefined : this.truthModel();
    if (c.model === 'truth' && !model) {
      throw new Error(`${this.id}: model "truth" needs a truth process that provides a LatentFactorModel (e.g. truth-frozen)`);
    }
    this.source = model ? 'truth' : 'config';
    if (!model) {
      const anchors = new Map(this.ctx.markets.map((m) => [m.id, this.openingLatent(m)]));
      model = configFactorModel(c, this.ctx.truth.space, anchors);
    }
    this.space = new FactorStateSpace(model, { includeIdiosyncratic: c.includeIdiosyncratic });
    this.belief = this.space.prior();
    const q = new Float64Array(this.space.dim);
    for (let i = 0; i < q.length; i++) q[i] = i < model.factorCount ? c.qFactor : c.qIdio;
    this.q = q;
  }

  protected absorb(s: Signal): void {
    if (!this.space.model.markets.includes(s.market)) return;
    const dt = s.t - this.last;
    if (dt > 0) {
      this.belief.predict(this.q, dt);
      this.last = s.t;
    }
    this.space.observe(this.belief, s.market, s.value, s.precision);
  }

  protected override informs(_s: Signal): readonly string[] {
    return this.traded.map((m) => m.id);
  }

  fairLatent(market: string): number {
    return this.space.fair(this.belief, market).mean;
  }

  /** Posterior mean and variance of a market's latent fair value. */
  fair(market: string): { mean: number; variance: number } {
    return this.space.fair(this.belief, market);
  }

  /** The current belief over the state (factors, then idiosyncratic terms). */
  state(): MultivariateGaussianBelief {
    return this.belief;
  }
}
