/**
 * The reduced-form market-making venue of Avellaneda & Stoikov (2008) and Gueant, Lehalle &
 * Fernandez-Tapia (2013): the mid is exogenous (it reads the truth process) and every resting quote
 * at distance `d` price ticks from the mid is hit by the synthetic order flow with probability
 * `min(1, A exp(-k d) dt)` per clock tick (a Bernoulli discretisation of a Poisson process of
 * intensity `A exp(-k d)`).
 *
 * - Quotes are limit orders. They never trade with each other: a limit order that would lock or
 *   cross the opposite side of the resting quotes is rejected (`Unsupported`, a post-only rule),
 *   so the visible book is never crossed. A quote on the wrong side of the mid (`d < 0`) is allowed
 *   and fills with probability `min(1, A exp(k |d|) dt)`.
 * - `tick(now)`: for each market, the mid is `truth.fairAt(market, now)`; each resting quote, in
 *   order of arrival, draws one uniform from the market's stream `arrivals:<market>`; on a hit it
 *   fills `lotsPerArrival` lots (or the rest) at its own limit price. The quote's owner is the
 *   maker, the flow participant (`<venueId>:flow`, role `flow`, order id -1) the taker. A quote
 *   that arrives at tick t is first eligible at tick t + 1 (the clock runs before agents).
 * - Market orders fill in full against the flow at `mid + marketHalfSpread` (buy) or
 *   `mid - marketHalfSpread` (sell); the flow is the maker. With `marketOrders: reject` they are
 *   refused as `Unsupported`.
 * - `getState`: `mid` is the truth mid in price ticks; best bid / ask and depth are the resting quotes.
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
  type OrderResult,
  type RandomStream,
  type RejectReasonCode,
  type Side,
  type Venue,
  type VenueCapabilities,
  type VenueContext,
  type VenueState,
} from '@venuelab/kernel';
import type { IntensityConfig } from './schema.js';

const reject = (orderId: number, reason: RejectReasonCode): OrderResult => ({ orderId, status: 'rejected', filledQty: 0, remainingQty: 0, reason });

/** A resting quote. */
interface Quote {
  id: number;
  agentId: string;
  market: string;
  side: Side;
  price: number;
  qty: number;
  submittedAt: number;
}

/** A participant a venue adds to the run (read by the kernel through `participants()`). */
export interface FlowParticipant {
  /** Participant id. */
  id: string;
  /** Role tag (`flow`). */
  role: string;
}

/** Fill probability per clock tick of a quote at distance `d` ticks from the mid: `min(1, A exp(-k d) dt)`. */
export function fillProbability(A: number, k: number, dt: number, d: number): number {
  const p = A * Math.exp(-k * d) * dt;
  return p < 1 ? p : 1;
}

/** The intensity venue over one or more markets. */
export class IntensityVenue implements Venue {
  readonly id: string;
  readonly markets: readonly string[];
  readonly capabilities: VenueCapabilities;
  /** Participant id of the synthetic flow. */
  readonly flowId: string;
  private readonly quotes = new Map<string, Map<number, Quote>>();
  private readonly byId = new Map<number, Quote>();
  private readonly streams = new Map<string, RandomStream>();
  private readonly seen = new Set<number>();
  private readonly last = new Map<string, number>();
  private readonly arrivalLots: number;

  /**
   * @param ctx - venue context from the kernel
   * @param config - validated config
   */
  constructor(
    private readonly ctx: VenueContext,
    private readonly config: IntensityConfig,
  ) {
    this.id = ctx.id;
    this.flowId = config.flowId ?? `${ctx.id}:flow`;
    const known = new Set(ctx.markets.map((m) => m.id));
    const wanted = config.markets ?? ctx.markets.map((m) => m.id);
    for (const m of wanted) {
      if (!known.has(m)) throw new VenuelabError(ErrorCode.Config, `intensity venue ${ctx.id}: unknown market "${m}"`, { market: m });
      this.quotes.set(m, new Map());
      this.streams.set(m, ctx.rng(`arrivals:${m}`));
    }
    this.markets = wanted;
    const lot = config.lotSize;
    this.arrivalLots = config.lotsPerArrival === 0 ? Infinity : Math.ceil(config.lotsPerArrival / lot) * lot;
    this.capabilities = {
      mechanism: 'intensity',
      limitOrders: true,
      marketOrders: config.marketOrders === 'fill',
      prefersLimitForInformed: false,
      batchInterval: 0,
      lotSize: config.lotSize,
      restingLimitOrders: true,
      exogenousMid: true,
      postOnly: true,
    };
  }

