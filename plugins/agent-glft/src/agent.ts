/**
 * The GLFT market maker agent.
 * @module
 */
import type { AgentContext } from '@venuelab/kernel';
import { MakerAgent, MarketParameters, type MakerView, type QuotePair } from '@venuelab/estimators';
import { glftOffsets, type GlftOffsets } from './quotes.js';
import type { GlftConfig } from './schema.js';

/**
 * Quotes `s - delta_b(q)` and `s + delta_a(q)` at every review, with `s` the reference price, `q`
 * its inventory, and `sigma`, `A`, `k` (and optionally a drift) fixed or estimated online.
 */
export class GlftMaker extends MakerAgent {
  /** Market inputs (fixed or estimated). */
  readonly params: MarketParameters;
  /** The offsets computed at the latest review, or null. */
  lastOffsets: GlftOffsets | null = null;

  /**
   * @param ctx - the agent's context
   * @param config - validated config
   */
  constructor(
    ctx: AgentContext,
    private readonly config: GlftConfig,
  ) {
    const params = new MarketParameters({ volatility: config.volatility, intensity: config.intensity, drift: config.drift });
    super(ctx, config, params.intensityEstimator);
    this.params = params;
  }

  protected override quotes(view: MakerView): QuotePair {
    this.params.observe(view.t, view.reference);
    const sigma = this.params.sigma();
    const { A, k } = this.params.intensity();
    const mu = sigma > 0 ? this.params.drift() : 0;
    const o = glftOffsets({ q: view.inventory, gamma: this.config.gamma, sigma, A, k, mu });
    this.lastOffsets = o;
    return { bid: view.reference - o.bid, ask: view.reference + o.ask };
  }

  protected override inventoryLimit(): number {
    return this.config.maxInventory;
  }
}
