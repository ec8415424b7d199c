/**
 * The quoting machinery every market maker shares: review cadence, cancel-by-id and repost,
 * the non-marketable and no-self-cross guards, own-order and inventory bookkeeping, and the
 * exposure and fill records that feed a fill-intensity estimator.
 * @module
 */
import {
  openingMidTicks,
  RejectReason,
  type Agent,
  type AgentContext,
  type Fill,
  type FillLeg,
  type MarketSpec,
  type OrderResult,
  type Side,
  type VenueCapabilities,
  type VenueState,
  venueTraits,
} from '@venuelab/kernel';
import type { FillIntensityEstimator } from '../fill-intensity.js';
import type { MakerBaseConfig } from './maker-config.js';
import { OwnOrders, type OwnOrder } from './own-orders.js';
import { askOnGrid, bidOnGrid, priceGrid, type PriceGrid } from './price-grid.js';
import { referencePrice, subtractOwn, type ExOwnBook } from './reference-price.js';
import { resolveTarget } from './target.js';

/** What a maker sees at a review. */
export interface MakerView {
  /** Current tick. */
  t: number;
  /** The market. */
  spec: MarketSpec;
  /** The venue's state with `bookDepth` levels (own orders included). */
  state: VenueState;
  /** The book without the agent's own orders. */
  book: ExOwnBook;
  /** Reference price `s` in price ticks (see {@link referencePrice}). */
  reference: number;
  /** Net inventory in lots (positive = long), from the fills reported so far. */
  inventory: number;
  /** Cash in tick-lots, from the fills reported so far (fees included). */
  cash: number;
}

/** Desired quotes in (fractional) price ticks before rounding onto the grid; NaN = no quote on that side. */
export interface QuotePair {
  /** Bid price. */
  bid: number;
  /** Ask price. */
  ask: number;
}

/** Counters of a maker's activity. */
export interface MakerStats {
  /** Reviews run. */
  reviews: number;
  /** Limit orders sent. */
  quotesSent: number;
  /** Cancels sent. */
  cancelsSent: number;
  /** Quotes held back until an own order they would cross was confirmed dead. */
  deferred: number;
  /** Quotes not sent because no grid price was non-marketable or the inventory bound forbade them. */
  skipped: number;
  /** Own fill legs reported. */
  fills: number;
}

interface Pending {
  side: Side;
  price: number;
  reference: number;
}

const WAKE_REVIEW = 0;
const MAX_CANCEL_ATTEMPTS = 3;

/**
 * Base class of the market makers. Every review (`reviewInterval` ticks, drawn from the agent's
 * latency) it:
 * 1. reads the venue's book (`bookDepth` levels), removes its own orders, and forms the reference
 *    price (see {@link referencePrice});
 * 2. asks the subclass for desired quotes ({@link MakerAgent.quotes});
 * 3. drops a side whose fill would take inventory past {@link MakerAgent.inventoryLimit}; rounds
 *    the bid down and the ask up onto the price grid;
 * 4. cancels every previous quote by id (unless `keepUnchanged` and the quote is unchanged);
 * 5. posts each new quote after two guards, checked when it is sent:
 *    - no self-cross: a bid at or above any own ask that may still be live (including asks whose
 *      cancel is in flight) is held back until those asks are confirmed dead, and likewise for asks;
 *    - never marketable: the bid is lowered to one increment below the venue's best ask (the ask
 *      raised above the best bid) as shown at that moment, so the quote never takes.
 *
 * On a venue whose limit orders do not rest (capability `limitOrders: false`, or an AMM pool,
 * `mechanism: 'pool'`) the maker does nothing. On a batch venue its quotes rest across batches
 * like any limit order. With a fill-intensity estimator, each quote's resting time is recorded as
 * exposure at its distance from the reference price when sent, and each fill as one arrival at
 * that distance.
 */
export abstract class MakerAgent implements Agent {
  /** Agent id. */
  readonly id: string;
  /** Role tag. */
  readonly role: string;
  /** Venue quoted on. */
  readonly venue: string;
  /** Market quoted. */
  readonly market: string;
  /** Spec of the market. */
  protected readonly spec: MarketSpec;
  /** The price grid. */
  protected readonly grid: PriceGrid;
  /** Activity counters. */
  readonly stats: MakerStats = { reviews: 0, quotesSent: 0, cancelsSent: 0, deferred: 0, skipped: 0, fills: 0 };
  private readonly own = new OwnOrders();
  private pending: Pending[] = [];
  private inv = 0;
  private cashTL = 0;
  private caps!: VenueCapabilities;
  private active = false;
  private lastReference = NaN;
  private limitNow = Infinity;

