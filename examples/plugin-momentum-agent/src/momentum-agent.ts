/**
 * A moving-average crossover momentum trader (trend follower). Every `interval` ticks it samples
 * the venue's mid (else the last trade); once the slow average is full it compares the fast and the
 * slow moving averages: fast above slow by more than `threshold` price ticks means an up-trend and
 * it buys `qty` lots, fast below slow by more than `threshold` means a down-trend and it sells, each
 * time only while its inventory stays within `maxPosition`. It knows nothing about fair value: it
 * extrapolates recent price moves, the classic positive-feedback trader of De Long, Shleifer,
 * Summers and Waldmann (1990).
 *
 * Order type is chosen from the venue's capabilities, never from its name: a market order where the
 * venue takes them and does not prefer limit orders (continuous books); otherwise a marketable limit
 * `limitSlippage` ticks through the touch (or through the mid when that side is empty), cancelled
 * after `orderLifetime` ticks if still live (batch auctions, where a market order carries no price).
 * @module
 */
import { openingMidTicks, venueTraits, type Agent, type AgentContext, type Fill, type FillLeg, type OrderId, type OrderResult, type Side } from '@venuelab/kernel';
import { MovingAverage } from './moving-average.js';
import type { MomentumConfig } from './schema.js';

const WAKE_SAMPLE = 0;
const WAKE_EXPIRE = 1;

/** The momentum trader. */
export class MomentumAgent implements Agent {
  /** Agent id. */
  readonly id: string;
  /** Role tag (default `momentum`). */
  readonly role: string;
  private readonly venue: string;
  private readonly market: string;
  private readonly fast: MovingAverage;
  private readonly slow: MovingAverage;
  /** Net inventory in lots from the agent's own fills. */
  private position = 0;
  /** Lots of orders sent and not yet known to be finished, signed (+ buys). Keeps the cap honest while orders are in flight. */
  private inFlight = 0;
  private readonly open = new Map<OrderId, { sign: number; left: number }>();

  /**
   * @param ctx - the agent's context
   * @param config - validated config
   */
  constructor(
    private readonly ctx: AgentContext,
    private readonly config: MomentumConfig,
  ) {
    this.id = ctx.id;
    this.role = ctx.role;
    this.venue = config.venue ?? ctx.venueIds[0]!;
    this.market = config.market ?? ctx.markets[0]!.id;
    this.fast = new MovingAverage(config.fastWindow);
    this.slow = new MovingAverage(config.slowWindow);
  }

  /** Inventory in lots (positive = long). */
  get inventory(): number {
    return this.position;
  }

  start(): void {
    this.ctx.wakeIn(this.nextInterval(), WAKE_SAMPLE);
  }

  private nextInterval(): number {
    return Math.max(1, this.config.interval ?? this.ctx.latency.reviewInterval());
  }

  onWake(kind: number, arg: number): void {
    if (kind === WAKE_EXPIRE) {
      if (this.open.has(arg)) this.ctx.cancel(this.venue, arg);
      return;
    }
    this.sample();
    this.ctx.wakeIn(this.nextInterval(), WAKE_SAMPLE);
  }

  private reference(): number {
    const s = this.ctx.venues.state(this.venue, this.market);
    if (s.mid === s.mid) return s.mid;
    if (s.last === s.last) return s.last;
    return NaN;
  }

  private sample(): void {
    const ref = this.reference();
    if (ref !== ref) return;
    this.fast.push(ref);
    this.slow.push(ref);
    if (!this.slow.full) return;
    const gap = this.fast.value - this.slow.value;
    const c = this.config;
    if (gap > c.threshold && this.position + this.inFlight + c.qty <= c.maxPosition) this.send('buy');
    else if (gap < -c.threshold && this.position + this.inFlight - c.qty >= -c.maxPosition) this.send('sell');
  }

  private send(side: Side): void {
    const ctx = this.ctx;
    const c = this.config;
    const traits = venueTraits(ctx.venues.capabilities(this.venue));
    const sign = side === 'buy' ? 1 : -1;
    let id: OrderId;
    if (traits.marketOrders && !traits.prefersLimitForInformed) {
      id = ctx.submitMarket(this.venue, { market: this.market, side, qty: c.qty });
    } else if (traits.limitOrders) {
      const s = ctx.venues.state(this.venue, this.market);
      const touch = side === 'buy' ? s.bestAsk : s.bestBid;
      const spec = ctx.markets.find((m) => m.id === this.market);
      const base = touch === touch ? touch : s.mid === s.mid ? s.mid : spec ? openingMidTicks(spec) : NaN;
      if (base !== base) return;
      const inc = traits.priceIncrement;
      const raw = base + sign * c.limitSlippage * inc;
      const price = Math.max(inc, side === 'buy' ? Math.ceil(raw / inc) * inc : Math.floor(raw / inc) * inc);
      id = ctx.submitLimit(this.venue, { market: this.market, side, price, qty: c.qty });
      ctx.wakeIn(c.orderLifetime, WAKE_EXPIRE, id);
    } else return;
    this.open.set(id, { sign, left: c.qty });
    this.inFlight += sign * c.qty;
  }

  onFill(fill: Fill, leg: FillLeg): void {
    const sign = leg.side === 'buy' ? 1 : -1;
    this.position += sign * fill.qty;
    const o = this.open.get(leg.orderId);
    if (o === undefined) return;
    const q = Math.min(o.left, fill.qty);
    o.left -= q;
    this.inFlight -= o.sign * q;
    if (o.left === 0) this.open.delete(leg.orderId);
  }

  /**
   * Once a venue says nothing of an order is live any more (rejected, cancelled, expired, or
   * finished with `remainingQty` 0), the order stops counting against the position cap. Fills of it
   * still on their way then count through {@link MomentumAgent.onFill}; the cap may be exceeded by
   * at most one order for the length of an observation delay.
   */
  onOrderResult(r: OrderResult): void {
    if (r.status === 'resting' || r.status === 'pending' || r.remainingQty > 0) return;
    const o = this.open.get(r.orderId);
    if (o === undefined) return;
    this.inFlight -= o.sign * o.left;
    this.open.delete(r.orderId);
  }
}
