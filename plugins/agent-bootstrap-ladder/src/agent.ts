/**
 * The bootstrap ladder agent.
 * @module
 */
import { openingMidTicks, venueTraits, RejectReason, type Agent, type AgentContext, type Fill, type FillLeg, type OrderId, type OrderResult } from '@venuelab/kernel';
import { priceGrid, resolveTarget, type TradingTarget } from '@venuelab/estimators';
import { ladderLevels, type LadderLevel } from './ladder.js';
import type { LadderConfig } from './schema.js';

const WAKE_POST = 0;
const WAKE_REVIEW = 1;

interface Level extends LadderLevel {
  /** Live order ids of this level and their unfilled lots. */
  orders: Map<OrderId, number>;
}

/**
 * Posts a static ladder of limit orders around the opening mid at t = 0 and, with `replenish`,
 * tops filled levels back up at each review. It never takes: a level is posted only while it is
 * not marketable against the venue's visible touch (bid below the best ask, ask above the best
 * bid), and all its bids are below all its asks, so it never crosses itself. On a venue whose limit
 * orders do not rest (no limit orders, or an AMM pool) it does nothing.
 */
export class BootstrapLadder implements Agent {
  /** Agent id. */
  readonly id: string;
  /** Role tag. */
  readonly role: string;
  /** The ladder's levels. */
  readonly levels: readonly Level[];
  /** Orders sent. */
  ordersSent = 0;
  /** Net inventory in lots from reported fills. */
  inventory = 0;
  private readonly target: TradingTarget;
  private readonly byId = new Map<OrderId, Level>();

  /**
   * @param ctx - the agent's context
   * @param config - validated config
   */
  constructor(
    private readonly ctx: AgentContext,
    private readonly config: LadderConfig,
  ) {
    this.id = ctx.id;
    this.role = ctx.role;
    this.target = resolveTarget(ctx, config.venue, config.market);
    const grid = priceGrid(this.target.spec, config.priceIncrement ?? venueTraits(ctx.venues.capabilities(this.target.venue)).priceIncrement);
    const center = config.center ?? openingMidTicks(this.target.spec);
    this.levels = ladderLevels(center, config.levels, config.spacing, config.firstOffset, grid).map((l) => ({ ...l, orders: new Map() }));
  }

  start(): void {
    const caps = this.ctx.venues.capabilities(this.target.venue);
    if (!venueTraits(caps).restingLimitOrders) return;
    this.ctx.wakeIn(0, WAKE_POST);
  }

  onWake(kind: number): void {
    this.topUp();
    if (this.config.replenish && (kind === WAKE_POST || kind === WAKE_REVIEW)) this.ctx.wakeIn(this.ctx.latency.reviewInterval(), WAKE_REVIEW);
  }

  private topUp(): void {
    const { venue, market } = this.target;
    for (const l of this.levels) {
      let live = 0;
      for (const q of l.orders.values()) live += q;
      const missing = this.config.sizePerLevel - live;
      if (missing <= 0) continue;
      const top = this.ctx.venues.state(venue, market, 1);
      if (l.side === 'buy' ? Number.isFinite(top.bestAsk) && l.price >= top.bestAsk : Number.isFinite(top.bestBid) && l.price <= top.bestBid) continue;
      const id = this.ctx.submitLimit(venue, { market, side: l.side, price: l.price, qty: missing, postOnly: true });
      this.ordersSent++;
      l.orders.set(id, missing);
      this.byId.set(id, l);
    }
  }

  private forget(id: OrderId): void {
    const l = this.byId.get(id);
    if (!l) return;
    l.orders.delete(id);
    this.byId.delete(id);
  }

  onFill(fill: Fill, leg: FillLeg): void {
    if (fill.venue !== this.target.venue || fill.market !== this.target.market) return;
    this.inventory += leg.side === 'buy' ? fill.qty : -fill.qty;
    const l = this.byId.get(leg.orderId);
    if (!l) return;
    const left = (l.orders.get(leg.orderId) ?? 0) - fill.qty;
    if (left > 0) l.orders.set(leg.orderId, left);
    else this.forget(leg.orderId);
  }

  onOrderResult(r: OrderResult, venueId: string): void {
    if (venueId !== this.target.venue) return;
    if (r.status === 'cancelled' || r.status === 'expired' || (r.status === 'rejected' && r.reason !== RejectReason.UnknownOrder)) this.forget(r.orderId);
  }
}