  /**
   * @param ctx - the agent's context
   * @param base - shared maker config
   * @param intensity - estimator fed with the maker's quote exposure and fills, if any
   */
  constructor(
    protected readonly ctx: AgentContext,
    protected readonly base: MakerBaseConfig,
    private readonly intensity: FillIntensityEstimator | null = null,
  ) {
    this.id = ctx.id;
    this.role = ctx.role;
    const target = resolveTarget(ctx, base.venue, base.market);
    this.venue = target.venue;
    this.market = target.market;
    this.spec = target.spec;
    this.grid = priceGrid(this.spec, base.priceIncrement ?? venueTraits(ctx.venues.capabilities(this.venue)).priceIncrement);
  }

  /** Net inventory in lots from the fills reported so far. */
  get inventory(): number {
    return this.inv;
  }

  /** Cash in tick-lots from the fills reported so far (fees included). */
  get cash(): number {
    return this.cashTL;
  }

  /** Whether the maker quotes at all (false on venues whose limit orders do not rest). */
  get quoting(): boolean {
    return this.active;
  }

  /** Orders the maker does not yet know to be dead. */
  get openOrders(): number {
    return this.own.size;
  }

  /** Desired quotes for this review (fractional price ticks; NaN = none on that side). */
  protected abstract quotes(view: MakerView): QuotePair;

  /** Largest absolute inventory in lots a fill may lead to (default: unbounded). */
  protected inventoryLimit(_view: MakerView): number {
    return Infinity;
  }

  /** Called for each of the maker's own fill legs after the bookkeeping. */
  protected onOwnFill(_fill: Fill, _leg: FillLeg): void {}

  start(): void {
    this.caps = this.ctx.venues.capabilities(this.venue);
    this.active = venueTraits(this.caps).restingLimitOrders;
    if (this.active) this.ctx.wakeIn(0, WAKE_REVIEW);
  }

  onWake(kind: number): void {
    if (kind !== WAKE_REVIEW || !this.active) return;
    this.review();
    this.ctx.wakeIn(this.ctx.latency.reviewInterval(), WAKE_REVIEW);
  }

  private review(): void {
    const ctx = this.ctx;
    const t = ctx.now();
    this.stats.reviews++;
    const state = ctx.venues.state(this.venue, this.market, this.base.bookDepth);
    const book = subtractOwn(state, (side, price) => this.own.qtyAt(side, price));
    const s = referencePrice(this.caps, state, book, this.lastReference, openingMidTicks(this.spec));
    this.lastReference = s;
    const view: MakerView = { t, spec: this.spec, state, book, reference: s, inventory: this.inv, cash: this.cashTL };
    const want = this.quotes(view);
    this.limitNow = this.inventoryLimit(view);
    const size = this.base.quoteSize;
    const bid = this.inv + size > this.limitNow ? NaN : bidOnGrid(this.grid, want.bid);
    let ask = this.inv - size < -this.limitNow ? NaN : askOnGrid(this.grid, want.ask);
    if (bid === bid && ask === ask && bid >= ask) {
      // A degenerate pair (desired bid at or above the ask) is widened around the bid.
      ask = askOnGrid(this.grid, bid + this.grid.increment);
    }
    // Cancel every previous quote by id, keeping unchanged ones if configured.
    let keepBid = false;
    let keepAsk = false;
    for (const o of this.own.values()) {
      if (o.cancelSentAt === o.cancelSentAt) continue;
      if (this.base.keepUnchanged && o.remaining === size && o.qty === size) {
        if (o.side === 'buy' && !keepBid && o.price === bid) {
          keepBid = true;
          continue;
        }
        if (o.side === 'sell' && !keepAsk && o.price === ask) {
          keepAsk = true;
          continue;
        }
      }
      this.sendCancel(o, t);
    }
    this.pending = [];
    if (bid === bid && !keepBid) this.place({ side: 'buy', price: bid, reference: s });
    else if (!(bid === bid)) this.stats.skipped++;
    if (ask === ask && !keepAsk) this.place({ side: 'sell', price: ask, reference: s });
    else if (!(ask === ask)) this.stats.skipped++;
  }

