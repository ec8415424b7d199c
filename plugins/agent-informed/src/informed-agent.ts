/**
 * The informed trader.
 * @module
 */
import { sideSign, type Agent, type AgentContext, type Fill, type FillLeg, type OrderId, type OrderResult, type RandomStream, type Side } from '@venuelab/kernel';
import { informedOrderType, informedSide, informedSignal, limitAtValuation } from './rule.js';
import type { InformedConfig } from './schema.js';

const WAKE_DECIDE = 0;
const WAKE_EXPIRE = 1;

/** One decision of the informed trader, for tests and diagnostics. */
export interface InformedDecision {
  /** Tick. */
  t: number;
  /** Market. */
  market: string;
  /** The signal. */
  signal: number;
  /** Side chosen (null: inside the threshold). */
  side: Side | null;
}

interface Open {
  venue: string;
  market: string;
  sign: 1 | -1;
  remaining: number;
}

/**
 * The informed trader (role `informed`), the post-mortem's predictive informed flow. At Poisson
 * decision times (`arrivalRatePerUnit` per tick) it reads, for each market, the latent signal
 * `s = x(t + h) - x(t) + N(0, signalNoise^2)` through the truth process (that is the model: its
 * information is a noisy view of the next h ticks), buys when `s > threshold` and sells when
 * `s < -threshold`, on every venue it may use that trades the market.
 *
 * The order type comes from the venue's capabilities ({@link informedOrderType}): a market order on
 * continuous venues; on batch venues a limit order at its valuation, the venue mid (or the current
 * latent value, `valuation: truth`) moved by the signal. Open orders are cancelled after
 * `orderLifetime` ticks; the net position per market (filled plus open) stays within `maxPosition`.
 *
 * Draws: one normal per market per decision time (`signal` stream) and the decision times
 * (`arrivals` stream), whatever the state of the venues.
 */
export class InformedTrader implements Agent {
  /** Agent id. */
  readonly id: string;
  /** Role tag. */
  readonly role: string;
  /** Decisions taken, in order (for tests and diagnostics). */
  readonly decisions: InformedDecision[] = [];
  private readonly arrivals: RandomStream;
  private readonly noise: RandomStream;
  private readonly markets: string[];
  private venuesByMarket = new Map<string, string[]>();
  private readonly positions = new Map<string, number>();
  private readonly open = new Map<OrderId, Open>();
  private clock = 0;

  /**
   * @param ctx - the agent context
   * @param config - validated config
   */
  constructor(
    private readonly ctx: AgentContext,
    private readonly config: InformedConfig,
  ) {
    this.id = ctx.id;
    this.role = ctx.role;
    this.arrivals = ctx.rng('arrivals');
    this.noise = ctx.rng('signal');
    const known = ctx.markets.map((m) => m.id);
    for (const m of config.markets ?? []) if (!known.includes(m)) throw new Error(`${ctx.id}: unknown market "${m}"`);
    this.markets = config.markets ?? known;
  }

  start(): void {
    const ctx = this.ctx;
    for (const m of this.markets) this.venuesByMarket.set(m, ctx.venueIds.filter((v) => ctx.venues.markets(v).includes(m)));
    this.scheduleNext();
  }

  private scheduleNext(): void {
    this.clock += this.arrivals.exponential(1 / this.config.arrivalRatePerUnit);
    const t = Math.max(Math.ceil(this.clock), this.ctx.now());
    if (t < this.ctx.duration) this.ctx.wakeAt(t, WAKE_DECIDE);
  }

  /** Net filled position of a market (lots). */
  position(market: string): number {
    return this.positions.get(market) ?? 0;
  }

  private openQty(market: string, sign: 1 | -1): number {
    let n = 0;
    for (const o of this.open.values()) if (o.market === market && o.sign === sign) n += o.remaining;
    return n;
  }

  onWake(kind: number, arg: number, t: number): void {
    if (kind === WAKE_EXPIRE) {
      const o = this.open.get(arg);
      if (o) this.ctx.cancel(o.venue, arg);
      return;
    }
    const truth = this.ctx.truth;
    const c = this.config;
    for (const m of this.markets) {
      const now = truth.latentAt(m, t);
      const s = informedSignal(now, truth.latentAt(m, t + c.horizon), this.noise.normal(0, c.signalNoise));
      const side = informedSide(s, c.threshold);
      this.decisions.push({ t, market: m, signal: s, side });
      if (side) for (const v of this.venuesByMarket.get(m) ?? []) this.trade(v, m, side, s, now);
    }
    this.scheduleNext();
  }

  private trade(venue: string, market: string, side: Side, signal: number, latentNow: number): void {
    const ctx = this.ctx;
    const c = this.config;
    const sign = sideSign(side);
    const exposure = this.position(market) + sign * this.openQty(market, sign);
    if (sign * (exposure + sign * c.qty) > c.maxPosition) return;
    const type = informedOrderType(ctx.venues.capabilities(venue));
    if (type === null) return;
    let id: OrderId;
    if (type === 'market') id = ctx.submitMarket(venue, { market, side, qty: c.qty });
    else {
      let anchor = latentNow;
      if (c.valuation === 'mid') {
        const st = ctx.venues.state(venue, market);
        const ref = Number.isFinite(st.mid) ? st.mid : st.last;
        if (!(ref > 0)) return;
        anchor = ctx.truth.toLatent(market, ref);
      }
      const price = limitAtValuation(side, ctx.truth.toTicks(market, anchor + signal));
      id = ctx.submitLimit(venue, { market, side, price, qty: c.qty });
    }
    this.open.set(id, { venue, market, sign, remaining: c.qty });
    ctx.wakeIn(c.orderLifetime, WAKE_EXPIRE, id);
  }

  onFill(fill: Fill, leg: FillLeg, _t: number): void {
    this.positions.set(fill.market, this.position(fill.market) + sideSign(leg.side) * fill.qty);
    const o = this.open.get(leg.orderId);
    if (o) {
      o.remaining -= fill.qty;
      if (o.remaining <= 0) this.open.delete(leg.orderId);
    }
  }

  onOrderResult(r: OrderResult, _venue: string, _t: number): void {
    if (!this.open.has(r.orderId)) return;
    if (r.status === 'rejected' || r.status === 'cancelled' || r.status === 'expired' || r.remainingQty === 0) this.open.delete(r.orderId);
  }
}
