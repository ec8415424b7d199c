/**
 * The continuous limit order book venue: price-time priority, FIFO within a level, partial fills,
 * market orders walk the book with the remainder cancelled (IOC), limit orders rest until filled or
 * cancelled, tick and lot size, maker/taker fees in basis points (negative = rebate), and a
 * self-trade prevention policy.
 *
 * Results, per message:
 * - limit order: `filled` (all of it traded at once), `partial` (some traded, the rest rests),
 *   `resting` (nothing traded), or `cancelled` with reason `VL_REJECT_SELF_TRADE` when
 *   `cancelIncoming` self-trade prevention stopped it (`filledQty` says what traded before).
 * - market order: `filled`; `partial` with `remainingQty` 0 when the book took only part of it (the
 *   remainder is cancelled, immediate-or-cancel); `expired` when nothing traded; or `cancelled` with
 *   reason `VL_REJECT_SELF_TRADE` under `cancelIncoming` (`filledQty` says what traded before).
 * - cancel: `cancelled` with `remainingQty` 0 (nothing of the order is live afterwards).
 * - a bad message: `rejected` with a {@link RejectReason} code; nothing changes.
 *
 * @module
 */
import {
  RejectReason,
  type BookLevel,
  type CancelRequest,
  type Fill,
  type FillLeg,
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
import { OrderBook, type BookOrder, type BookSide, type SideCode } from './book.js';
import { IdTable } from './id-table.js';
import { SeenIds } from './seen-ids.js';
import type { ClobConfig } from './schema.js';

const STP_NONE = 0;
const STP_CANCEL_RESTING = 1;
const STP_CANCEL_INCOMING = 2;

const reject = (orderId: number, reason: RejectReasonCode): OrderResult => ({ orderId, status: 'rejected', filledQty: 0, remainingQty: 0, reason });

/** A continuous limit order book over one or more markets. */
export class ClobVenue implements Venue {
  /** Component id of the venue. */
  readonly id: string;
  /** Markets traded (one book each). */
  readonly markets: readonly string[];
  /** Continuous matching; limit and market orders. */
  readonly capabilities: VenueCapabilities;
  private readonly books = new Map<string, OrderBook>();
  /** Live orders by id, over every market. */
  private readonly live = new IdTable<BookOrder>();
  /** Every id ever accepted (duplicate detection). */
  private readonly seen = new SeenIds();
  private readonly tickSize: number;
  private readonly lotSize: number;
  private readonly makerFeeBps: number;
  private readonly takerFeeBps: number;
  private readonly stp: number;
  /** One-entry cache of the last market looked up (most runs trade one market). */
  private lastMarket = '';
  private lastBook: OrderBook | undefined = undefined;
  /** Scratch: resting orders hit by the message being matched, and the lots taken from each. */
  private readonly hitOrders: BookOrder[] = [];
  private readonly hitQty: number[] = [];
  /** Number of entries of the scratch arrays filled by the last {@link ClobVenue.match}. */
  private hits = 0;
  /** Mid just before the last {@link ClobVenue.match} (NaN when it found nothing to match). */
  private midBefore = NaN;
  /** Set by {@link ClobVenue.match} when self-trade prevention cancelled the incoming order. */
  private stpHit = false;
  /** Resting orders removed by `cancelResting` self-trade prevention during the current message. */
  private readonly stpCancelled: BookOrder[] = [];

  /**
   * @param ctx - venue context from the kernel
   * @param config - validated config
   */
  constructor(
    private readonly ctx: VenueContext,
    config: ClobConfig,
  ) {
    this.id = ctx.id;
    const wanted = config.markets ?? ctx.markets.map((m) => m.id);
    this.markets = [...wanted];
    for (const m of wanted) this.books.set(m, new OrderBook(m));
    this.tickSize = config.tickSize;
    this.lotSize = config.lotSize;
    this.capabilities = {
      mechanism: 'continuous',
      limitOrders: true,
      marketOrders: true,
      prefersLimitForInformed: false,
      batchInterval: 0,
      priceIncrement: config.tickSize,
      lotSize: config.lotSize,
      restingLimitOrders: true,
      exogenousMid: false,
      postOnly: true,
    };
    this.makerFeeBps = config.makerFeeBps;
    this.takerFeeBps = config.takerFeeBps;
    this.stp =
      config.selfTradePrevention === 'cancelResting' ? STP_CANCEL_RESTING : config.selfTradePrevention === 'cancelIncoming' ? STP_CANCEL_INCOMING : STP_NONE;
  }

  private book(market: string): OrderBook | undefined {
    if (market === this.lastMarket && this.lastBook !== undefined) return this.lastBook;
    const b = this.books.get(market);
    if (b !== undefined) {
      this.lastMarket = market;
      this.lastBook = b;
    }
    return b;
  }

  private badQty(qty: number): boolean {
    const lot = this.lotSize;
    return !(Number.isSafeInteger(qty) && qty > 0 && (lot === 1 || qty % lot === 0));
  }

  submitLimitOrder(o: LimitOrderRequest): OrderResult {
    const id = o.orderId;
    const book = this.book(o.market);
    if (book === undefined) return reject(id, RejectReason.UnknownMarket);
    if (this.seen.has(id)) return reject(id, RejectReason.DuplicateId);
    const qty = o.qty;
    if (this.badQty(qty)) return reject(id, RejectReason.BadQuantity);
    const price = o.price;
    if (!(price > 0) || price === Infinity) return reject(id, RejectReason.BadPrice);
    const tick = this.tickSize;
    if (!Number.isInteger(price) || (tick !== 1 && price % tick !== 0)) return reject(id, RejectReason.OffTick);
    const side: SideCode | -1 = o.side === 'buy' ? 0 : o.side === 'sell' ? 1 : -1;
    if (side === -1) return reject(id, RejectReason.Unsupported);
    if (o.postOnly === true && (side === 0 ? price >= book.bestAsk() : price <= book.bestBid())) return reject(id, RejectReason.PostOnly);
    this.seen.add(id);
    const filled = this.match(book, o.agentId, side, price, qty);
    const remaining = qty - filled;
    if (remaining > 0 && !this.stpHit) this.live.set(id, book.add(id, o.agentId, side, price, remaining, o.submittedAt));
    // Fills are pushed once the order's whole effect (including any resting remainder) is known.
    if (this.hits > 0) this.emit(book, id, o.agentId, side, o.submittedAt);
    if (this.stpCancelled.length > 0) this.announce();
    if (remaining === 0) return { orderId: id, status: 'filled', filledQty: filled, remainingQty: 0 };
    if (this.stpHit) return { orderId: id, status: 'cancelled', filledQty: filled, remainingQty: 0, reason: RejectReason.SelfTrade };
    return { orderId: id, status: filled > 0 ? 'partial' : 'resting', filledQty: filled, remainingQty: remaining };
  }

  submitMarketOrder(o: MarketOrderRequest): OrderResult {
    const id = o.orderId;
    const book = this.book(o.market);
    if (book === undefined) return reject(id, RejectReason.UnknownMarket);
    if (this.seen.has(id)) return reject(id, RejectReason.DuplicateId);
    const qty = o.qty;
    if (this.badQty(qty)) return reject(id, RejectReason.BadQuantity);
    const side: SideCode | -1 = o.side === 'buy' ? 0 : o.side === 'sell' ? 1 : -1;
    if (side === -1) return reject(id, RejectReason.Unsupported);
    this.seen.add(id);
    const filled = this.match(book, o.agentId, side, side === 0 ? Infinity : -Infinity, qty);
    if (this.hits > 0) this.emit(book, id, o.agentId, side, o.submittedAt);
    if (this.stpCancelled.length > 0) this.announce();
    if (filled === qty) return { orderId: id, status: 'filled', filledQty: filled, remainingQty: 0 };
    if (this.stpHit) return { orderId: id, status: 'cancelled', filledQty: filled, remainingQty: 0, reason: RejectReason.SelfTrade };
    return { orderId: id, status: filled > 0 ? 'partial' : 'expired', filledQty: filled, remainingQty: 0 };
  }

  cancelOrder(c: CancelRequest): OrderResult {
    const order = this.live.get(c.orderId);
    if (order === undefined) return reject(c.orderId, RejectReason.UnknownOrder);
    if (order.agentId !== c.agentId) return reject(c.orderId, RejectReason.ForeignOrder);
    order.book.remove(order);
    this.live.delete(c.orderId);
    return { orderId: c.orderId, status: 'cancelled', filledQty: 0, remainingQty: 0 };
  }

  /**
   * Matches an incoming order against the opposite side up to `limit`, recording the resting orders
   * hit in the scratch arrays ({@link ClobVenue.hits} of them) and the mid before matching; the
   * caller pushes the fills with {@link ClobVenue.emit} once the order's effect is complete. Sets
   * {@link ClobVenue.stpHit} when self-trade prevention stopped the order.
   * @returns lots filled
   */
  private match(book: OrderBook, agentId: string, side: SideCode, limit: number, qty: number): number {
    const opp: BookSide = side === 0 ? book.asks : book.bids;
    const levels = opp.levels;
    this.stpHit = false;
    this.hits = 0;
    // Fast path: nothing to match when the opposite touch is absent or beyond the limit.
    const nl0 = levels.length;
    if (nl0 === 0) return 0;
    const touch = levels[nl0 - 1]!.price;
    if (side === 0 ? touch > limit : touch < limit) return 0;
    const stp = this.stp;
    const hitOrders = this.hitOrders;
    const hitQty = this.hitQty;
    this.midBefore = book.mid();
    let left = qty;
    let n = 0;
    outer: while (left > 0) {
      const nl = levels.length;
      if (nl === 0) break;
      const lvl = levels[nl - 1]!;
      if (side === 0 ? lvl.price > limit : lvl.price < limit) break;
      let o = lvl.head;
      while (o !== null) {
        if (stp !== STP_NONE && o.agentId === agentId) {
          if (stp === STP_CANCEL_RESTING) {
            const next = o.next;
            this.cancelResting(o);
            o = next;
            continue;
          }
          this.stpHit = true;
          break outer;
        }
        const oq = o.qty;
        if (oq <= left) {
          // The resting order fills completely: it is the head of its level; unlink it.
          const next = o.next;
          hitOrders[n] = o;
          hitQty[n++] = oq;
          left -= oq;
          lvl.head = next;
          if (next !== null) next.prev = null;
          else lvl.tail = null;
          o.next = null;
          lvl.qty -= oq;
          o.qty = 0;
          this.live.delete(o.id);
          o = next;
          if (left === 0) break;
        } else {
          hitOrders[n] = o;
          hitQty[n++] = left;
          o.qty = oq - left;
          lvl.qty -= left;
          left = 0;
          break;
        }
      }
      // The level emptied (self-trade prevention may already have dropped it).
      if (lvl.head === null && levels[levels.length - 1] === lvl) levels.pop();
    }
    this.hits = n;
    return qty - left;
  }

  /** Pushes the fills recorded by the last {@link ClobVenue.match}, stamped with the mids around the order. */
  private emit(book: OrderBook, orderId: number, agentId: string, side: SideCode, submittedAt: number): void {
    const n = this.hits;
    const midBefore = this.midBefore;
    const midAfter = book.mid();
    const t = this.ctx.now();
    const sink = this.ctx.fills;
    const venue = this.id;
    const market = book.market;
    const makerBps = this.makerFeeBps;
    const takerBps = this.takerFeeBps;
    const takerSide: Side = side === 0 ? 'buy' : 'sell';
    const makerSide: Side = side === 0 ? 'sell' : 'buy';
    const hitOrders = this.hitOrders;
    const hitQty = this.hitQty;
    let price = NaN;
    for (let i = 0; i < n; i++) {
      const m = hitOrders[i]!;
      const q = hitQty[i]!;
      price = m.price;
      const notional = price * q;
      const maker: FillLeg = {
        agentId: m.agentId,
        orderId: m.id,
        side: makerSide,
        fee: makerBps === 0 ? 0 : (notional * makerBps) / 1e4,
        liquidity: 'maker',
        submittedAt: m.submittedAt,
      };
      const taker: FillLeg = {
        agentId,
        orderId,
        side: takerSide,
        fee: takerBps === 0 ? 0 : (notional * takerBps) / 1e4,
        liquidity: 'taker',
        submittedAt,
      };
      const fill: Fill = { venue, market, t, price, qty: q, maker, taker, midBefore, midAfter, batchId: -1 };
      sink.push(fill);
    }
    book.last = price;
  }

  /** Self-trade prevention `cancelResting`: removes a resting order (announced after the message, see {@link ClobVenue.announce}). */
  private cancelResting(o: BookOrder): void {
    o.book.remove(o);
    this.live.delete(o.id);
    this.stpCancelled.push(o);
  }

  /**
   * Announces the resting orders self-trade prevention cancelled as `order.cancelled` bus events,
   * once the message is fully processed (so a listener that calls back into the venue sees a
   * consistent book).
   */
  private announce(): void {
    const gone = this.stpCancelled;
    const bus = this.ctx.bus;
    const t = this.ctx.now();
    const listening = bus.has('order.cancelled');
    const orders = gone.splice(0, gone.length);
    if (!listening) return;
    for (const o of orders) {
      bus.emit('order.cancelled', {
        venue: this.id,
        agentId: o.agentId,
        t,
        result: { orderId: o.id, status: 'cancelled', filledQty: 0, remainingQty: 0, reason: RejectReason.SelfTrade },
      });
    }
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
      last: book.last,
      bids: topLevels(book.bids, depth),
      asks: topLevels(book.asks, depth),
    };
  }

  /**
   * The price move of walking the book with `qty` lots: the price of the last level a market order
   * of that size would reach, minus the mid (minus the touch on the taker's side when the book is
   * one-sided). Positive for buys, negative for sells; `+Infinity` / `-Infinity` when the book
   * cannot take `qty`; 0 for a non-positive quantity or an unknown market. Self-trade prevention is
   * not taken into account.
   */
  estimateImpact(market: string, side: Side, qty: number): number {
    const book = this.books.get(market);
    if (!book || !(qty > 0)) return 0;
    const opp = side === 'buy' ? book.asks.levels : book.bids.levels;
    const mid = book.mid();
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
    return this.live.size;
  }

  /** Total resting lots of a market per side (for tests and diagnostics). */
  restingQty(market: string): { bid: number; ask: number } {
    const book = this.books.get(market);
    return book ? { bid: book.bids.totalQty(), ask: book.asks.totalQty() } : { bid: 0, ask: 0 };
  }
}

function topLevels(side: BookSide, depth: number): BookLevel[] {
  const levels = side.levels;
  const n = levels.length;
  if (n === 0 || !(depth > 0)) return [];
  const best = levels[n - 1]!;
  // Depth 1, what agents mostly read, as a literal of one level: a [] pushed to reserves room for 17.
  if (depth <= 1) return [{ price: best.price, qty: best.qty }];
  const out: BookLevel[] = [];
  for (let i = n - 1; i >= 0 && out.length < depth; i--) out.push({ price: levels[i]!.price, qty: levels[i]!.qty });
  return out;
}
