/**
 * The continuous limit order book venue: price-time priority, FIFO within a level, partial fills,
 * market orders walk the book with the remainder cancelled (IOC), limit orders rest until filled or
 * cancelled, tick and lot size, maker/taker fees in basis points (negative = rebate), and a
 * self-trade prevention policy.
 * @module
 */
import {
  RejectReason,
  type BookLevel,
  type CancelRequest,
  type Fill,
  type LimitOrderRequest,
  type MarketOrderRequest,
  type OrderResult,
  type RejectReasonCode,
  type Side,
  type Venue,
  type VenueCapabilities,
  type VenueContext,
  type VenueState,
} from '@venuelab/kernel';
import { OrderBook, type BookOrder, type Level } from './book.js';
import type { ClobConfig } from './schema.js';

const reject = (orderId: number, reason: RejectReasonCode): OrderResult => ({ orderId, status: 'rejected', filledQty: 0, remainingQty: 0, reason });

/** A continuous limit order book over one or more markets. */
export class ClobVenue implements Venue {
  readonly id: string;
  readonly markets: readonly string[];
  readonly capabilities: VenueCapabilities = {
    mechanism: 'continuous',
    limitOrders: true,
    marketOrders: true,
    prefersLimitForInformed: false,
    batchInterval: 0,
  };
  private readonly books = new Map<string, OrderBook>();
  private readonly owner = new Map<number, OrderBook>();
  private readonly seen = new Set<number>();
  private readonly last = new Map<string, number>();
  private readonly pending: Fill[] = [];

  /**
   * @param ctx - venue context from the kernel
   * @param config - validated config
   */
  constructor(
    private readonly ctx: VenueContext,
    private readonly config: ClobConfig,
  ) {
    this.id = ctx.id;
    const wanted = config.markets ?? ctx.markets.map((m) => m.id);
    this.markets = wanted;
    for (const m of wanted) this.books.set(m, new OrderBook());
  }

  private checkQty(qty: number): boolean {
    return Number.isSafeInteger(qty) && qty > 0 && qty % this.config.lotSize === 0;
  }

  submitLimitOrder(o: LimitOrderRequest): OrderResult {
    const book = this.books.get(o.market);
    if (!book) return reject(o.orderId, RejectReason.UnknownMarket);
    if (this.seen.has(o.orderId)) return reject(o.orderId, RejectReason.DuplicateId);
    if (!this.checkQty(o.qty)) return reject(o.orderId, RejectReason.BadQuantity);
    if (!Number.isFinite(o.price) || o.price <= 0) return reject(o.orderId, RejectReason.BadPrice);
    if (!Number.isInteger(o.price) || o.price % this.config.tickSize !== 0) return reject(o.orderId, RejectReason.OffTick);
    if (o.side !== 'buy' && o.side !== 'sell') return reject(o.orderId, RejectReason.BadPrice);
    this.seen.add(o.orderId);
    const side: 0 | 1 = o.side === 'buy' ? 0 : 1;
    const { filled, stp } = this.match(book, o.market, o.orderId, o.agentId, side, o.price, o.qty, o.submittedAt);
    const remaining = o.qty - filled;
    if (stp || remaining === 0) {
      if (remaining === 0) return { orderId: o.orderId, status: 'filled', filledQty: filled, remainingQty: 0 };
      return { orderId: o.orderId, status: 'cancelled', filledQty: filled, remainingQty: 0, reason: RejectReason.SelfTrade };
    }
    const order = book.add({ id: o.orderId, agentId: o.agentId, side, price: o.price, qty: remaining, submittedAt: o.submittedAt });
    this.owner.set(order.id, book);
    return { orderId: o.orderId, status: filled > 0 ? 'partial' : 'resting', filledQty: filled, remainingQty: remaining };
  }

  submitMarketOrder(o: MarketOrderRequest): OrderResult {
    const book = this.books.get(o.market);
    if (!book) return reject(o.orderId, RejectReason.UnknownMarket);
    if (this.seen.has(o.orderId)) return reject(o.orderId, RejectReason.DuplicateId);
    if (!this.checkQty(o.qty)) return reject(o.orderId, RejectReason.BadQuantity);
    if (o.side !== 'buy' && o.side !== 'sell') return reject(o.orderId, RejectReason.BadPrice);
    this.seen.add(o.orderId);
    const side: 0 | 1 = o.side === 'buy' ? 0 : 1;
    const limit = side === 0 ? Infinity : -Infinity;
    const { filled, stp } = this.match(book, o.market, o.orderId, o.agentId, side, limit, o.qty, o.submittedAt);
    if (filled === o.qty) return { orderId: o.orderId, status: 'filled', filledQty: filled, remainingQty: 0 };
    const status = filled > 0 ? 'partial' : stp ? 'cancelled' : 'expired';
    return { orderId: o.orderId, status, filledQty: filled, remainingQty: 0, reason: stp ? RejectReason.SelfTrade : undefined };
  }

