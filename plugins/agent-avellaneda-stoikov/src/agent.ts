/**
 * The Avellaneda-Stoikov market maker agent.
 * @module
 */
import type { AgentContext } from '@venuelab/kernel';
import { MakerAgent, MarketParameters, type MakerView, type QuotePair } from '@venuelab/estimators';
import { asQuotes, type AsQuote } from './quotes.js';
import type { AsConfig } from './schema.js';

/**
 * Quotes `r -/+ spread / 2` (inventory mode) or `s -/+ spread / 2` (symmetric mode) at every review,
 * with `s` the reference price, `q` its inventory, `T - t` the ticks left to its horizon (or the
 * rolling horizon), and `sigma`, `k` fixed or estimated online (see `@venuelab/estimators`).
 */
export class AvellanedaStoikovMaker extends MakerAgent {
  /** Market inputs (fixed or estimated). */
  readonly params: MarketParameters;
  /** The quote computed at the latest review (before rounding and guards), or null. */
  lastQuote: AsQuote | null = null;
  private readonly T: number;

  /**
   * @param ctx - the agent's context
   * @param config - validated config
   */
  constructor(
    ctx: AgentContext,
    private readonly config: AsConfig,
  ) {
    const params = new MarketParameters({ volatility: config.volatility, intensity: config.intensity, drift: config.drift });
    super(ctx, config, params.intensityEstimator);
    this.params = params;
    this.T = config.horizon ?? ctx.duration;
  }

  protected override quotes(view: MakerView): QuotePair {
    const c = this.config;
    this.params.observe(view.t, view.reference);
    const tau = c.rollingHorizon ?? Math.max(0, this.T - view.t);
    const q = asQuotes({
      s: view.reference,
      q: view.inventory,
      gamma: c.gamma,
      sigma: this.params.sigma(),
      tau,
      k: this.params.intensity().k,
      mode: c.mode,
      expectedMove: c.mode === 'inventory' ? this.params.expectedMove(tau) : 0,
    });
    this.lastQuote = q;
    return { bid: q.bid, ask: q.ask };
  }

  protected override inventoryLimit(): number {
    return this.config.maxInventory;
  }
}
