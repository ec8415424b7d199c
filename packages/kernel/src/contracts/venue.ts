/**
 * The venue contract: the six methods every venue plugin implements.
 * @module
 */
import type { CancelRequest, Fill, LimitOrderRequest, MarketOrderRequest, OrderResult, Side } from './orders.js';

/** One price level of a book, as seen from outside. */
export interface BookLevel {
  /** Price in ticks. */
  price: number;
  /** Total lots at this price. */
  qty: number;
}

/** What anyone may see of a venue's market at a moment. Absent values are `NaN`. */
export interface VenueState {
  /** Market id. */
  market: string;
  /** Tick at which the state was read. */
  t: number;
  /** Best bid in price ticks, NaN if none is shown. */
  bestBid: number;
  /** Best ask in price ticks, NaN if none is shown. */
  bestAsk: number;
  /** Lots at the best bid (0 if none). */
  bidQty: number;
  /** Lots at the best ask (0 if none). */
  askQty: number;
  /** Mid in price ticks, NaN when the venue shows none. */
  mid: number;
  /** Last trade price in price ticks, NaN before the first trade. */
  last: number;
  /** Bid levels best first, up to the depth asked for (empty when the venue shows no book). */
  bids: BookLevel[];
  /** Ask levels best first, up to the depth asked for. */
  asks: BookLevel[];
}

/** How a venue matches; agents read this to choose order types without venue-specific branches. */
export interface VenueCapabilities {
  /** `continuous` (order-by-order matching), `batch` (periodic uniform-price calls), `pool` (an AMM), `hybrid`, `intensity` (reduced-form fills). */
  mechanism: 'continuous' | 'batch' | 'pool' | 'hybrid' | 'intensity';
  /** Whether limit orders are accepted. */
  limitOrders: boolean;
  /** Whether market orders are accepted. */
  marketOrders: boolean;
  /**
   * Whether an informed trader should express its valuation with a limit order (true on batch
   * venues: a market order in a batch carries no price and clears at the stale quote).
   */
  prefersLimitForInformed: boolean;
  /** Batch interval in ticks for batch venues; 0 for continuous venues. */
  batchInterval: number;
  /** Limit prices must be multiples of this many price ticks (default 1). */
  priceIncrement?: number;
  /** Quantities must be multiples of this many lots (default 1). */
  lotSize?: number;
  /** Whether a limit order that does not trade at once rests (default: `limitOrders` unless the venue is a pool). */
  restingLimitOrders?: boolean;
  /** Whether the venue's mid is set from outside the book (e.g. it follows the truth process) rather than by its quotes (default false). */
  exogenousMid?: boolean;
  /** Whether the venue honours `postOnly` on limit orders (default false: the flag is ignored). */
  postOnly?: boolean;
}

/** Capabilities with every optional field filled with its documented default. */
export type VenueTraits = Required<VenueCapabilities>;

/** Fills the optional capability fields with their defaults, so agents can read them without branching on `mechanism`. */
export function venueTraits(c: VenueCapabilities): VenueTraits {
  return {
    ...c,
    priceIncrement: c.priceIncrement ?? 1,
    lotSize: c.lotSize ?? 1,
    restingLimitOrders: c.restingLimitOrders ?? (c.limitOrders && c.mechanism !== 'pool'),
    exogenousMid: c.exogenousMid ?? false,
    postOnly: c.postOnly ?? false,
  };
}

/** Where a venue appends its fills; the kernel drains it after every event pulse. */
export interface FillSink {
  /** Appends one fill. */
  push(fill: Fill): void;
}

/**
 * The venue contract. Fills are never returned from these methods: a venue appends them to its
 * {@link FillSink}; the kernel drains every venue after each event pulse into the run's trade log
 * and publishes them on the fill bus.
 */
export interface Venue {
  /** Component id of the venue in the experiment. */
  readonly id: string;
  /** Matching capabilities. */
  readonly capabilities: VenueCapabilities;
  /** Markets this venue trades. */
  readonly markets: readonly string[];
  /** Accepts a limit order. */
  submitLimitOrder(order: LimitOrderRequest): OrderResult;
  /** Accepts a market order. */
  submitMarketOrder(order: MarketOrderRequest): OrderResult;
  /** Cancels a live order of the requesting agent. */
  cancelOrder(request: CancelRequest): OrderResult;
  /** Reads the visible state of one market, with up to `depth` levels per side (default 1). */
  getState(market: string, depth?: number): VenueState;
  /** Estimated price move (in ticks, signed in the direction of the trade) from executing `qty` lots on `side`. */
  estimateImpact(market: string, side: Side, qty: number): number;
  /**
   * Called by the venue clock (priority -50), before agent events of that tick: once per integer
   * tick whenever any venue of the run is not `continuous` or mids or truth are sampled every
   * tick; otherwise (only continuous venues and coarser sampling) only on sampling ticks, since a
   * continuous venue needs no clock.
   */
  tick(now: number): void;
  /** Number of live (resting or pending) orders; used by guardrails and tests. */
  restingOrderCount(): number;
}

/** An empty state for a market, with every price NaN. */
export function emptyVenueState(market: string, t: number): VenueState {
  return { market, t, bestBid: NaN, bestAsk: NaN, bidQty: 0, askQty: 0, mid: NaN, last: NaN, bids: [], asks: [] };
}