  /** The synthetic flow participant, so the kernel records its role (`flow`). */
  participants(): FlowParticipant[] {
    return [{ id: this.flowId, role: 'flow' }];
  }

  /** The mid of a market at the current tick, in price ticks (the truth process's fair value). */
  mid(market: string): number {
    return this.ctx.truth.fairAt(market, this.ctx.now());
  }

  private checkQty(qty: number): boolean {
    return Number.isSafeInteger(qty) && qty > 0 && qty % this.config.lotSize === 0;
  }

  submitLimitOrder(o: LimitOrderRequest): OrderResult {
    const book = this.quotes.get(o.market);
    if (!book) return reject(o.orderId, RejectReason.UnknownMarket);
    if (this.seen.has(o.orderId)) return reject(o.orderId, RejectReason.DuplicateId);
    if (!this.checkQty(o.qty)) return reject(o.orderId, RejectReason.BadQuantity);
    if (!Number.isFinite(o.price) || o.price <= 0) return reject(o.orderId, RejectReason.BadPrice);
    if (!Number.isInteger(o.price) || o.price % this.config.tickSize !== 0) return reject(o.orderId, RejectReason.OffTick);
    if (o.side !== 'buy' && o.side !== 'sell') return reject(o.orderId, RejectReason.BadPrice);
    // Post-only: quotes do not trade with each other, so one that would lock or cross is refused.
    const opposite = best(book, o.side === 'buy' ? 'sell' : 'buy');
    if (opposite === opposite && (o.side === 'buy' ? o.price >= opposite : o.price <= opposite)) return reject(o.orderId, RejectReason.Unsupported);
    this.seen.add(o.orderId);
    const q: Quote = { id: o.orderId, agentId: o.agentId, market: o.market, side: o.side, price: o.price, qty: o.qty, submittedAt: o.submittedAt };
    book.set(q.id, q);
    this.byId.set(q.id, q);
    return { orderId: o.orderId, status: 'resting', filledQty: 0, remainingQty: o.qty };
  }

  submitMarketOrder(o: MarketOrderRequest): OrderResult {
    if (!this.quotes.has(o.market)) return reject(o.orderId, RejectReason.UnknownMarket);
    if (this.seen.has(o.orderId)) return reject(o.orderId, RejectReason.DuplicateId);
    if (!this.checkQty(o.qty)) return reject(o.orderId, RejectReason.BadQuantity);
    if (o.side !== 'buy' && o.side !== 'sell') return reject(o.orderId, RejectReason.BadPrice);
    if (this.config.marketOrders === 'reject') return reject(o.orderId, RejectReason.Unsupported);
    const mid = this.mid(o.market);
    const price = mid + sideSign(o.side) * this.config.marketHalfSpread;
    if (!(price > 0) || !Number.isFinite(price)) return reject(o.orderId, RejectReason.NoLiquidity);
    this.seen.add(o.orderId);
    const t = this.ctx.now();
    this.ctx.fills.push({
      venue: this.id,
      market: o.market,
      t,
      price,
      qty: o.qty,
      maker: { agentId: this.flowId, orderId: -1, side: o.side === 'buy' ? 'sell' : 'buy', fee: 0, liquidity: 'maker', submittedAt: t },
      taker: { agentId: o.agentId, orderId: o.orderId, side: o.side, fee: (price * o.qty * this.config.takerFeeBps) / 1e4, liquidity: 'taker', submittedAt: o.submittedAt },
      midBefore: mid,
      midAfter: mid,
      batchId: -1,
    });
    this.last.set(o.market, price);
    return { orderId: o.orderId, status: 'filled', filledQty: o.qty, remainingQty: 0 };
  }

