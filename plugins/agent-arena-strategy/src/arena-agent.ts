/**
 * The arena runtime agent: decision cadence, response time, order diffing and bookkeeping.
 * @module
 */
import { RejectReason, venueTraits, type Agent, type AgentContext, type BookLevel, type Fill, type FillLeg, type MarketSpec, type OrderResult, type Side, type VenueCapabilities } from '@venuelab/kernel';
import { diffQuotes, type LiveQuote, type WantedQuote } from './diff.js';
import type { ArenaBaseConfig } from './schema.js';
import type { ArenaOrder, ArenaStrategy, BookState } from './types.js';

/** An own order the runtime tracks until it is known to be dead. */
interface OwnOrder extends LiveQuote {
  /** Whether a cancel was sent for it. */
  cancelSent: boolean;
  /** Whether the venue confirmed it rests. */
  resting: boolean;
}

/** Activity counters of an arena agent. */
export interface ArenaStats {
  /** Decisions run. */
  decisions: number;
  /** Limit quotes sent. */
  quotesSent: number;
  /** Cancels sent. */
  cancelsSent: number;
  /** Market orders sent. */
  takesSent: number;
  /** Quotes kept unchanged by the diff. */
  kept: number;
  /** Orders rejected by the venue (e.g. post-only quotes that would have taken). */
  rejected: number;
  /** Intents dropped (off-book market, bad size or price, no market orders on the venue). */
  dropped: number;
}

/**
 * The venue and books an arena agent trades: `venue` (default the agent's first venue) and
 * `markets` (default every market of that venue). Throws naming the agent on an unknown one.
 */
export function arenaBooks(ctx: AgentContext, config: Pick<ArenaBaseConfig, 'venue' | 'markets'>): { venue: string; markets: string[] } {
  const venue = config.venue ?? ctx.venueIds[0];
  if (venue === undefined || !ctx.venues.ids().includes(venue)) throw new Error(`arena agent ${ctx.id}: unknown venue ${String(venue)}`);
  const traded = ctx.venues.markets(venue);
  const markets = config.markets ?? [...traded];
  for (const m of markets) {
    if (!traded.includes(m) || !ctx.markets.some((s) => s.id === m)) throw new Error(`arena agent ${ctx.id}: venue ${venue} does not trade market ${m}`);
  }
  return { venue, markets: [...markets] };
}

const WAKE_DECIDE = 0;
const WAKE_SEND = 1;

/**
 * Runs an {@link ArenaStrategy} on every book of one venue. Every `cadence` ticks it reads each
 * book (own orders removed), calls `onBooks`, and after the response time
 * (`responseTime + responseTimePerBook * books`, rounded up to a whole tick) applies the answer:
 * quotes are rounded onto the grid (bids down, asks up), diffed against the own quotes not yet
 * known dead ({@link diffQuotes}), stale ones cancelled, missing ones sent post-only; takes are
 * sent as market orders. Every message then also incurs the agent's own order latency. Decisions
 * whose response is still pending queue up and are applied in order.
 */
export class ArenaAgent implements Agent {
  /** Agent id. */
  readonly id: string;
  /** Role tag. */
  readonly role: string;
  /** Venue traded. */
  readonly venue: string;
  /** Books (markets) traded, in order. */
  readonly markets: readonly string[];
  /** Counters. */
  readonly stats: ArenaStats = { decisions: 0, quotesSent: 0, cancelsSent: 0, takesSent: 0, kept: 0, rejected: 0, dropped: 0 };
  /** Response time of one decision in ticks (before rounding up). */
  readonly responseTime: number;
  private readonly specs = new Map<string, MarketSpec>();
  private readonly own = new Map<number, OwnOrder>();
  private readonly inv = new Map<string, number>();
  private readonly cashTL = new Map<string, number>();
  private readonly queued = new Map<number, ArenaOrder[]>();
  private nextBatch = 0;
  private caps!: VenueCapabilities;
  private increment = 1;

  /**
   * @param ctx - the agent's context
   * @param config - shared arena fields
   * @param strategy - the strategy run
   */
  constructor(
    private readonly ctx: AgentContext,
    private readonly config: ArenaBaseConfig,
    readonly strategy: ArenaStrategy,
  ) {
    this.id = ctx.id;
    this.role = ctx.role;
    const books = arenaBooks(ctx, config);
    this.venue = books.venue;
    for (const m of books.markets) {
      this.specs.set(m, ctx.markets.find((s) => s.id === m)!);
      this.inv.set(m, 0);
      this.cashTL.set(m, 0);
    }
    const markets = books.markets;
    this.markets = [...markets];
    this.responseTime = config.responseTime + config.responseTimePerBook * this.markets.length;
  }

  /** Net inventory in lots of a book from the fills reported so far. */
  inventory(market: string): number {
    return this.inv.get(market) ?? 0;
  }

  /** Cash in tick-lots of a book from the fills reported so far (fees included). */
  cash(market: string): number {
    return this.cashTL.get(market) ?? 0;
  }

  /** Own orders not yet known to be dead. */
  get openOrders(): number {
    return this.own.size;
  }

  start(): void {
    this.caps = this.ctx.venues.capabilities(this.venue);
    this.increment = venueTraits(this.caps).priceIncrement;
    this.ctx.wakeIn(0, WAKE_DECIDE);
  }

  onWake(kind: number, arg: number): void {
    if (kind === WAKE_DECIDE) {
      this.decide();
      this.ctx.wakeIn(this.config.cadence, WAKE_DECIDE);
    } else if (kind === WAKE_SEND) {
      const batch = this.queued.get(arg);
      this.queued.delete(arg);
      if (batch) this.apply(batch);
    }
  }

