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

/** One level of a desired ladder side: a (fractional) price in price ticks and a size in lots. */
export interface QuoteLevel {
  /** Price before rounding onto the grid (bids round down, asks up); NaN = no order at this level. */
  price: number;
  /** Lots at this level (a positive integer multiple of the venue lot size). */
  size: number;
}

/**
 * Desired multi-level quotes: levels per side, innermost first. Returned by
 * {@link MakerAgent.quotes} instead of a {@link QuotePair} to post a ladder (multi-level mode).
 */
export interface QuoteLadder {
  /** Bid levels. */
  bids: readonly QuoteLevel[];
  /** Ask levels. */
  asks: readonly QuoteLevel[];
}

/** A ladder level after rounding onto the grid, merging and the inventory bound: what a review posts or keeps. */
export interface PostedLevel {
  /** Side. */
  side: Side;
  /** Limit price on the grid, price ticks. */
  price: number;
  /** Lots. */
  size: number;
}

/** Whether a subclass's desired quotes are a {@link QuoteLadder} (multi-level mode). */
export function isQuoteLadder(q: QuotePair | QuoteLadder): q is QuoteLadder {
  return Array.isArray((q as QuoteLadder).bids);
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
  /** Lots of this order. */
  size: number;
  /** Lots of this order plus the more inner levels of its side (= size with one quote per side). */
  cum: number;
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
 * 5. posts each new quote after two guards (and the inventory bound again), checked when it is sent:
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
 *
 * Multi-level mode: when {@link MakerAgent.quotes} returns a {@link QuoteLadder} instead of a
 * {@link QuotePair}, the review posts every level: each level's price is rounded onto the grid (bids
 * down, asks up) and levels of a side that land on the same price are merged (sizes added); bid
 * levels are kept innermost first while the inventory after a fill of all kept bid levels stays
 * within the bound (likewise asks); ask levels at or below the best kept bid are pushed one
 * increment above it (and merged again); then every own order that is not an unchanged level (same
 * side, price and size, nothing filled; kept only with `keepUnchanged`) is cancelled, and every level
 * without such a resting order is posted, bids innermost first, then asks, through the same guards. A ladder of one
 * level of `quoteSize` per side sends exactly the messages of the equal {@link QuotePair}.
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
  private postedLevels: PostedLevel[] = [];

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

  /**
   * The levels the latest multi-level review wanted on the book after rounding, merging and the
   * inventory bound (kept unchanged orders included), bids innermost first then asks; empty in
   * one-quote mode.
   */
  get ladderLevels(): readonly PostedLevel[] {
    return this.postedLevels;
  }

  /**
   * Desired quotes for this review (fractional price ticks): a `QuotePair` (one quote of
   * `quoteSize` per side; NaN = none on that side) or a `QuoteLadder` (multi-level mode).
   */
  protected abstract quotes(view: MakerView): QuotePair | QuoteLadder;

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
    if (isQuoteLadder(want)) {
      this.reviewLadder(want, s, t);
      return;
    }
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
    if (bid === bid && !keepBid) this.place({ side: 'buy', price: bid, reference: s, size, cum: size });
    else if (!(bid === bid)) this.stats.skipped++;
    if (ask === ask && !keepAsk) this.place({ side: 'sell', price: ask, reference: s, size, cum: size });
    else if (!(ask === ask)) this.stats.skipped++;
  }

  /** Rounds a side's levels onto the grid and merges those on the same price (sizes added), innermost first. */
  private gridSide(levels: readonly QuoteLevel[], side: Side): { price: number; size: number }[] {
    const out: { price: number; size: number }[] = [];
    for (const l of levels) {
      const p = side === 'buy' ? bidOnGrid(this.grid, l.price) : askOnGrid(this.grid, l.price);
      if (!(p === p) || !(l.size > 0)) {
        this.stats.skipped++;
        continue;
      }
      const same = out.find((o) => o.price === p);
      if (same) same.size += l.size;
      else out.push({ price: p, size: l.size });
    }
    out.sort(side === 'buy' ? (a, b) => b.price - a.price : (a, b) => a.price - b.price);
    return out;
  }

  /** Keeps levels innermost first while a fill of all kept levels keeps inventory within the bound; adds the running sizes. */
  private boundSide(levels: { price: number; size: number }[], side: Side): { price: number; size: number; cum: number }[] {
    const out: { price: number; size: number; cum: number }[] = [];
    let cum = 0;
    for (const l of levels) {
      const after = side === 'buy' ? this.inv + cum + l.size : this.inv - cum - l.size;
      if (side === 'buy' ? after > this.limitNow : after < -this.limitNow) {
        this.stats.skipped++;
        continue;
      }
      cum += l.size;
      out.push({ price: l.price, size: l.size, cum });
    }
    return out;
  }

  /** A review in multi-level mode (see the class comment). */
  private reviewLadder(want: QuoteLadder, s: number, t: number): void {
    const bids = this.boundSide(this.gridSide(want.bids, 'buy'), 'buy');
    let askLevels = this.gridSide(want.asks, 'sell');
    if (bids.length > 0 && askLevels.length > 0 && askLevels[0]!.price <= bids[0]!.price) {
      // Asks at or below the best bid are widened to one increment above it, then merged again.
      const floor = askOnGrid(this.grid, bids[0]!.price + this.grid.increment);
      askLevels = this.gridSide(
        askLevels.map((l) => ({ price: l.price <= bids[0]!.price ? floor : l.price, size: l.size })),
        'sell',
      );
    }
    const asks = this.boundSide(askLevels, 'sell');
    const keptBid = bids.map(() => false);
    const keptAsk = asks.map(() => false);
    for (const o of this.own.values()) {
      if (o.cancelSentAt === o.cancelSentAt) continue;
      if (this.base.keepUnchanged && o.remaining === o.qty) {
        const levels = o.side === 'buy' ? bids : asks;
        const kept = o.side === 'buy' ? keptBid : keptAsk;
        const j = levels.findIndex((l, k) => !kept[k] && l.price === o.price && l.size === o.qty);
        if (j >= 0) {
          kept[j] = true;
          continue;
        }
      }
      this.sendCancel(o, t);
    }
    this.pending = [];
    this.postedLevels = [...bids.map((l) => ({ side: 'buy' as Side, price: l.price, size: l.size })), ...asks.map((l) => ({ side: 'sell' as Side, price: l.price, size: l.size }))];
    bids.forEach((l, k) => {
      if (!keptBid[k]) this.place({ side: 'buy', price: l.price, reference: s, size: l.size, cum: l.cum });
    });
    asks.forEach((l, k) => {
      if (!keptAsk[k]) this.place({ side: 'sell', price: l.price, reference: s, size: l.size, cum: l.cum });
    });
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
    const size = p.size;
    const inc = this.grid.increment;
    if (p.side === 'buy' ? this.inv + p.cum > this.limitNow : this.inv - p.cum < -this.limitNow) return 'skip';
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