  cancelOrder(c: CancelRequest): OrderResult {
    const q = this.byId.get(c.orderId);
    if (!q) return reject(c.orderId, RejectReason.UnknownOrder);
    if (q.agentId !== c.agentId) return reject(c.orderId, RejectReason.ForeignOrder);
    this.remove(q);
    return { orderId: c.orderId, status: 'cancelled', filledQty: 0, remainingQty: 0 };
  }

  private remove(q: Quote): void {
    this.quotes.get(q.market)!.delete(q.id);
    this.byId.delete(q.id);
  }

  tick(now: number): void {
    const { A, k, dt, makerFeeBps } = this.config;
    for (const [market, book] of this.quotes) {
      const rng = this.streams.get(market)!;
      if (book.size === 0) continue;
      const mid = this.ctx.truth.fairAt(market, now);
      for (const q of book.values()) {
        const d = q.side === 'buy' ? mid - q.price : q.price - mid;
        if (rng.next() >= fillProbability(A, k, dt, d)) continue;
        const n = q.qty < this.arrivalLots ? q.qty : this.arrivalLots;
        this.ctx.fills.push({
          venue: this.id,
          market,
          t: now,
          price: q.price,
          qty: n,
          maker: { agentId: q.agentId, orderId: q.id, side: q.side, fee: (q.price * n * makerFeeBps) / 1e4, liquidity: 'maker', submittedAt: q.submittedAt },
          taker: { agentId: this.flowId, orderId: -1, side: q.side === 'buy' ? 'sell' : 'buy', fee: 0, liquidity: 'taker', submittedAt: now },
          midBefore: mid,
          midAfter: mid,
          batchId: -1,
        });
        this.last.set(market, q.price);
        q.qty -= n;
        if (q.qty === 0) this.remove(q);
      }
    }
  }

  getState(market: string, depth = 1): VenueState {
    const book = this.quotes.get(market);
    const t = this.ctx.now();
    if (!book) return { market, t, bestBid: NaN, bestAsk: NaN, bidQty: 0, askQty: 0, mid: NaN, last: NaN, bids: [], asks: [] };
    const bids = levels(book, 'buy', depth);
    const asks = levels(book, 'sell', depth);
    return {
      market,
      t,
      bestBid: bids.length > 0 ? bids[0]!.price : NaN,
      bestAsk: asks.length > 0 ? asks[0]!.price : NaN,
      bidQty: bids.length > 0 ? bids[0]!.qty : 0,
      askQty: asks.length > 0 ? asks[0]!.qty : 0,
      mid: this.mid(market),
      last: this.last.get(market) ?? NaN,
      bids,
      asks,
    };
  }

  /** The flow's price concession for a market order: `+marketHalfSpread` for a buy, `-marketHalfSpread` for a sell (the mid itself never moves); 0 when market orders are refused. */
  estimateImpact(market: string, side: Side, qty: number): number {
    if (!this.quotes.has(market) || !(qty > 0) || this.config.marketOrders === 'reject') return 0;
    return sideSign(side) * this.config.marketHalfSpread;
  }

  restingOrderCount(): number {
    return this.byId.size;
  }
}

function best(book: Map<number, Quote>, side: Side): number {
  let b = NaN;
  for (const q of book.values()) {
    if (q.side !== side) continue;
    if (b !== b || (side === 'buy' ? q.price > b : q.price < b)) b = q.price;
  }
  return b;
}

function levels(book: Map<number, Quote>, side: Side, depth: number): BookLevel[] {
  const agg = new Map<number, number>();
  for (const q of book.values()) if (q.side === side) agg.set(q.price, (agg.get(q.price) ?? 0) + q.qty);
  const prices = [...agg.keys()].sort(side === 'buy' ? (a, b) => b - a : (a, b) => a - b);
  return prices.slice(0, depth).map((price) => ({ price, qty: agg.get(price)! }));
}
