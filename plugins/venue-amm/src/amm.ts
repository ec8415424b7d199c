/**
 * The AMM venue: one pool per market; the pool is the counterparty of every trade.
 *
 * - Market orders execute in full against the curve at the average price of the trade, or are
 *   rejected with `NoLiquidity` when the pool cannot take them (a constant-product pool never sells
 *   its whole reserve).
 * - Limit orders are marketable up to the limit and never rest (immediate-or-cancel): the order
 *   takes blocks of `lotSize` lots while each block's own price (the curve's cost of that block
 *   divided by its lots, before the fee) is no worse than the limit, so every lot trades at or
 *   inside the limit; the remainder is cancelled. Like the CLOB, the limit is compared with the
 *   price before fees.
 * - One fill per order: the pool (`<venueId>:pool`, role `pool`) is the maker leg with order id
 *   -1, the trader the taker; the fill price is the average price (fractional ticks allowed).
 * - `getState`: `mid` is the marginal price, `bestBid` / `bestAsk` the prices of selling / buying
 *   one block of `lotSize` lots; depth levels are the next blocks' prices, one block each.
 * @module
 */
import {
  ErrorCode,
  RejectReason,
  VenuelabError,
  sideSign,
  type BookLevel,
  type CancelRequest,
  type LimitOrderRequest,
  type MarketOrderRequest,
  type MarketSpec,
  type OrderResult,
  type RejectReasonCode,
  type Side,
  type Venue,
  type VenueCapabilities,
  type VenueContext,
  type VenueState,
} from '@venuelab/kernel';
import { createPool, type Pool, type PoolQuote } from './pool.js';
import type { AmmConfig } from './schema.js';

const reject = (orderId: number, reason: RejectReasonCode): OrderResult => ({ orderId, status: 'rejected', filledQty: 0, remainingQty: 0, reason });

/** A participant a venue adds to the run (read by the kernel through `participants()`). */
export interface VenueParticipant {
  /** Participant id as it appears in fills. */
  id: string;
  /** Role tag. */
  role: string;
}

/** The pool participant id of a venue: `<venueId>:pool`. */
export function poolParticipantId(venueId: string): string {
  return `${venueId}:pool`;
}

/** An AMM venue over one or more markets (one pool each). */
export class AmmVenue implements Venue {
  readonly id: string;
  readonly markets: readonly string[];
  readonly capabilities: VenueCapabilities = {
    mechanism: 'pool',
    limitOrders: true,
    marketOrders: true,
    prefersLimitForInformed: false,
    batchInterval: 0,
    restingLimitOrders: false,
    exogenousMid: false,
    postOnly: true,
  };
  /** Participant id of the pools (maker leg of every fill). */
  readonly poolId: string;
  private readonly pools = new Map<string, Pool>();
  private readonly seen = new Set<number>();
  private readonly last = new Map<string, number>();

  /**
   * @param ctx - venue context from the kernel
   * @param config - validated config
   */
  constructor(
    private readonly ctx: VenueContext,
    private readonly config: AmmConfig,
  ) {
    this.id = ctx.id;
    this.poolId = poolParticipantId(ctx.id);
    const specs = new Map<string, MarketSpec>(ctx.markets.map((m) => [m.id, m]));
    const wanted = config.markets ?? ctx.markets.map((m) => m.id);
    for (const id of wanted) {
      const spec = specs.get(id);
      if (!spec) throw new VenuelabError(ErrorCode.Config, `AMM venue ${ctx.id}: unknown market "${id}"`, { market: id });
      this.pools.set(id, createPool(spec, config));
    }
    this.markets = wanted;
    this.capabilities.priceIncrement = config.tickSize;
    this.capabilities.lotSize = config.lotSize;
  }

  /** The pool participant, so the kernel records its role (`pool`). */
  participants(): VenueParticipant[] {
    return [{ id: this.poolId, role: 'pool' }];
  }

  /** The pool of a market (for tests, metrics and the hybrid venue). */
  pool(market: string): Pool | undefined {
    return this.pools.get(market);
  }

  private checkQty(qty: number): boolean {
    return Number.isSafeInteger(qty) && qty > 0 && qty % this.config.lotSize === 0;
  }

  private checkCommon(o: MarketOrderRequest): RejectReasonCode | null {
    if (!this.pools.has(o.market)) return RejectReason.UnknownMarket;
    if (this.seen.has(o.orderId)) return RejectReason.DuplicateId;
    if (!this.checkQty(o.qty)) return RejectReason.BadQuantity;
    if (o.side !== 'buy' && o.side !== 'sell') return RejectReason.BadPrice;
    return null;
  }

  submitMarketOrder(o: MarketOrderRequest): OrderResult {
    const bad = this.checkCommon(o);
    if (bad) return reject(o.orderId, bad);
    const pool = this.pools.get(o.market)!;
    if (!pool.quote(o.side, o.qty)) return reject(o.orderId, RejectReason.NoLiquidity);
    this.seen.add(o.orderId);
    this.trade(pool, o, o.qty);
    return { orderId: o.orderId, status: 'filled', filledQty: o.qty, remainingQty: 0 };
  }

