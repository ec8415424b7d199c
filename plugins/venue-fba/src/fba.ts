/**
 * The frequent batch auction venue (Budish, Cramton and Shim 2015). Orders are sealed until the
 * next call; every `tau` ticks a uniform-price call per market clears every live order at the
 * midpoint of the clearing interval, rations the long side at the marginal price, and leaves
 * unfilled limit orders resting for the next call while unfilled market orders expire.
 * @module
 */
import {
  RejectReason,
  emptyVenueState,
  type CancelRequest,
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
import { findClearing } from './clearing.js';
import { MarketBook, type FbaOrder, type LastBatch } from './market-book.js';
import { rationProRataEarlierFirst, rationStrictTime, type RationedOrder } from './rationing.js';
import type { FbaConfig } from './schema.js';

const reject = (orderId: number, reason: RejectReasonCode): OrderResult => ({ orderId, status: 'rejected', filledQty: 0, remainingQty: 0, reason });

/** A frequent batch auction over one or more markets. */
export class FbaVenue implements Venue {
  readonly id: string;
  readonly markets: readonly string[];
  readonly capabilities: VenueCapabilities;
  private readonly books = new Map<string, MarketBook>();
  /** Live orders by id. */
  private readonly live = new Map<number, FbaOrder>();
  private readonly seen = new Set<number>();
  private seq = 0;
  /** Calls run so far (one call covers every market). */
  private calls = 0;
  private lastCallAt = NaN;
  /** Scratch of the call being run (see {@link levels}) and of {@link estimateImpact}. */
  private readonly lv = new Levels();
  private readonly impactLevels = new Levels();
  private readonly margB: FbaOrder[] = [];
  private readonly margS: FbaOrder[] = [];

  /**
   * @param ctx - venue context from the kernel
   * @param config - validated config
   */
  constructor(
    private readonly ctx: VenueContext,
    private readonly config: FbaConfig,
  ) {
    this.id = ctx.id;
    const wanted = config.markets ?? ctx.markets.map((m) => m.id);
    this.markets = wanted;
    for (const m of wanted) this.books.set(m, new MarketBook());
    this.capabilities = {
      mechanism: 'batch',
      limitOrders: true,
      marketOrders: true,
      prefersLimitForInformed: true,
      batchInterval: config.tau,
      priceIncrement: config.tickSize,
      lotSize: config.lotSize,
      restingLimitOrders: true,
      exogenousMid: false,
      postOnly: true,
    };
  }

  private checkQty(qty: number): boolean {
    return Number.isSafeInteger(qty) && qty > 0 && qty % this.config.lotSize === 0;
  }

  private accept(book: MarketBook, id: number, agentId: string, side: 0 | 1, price: number, isMarket: boolean, qty: number, submittedAt: number): OrderResult {
    this.seen.add(id);
    const o: FbaOrder = { id, agentId, book, side, price, isMarket, qty, submittedAt, seq: this.seq++, entry: this.calls, alloc: 0 };
    book.orders.push(o);
    if (isMarket) book.marketOrders.push(o);
    else {
      if (price < book.minPrice) book.minPrice = price;
      if (price > book.maxPrice) book.maxPrice = price;
    }
    book.pending++;
    this.live.set(id, o);
    return { orderId: id, status: 'pending', filledQty: 0, remainingQty: qty };
  }

  submitLimitOrder(o: LimitOrderRequest): OrderResult {
    const book = this.books.get(o.market);
    if (!book) return reject(o.orderId, RejectReason.UnknownMarket);
    if (this.seen.has(o.orderId)) return reject(o.orderId, RejectReason.DuplicateId);
    if (!this.checkQty(o.qty)) return reject(o.orderId, RejectReason.BadQuantity);
    if (!Number.isFinite(o.price) || o.price <= 0) return reject(o.orderId, RejectReason.BadPrice);
    if (!Number.isInteger(o.price) || o.price % this.config.tickSize !== 0) return reject(o.orderId, RejectReason.OffTick);
    if (o.side !== 'buy' && o.side !== 'sell') return reject(o.orderId, RejectReason.BadPrice);
    // Post-only: refuse an order that would cross the rested book (orders sealed in this batch are not known to anyone).
    if (o.postOnly === true && (o.side === 'buy' ? o.price >= book.asks.bestPrice() : o.price <= book.bids.bestPrice())) {
      return reject(o.orderId, RejectReason.PostOnly);
    }
    return this.accept(book, o.orderId, o.agentId, o.side === 'buy' ? 0 : 1, o.price, false, o.qty, o.submittedAt);
  }

  submitMarketOrder(o: MarketOrderRequest): OrderResult {
    const book = this.books.get(o.market);
    if (!book) return reject(o.orderId, RejectReason.UnknownMarket);
    if (this.seen.has(o.orderId)) return reject(o.orderId, RejectReason.DuplicateId);
    if (!this.checkQty(o.qty)) return reject(o.orderId, RejectReason.BadQuantity);
    if (o.side !== 'buy' && o.side !== 'sell') return reject(o.orderId, RejectReason.BadPrice);
    const side = o.side === 'buy' ? 0 : 1;
    return this.accept(book, o.orderId, o.agentId, side, side === 0 ? Infinity : -Infinity, true, o.qty, o.submittedAt);
  }

  cancelOrder(c: CancelRequest): OrderResult {
    const order = this.live.get(c.orderId);
    if (!order) return reject(c.orderId, RejectReason.UnknownOrder);
    if (order.agentId !== c.agentId) return reject(c.orderId, RejectReason.ForeignOrder);
    const book = order.book;
    if (order.entry < this.calls) (order.side === 0 ? book.bids : book.asks).reduce(order.price, order.qty);
    else book.pending--;
    order.qty = 0;
    book.dead++;
    this.live.delete(order.id);
    book.maybeCompact();
    return { orderId: c.orderId, status: 'cancelled', filledQty: 0, remainingQty: 0 };
  }

  /**
   * Runs a call when `now % tau === phase`. A call at tick `t` runs before agent events of `t`, so
   * it clears the orders that arrived in the `tau` ticks before it. Its batch id is
   * `(t - phase) / tau`.
   */
  tick(now: number): void {
    const { tau, phase } = this.config;
    if (now < phase || (now - phase) % tau !== 0 || now === this.lastCallAt) return;
    this.lastCallAt = now;
    // Counted before clearing, so an order sent from a `batch.cleared` listener joins the next batch.
    this.calls++;
    const batchId = (now - phase) / tau;
    for (const [market, book] of this.books) this.clear(book, market, batchId, now);
  }

  /** One uniform-price call in one market. */
  private clear(book: MarketBook, market: string, batchId: number, t: number): void {
    if (book.pending === 0) {
      // Only rested orders, which never cross: nothing can trade (any market orders were cancelled).
      book.marketOrders.length = 0;
      this.emit(market, batchId, t, NaN, 0);
      return;
    }
    book.pending = 0;
    book.marketOrders.length = 0;
    const midBefore = book.restedMid();
    const orders = book.orders;
    const n = orders.length;

    // 1. Lots per distinct limit price, ascending.
    const lv = this.levels(book);
    const { prices, bq, aq, k, marketBuy: mB, marketSell: mS } = lv;

    // 2. The call price and volume (one sweep over the levels).
    const { price, volume } = findClearing(prices, bq, aq, k, mB, mS);
    if (volume === 0) {
      for (let i = 0; i < n; i++) orders[i]!.alloc = 0;
      this.rebuild(book, lv, Infinity, 0, -Infinity, 0);
      this.compact(book);
      this.emit(market, batchId, t, NaN, 0);
      return;
    }

    // 3. Marginal levels: walking each side best-first (market orders first), the level where the
    //    cumulative quantity reaches the volume is rationed; better levels fill in full.
    let left = volume;
    let thrB = NaN;
    let allocB = 0;
    let totB = 0;
    if (mB > 0) {
      if (mB >= left) {
        thrB = Infinity;
        allocB = left;
        totB = mB;
        left = 0;
      } else left -= mB;
    }
    for (let j = k - 1; left > 0 && j >= 0; j--) {
      const q = bq[j]!;
      if (q === 0) continue;
      if (q >= left) {
        thrB = prices[j]!;
        allocB = left;
        totB = q;
        left = 0;
      } else left -= q;
    }
    left = volume;
    let thrS = NaN;
    let allocS = 0;
    let totS = 0;
    if (mS > 0) {
      if (mS >= left) {
        thrS = -Infinity;
        allocS = left;
        totS = mS;
        left = 0;
      } else left -= mS;
    }
    for (let j = 0; left > 0 && j < k; j++) {
      const q = aq[j]!;
      if (q === 0) continue;
      if (q >= left) {
        thrS = prices[j]!;
        allocS = left;
        totS = q;
        left = 0;
      } else left -= q;
    }
    const fullB = allocB === totB;
    const fullS = allocS === totS;

    // 4. Per-order allocations, in arrival order.
    const margB = this.margB;
    const margS = this.margS;
    margB.length = 0;
    margS.length = 0;
    for (let i = 0; i < n; i++) {
      const o = orders[i]!;
      o.alloc = 0;
      if (o.qty === 0) continue;
      const p = o.price;
      if (o.side === 0) {
        if (p < thrB) continue;
        if (p > thrB || fullB) o.alloc = o.qty;
        else margB.push(o);
      } else {
        if (p > thrS) continue;
        if (p < thrS || fullS) o.alloc = o.qty;
        else margS.push(o);
      }
    }
    if (!fullB) this.ration(margB, allocB);
    if (!fullS) this.ration(margS, allocS);

    // 5. The rested book after the call, and the mid it shows.
    this.rebuild(book, lv, thrB, allocB, thrS, allocS);
    const last = book.last;
    if (last) {
      // lastBatch() hands out copies, so the one record is updated in place
      last.batchId = batchId;
      last.t = t;
      last.price = price;
      last.volume = volume;
    } else book.last = { batchId, t, price, volume };
    const midAfter = this.displayedMid(book);

    // 6. Pair buy and sell allocations into fills. Buys: limits then market orders; sells: market
    //    orders then limits (each in arrival order), so market orders meet limit orders first.
    //    Two cursors walk the orders; the volumes of both sides are equal, so they end together.
    const { makerFeeBps, takerFeeBps } = this.config;
    const sink = this.ctx.fills;
    let bi = 0;
    let bMkt = false;
    let si = 0;
    let sMkt = mS > 0;
    let bLeft = 0;
    let sLeft = 0;
    let b: FbaOrder | null = null;
    let s: FbaOrder | null = null;
    for (;;) {
      if (bLeft === 0) {
        b = null;
        for (;;) {
          if (bi === n) {
            if (!bMkt && mB > 0) {
              bMkt = true;
              bi = 0;
              continue;
            }
            break;
          }
          const o = orders[bi++]!;
          if (o.side === 0 && o.alloc > 0 && o.isMarket === bMkt) {
            b = o;
            bLeft = o.alloc;
            break;
          }
        }
        if (b === null) break;
      }
      if (sLeft === 0) {
        s = null;
        for (;;) {
          if (si === n) {
            if (sMkt) {
              sMkt = false;
              si = 0;
              continue;
            }
            break;
          }
          const o = orders[si++]!;
          if (o.side === 1 && o.alloc > 0 && o.isMarket === sMkt) {
            s = o;
            sLeft = o.alloc;
            break;
          }
        }
        if (s === null) break;
      }
      const bo = b!;
      const so = s!;
      const q = bLeft < sLeft ? bLeft : sLeft;
      const notional = price * q;
      const makerFee = (notional * makerFeeBps) / 1e4;
      const takerFee = (notional * takerFeeBps) / 1e4;
      // Liquidity: a market order takes from a limit order; an order from an earlier batch makes
      // against a newer one; otherwise (two limits of one batch, two market orders) the earlier
      // arrival makes.
      let buyMakes: boolean;
      if (bo.isMarket !== so.isMarket) buyMakes = so.isMarket;
      else if (bo.entry !== so.entry) buyMakes = bo.entry < so.entry;
      else buyMakes = bo.seq < so.seq;
      const maker = buyMakes ? bo : so;
      const taker = buyMakes ? so : bo;
      sink.push({
        venue: this.id,
        market,
        t,
        price,
        qty: q,
        maker: leg(maker, makerFee, 'maker'),
        taker: leg(taker, takerFee, 'taker'),
        midBefore,
        midAfter,
        batchId,
      });
      bLeft -= q;
      sLeft -= q;
    }

    // 7. Book-keeping: filled limit orders leave, market orders expire.
    this.compact(book);
    this.emit(market, batchId, t, price, volume);
  }

  /**
   * Lots per distinct limit price of a market's live orders, in ascending price order, and the
   * market-order totals, in the venue's reusable {@link Levels} (valid until the next call).
   * Counting into dense per-tick buckets when the price span is at most linear in the number of
   * orders (O(n + span), no comparison sort); otherwise a hash of the distinct prices and one sort
   * of them (O(n + L log L) for L levels).
   */
  private levels(book: MarketBook): Levels {
    const lv = this.lv;
    const orders = book.orders;
    const n = orders.length;
    const tick = this.config.tickSize;
    let marketBuy = 0;
    let marketSell = 0;
    const lo = book.minPrice;
    const span = book.maxPrice >= lo ? (book.maxPrice - lo) / tick + 1 : 0;
    if (span <= 4 * n + 1024) {
      const { bd, ad } = lv.dense(span);
      for (let i = 0; i < n; i++) {
        const o = orders[i]!;
        const q = o.qty;
        if (q === 0) continue;
        if (o.isMarket) {
          if (o.side === 0) marketBuy += q;
          else marketSell += q;
        } else if (o.side === 0) bd[(o.price - lo) / tick]! += q;
        else ad[(o.price - lo) / tick]! += q;
      }
      const { prices, bq, aq } = lv.reserve(Math.min(span, n));
      let k = 0;
      for (let j = 0; j < span; j++) {
        const b = bd[j]!;
        const a = ad[j]!;
        if (b === 0 && a === 0) continue;
        prices[k] = lo + j * tick;
        bq[k] = b;
        aq[k++] = a;
        bd[j] = 0; // the buckets are left zeroed for the next call
        ad[j] = 0;
      }
      lv.k = k;
      lv.marketBuy = marketBuy;
      lv.marketSell = marketSell;
      return lv;
    }
    const index = new Map<number, number>();
    const rawPrice: number[] = [];
    const rawBid: number[] = [];
    const rawAsk: number[] = [];
    for (let i = 0; i < n; i++) {
      const o = orders[i]!;
      const q = o.qty;
      if (q === 0) continue;
      if (o.isMarket) {
        if (o.side === 0) marketBuy += q;
        else marketSell += q;
        continue;
      }
      let at = index.get(o.price);
      if (at === undefined) {
        at = rawPrice.length;
        index.set(o.price, at);
        rawPrice.push(o.price);
        rawBid.push(0);
        rawAsk.push(0);
      }
      if (o.side === 0) rawBid[at]! += q;
      else rawAsk[at]! += q;
    }
    const k = rawPrice.length;
    const sorted = Float64Array.from(rawPrice).sort();
    const { prices, bq, aq } = lv.reserve(k);
    for (let j = 0; j < k; j++) {
      const p = sorted[j]!;
      const at = index.get(p)!;
      prices[j] = p;
      bq[j] = rawBid[at]!;
      aq[j] = rawAsk[at]!;
    }
    lv.k = k;
    lv.marketBuy = marketBuy;
    lv.marketSell = marketSell;
    return lv;
  }

  private ration(marginal: FbaOrder[], lots: number): void {
    const lot = this.config.lotSize;
    const req: RationedOrder[] = marginal.map((o) => ({ units: o.qty / lot, entry: o.entry }));
    const units = this.config.rationing === 'strictTime' ? rationStrictTime(req, lots / lot) : rationProRataEarlierFirst(req, lots / lot);
    for (let i = 0; i < marginal.length; i++) marginal[i]!.alloc = units[i]! * lot;
  }

  /** Applies the call's allocations; keeps the limit orders with quantity left (market orders expire). */
  private compact(book: MarketBook): void {
    const orders = book.orders;
    let w = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < orders.length; i++) {
      const o = orders[i]!;
      if (o.qty === 0) continue; // cancelled
      o.qty -= o.alloc;
      if (o.qty > 0 && !o.isMarket) {
        orders[w++] = o;
        if (o.price < lo) lo = o.price;
        if (o.price > hi) hi = o.price;
      } else this.live.delete(o.id);
    }
    orders.length = w;
    book.dead = 0;
    book.minPrice = lo;
    book.maxPrice = hi;
  }

  /** Rebuilds the rested book from the call's levels minus what the call filled. */
  private rebuild(book: MarketBook, lv: Levels, thrB: number, allocB: number, thrS: number, allocS: number): void {
    const { bids, asks } = book;
    bids.clear();
    asks.clear();
    const { prices, bq, aq, k } = lv;
    for (let j = 0; j < k; j++) {
      const p = prices[j]!;
      const rem = p > thrB ? 0 : p === thrB ? bq[j]! - allocB : bq[j]!;
      if (rem > 0) bids.pushBetter(p, rem);
    }
    for (let j = k - 1; j >= 0; j--) {
      const p = prices[j]!;
      const rem = p < thrS ? 0 : p === thrS ? aq[j]! - allocS : aq[j]!;
      if (rem > 0) asks.pushBetter(p, rem);
    }
  }

  private displayedMid(book: MarketBook): number {
    switch (this.config.display) {
      case 'book':
        return book.restedMid();
      case 'lastClear':
        return book.last ? book.last.price : NaN;
      default:
        return NaN;
    }
  }

  private emit(market: string, batchId: number, t: number, price: number, volume: number): void {
    const bus = this.ctx.bus;
    if (bus.has('batch.cleared')) bus.emit('batch.cleared', { venue: this.id, market, batchId, t, price, volume });
  }

  /**
   * Visible state between calls, per the `display` policy: `book` shows the rested book (orders
   * that have been through a call; this batch's submissions are sealed) and the last call price;
   * `lastClear` shows only the last call price (as `last` and `mid`); `none` shows nothing.
   */
  getState(market: string, depth = 1): VenueState {
    const book = this.books.get(market);
    const t = this.ctx.now();
    const s = emptyVenueState(market, t);
    if (!book || this.config.display === 'none') return s;
    const last = book.last ? book.last.price : NaN;
    s.last = last;
    if (this.config.display === 'lastClear') {
      s.mid = last;
      return s;
    }
    s.bestBid = book.bids.bestPrice();
    s.bestAsk = book.asks.bestPrice();
    s.bidQty = book.bids.bestQty();
    s.askQty = book.asks.bestQty();
    s.mid = (s.bestBid + s.bestAsk) / 2;
    s.bids = book.bids.levels(depth);
    s.asks = book.asks.levels(depth);
    return s;
  }

  /**
   * The move of the call price (ticks, signed) from adding `qty` lots as a market order to the
   * rested book: the price of a call over the rested book plus the order, minus the price of a call
   * over the rested book alone (its mid when two-sided). `±Infinity` when the opposite side
   * cannot absorb `qty`; 0 for a non-positive quantity or an unknown market.
   */
  estimateImpact(market: string, side: Side, qty: number): number {
    const book = this.books.get(market);
    if (!book || !(qty > 0)) return 0;
    const opp = side === 'buy' ? book.asks : book.bids;
    if (opp.total() < qty) return side === 'buy' ? Infinity : -Infinity;
    // The rested book never crosses, so bids (ascending) then asks (ascending) is sorted.
    const nb = book.bids.prices.length;
    const na = book.asks.prices.length;
    const k = nb + na;
    const { prices, bq, aq } = this.impactLevels.reserve(k);
    for (let j = 0; j < nb; j++) {
      aq[j] = 0;
      const p = book.bids.prices[j]!;
      prices[j] = p;
      bq[j] = book.bids.qty.get(p)!;
    }
    for (let j = 0; j < na; j++) {
      const p = book.asks.prices[na - 1 - j]!;
      prices[nb + j] = p;
      bq[nb + j] = 0;
      aq[nb + j] = book.asks.qty.get(p)!;
    }
    const base = findClearing(prices, bq, aq, k, 0, 0).price;
    const after = side === 'buy' ? findClearing(prices, bq, aq, k, qty, 0).price : findClearing(prices, bq, aq, k, 0, qty).price;
    return after - base;
  }

  restingOrderCount(): number {
    return this.live.size;
  }

  /** Live lots per side in a market (resting and pending, limit and market orders), for tests and conservation checks. */
  restingQty(market: string): { bid: number; ask: number } {
    let bid = 0;
    let ask = 0;
    const book = this.books.get(market);
    if (book) {
      for (const o of book.orders) {
        if (o.side === 0) bid += o.qty;
        else ask += o.qty;
      }
    }
    return { bid, ask };
  }

  /** The last call that traded in a market (price, volume, batch id, tick), or null. */
  lastBatch(market: string): LastBatch | null {
    const last = this.books.get(market)?.last;
    return last ? { ...last } : null;
  }
}

