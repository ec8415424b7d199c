/**
 * A limit order book behind a speed bump, as on IEX: every incoming limit or market order waits a
 * fixed `delay` before it reaches the book; cancels are not delayed. Because a liquidity provider's
 * cancel overtakes an order that was sent earlier but is still in the bump, a provider who sees the
 * market move within `delay` ticks can pull a stale quote before a faster trader's order arrives.
 *
 * Built only on public API: the venue contract of `@venuelab/kernel` and the exported `ClobVenue`
 * of `@venuelab/plugin-venue-clob`, which serves as the inner book.
 *
 * Results, per message:
 * - a well-formed limit or market order: `pending` (filled 0, the whole quantity live) while it waits;
 *   with `delay: 0` the inner book's result (`filled`, `partial`, `resting`, `expired`, ...).
 * - a cancel: `cancelled` whether the order still waits in the bump or rests in the book.
 * - a bad message: `rejected` with a `RejectReason` code at once (validated on arrival, not on
 *   release); nothing changes.
 *
 * When a released order's outcome is not an acceptance (a post-only order that would now cross, a
 * market order that finds no liquidity and expires, a self-trade cancel), the venue announces it on
 * the run's bus (`order.rejected` / `order.cancelled`), since the sender's result was `pending`.
 *
 * @module
 */
import {
  RejectReason,
  type CancelRequest,
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
import { ClobVenue } from '@venuelab/plugin-venue-clob';
import { DelayQueue, type DelayedOrder } from './delay-queue.js';
import type { SpeedBumpConfig } from './schema.js';

const reject = (orderId: number, reason: RejectReasonCode): OrderResult => ({ orderId, status: 'rejected', filledQty: 0, remainingQty: 0, reason });

/** A CLOB behind a fixed order delay (cancels exempt). */
export class SpeedBumpVenue implements Venue {
  /** Component id of the venue. */
  readonly id: string;
  /** Markets traded. */
  readonly markets: readonly string[];
  /** Continuous matching (after the bump); limit and market orders; post-only checked on release. */
  readonly capabilities: VenueCapabilities;
  /** Ticks every order waits. */
  readonly delay: number;
  /** The book orders reach after the bump. */
  private readonly inner: ClobVenue;
  private readonly queue = new DelayQueue();
  /** Every order id ever accepted (duplicates are refused on arrival, before the book sees them). */
  private readonly seen = new Set<number>();
  private readonly marketSet: ReadonlySet<string>;
  private readonly tickSize: number;
  private readonly lotSize: number;

  /**
   * @param ctx - venue context from the kernel (shared with the inner book, so its fills go to the same sink)
   * @param config - validated config
   */
  constructor(
    private readonly ctx: VenueContext,
    config: SpeedBumpConfig,
  ) {
    const { delay, ...clobConfig } = config;
    this.inner = new ClobVenue(ctx, clobConfig);
    this.id = ctx.id;
    this.delay = delay;
    this.markets = this.inner.markets;
    this.marketSet = new Set(this.markets);
    this.tickSize = config.tickSize;
    this.lotSize = config.lotSize;
    this.capabilities = { ...this.inner.capabilities };
  }

  private badQty(qty: number): boolean {
    return !(Number.isSafeInteger(qty) && qty > 0 && qty % this.lotSize === 0);
  }

  /** Checks what the inner book would check on arrival; returns a reject reason or undefined. */
  private check(o: LimitOrderRequest | MarketOrderRequest, limit: boolean): RejectReasonCode | undefined {
    if (!this.marketSet.has(o.market)) return RejectReason.UnknownMarket;
    if (this.seen.has(o.orderId)) return RejectReason.DuplicateId;
    if (this.badQty(o.qty)) return RejectReason.BadQuantity;
    if (limit) {
      const price = (o as LimitOrderRequest).price;
      if (!(price > 0) || price === Infinity) return RejectReason.BadPrice;
      if (!Number.isInteger(price) || price % this.tickSize !== 0) return RejectReason.OffTick;
    }
    if (o.side !== 'buy' && o.side !== 'sell') return RejectReason.Unsupported;
    return undefined;
  }

  submitLimitOrder(order: LimitOrderRequest): OrderResult {
    return this.accept(order, 'limit');
  }

  submitMarketOrder(order: MarketOrderRequest): OrderResult {
    return this.accept(order, 'market');
  }

  private accept(order: LimitOrderRequest | MarketOrderRequest, type: 'limit' | 'market'): OrderResult {
    const bad = this.check(order, type === 'limit');
    if (bad !== undefined) return reject(order.orderId, bad);
    this.seen.add(order.orderId);
    if (this.delay === 0) return this.release(type, order);
    this.queue.push({ type, order, releaseAt: this.ctx.now() + this.delay, cancelled: false });
    return { orderId: order.orderId, status: 'pending', filledQty: 0, remainingQty: order.qty };
  }

  /** Hands an order to the inner book. */
  private release(type: 'limit' | 'market', order: LimitOrderRequest | MarketOrderRequest): OrderResult {
    return type === 'limit' ? this.inner.submitLimitOrder(order as LimitOrderRequest) : this.inner.submitMarketOrder(order as MarketOrderRequest);
  }

  cancelOrder(c: CancelRequest): OrderResult {
    const waiting = this.queue.get(c.orderId);
    if (waiting !== undefined) {
      if (waiting.order.agentId !== c.agentId) return reject(c.orderId, RejectReason.ForeignOrder);
      this.queue.cancel(c.orderId);
      return { orderId: c.orderId, status: 'cancelled', filledQty: 0, remainingQty: 0 };
    }
    return this.inner.cancelOrder(c);
  }

  getState(market: string, depth = 1): VenueState {
    return this.inner.getState(market, depth);
  }

  /** The inner book's impact estimate; orders still in the bump are not visible and not counted. */
  estimateImpact(market: string, side: Side, qty: number): number {
    return this.inner.estimateImpact(market, side, qty);
  }

  /** Releases every order due by `now` to the book, in arrival order. */
  tick(now: number): void {
    let item: DelayedOrder | undefined;
    while ((item = this.queue.popDue(now)) !== undefined) {
      const result = this.release(item.type, item.order);
      if (result.status === 'rejected' || result.status === 'cancelled' || result.status === 'expired') this.announce(item.order.agentId, now, result);
    }
    this.inner.tick(now);
  }

  private announce(agentId: string, t: number, result: OrderResult): void {
    const bus = this.ctx.bus;
    const event = result.status === 'rejected' ? 'order.rejected' : 'order.cancelled';
    if (bus.has(event)) bus.emit(event, { venue: this.id, agentId, t, result });
  }

  /** Orders waiting in the bump plus orders resting in the book. */
  restingOrderCount(): number {
    return this.queue.size + this.inner.restingOrderCount();
  }

  /** Orders still waiting in the bump (for tests and diagnostics). */
  pendingCount(): number {
    return this.queue.size;
  }
}