  cancelOrder(c: CancelRequest): OrderResult {
    const book = this.owner.get(c.orderId);
    const order = book?.orders.get(c.orderId);
    if (!book || !order) return reject(c.orderId, RejectReason.UnknownOrder);
    if (order.agentId !== c.agentId) return reject(c.orderId, RejectReason.ForeignOrder);
    const remaining = order.qty;
    book.remove(order);
    this.owner.delete(c.orderId);
    return { orderId: c.orderId, status: 'cancelled', filledQty: 0, remainingQty: remaining };
  }

  /**
   * Matches an incoming order against the opposite side up to `limit`.
   * Fills of one incoming order share `midBefore` (before it) and `midAfter` (after it).
   */
  private match(
    book: OrderBook,
    market: string,
    orderId: number,
    agentId: string,
    side: 0 | 1,
    limit: number,
    qty: number,
    submittedAt: number,
  ): { filled: number; stp: boolean } {
    const opp = book.side(side === 0 ? 1 : 0);
    const midBefore = book.mid();
    const t = this.ctx.now();
    const stpPolicy = this.config.selfTradePrevention;
    const takerSide: Side = side === 0 ? 'buy' : 'sell';
    const makerSide: Side = side === 0 ? 'sell' : 'buy';
    const { makerFeeBps, takerFeeBps } = this.config;
    let left = qty;
    let stp = false;
    const pending = this.pending;
    const first = pending.length;
    while (left > 0) {
      const lvl: Level | null = opp.best();
      if (!lvl) break;
      if (side === 0 ? lvl.price > limit : lvl.price < limit) break;
      let o: BookOrder | null = lvl.head;
      while (o && left > 0) {
        const next: BookOrder | null = o.next;
        if (o.agentId === agentId && stpPolicy !== 'none') {
          if (stpPolicy === 'cancelResting') {
            book.remove(o);
            this.owner.delete(o.id);
            o = next;
            continue;
          }
          stp = true;
          break;
        }
        const q = o.qty < left ? o.qty : left;
        const price = lvl.price;
        const notional = price * q;
        pending.push({
          venue: this.id,
          market,
          t,
          price,
          qty: q,
          maker: { agentId: o.agentId, orderId: o.id, side: makerSide, fee: (notional * makerFeeBps) / 1e4, liquidity: 'maker', submittedAt: o.submittedAt },
          taker: { agentId, orderId, side: takerSide, fee: (notional * takerFeeBps) / 1e4, liquidity: 'taker', submittedAt },
          midBefore,
          midAfter: NaN,
          batchId: -1,
        });
        left -= q;
        if (q === o.qty) this.owner.delete(o.id);
        book.reduce(o, q);
        o = next;
      }
      if (stp) break;
    }
    if (pending.length > first) {
      const midAfter = book.mid();
      for (let i = first; i < pending.length; i++) {
        const f = pending[i]!;
        f.midAfter = midAfter;
        this.ctx.fills.push(f);
      }
      this.last.set(market, pending[pending.length - 1]!.price);
      pending.length = first;
    }
    return { filled: qty - left, stp };
  }

  getState(market: string, depth = 1): VenueState {
    const book = this.books.get(market);
    const t = this.ctx.now();
    if (!book) return { market, t, bestBid: NaN, bestAsk: NaN, bidQty: 0, askQty: 0, mid: NaN, last: NaN, bids: [], asks: [] };
    const b = book.bids.best();
    const a = book.asks.best();
    return {
      market,
      t,
      bestBid: b ? b.price : NaN,
      bestAsk: a ? a.price : NaN,
      bidQty: b ? b.qty : 0,
      askQty: a ? a.qty : 0,
      mid: b && a ? (b.price + a.price) / 2 : NaN,
      last: this.last.get(market) ?? NaN,
      bids: levels(book.bids.levels, depth),
      asks: levels(book.asks.levels, depth),
    };
  }

  estimateImpact(market: string, side: Side, qty: number): number {
    const book = this.books.get(market);
    if (!book || !(qty > 0)) return 0;
    const mid = book.mid();
    const opp = side === 'buy' ? book.asks.levels : book.bids.levels;
    let left = qty;
    for (let i = opp.length - 1; i >= 0; i--) {
      left -= opp[i]!.qty;
      if (left <= 0) {
        const ref = mid === mid ? mid : opp[opp.length - 1]!.price;
        return opp[i]!.price - ref;
      }
    }
    return side === 'buy' ? Infinity : -Infinity;
  }

  tick(_now: number): void {
    // Continuous matching needs no clock.
  }

  restingOrderCount(): number {
    return this.owner.size;
  }

  /** Total resting lots of a market per side (for tests and conformance). */
  restingQty(market: string): { bid: number; ask: number } {
    const book = this.books.get(market);
    let bid = 0;
    let ask = 0;
    if (book) {
      for (const l of book.bids.levels) bid += l.qty;
      for (const l of book.asks.levels) ask += l.qty;
    }
    return { bid, ask };
  }
}

function levels(side: Level[], depth: number): BookLevel[] {
  const out: BookLevel[] = [];
  for (let i = side.length - 1; i >= 0 && out.length < depth; i--) out.push({ price: side[i]!.price, qty: side[i]!.qty });
  return out;
}
