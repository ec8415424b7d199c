/**
 * The naive Gaussian belief agent: one scalar belief per market.
 * @module
 */
import type { AgentContext, Signal } from '@venuelab/kernel';
import { GaussianTracker } from '@venuelab/models';
import { BeliefTrader } from './belief-trader.js';
import type { TradingConfig } from './schema.js';

/** Config of a {@link ScalarBeliefAgent}: the trading fields plus the scalar belief's. */
export interface ScalarBeliefConfig extends TradingConfig {
  /** Assumed process variance per tick. */
  q: number;
  /** Prior precision around the opening mid. */
  priorPrecision: number;
}

/**
 * A belief trader with one independent scalar Gaussian belief per market, each a
 * {@link GaussianTracker} (prior: the opening mid in latent space with precision
 * `priorPrecision`; readings absorbed with the time-aware update, process variance `q`, `dt` the
 * ticks between the readings' own ticks). Readings of one market tell it nothing about another.
 *
 * This is the naive agent; the tail-aware agent is the same model listening to more tiers.
 */
export class ScalarBeliefAgent extends BeliefTrader {
  /** Beliefs by market. */
  protected readonly beliefs = new Map<string, GaussianTracker>();

  /**
   * @param ctx - the agent context
   * @param config - validated config
   */
  constructor(
    ctx: AgentContext,
    protected readonly config: ScalarBeliefConfig,
  ) {
    super(ctx, config);
  }

  protected initBelief(): void {
    for (const m of this.ctx.markets) {
      this.beliefs.set(m.id, new GaussianTracker({ mean: this.openingLatent(m), precision: this.config.priorPrecision, q: this.config.q, t: 0 }));
    }
  }

  protected absorb(s: Signal): void {
    this.beliefs.get(s.market)?.observe(s.value, s.precision, s.t);
  }

  fairLatent(market: string): number {
    return this.beliefs.get(market)?.mean ?? NaN;
  }

  /** The tracker of a market (for tests and diagnostics). */
  belief(market: string): GaussianTracker | undefined {
    return this.beliefs.get(market);
  }
}
