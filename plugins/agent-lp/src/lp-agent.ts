/**
 * The LP market maker.
 * @module
 */
import {
  openingMidTicks,
  sideSign,
  type Agent,
  type AgentContext,
  type Fill,
  type FillLeg,
  type MarketSpec,
  type OrderId,
  type OrderResult,
  type Side,
  type Signal,
  venueTraits,
} from '@venuelab/kernel';
import { GaussianTracker } from '@venuelab/models';
import { allowedSides, gateOpen, netInventoryMargin } from './margin.js';
import { lpQuotes } from './quotes.js';
import type { LpConfig } from './schema.js';

/** Wake kind of the LP's reviews; subclasses use other kinds (see {@link LpMarketMaker.onOtherWake}). */
export const LP_REVIEW = 0;

/** One of the LP's own orders that may still be live. */
interface OwnQuote {
  venue: string;
  market: string;
  side: Side;
  price: number;
  remaining: number;
  cancelSent: boolean;
}

/** A quote the LP posted, as it saw the book when posting (for tests and diagnostics). */
export interface PostedQuote {
  /** Tick of the review. */
  t: number;
  /** Venue. */
  venue: string;
  /** Market. */
  market: string;
  /** Quote centre (belief) in price ticks. */
  center: number;
  /** Half-spread used, in ticks. */
  halfSpread: number;
  /** Bid posted (NaN when none). */
  bid: number;
  /** Ask posted (NaN when none). */
  ask: number;
  /** Best bid shown when posting. */
  bookBid: number;
  /** Best ask shown when posting. */
  bookAsk: number;
}

/** One review as the LP saw it (for tests and diagnostics). */
export interface ReviewRecord {
  /** Tick. */
  t: number;
  /** Margin used at the review (tick-lots). */
  marginUsed: number;
  /** Whether the solvency gate was open. */
  open: boolean;
  /** Net inventory per market at the review (lots). */
  inventory: Record<string, number>;
}

/** Counters of an LP. */
export interface LpStats {
  /** Reviews held. */
  reviews: number;
  /** Reviews in which the solvency gate was closed. */
  gated: number;
  /** Quotes (orders) posted. */
  quotes: number;
  /** Cancels sent. */
  cancels: number;
}

/**
 * The LP market maker (role `LP`). It quotes both sides of every market on every venue it may use
 * that rests limit orders (limit orders accepted and not a pool: on a pool the pool itself is the
 * liquidity provider), around its own belief of fair value.
 *
 * - Belief: one time-aware Gaussian tracker per market fed by signal readings of its `tiers`. The
 *   readings reach it after its observation delay, which is a latency knob of the experiment: a
 *   long delay makes it deliberately stale, so faster, better-informed traders can pick it off.
 * - Each review (first at `startAt`, then every `reviewInterval` ticks of its latency) it cancels
 *   every quote it still has by id, checks the solvency gate, and posts a new bid and ask from
 *   {@link lpQuotes}: never crossed and never marketable against the visible book. It never sends a
 *   market order.
 * - Capital: the margin on its net inventory ({@link netInventoryMargin}, marked at its belief);
 *   inventory comes from its fills (as they reach it). When the margin used reaches `budget` the
 *   gate closes: it posts nothing (`sitOut`) or only the reducing side (`reduceOnly`).
 *
 * Subclasses can change the half-spread per venue and market ({@link LpMarketMaker.halfSpread})
 * and watch their own fills ({@link LpMarketMaker.onOwnFill}).
 */
export class LpMarketMaker implements Agent {
  /** Agent id. */
  readonly id: string;
  /** Role tag. */
  readonly role: string;
  /** Counters. */
  readonly stats: LpStats = { reviews: 0, gated: 0, quotes: 0, cancels: 0 };
  /** Quotes posted (kept only when {@link LpMarketMaker.trace} is true). */
  readonly posted: PostedQuote[] = [];
  /** Reviews held (kept only when {@link LpMarketMaker.trace} is true). */
  readonly reviewLog: ReviewRecord[] = [];
  /** Keep a trace of posted quotes and reviews. */
  trace = false;
  /** Markets quoted. */
  protected readonly quoted: readonly MarketSpec[];
  /** Beliefs by market. */
  protected readonly beliefs = new Map<string, GaussianTracker>();
  /** Net inventory by market (lots). */
  protected readonly inventory = new Map<string, number>();
  private readonly tiers: Set<string>;
  private readonly own = new Map<OrderId, OwnQuote>();
  private pairs: { venue: string; market: string }[] = [];

  /**
   * @param ctx - the agent context
   * @param config - validated config
   */
  constructor(
    protected readonly ctx: AgentContext,
    protected readonly config: LpConfig,
  ) {
    this.id = ctx.id;
    this.role = ctx.role;
    const known = new Set(ctx.markets.map((m) => m.id));
    for (const m of config.markets ?? []) if (!known.has(m)) throw new Error(`${ctx.id}: unknown market "${m}"`);
    this.quoted = config.markets ? ctx.markets.filter((m) => config.markets!.includes(m.id)) : ctx.markets;
    this.tiers = new Set(config.tiers);
  }

