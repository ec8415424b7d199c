/**
 * `@venuelab/plugin-agent-arena-reference`: the arena's reference strategy, the order-book
 * imbalance / microprice maker of `@venuelab/plugin-agent-imbalance-mm` run on every book through
 * the arena strategy interface. Role `arena`.
 * @packageDocumentation
 */
import { z, openingMidTicks } from '@venuelab/kernel';
import { EwmaVolatility } from '@venuelab/estimators';
import { defineArenaStrategy, type ArenaOrder, type BookState } from '@venuelab/plugin-agent-arena-strategy';
import { imbalanceQuotes, microprice, weightedImbalance, type ImbalanceQuote } from '@venuelab/plugin-agent-imbalance-mm';

/** The reference maker's own config fields. */
export const referenceShape = {
  targetSpread: z.number().positive().finite().default(4).describe('full spread in price ticks at zero volatility'),
  inventorySkew: z.number().nonnegative().finite().default(0.5).describe('shift of the quote centre at full inventory, in half-spreads (against the inventory)'),
  maxInventoryShare: z.number().positive().max(1).default(0.3).describe('inventory cap per book as a share of capital: |q| * s <= maxInventoryShare * capital'),
  minEdge: z.number().nonnegative().finite().default(1).describe('smallest distance in price ticks of each quote from the fair value'),
  imbalanceSkew: z.number().finite().default(0.5).describe('shift of the quote centre per unit of imbalance, in half-spreads (towards the heavier side)'),
  baselineVol: z.number().positive().finite().default(1).describe('volatility (price ticks per square-root tick) at which the spread is twice the target'),
  volHalfLife: z.number().positive().finite().default(200).describe('half-life in ticks of the EWMA volatility of each book reference price'),
  depths: z.array(z.number().int().positive()).min(1).default([1, 3, 5, 10]).describe('book depths (levels per side) at which imbalance is measured'),
  depthWeights: z.array(z.number().nonnegative()).min(1).default([1, 1.2, 1.5, 2]).describe('weight of the imbalance at each depth (same length as depths)'),
  capital: z.number().positive().finite().default(200_000).describe('capital per book in tick-lots the inventory cap refers to'),
  qty: z.number().int().positive().default(1).describe('lots per quote'),
  fair: z.enum(['microprice', 'mid']).default('microprice').describe('fair value of the quotes: the microprice of the book without own orders, or its mid'),
};

/** Inputs of {@link referenceBookQuotes} besides the book. */
export interface ReferenceParams {
  /** See {@link referenceShape}. */
  targetSpread: number;
  /** See {@link referenceShape}. */
  inventorySkew: number;
  /** See {@link referenceShape}. */
  maxInventoryShare: number;
  /** See {@link referenceShape}. */
  minEdge: number;
  /** See {@link referenceShape}. */
  imbalanceSkew: number;
  /** See {@link referenceShape}. */
  baselineVol: number;
  /** See {@link referenceShape}. */
  depths: number[];
  /** See {@link referenceShape}. */
  depthWeights: number[];
  /** See {@link referenceShape}. */
  capital: number;
  /** See {@link referenceShape}. */
  qty: number;
  /** See {@link referenceShape}. */
  fair: 'microprice' | 'mid';
}

/** Quotes of one book, with the intermediate values. */
export interface ReferenceBookQuote extends ImbalanceQuote {
  /** Fair value used (microprice or reference). */
  fairValue: number;
  /** Weighted imbalance. */
  imbalance: number;
  /** Inventory cap in lots, `floor(maxInventoryShare * capital / reference)`. */
  maxInventory: number;
}

/**
 * The quote rule of one book ({@link imbalanceQuotes} of the imbalance maker) plus the arena's
 * guards: a side whose fill would take `|q|` past the inventory cap is dropped (NaN), and a quote
 * that would cross the other side of the book as observed is pulled back one increment inside it.
 */
export function referenceBookQuotes(b: BookState, reference: number, sigma: number, p: ReferenceParams): ReferenceBookQuote {
  const micro = microprice(b.bestBid, b.bidQty, b.bestAsk, b.askQty);
  const fairValue = p.fair === 'microprice' && Number.isFinite(micro) ? micro : reference;
  const imbalance = weightedImbalance(b.bids, b.asks, p.depths, p.depthWeights);
  const maxInventory = reference > 0 ? Math.floor((p.maxInventoryShare * p.capital) / reference) : 0;
  const q = imbalanceQuotes({
    fair: fairValue,
    sigma,
    imbalance,
    inventory: b.inventory,
    maxInventory,
    targetSpread: p.targetSpread,
    baselineVol: p.baselineVol,
    imbalanceSkew: p.imbalanceSkew,
    inventorySkew: p.inventorySkew,
    minEdge: p.minEdge,
  });
  let bid = b.inventory + p.qty <= maxInventory ? q.bid : NaN;
  let ask = b.inventory - p.qty >= -maxInventory ? q.ask : NaN;
  if (Number.isFinite(b.bestAsk) && bid >= b.bestAsk) bid = b.bestAsk - b.increment;
  if (Number.isFinite(b.bestBid) && ask <= b.bestBid) ask = b.bestBid + b.increment;
  return { ...q, bid, ask, fairValue, imbalance, maxInventory };
}

/** The reference maker plugin. */
export default defineArenaStrategy({
  id: 'agent-arena-reference',
  version: '0.1.0',
  description: 'arena reference maker: order-book imbalance / microprice quotes on every book, inventory skew and cap',
  shape: referenceShape,
  create(c) {
    if (c.depths.length !== c.depthWeights.length) throw new Error('agent-arena-reference: depthWeights must have one weight per depth');
    const books = new Map<string, { vol: EwmaVolatility; reference: number }>();
    return {
      onBooks(states, info) {
        const out: ArenaOrder[] = [];
        for (const b of states) {
          let k = books.get(b.market);
          if (!k) books.set(b.market, (k = { vol: new EwmaVolatility({ halfLife: c.volHalfLife }), reference: openingMidTicks(b.spec) }));
          if (Number.isFinite(b.mid)) k.reference = b.mid;
          else if (Number.isFinite(b.last)) k.reference = b.last;
          k.vol.observe(info.t, k.reference);
          const sigma = k.vol.count > 0 ? k.vol.sigma() : 0;
          const q = referenceBookQuotes(b, k.reference, sigma, c);
          if (Number.isFinite(q.bid)) out.push({ kind: 'quote', market: b.market, side: 'buy', price: q.bid, qty: c.qty });
          if (Number.isFinite(q.ask)) out.push({ kind: 'quote', market: b.market, side: 'sell', price: q.ask, qty: c.qty });
        }
        return out;
      },
    };
  },
});