  /** The state of one book as the strategy sees it (own resting orders removed). */
  bookState(market: string): BookState {
    const s = this.ctx.venues.state(this.venue, market, this.config.bookDepth);
    const ownBid = new Map<number, number>();
    const ownAsk = new Map<number, number>();
    let ownBidQty = 0;
    let ownAskQty = 0;
    for (const o of this.own.values()) {
      if (o.market !== market) continue;
      if (o.side === 'buy') ownBidQty += o.remaining;
      else ownAskQty += o.remaining;
      if (!o.resting) continue;
      const m = o.side === 'buy' ? ownBid : ownAsk;
      m.set(o.price, (m.get(o.price) ?? 0) + o.remaining);
    }
    const strip = (levels: readonly BookLevel[], mine: Map<number, number>) => {
      const out: BookLevel[] = [];
      for (const l of levels) {
        const q = l.qty - (mine.get(l.price) ?? 0);
        if (q > 0) out.push({ price: l.price, qty: q });
      }
      return out;
    };
    const bids = strip(s.bids, ownBid);
    const asks = strip(s.asks, ownAsk);
    const bestBid = bids[0]?.price ?? NaN;
    const bestAsk = asks[0]?.price ?? NaN;
    return {
      venue: this.venue,
      market,
      spec: this.specs.get(market)!,
      t: s.t,
      increment: this.increment,
      bestBid,
      bestAsk,
      bidQty: bids[0]?.qty ?? 0,
      askQty: asks[0]?.qty ?? 0,
      mid: (bestBid + bestAsk) / 2,
      last: s.last,
      bids,
      asks,
      inventory: this.inventory(market),
      cash: this.cash(market),
      ownBidQty,
      ownAskQty,
    };
  }

  private decide(): void {
    const t = this.ctx.now();
    const states = this.markets.map((m) => this.bookState(m));
    const orders = this.strategy.onBooks(states, { t, duration: this.ctx.duration, decision: this.stats.decisions });
    this.stats.decisions++;
    if (this.responseTime <= 0) {
      this.apply(orders);
      return;
    }
    const id = this.nextBatch++;
    this.queued.set(id, orders);
    this.ctx.wakeIn(this.responseTime, WAKE_SEND, id);
  }

  private apply(orders: readonly ArenaOrder[]): void {
    const wanted: WantedQuote[] = [];
    const inc = this.increment;
    for (const o of orders) {
      if (!this.specs.has(o.market) || !(Number.isInteger(o.qty) && o.qty > 0)) {
        this.stats.dropped++;
        continue;
      }
      if (o.kind === 'take') {
        if (!this.caps.marketOrders) {
          this.stats.dropped++;
          continue;
        }
        this.ctx.submitMarket(this.venue, { market: o.market, side: o.side, qty: o.qty });
        this.stats.takesSent++;
        continue;
      }
      const p = o.side === 'buy' ? Math.floor(o.price / inc + 1e-9) * inc : Math.ceil(o.price / inc - 1e-9) * inc;
      if (!(Number.isFinite(p) && p > 0)) {
        this.stats.dropped++;
        continue;
      }
      wanted.push({ market: o.market, side: o.side, price: p, qty: o.qty });
    }
    const live: LiveQuote[] = [];
    for (const o of this.own.values()) if (!o.cancelSent) live.push(o);
    const d = diffQuotes(live, wanted);
    this.stats.kept += d.keep.length;
    for (const id of d.cancel) {
      const o = this.own.get(id)!;
      o.cancelSent = true;
      this.stats.cancelsSent++;
      this.ctx.cancel(this.venue, id);
    }
    for (const w of d.place) this.send(w.market, w.side, w.price, w.qty);
  }

  private send(market: string, side: Side, price: number, qty: number): void {
    const id = this.ctx.submitLimit(this.venue, { market, side, price, qty, postOnly: true });
    this.own.set(id, { id, market, side, price, remaining: qty, cancelSent: false, resting: false });
    this.stats.quotesSent++;
  }

  onFill(fill: Fill, leg: FillLeg): void {
    if (fill.venue !== this.venue || !this.specs.has(fill.market)) return;
    const signed = leg.side === 'buy' ? fill.qty : -fill.qty;
    this.inv.set(fill.market, this.inventory(fill.market) + signed);
    this.cashTL.set(fill.market, this.cash(fill.market) - signed * fill.price - leg.fee);
    const o = this.own.get(leg.orderId);
    if (o) {
      o.remaining -= fill.qty;
      if (o.remaining <= 0) this.own.delete(o.id);
    }
  }

  onOrderResult(r: OrderResult, venueId: string): void {
    if (venueId !== this.venue) return;
    const o = this.own.get(r.orderId);
    if (!o) return;
    switch (r.status) {
      case 'rejected':
        // A rejected cancel of an unknown order means the order is already dead (filled);
        // any other rejection concerns the order itself.
        if (r.reason !== RejectReason.UnknownOrder && r.reason !== RejectReason.ForeignOrder) this.stats.rejected++;
        this.own.delete(o.id);
        return;
      case 'cancelled':
      case 'expired':
      case 'filled':
        this.own.delete(o.id);
        return;
      default:
        o.resting = true;
        if (r.remainingQty < o.remaining) o.remaining = r.remainingQty;
        if (o.remaining <= 0) this.own.delete(o.id);
    }
  }
}
