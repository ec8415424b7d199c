/**
 * The hybrid venue: a continuous limit order book (the CLOB plugin's `ClobVenue`) beside an AMM
 * pool (the AMM plugin's `Pool`) in each market.
 *
 * - A marketable order is split between book and pool by {@link planSplit} (cheapest source first,
 *   fees included, ties to the book), so that after it the marginal prices of the two meet. The book
 *   leg is sent to the book as an ordinary order with the same order id, the pool leg is one trade
 *   against the pool; both legs are ordinary fills (the pool, `<venueId>:pool`, is the maker of its
 *   fill with order id -1). Every fill of one incoming order carries the hybrid's mid before and
 *   after that order.
 * - Limit orders: the marketable part is split as above (both sources bounded by the limit); the
 *   rest rests in the book. Market orders: the unfilled remainder is cancelled (IOC; a
 *   constant-product pool never sells its last lot).
 * - Self-trade prevention (the book's policy) applies to the whole order, both legs. With
 *   `cancelResting` the split is planned around the taker's own resting orders on the other side,
 *   and those at every price the order reaches (its worst execution price on either source, or its
 *   limit when it rests) are cancelled before it executes, so it never trades with them and never
 *   leaves them crossed behind it. With `cancelIncoming` neither source trades at or beyond the
 *   taker's best own price on the other side; if that stops the order short, the rest is cancelled
 *   (status `partial` or `cancelled`, reason `VL_REJECT_SELF_TRADE`) and nothing rests.
 * - `getState`: the book's levels merged with the pool's curve seen as one-block levels (see the
 *   AMM plugin's `poolLevels`); `mid` is the midpoint of the combined best bid and ask. With
 *   unequal book and pool fee rates the routing compares prices after fees, so the combined touch
 *   before fees may cross by up to the fee difference; with equal fees it never crosses.
 * @module
 */