function leg(o: FbaOrder, fee: number, liquidity: 'maker' | 'taker'): FillLeg {
  return { agentId: o.agentId, orderId: o.id, side: o.side === 0 ? 'buy' : 'sell', fee, liquidity, submittedAt: o.submittedAt };
}

/**
 * Reusable buffers of a call's price levels: `prices` ascending with `bq` / `aq` lots, valid up to
 * `k`, and dense per-tick buckets that are kept zeroed between uses. They only grow, so a call
 * allocates nothing once they fit the book.
 */
class Levels {
  prices = new Float64Array(64);
  bq = new Float64Array(64);
  aq = new Float64Array(64);
  /** Levels in use. */
  k = 0;
  marketBuy = 0;
  marketSell = 0;
  /** Dense per-tick buckets, allocated on first use (estimateImpact's scratch never needs them). */
  bd = new Float64Array(0);
  ad = new Float64Array(0);

  /** Level arrays of at least `n` entries (their contents are not kept when they grow). */
  reserve(n: number): this {
    if (this.prices.length < n) {
      const cap = Math.max(n, 2 * this.prices.length);
      this.prices = new Float64Array(cap);
      this.bq = new Float64Array(cap);
      this.aq = new Float64Array(cap);
    }
    return this;
  }

  /** Zeroed dense buckets of at least `span` entries. */
  dense(span: number): this {
    if (this.bd.length < span) {
      const cap = Math.max(span, 256, 2 * this.bd.length);
      this.bd = new Float64Array(cap);
      this.ad = new Float64Array(cap);
    }
    return this;
  }
}
