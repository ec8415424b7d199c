/**
 * The strategy interface of the arena: what a strategy sees of each book and what it answers.
 * @module
 */
import type { BookLevel, MarketSpec, Side } from '@venuelab/kernel';

/** What a strategy sees of one book at a decision. Prices in price ticks, quantities in lots. */
export interface BookState {
  /** Venue id. */
  venue: string;
  /** Market id. */
  market: string;
  /** Spec of the market. */
  spec: MarketSpec;
  /** Tick of the observation. */
  t: number;
  /** Limit prices must be multiples of this many price ticks. */
  increment: number;
  /** Best bid of the book without the strategy's own orders (NaN if none). */
  bestBid: number;
  /** Best ask of the book without the strategy's own orders (NaN if none). */
  bestAsk: number;
  /** Lots at {@link BookState.bestBid} (0 if none). */
  bidQty: number;
  /** Lots at {@link BookState.bestAsk} (0 if none). */
  askQty: number;
  /** Mid of the book without own orders; NaN when a side is empty. */
  mid: number;
  /** Last trade price on the venue (NaN before the first trade). */
  last: number;
  /** Bid levels without own orders, best first (up to `bookDepth`). */
  bids: BookLevel[];
  /** Ask levels without own orders, best first. */
  asks: BookLevel[];
  /** Net inventory in lots from the strategy's fills reported so far (positive = long). */
  inventory: number;
  /** Cash in tick-lots from those fills (fees included). */
  cash: number;
  /** Lots of the strategy's own bids not yet known to be dead. */
  ownBidQty: number;
  /** Lots of the strategy's own asks not yet known to be dead. */
  ownAskQty: number;
}

/**
 * A resting quote the strategy wants to have on a book. The runtime rounds the price onto the grid
 * (bids down, asks up) and sends it post-only. The quotes returned at a decision are the complete
 * desired resting set: own quotes not in it are cancelled, identical ones are kept.
 */
export interface QuoteIntent {
  /** Discriminator. */
  kind: 'quote';
  /** Market id (on the book's venue). */
  market: string;
  /** Side. */
  side: Side;
  /** Limit price in (possibly fractional) price ticks; NaN or non-positive = no quote. */
  price: number;
  /** Lots (a positive integer). */
  qty: number;
}

/** A market order the strategy wants sent (liquidity taking). */
export interface TakeIntent {
  /** Discriminator. */
  kind: 'take';
  /** Market id. */
  market: string;
  /** Side. */
  side: Side;
  /** Lots (a positive integer). */
  qty: number;
}

/** One answer of a strategy. */
export type ArenaOrder = QuoteIntent | TakeIntent;

/** What a decision knows besides the books. */
export interface DecisionInfo {
  /** Tick of the decision. */
  t: number;
  /** Duration of the run. */
  duration: number;
  /** Index of this decision (0, 1, ...). */
  decision: number;
}

/**
 * A strategy: a pure-ish decision function over every book's state. It may keep its own state
 * (e.g. volatility estimators) between calls; randomness must come from the stream it is given.
 */
export interface ArenaStrategy {
  /** Called at every decision with the state of every book; returns the orders wanted. */
  onBooks(states: readonly BookState[], info: DecisionInfo): ArenaOrder[];
}