  private place(p: Pending): void {
    const r = this.tryPost(p);
    if (r === 'defer') {
      this.pending.push(p);
      this.stats.deferred++;
    } else if (r === 'skip') this.stats.skipped++;
  }

  /** Sends a quote if both guards pass; `defer` when it would cross an own order that may be live. */
  private tryPost(p: Pending): 'sent' | 'defer' | 'skip' {
    const size = this.base.quoteSize;
    const inc = this.grid.increment;
    if (p.side === 'buy' ? this.inv + size > this.limitNow : this.inv - size < -this.limitNow) return 'skip';
    let price = p.price;
    if (p.side === 'buy') {
      if (price >= this.own.minAsk()) return 'defer';
      const top = this.ctx.venues.state(this.venue, this.market, 1);
      if (Number.isFinite(top.bestAsk) && price > top.bestAsk - inc) price = bidOnGrid(this.grid, top.bestAsk - inc);
    } else {
      if (price <= this.own.maxBid()) return 'defer';
      const top = this.ctx.venues.state(this.venue, this.market, 1);
      if (Number.isFinite(top.bestBid) && price < top.bestBid + inc) price = askOnGrid(this.grid, top.bestBid + inc);
    }
    if (!(price === price)) return 'skip';
    const id = this.ctx.submitLimit(this.venue, { market: this.market, side: p.side, price, qty: size, postOnly: true });
    const distance = p.side === 'buy' ? p.reference - price : price - p.reference;
    this.own.add({ id, side: p.side, price, qty: size, postedAt: this.ctx.now(), distance });
    this.stats.quotesSent++;
    return 'sent';
  }

  private retryPending(): void {
    if (this.pending.length === 0) return;
    const left: Pending[] = [];
    for (const p of this.pending) {
      const r = this.tryPost(p);
      if (r === 'defer') left.push(p);
      else if (r === 'skip') this.stats.skipped++;
    }
    this.pending = left;
  }

  private sendCancel(o: OwnOrder, t: number): void {
    o.cancelSentAt = t;
    o.cancelAttempts++;
    o.cancelRejected = false;
    this.stats.cancelsSent++;
    this.ctx.cancel(this.venue, o.id);
  }

  /** Forgets a dead order, records its exposure, and retries held-back quotes. */
  private dead(o: OwnOrder, end: number): void {
    this.own.remove(o.id);
    if (this.intensity) this.intensity.addExposure(o.distance, end - o.postedAt);
    this.retryPending();
  }

  onFill(fill: Fill, leg: FillLeg): void {
    if (fill.venue !== this.venue || fill.market !== this.market) return;
    const signed = leg.side === 'buy' ? fill.qty : -fill.qty;
    this.inv += signed;
    this.cashTL -= signed * fill.price + leg.fee;
    this.stats.fills++;
    const o = this.own.get(leg.orderId);
    if (o) {
      if (this.intensity) this.intensity.addFill(o.distance);
      o.remaining -= fill.qty;
      if (o.remaining <= 0) this.dead(o, fill.t);
    }
    this.onOwnFill(fill, leg);
  }

  onOrderResult(r: OrderResult, venueId: string, t: number): void {
    if (venueId !== this.venue) return;
    const o = this.own.get(r.orderId);
    if (!o) return;
    switch (r.status) {
      case 'cancelled':
        this.dead(o, o.cancelSentAt === o.cancelSentAt ? o.cancelSentAt : t);
        return;
      case 'rejected':
        if (r.reason === RejectReason.UnknownOrder || r.reason === RejectReason.ForeignOrder) {
          // The cancel found no order: it was already dead (its fills may not be reported yet), or
          // the cancel overtook the order. Re-send once the order is known to rest; give up after
          // a few attempts (the order is then dead).
          o.cancelRejected = true;
          if (o.cancelAttempts >= MAX_CANCEL_ATTEMPTS) this.dead(o, o.cancelSentAt);
          else if (o.live) this.sendCancel(o, t);
        } else this.dead(o, o.postedAt);
        return;
      case 'expired':
        this.dead(o, t);
        return;
      case 'filled':
        // Filled on arrival; its fills report the quantities and end it.
        o.live = false;
        return;
      default:
        o.live = true;
        if (o.cancelRejected && o.cancelAttempts < MAX_CANCEL_ATTEMPTS) this.sendCancel(o, t);
    }
  }
}