import {
  ErrorCode,
  RejectReason,
  VenuelabError,
  sideSign,
  type BookLevel,
  type CancelRequest,
  type Fill,
  type FillSink,
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
import { ClobVenue, clobConfigSchema, type ClobConfig } from '@venuelab/plugin-venue-clob';
import { createPool, poolLevels, poolParticipantId, type Pool, type VenueParticipant } from '@venuelab/plugin-venue-amm';
import { OwnOrders } from './own-orders.js';
import type { HybridConfig } from './schema.js';
import { planSplit, type Split } from './split.js';

/** A planned split with what self-trade prevention needs. */
interface Plan {
  split: Split;
  /** The taker's own resting orders on the other side (policy `cancelResting`). */
  own: { id: number; price: number }[];
  /** Policy `cancelIncoming` stopped the order before its own resting order, short of its size. */
  stpStop: boolean;
}

const reject = (orderId: number, reason: RejectReasonCode): OrderResult => ({ orderId, status: 'rejected', filledQty: 0, remainingQty: 0, reason });

/** A book beside a pool in each market. */
export class HybridVenue implements Venue {
  readonly id: string;
  readonly markets: readonly string[];
  readonly capabilities: VenueCapabilities = {
    mechanism: 'hybrid',
    limitOrders: true,
    marketOrders: true,
    prefersLimitForInformed: false,
    batchInterval: 0,
    restingLimitOrders: true,
    exogenousMid: false,
    postOnly: true,
  };
  /** Participant id of the pools. */
  readonly poolId: string;
  /** The book (a CLOB venue sharing this venue's id, whose fills pass through this venue). */
  readonly book: ClobVenue;
  private readonly bookConfig: ClobConfig;
  private readonly pools = new Map<string, Pool>();
  private readonly own = new OwnOrders();
  private readonly seen = new Set<number>();
  private readonly last = new Map<string, number>();
  /** Fills of the order being processed, released with the hybrid's mids once it is done. */
  private readonly pending: Fill[] = [];

  /**
   * @param ctx - venue context from the kernel
   * @param config - validated config
   */
  constructor(
    private readonly ctx: VenueContext,
    config: HybridConfig,
  ) {
    this.id = ctx.id;
    this.poolId = poolParticipantId(ctx.id);
    const specs = new Map<string, MarketSpec>(ctx.markets.map((m) => [m.id, m]));
    const wanted = config.markets ?? ctx.markets.map((m) => m.id);
    for (const id of wanted) {
      const spec = specs.get(id);
      if (!spec) throw new VenuelabError(ErrorCode.Config, `hybrid venue ${ctx.id}: unknown market "${id}"`, { market: id });
      this.pools.set(id, createPool(spec, config.pool));
    }
    this.markets = wanted;
    this.bookConfig = clobConfigSchema.parse({ ...config.book, markets: [...wanted] });
    this.capabilities.priceIncrement = this.bookConfig.tickSize;
    this.capabilities.lotSize = this.bookConfig.lotSize;
    const sink: FillSink = { push: (f) => this.onBookFill(f) };
    const bookCtx: VenueContext = {
      id: ctx.id,
      seed: ctx.seed,
      duration: ctx.duration,
      markets: ctx.markets,
      fills: sink,
      bus: ctx.bus,
      truth: ctx.truth,
      now: () => ctx.now(),
      rng: (name) => ctx.rng(`book:${name}`),
      resolve: (token) => ctx.resolve(token),
    };
    this.book = new ClobVenue(bookCtx, this.bookConfig);
  }

  /** The pool participant, so the kernel records its role (`pool`). */
  participants(): VenueParticipant[] {
    return [{ id: this.poolId, role: 'pool' }];
  }

  /** The pool of a market. */
  pool(market: string): Pool | undefined {
    return this.pools.get(market);
  }

  private onBookFill(f: Fill): void {
    this.own.filled(f.maker.orderId, f.qty);
    this.pending.push(f);
  }

  private validate(o: MarketOrderRequest, price?: number): RejectReasonCode | null {
    if (!this.pools.has(o.market)) return RejectReason.UnknownMarket;
    if (this.seen.has(o.orderId)) return RejectReason.DuplicateId;
    const lot = this.bookConfig.lotSize;
    if (!Number.isSafeInteger(o.qty) || o.qty <= 0 || o.qty % lot !== 0) return RejectReason.BadQuantity;
    if (price !== undefined) {
      if (!Number.isFinite(price) || price <= 0) return RejectReason.BadPrice;
      if (!Number.isInteger(price) || price % this.bookConfig.tickSize !== 0) return RejectReason.OffTick;
    }
    if (o.side !== 'buy' && o.side !== 'sell') return RejectReason.BadPrice;
    return null;
  }

  /**
   * Plans the split of a marketable order of `agentId`, with the book's self-trade prevention
   * policy applied: `cancelResting` plans around the taker's own resting orders (they will be
   * cancelled, not traded), `cancelIncoming` stops both sources before the taker's best own price.
   */
  private plan(market: string, agentId: string, side: Side, qty: number, limit: number): Plan {
    const pool = this.pools.get(market)!;
    const policy = this.bookConfig.selfTradePrevention;
    const mine = policy === 'none' ? [] : this.own.of(agentId, market, side === 'buy' ? 'sell' : 'buy');
    const ownAt = new Map<number, number>();
    let ownBest = NaN;
    for (const o of mine) {
      ownAt.set(o.price, (ownAt.get(o.price) ?? 0) + o.qty);
      if (ownBest !== ownBest || (side === 'buy' ? o.price < ownBest : o.price > ownBest)) ownBest = o.price;
    }
    let depth = 32;
    let levels = this.bookSide(market, side, depth);
    const level = (i: number): BookLevel | undefined => {
      if (i >= levels.length && levels.length === depth) {
        depth = Math.max(depth * 8, i + 1);
        levels = this.bookSide(market, side, depth);
      }
      const l = levels[i];
      if (!l || policy !== 'cancelResting') return l;
      const o = ownAt.get(l.price) ?? 0;
      return o === 0 ? l : { price: l.price, qty: l.qty - o };
    };
    const stop = policy === 'cancelIncoming' && ownBest === ownBest ? ownBest : undefined;
    const split = planSplit({ side, qty, limit, level, pool, unit: this.bookConfig.lotSize, bookTakerFeeBps: this.bookConfig.takerFeeBps, stop });
    const within = stop !== undefined && (side === 'buy' ? stop <= limit : stop >= limit);
    return {
      split,
      own: policy === 'cancelResting' ? mine.map((o) => ({ id: o.id, price: o.price })) : [],
      stpStop: within && split.bookQty + split.poolQty < qty,
    };
  }

  private bookSide(market: string, side: Side, depth: number): BookLevel[] {
    const s = this.book.getState(market, depth);
    return side === 'buy' ? s.asks : s.bids;
  }

  /**
   * Self-trade prevention `cancelResting`: cancels the taker's own resting orders on the other side
   * at every price its order reaches (`reach`: its worst execution price, or its limit when it
   * rests), so the order never trades with them and never leaves them crossed behind it.
   */
  private cancelOwn(own: { id: number; price: number }[], agentId: string, side: Side, reach: number): void {
    if (!(reach === reach)) return;
    for (const o of own) {
      if (side === 'buy' ? o.price <= reach : o.price >= reach) {
        this.book.cancelOrder({ orderId: o.id, agentId, submittedAt: this.ctx.now() });
        this.own.remove(o.id);
      }
    }
  }

  /** The worst price an order executes at on either source (NaN when nothing executes). */
  private static reach(side: Side, split: Split): number {
    const a = split.worstBookPrice;
    const b = split.lastPoolBlockPrice;
    if (a !== a) return b;
    if (b !== b) return a;
    return side === 'buy' ? Math.max(a, b) : Math.min(a, b);
  }

  submitMarketOrder(o: MarketOrderRequest): OrderResult {
    const bad = this.validate(o);
    if (bad) return reject(o.orderId, bad);
    this.seen.add(o.orderId);
    const midBefore = this.mid(o.market);
    const limit = o.side === 'buy' ? Infinity : -Infinity;
    const { split, own, stpStop } = this.plan(o.market, o.agentId, o.side, o.qty, limit);
    this.cancelOwn(own, o.agentId, o.side, HybridVenue.reach(o.side, split));
    let filled = 0;
    if (split.bookQty > 0) filled += this.book.submitMarketOrder({ ...o, qty: split.bookQty }).filledQty;
    if (split.poolQty > 0) filled += this.poolTrade(o, split.poolQty);
    this.release(o.market, midBefore);
    if (filled === o.qty) return { orderId: o.orderId, status: 'filled', filledQty: filled, remainingQty: 0 };
    if (stpStop) return { orderId: o.orderId, status: filled > 0 ? 'partial' : 'cancelled', filledQty: filled, remainingQty: 0, reason: RejectReason.SelfTrade };
    return { orderId: o.orderId, status: filled > 0 ? 'partial' : 'expired', filledQty: filled, remainingQty: 0 };
  }

  submitLimitOrder(o: LimitOrderRequest): OrderResult {
    const bad = this.validate(o, o.price);
    if (bad) return reject(o.orderId, bad);
    const { split, own, stpStop } = this.plan(o.market, o.agentId, o.side, o.qty, o.price);
    // Post-only: refuse an order that would trade on arrival, with the book or with the pool.
    if (o.postOnly === true && split.bookQty + split.poolQty > 0) return reject(o.orderId, RejectReason.PostOnly);
    this.seen.add(o.orderId);
    const midBefore = this.mid(o.market);
    // With cancelIncoming, an order stopped by its own resting order does not rest (as on the CLOB).
    const rest = stpStop ? 0 : o.qty - split.bookQty - split.poolQty;
    this.cancelOwn(own, o.agentId, o.side, rest > 0 ? o.price : HybridVenue.reach(o.side, split));
    let filled = 0;
    let result: OrderResult | null = null;
    if (split.bookQty > 0 || rest > 0) {
      result = this.book.submitLimitOrder({ ...o, qty: split.bookQty + rest });
      filled += result.filledQty;
      if (result.remainingQty > 0 && (result.status === 'resting' || result.status === 'partial')) {
        this.own.add({ id: o.orderId, agentId: o.agentId, market: o.market, side: o.side, price: o.price, qty: result.remainingQty });
      }
    }
    if (split.poolQty > 0) filled += this.poolTrade(o, split.poolQty);
    this.release(o.market, midBefore);
    const remaining = result ? result.remainingQty : 0;
    if (stpStop || (result && result.status === 'cancelled')) {
      return { orderId: o.orderId, status: 'cancelled', filledQty: filled, remainingQty: 0, reason: RejectReason.SelfTrade };
    }
    if (remaining === 0) return { orderId: o.orderId, status: 'filled', filledQty: filled, remainingQty: 0 };
    return { orderId: o.orderId, status: filled > 0 ? 'partial' : 'resting', filledQty: filled, remainingQty: remaining };
  }

  private poolTrade(o: MarketOrderRequest, n: number): number {
    const pool = this.pools.get(o.market)!;
    const q = pool.execute(o.side, n);
    const t = this.ctx.now();
    this.pending.push({
      venue: this.id,
      market: o.market,
      t,
      price: q.price,
      qty: n,
      maker: { agentId: this.poolId, orderId: -1, side: o.side === 'buy' ? 'sell' : 'buy', fee: -q.fee, liquidity: 'maker', submittedAt: t },
      taker: { agentId: o.agentId, orderId: o.orderId, side: o.side, fee: q.fee, liquidity: 'taker', submittedAt: o.submittedAt },
      midBefore: NaN,
      midAfter: NaN,
      batchId: -1,
    });
    return n;
  }

  /** Stamps the pending fills of one incoming order with the hybrid's mids and hands them to the kernel. */
  private release(market: string, midBefore: number): void {
    const p = this.pending;
    if (p.length === 0) return;
    const midAfter = this.mid(market);
    for (const f of p) {
      f.midBefore = midBefore;
      f.midAfter = midAfter;
      this.ctx.fills.push(f);
    }
    this.last.set(market, p[p.length - 1]!.price);
    p.length = 0;
  }

  cancelOrder(c: CancelRequest): OrderResult {
    const r = this.book.cancelOrder(c);
    if (r.status === 'cancelled') this.own.remove(c.orderId);
    return r;
  }

  /** Midpoint of the combined best bid and ask (NaN when a side is empty). */
  mid(market: string): number {
    const s = this.getState(market, 1);
    return s.mid;
  }

  getState(market: string, depth = 1): VenueState {
    const pool = this.pools.get(market);
    const t = this.ctx.now();
    if (!pool) return { market, t, bestBid: NaN, bestAsk: NaN, bidQty: 0, askQty: 0, mid: NaN, last: NaN, bids: [], asks: [] };
    const b = this.book.getState(market, depth);
    const unit = this.bookConfig.lotSize;
    const bids = merge(b.bids, poolLevels(pool, 'sell', depth, unit), true, depth);
    const asks = merge(b.asks, poolLevels(pool, 'buy', depth, unit), false, depth);
    const bestBid = bids.length > 0 ? bids[0]!.price : NaN;
    const bestAsk = asks.length > 0 ? asks[0]!.price : NaN;
    return {
      market,
      t,
      bestBid,
      bestAsk,
      bidQty: bids.length > 0 ? bids[0]!.qty : 0,
      askQty: asks.length > 0 ? asks[0]!.qty : 0,
      mid: bestBid === bestBid && bestAsk === bestAsk ? (bestBid + bestAsk) / 2 : NaN,
      last: this.last.get(market) ?? NaN,
      bids,
      asks,
    };
  }

  /**
   * Price of the last lot of a market order of `qty` lots (the worse of the book's worst level and
   * the pool's last block) minus the current mid, signed; `+/-Infinity` when book and pool together
   * cannot fill it.
   */
  estimateImpact(market: string, side: Side, qty: number): number {
    const pool = this.pools.get(market);
    if (!pool || !(qty > 0)) return 0;
    const unit = this.bookConfig.lotSize;
    const q = Math.ceil(qty / unit) * unit;
    const levels = this.bookSide(market, side, 1 << 30);
    const split = planSplit({ side, qty: q, limit: side === 'buy' ? Infinity : -Infinity, level: (i) => levels[i], pool, unit, bookTakerFeeBps: this.bookConfig.takerFeeBps });
    if (split.bookQty + split.poolQty < q) return sideSign(side) * Infinity;
    const prices = [split.worstBookPrice, split.lastPoolBlockPrice].filter((p) => p === p);
    const worst = side === 'buy' ? Math.max(...prices) : Math.min(...prices);
    const mid = this.mid(market);
    return worst - (mid === mid ? mid : pool.marginal());
  }

  tick(now: number): void {
    this.book.tick(now);
  }

  restingOrderCount(): number {
    return this.book.restingOrderCount();
  }
}

/** Merges two level lists (best first) into one, best first, up to `depth` levels, adding equal prices. */
function merge(a: BookLevel[], b: BookLevel[], bids: boolean, depth: number): BookLevel[] {
  const out: BookLevel[] = [];
  let i = 0;
  let j = 0;
  while (out.length < depth && (i < a.length || j < b.length)) {
    let next: BookLevel;
    if (j >= b.length || (i < a.length && (bids ? a[i]!.price >= b[j]!.price : a[i]!.price <= b[j]!.price))) next = a[i++]!;
    else next = b[j++]!;
    const top = out[out.length - 1];
    if (top && top.price === next.price) top.qty += next.qty;
    else out.push({ price: next.price, qty: next.qty });
  }
  return out;
}
