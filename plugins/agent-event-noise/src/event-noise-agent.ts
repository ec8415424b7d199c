/**
 * The event-driven noise trader.
 * @module
 */
import type { Agent, AgentContext, RandomStream, Side } from '@venuelab/kernel';
import type { EventNoiseConfig } from './schema.js';

/** One trade event: what the noise trader decided, before looking at any venue. */
export interface NoiseEvent {
  /** Tick of the event. */
  t: number;
  /** Venue (one of the agent's venues that trades the market). */
  venue: string;
  /** Market. */
  market: string;
  /** Side. */
  side: Side;
  /** Lots. */
  qty: number;
}

/**
 * Draws one event's venue, market, side and size from the `orders` stream: always exactly four
 * uniform draws, in this order (market, venue, side, size), so the stream advances the same way
 * whatever the state of the world.
 * @param rng - the stream
 * @param t - tick of the event
 * @param pairs - venues trading each market (markets in config order, each with at least one venue)
 * @param config - validated config
 */
export function drawNoiseEvent(rng: RandomStream, t: number, pairs: readonly { market: string; venues: readonly string[] }[], config: EventNoiseConfig): NoiseEvent {
  const p = pairs[rng.int(pairs.length)]!;
  const venue = p.venues[rng.int(p.venues.length)]!;
  const side: Side = rng.next() < config.buyProbability ? 'buy' : 'sell';
  const qty = config.minQty + rng.int(config.maxQty - config.minQty + 1);
  return { t, venue, market: p.market, side, qty };
}

/**
 * An event-driven noise trader. Trade events arrive as a Poisson process of rate
 * `arrivalRatePerUnit` per tick (exponential gaps from the `arrivals` stream; an event lands on
 * the tick its arrival time rounds up to, several in one tick when they fall together). Each event picks a market, a venue that trades it, a
 * side and a size at random ({@link drawNoiseEvent}) and takes liquidity at once: a market order,
 * or on a venue without market orders a limit order at the touch plus `limitSlippage` ticks (no
 * order when that side of the book shows nothing). It knows nothing about fair value, so the sign
 * of its trades carries no information about future moves.
 *
 * Its arrival times and draws depend on nothing but its own streams: adding other agents never
 * changes them.
 */
export class EventNoiseTrader implements Agent {
  /** Agent id. */
  readonly id: string;
  /** Role tag. */
  readonly role: string;
  /** Every event drawn, in order (for tests and diagnostics). */
  readonly events: NoiseEvent[] = [];
  private readonly arrivals: RandomStream;
  private readonly draws: RandomStream;
  private pairs: { market: string; venues: string[] }[] = [];
  private clock = 0;

  /**
   * @param ctx - the agent context
   * @param config - validated config
   */
  constructor(
    private readonly ctx: AgentContext,
    private readonly config: EventNoiseConfig,
  ) {
    this.id = ctx.id;
    this.role = ctx.role;
    this.arrivals = ctx.rng('arrivals');
    this.draws = ctx.rng('orders');
  }

  start(): void {
    const ctx = this.ctx;
    const ids = this.config.markets ?? ctx.markets.map((m) => m.id);
    for (const m of ids) {
      if (!ctx.markets.some((x) => x.id === m)) throw new Error(`${this.id}: unknown market "${m}"`);
      const venues = ctx.venueIds.filter((v) => ctx.venues.markets(v).includes(m));
      if (venues.length > 0) this.pairs.push({ market: m, venues });
    }
    if (this.pairs.length > 0) this.scheduleNext();
  }

  /** Draws the next arrival time (continuous) and schedules a wake on the tick it rounds up to. */
  private scheduleNext(): void {
    this.clock += this.arrivals.exponential(1 / this.config.arrivalRatePerUnit);
    const t = Math.ceil(this.clock);
    if (t < this.ctx.duration) this.ctx.wakeAt(Math.max(t, this.ctx.now()));
  }

  onWake(_kind: number, _arg: number, t: number): void {
    // Every arrival that rounds up to this tick is an event of this tick.
    do {
      const e = drawNoiseEvent(this.draws, t, this.pairs, this.config);
      this.events.push(e);
      this.act(e);
      this.clock += this.arrivals.exponential(1 / this.config.arrivalRatePerUnit);
    } while (Math.ceil(this.clock) <= t);
    const next = Math.ceil(this.clock);
    if (next < this.ctx.duration) this.ctx.wakeAt(next);
  }

  private act(e: NoiseEvent): void {
    const ctx = this.ctx;
    const caps = ctx.venues.capabilities(e.venue);
    if (caps.marketOrders) {
      ctx.submitMarket(e.venue, { market: e.market, side: e.side, qty: e.qty });
      return;
    }
    if (!caps.limitOrders) return;
    const s = ctx.venues.state(e.venue, e.market);
    const touch = e.side === 'buy' ? s.bestAsk : s.bestBid;
    if (!Number.isFinite(touch)) return;
    const price = e.side === 'buy' ? Math.ceil(touch) + this.config.limitSlippage : Math.max(1, Math.floor(touch) - this.config.limitSlippage);
    ctx.submitLimit(e.venue, { market: e.market, side: e.side, price, qty: e.qty });
  }
}
