/**
 * The imbalance / microprice market maker agent.
 * @module
 */
import type { AgentContext } from '@venuelab/kernel';
import { EwmaVolatility, MakerAgent, type MakerView, type QuotePair } from '@venuelab/estimators';
import { imbalanceQuotes, type ImbalanceQuote } from './quotes.js';
import type { ImbalanceConfig } from './schema.js';
import { microprice, weightedImbalance } from './signals.js';

/**
 * At every review: measures the imbalance of the book without its own orders at several depths,
 * the microprice of that book's touch, and the EWMA volatility of the reference price; quotes
 * {@link imbalanceQuotes} within an inventory cap of `maxInventoryShare * capital / s` lots.
 */
export class ImbalanceMaker extends MakerAgent {
  /** EWMA volatility of the reference price. */
  readonly volatility: EwmaVolatility;
  /** The quote computed at the latest review (before rounding and guards), or null. */
  lastQuote: (ImbalanceQuote & { fair: number; imbalance: number; sigma: number; maxInventory: number }) | null = null;

  /**
   * @param ctx - the agent's context
   * @param config - validated config
   */
  constructor(
    ctx: AgentContext,
    private readonly config: ImbalanceConfig,
  ) {
    super(ctx, { ...config, bookDepth: Math.max(config.bookDepth, ...config.depths) });
    this.volatility = new EwmaVolatility({ halfLife: config.volHalfLife });
  }

  /** Inventory cap in lots at reference price `s`: `floor(maxInventoryShare * capital / s)`. */
  maxInventoryAt(s: number): number {
    return s > 0 ? Math.floor((this.config.maxInventoryShare * this.config.capital) / s) : 0;
  }

  protected override quotes(view: MakerView): QuotePair {
    const c = this.config;
    this.volatility.observe(view.t, view.reference);
    const sigma = this.volatility.count > 0 ? this.volatility.sigma() : 0;
    const b = view.book;
    const micro = microprice(b.bestBid, b.bidQty, b.bestAsk, b.askQty);
    const fair = c.fair === 'microprice' && Number.isFinite(micro) ? micro : view.reference;
    const imbalance = weightedImbalance(b.bids, b.asks, c.depths, c.depthWeights);
    const maxInventory = this.maxInventoryAt(view.reference);
    const q = imbalanceQuotes({
      fair,
      sigma,
      imbalance,
      inventory: view.inventory,
      maxInventory,
      targetSpread: c.targetSpread,
      baselineVol: c.baselineVol,
      imbalanceSkew: c.imbalanceSkew,
      inventorySkew: c.inventorySkew,
      minEdge: c.minEdge,
    });
    this.lastQuote = { halfSpread: q.halfSpread, inventoryRatio: q.inventoryRatio, center: q.center, bid: q.bid, ask: q.ask, fair, imbalance, sigma, maxInventory };
    return { bid: q.bid, ask: q.ask };
  }

  protected override inventoryLimit(view: MakerView): number {
    return this.maxInventoryAt(view.reference);
  }
}