  start(): void {
    const ctx = this.ctx;
    for (const m of ctx.markets) {
      const prior = ctx.truth.toLatent(m.id, openingMidTicks(m));
      this.beliefs.set(m.id, new GaussianTracker({ mean: prior, precision: this.config.priorPrecision, q: this.config.q, t: 0 }));
      this.inventory.set(m.id, 0);
    }
    for (const v of ctx.venueIds) {
      const caps = ctx.venues.capabilities(v);
      if (!venueTraits(caps).restingLimitOrders) continue;
      const traded = ctx.venues.markets(v);
      for (const m of this.quoted) if (traded.includes(m.id)) this.pairs.push({ venue: v, market: m.id });
    }
    if (this.pairs.length > 0 && this.config.startAt < ctx.duration) ctx.wakeAt(this.config.startAt, LP_REVIEW);
  }

  /** The belief (posterior mean) of a market in price ticks: the centre of its quotes. */
  center(market: string): number {
    const b = this.beliefs.get(market);
    return b ? this.ctx.truth.toTicks(market, b.mean) : NaN;
  }

  /** Net inventory of a market in lots. */
  position(market: string): number {
    return this.inventory.get(market) ?? 0;
  }

  /** Margin used by the current net inventory, in tick-lots. */
  marginUsed(): number {
    return netInventoryMargin(this.inventory, (m) => this.center(m), this.config.marginRate);
  }

  /** Half-spread (ticks) to quote on a venue and market; the base LP uses `halfSpread` everywhere. */
  halfSpread(_venue: string, _market: string): number {
    return this.config.halfSpread;
  }

  /** Called with each of the LP's own fills after its inventory is updated. */
  protected onOwnFill(_fill: Fill, _leg: FillLeg, _t: number): void {}

  /** Called for wake kinds other than {@link LP_REVIEW}. */
  protected onOtherWake(_kind: number, _arg: number, _t: number): void {}

  onSignal(s: Signal, _t: number): void {
    if (!this.tiers.has(s.tier)) return;
    this.beliefs.get(s.market)?.observe(s.value, s.precision, s.t);
  }

  onWake(kind: number, arg: number, t: number): void {
    if (kind !== LP_REVIEW) {
      this.onOtherWake(kind, arg, t);
      return;
    }
    this.review(t);
    const next = t + this.ctx.latency.reviewInterval();
    if (next < this.ctx.duration) this.ctx.wakeAt(next, LP_REVIEW);
  }

  onFill(fill: Fill, leg: FillLeg, t: number): void {
    this.inventory.set(fill.market, this.position(fill.market) + sideSign(leg.side) * fill.qty);
    const q = this.own.get(leg.orderId);
    if (q) {
      q.remaining -= fill.qty;
      if (q.remaining <= 0) this.own.delete(leg.orderId);
    }
    this.onOwnFill(fill, leg, t);
  }

  onOrderResult(r: OrderResult, _venue: string, _t: number): void {
    if (!this.own.has(r.orderId)) return;
    if (r.status === 'rejected' || r.status === 'cancelled' || r.status === 'expired' || r.remainingQty === 0) this.own.delete(r.orderId);
  }

  /** Cancels every quote still live, then posts new ones where the gate allows. */
  protected review(t: number): void {
    const ctx = this.ctx;
    const c = this.config;
    this.stats.reviews++;
    for (const [id, q] of this.own) {
      if (q.cancelSent) continue;
      ctx.cancel(q.venue, id);
      q.cancelSent = true;
      this.stats.cancels++;
    }
    const used = this.marginUsed();
    const open = gateOpen(used, c.budget);
    if (!open) this.stats.gated++;
    if (this.trace) this.reviewLog.push({ t, marginUsed: used, open, inventory: Object.fromEntries(this.inventory) });
    for (const { venue, market } of this.pairs) {
      const sides = allowedSides(open, c.gate, this.position(market));
      if (!sides.bid && !sides.ask) continue;
      const center = this.center(market);
      const h = this.halfSpread(venue, market);
      const s = ctx.venues.state(venue, market);
      const quote = lpQuotes(center, h, s.bestBid, s.bestAsk);
      const bid = sides.bid ? quote.bid : NaN;
      const ask = sides.ask ? quote.ask : NaN;
      if (bid === bid) this.post(venue, market, 'buy', bid);
      if (ask === ask) this.post(venue, market, 'sell', ask);
      if (this.trace) this.posted.push({ t, venue, market, center, halfSpread: h, bid, ask, bookBid: s.bestBid, bookAsk: s.bestAsk });
    }
  }

  private post(venue: string, market: string, side: Side, price: number): void {
    const qty = this.config.qty;
    const id = this.ctx.submitLimit(venue, { market, side, price, qty, postOnly: true });
    this.own.set(id, { venue, market, side, price, remaining: qty, cancelSent: false });
    this.stats.quotes++;
  }

  /** Number of the LP's orders that may still be live (sent, not known filled or cancelled). */
  liveOrders(): number {
    return this.own.size;
  }
}
