/**
 * The zero-intelligence trader agent.
 * @module
 */
import { openingMidTicks, venueTraits, type Agent, type AgentContext, type OrderId, type RandomStream, type VenueCapabilities } from '@venuelab/kernel';
import { askOnGrid, bidOnGrid, priceGrid, resolveTarget, type PriceGrid, type TradingTarget } from '@venuelab/estimators';
import { ziLimitPrice } from './price-rule.js';
import type { ZiConfig } from './schema.js';

const WAKE_ARRIVAL = 0;
const WAKE_EXPIRE = 1;

/**
 * A Gode-Sunder zero-intelligence trader: Poisson arrivals; each draws a side, a size, a private
 * value around the reference and a random limit price ({@link ziLimitPrice}); the bid is rounded
 * down and the ask up onto the grid, so rounding never breaks the ZI-C budget constraint. The
 * order is a limit order wherever the venue accepts them (resting, or immediate-or-cancel on a
 * pool); on a venue without limit orders it sends a market order only when the venue's estimated
 * execution price (mid plus `estimateImpact`) respects the limit.
 */
export class ZeroIntelligenceTrader implements Agent {
  /** Agent id. */
  readonly id: string;
  /** Role tag. */
  readonly role: string;
  /** Orders sent. */
  ordersSent = 0;
  private readonly target: TradingTarget;
  private readonly grid: PriceGrid;
  private readonly draws: RandomStream;
  private readonly arrivals: RandomStream;
  private caps!: VenueCapabilities;

  /**
   * @param ctx - the agent's context
   * @param config - validated config
   */
  constructor(
    private readonly ctx: AgentContext,
    private readonly config: ZiConfig,
  ) {
    this.id = ctx.id;
    this.role = ctx.role;
    this.target = resolveTarget(ctx, config.venue, config.market);
    this.grid = priceGrid(this.target.spec, config.priceIncrement ?? venueTraits(ctx.venues.capabilities(this.target.venue)).priceIncrement);
    this.draws = ctx.rng('orders');
    this.arrivals = ctx.rng('arrivals');
  }

  start(): void {
    this.caps = this.ctx.venues.capabilities(this.target.venue);
    this.scheduleNext();
  }

  private scheduleNext(): void {
    const gap = Math.max(1, Math.ceil(this.arrivals.exponential(1 / this.config.arrivalRatePerUnit)));
    this.ctx.wakeIn(gap, WAKE_ARRIVAL);
  }

  onWake(kind: number, arg: number): void {
    if (kind === WAKE_EXPIRE) {
      this.ctx.cancel(this.target.venue, arg as OrderId);
      return;
    }
    this.trade();
    this.scheduleNext();
  }

  /** The centre of private values now, in price ticks. */
  reference(): number {
    const { venue, market, spec } = this.target;
    switch (this.config.reference) {
      case 'truth':
        return this.ctx.truth.fairAt(market, this.ctx.now());
      case 'opening':
        return openingMidTicks(spec);
      default: {
        const s = this.ctx.venues.state(venue, market, 1);
        return Number.isFinite(s.mid) ? s.mid : Number.isFinite(s.last) ? s.last : openingMidTicks(spec);
      }
    }
  }

  private trade(): void {
    const c = this.config;
    const { venue, market } = this.target;
    const r = this.draws;
    const side = r.bernoulli(c.buyerShare) ? 'buy' : 'sell';
    const qty = c.minQty + r.int(c.maxQty - c.minQty + 1);
    const u1 = r.next();
    const u2 = r.next();
    const { price: raw } = ziLimitPrice({ side, reference: this.reference(), valueSpread: c.valueSpread, priceRange: c.priceRange, constrained: c.constrained, u1, u2 });
    const price = side === 'buy' ? bidOnGrid(this.grid, raw) : askOnGrid(this.grid, raw);
    if (!(price === price)) return;
    if (this.caps.limitOrders) {
      const id = this.ctx.submitLimit(venue, { market, side, price, qty });
      this.ordersSent++;
      if (c.orderLifetime > 0 && venueTraits(this.caps).restingLimitOrders) this.ctx.wakeIn(c.orderLifetime, WAKE_EXPIRE, id);
      return;
    }
    if (!this.caps.marketOrders) return;
    const s = this.ctx.venues.state(venue, market, 1);
    const expected = s.mid + this.ctx.venues.estimateImpact(venue, market, side, qty);
    if (Number.isFinite(expected) && (side === 'buy' ? expected <= price : expected >= price)) {
      this.ctx.submitMarket(venue, { market, side, qty });
      this.ordersSent++;
    }
  }
}