  submitLimitOrder(o: LimitOrderRequest): OrderResult {
    const bad = this.checkCommon(o);
    if (bad) return reject(o.orderId, bad);
    if (!Number.isFinite(o.price) || o.price <= 0) return reject(o.orderId, RejectReason.BadPrice);
    if (!Number.isInteger(o.price) || o.price % this.config.tickSize !== 0) return reject(o.orderId, RejectReason.OffTick);
    // A pool's limit orders never rest: a post-only order could only take, so it is refused.
    if (o.postOnly === true) return reject(o.orderId, RejectReason.PostOnly);
    this.seen.add(o.orderId);
    const pool = this.pools.get(o.market)!;
    const limit = o.price;
    const accept = o.side === 'buy' ? (p: number) => p <= limit : (p: number) => p >= limit;
    const n = pool.maxLots(o.side, o.qty, this.config.lotSize, accept);
    if (n > 0) this.trade(pool, o, n);
    if (n === o.qty) return { orderId: o.orderId, status: 'filled', filledQty: n, remainingQty: 0 };
    return { orderId: o.orderId, status: n > 0 ? 'partial' : 'expired', filledQty: n, remainingQty: 0 };
  }

  private trade(pool: Pool, o: MarketOrderRequest, n: number): PoolQuote {
    const midBefore = pool.marginal();
    const q = pool.execute(o.side, n);
    const t = this.ctx.now();
    this.ctx.fills.push({
      venue: this.id,
      market: o.market,
      t,
      price: q.price,
      qty: n,
      maker: { agentId: this.poolId, orderId: -1, side: o.side === 'buy' ? 'sell' : 'buy', fee: -q.fee, liquidity: 'maker', submittedAt: t },
      taker: { agentId: o.agentId, orderId: o.orderId, side: o.side, fee: q.fee, liquidity: 'taker', submittedAt: o.submittedAt },
      midBefore,
      midAfter: pool.marginal(),
      batchId: -1,
    });
    this.last.set(o.market, q.price);
    return q;
  }

  cancelOrder(c: CancelRequest): OrderResult {
    // Nothing ever rests on a pool.
    return reject(c.orderId, RejectReason.UnknownOrder);
  }

  getState(market: string, depth = 1): VenueState {
    const pool = this.pools.get(market);
    const t = this.ctx.now();
    if (!pool) return { market, t, bestBid: NaN, bestAsk: NaN, bidQty: 0, askQty: 0, mid: NaN, last: NaN, bids: [], asks: [] };
    const bids = poolLevels(pool, 'sell', depth, this.config.lotSize);
    const asks = poolLevels(pool, 'buy', depth, this.config.lotSize);
    return {
      market,
      t,
      bestBid: bids.length > 0 ? bids[0]!.price : NaN,
      bestAsk: asks.length > 0 ? asks[0]!.price : NaN,
      bidQty: bids.length > 0 ? bids[0]!.qty : 0,
      askQty: asks.length > 0 ? asks[0]!.qty : 0,
      mid: pool.marginal(),
      last: this.last.get(market) ?? NaN,
      bids,
      asks,
    };
  }

  estimateImpact(market: string, side: Side, qty: number): number {
    const pool = this.pools.get(market);
    if (!pool || !(qty > 0)) return 0;
    if (!pool.canTrade(side, qty)) return sideSign(side) * Infinity;
    return pool.curve.marginalAfter(side, qty) - pool.marginal();
  }

  tick(_now: number): void {
    // A pool needs no clock.
  }

  restingOrderCount(): number {
    return 0;
  }
}

/**
 * The pool's curve seen as a book: level `i` is the price of the `i`-th block of `unit` lots a
 * trader can take on `traderSide` (`buy` gives the asks, `sell` the bids), `unit` lots each.
 */
export function poolLevels(pool: Pool, traderSide: Side, depth: number, unit: number): BookLevel[] {
  const out: BookLevel[] = [];
  const marginal = pool.marginal();
  for (let j = 1; j <= depth; j++) {
    if (!pool.canTrade(traderSide, j * unit)) break;
    let price = pool.blockPrice(traderSide, j, unit);
    if (!Number.isFinite(price) || price <= 0) break;
    // Near saturation (an LMSR price within ~1e-15 of 0 or 1) block prices and the marginal price
    // differ by less than a floating-point ulp: keep the first level on its side of the marginal
    // price, and stop where the next level is no longer strictly worse (the curve is exhausted at
    // floating-point resolution).
    if (j === 1) price = traderSide === 'buy' ? Math.max(price, marginal) : Math.min(price, marginal);
    else {
      const prev = out[out.length - 1]!.price;
      if (traderSide === 'buy' ? !(price > prev) : !(price < prev)) break;
    }
    out.push({ price, qty: unit });
  }
  return out;
}
