/**
 * The belief-trading core shared by the belief agents: absorb signal readings into a belief,
 * compare the belief with each venue's prices, and trade past a threshold.
 * @module
 */
import {
  openingMidTicks,
  type Agent,
  type AgentContext,
  type Fill,
  type FillLeg,
  type MarketSpec,
  type OrderId,
  type OrderResult,
  type Side,
  type Signal,
} from '@venuelab/kernel';
import { beliefDecision, chooseOrderType, referencePrices, valuationLimit, type LatentScale } from './decision.js';
import { Exposure } from './exposure.js';
import type { TradingConfig } from './schema.js';

/** Wake kinds of a belief trader. */
export const BeliefWake = {
  /** Periodic review of every market. */
  Review: 0,
  /** Lifetime of an order ended (`arg` = order id). */
  Expire: 1,
} as const;

/** Counters of a belief trader, for tests and diagnostics. */
export interface BeliefTraderStats {
  /** Readings absorbed. */
  readings: number;
  /** Decisions taken (one per market and decision time). */
  decisions: number;
  /** Orders sent. */
  orders: number;
}

/** One decision as it was taken, for tests and diagnostics (kept only when `trace` is on). */
export interface DecisionTrace {
  /** Tick. */
  t: number;
  /** Market. */
  market: string;
  /** Venue. */
  venue: string;
  /** Belief (latent). */
  fair: number;
  /** Side traded, or null. */
  side: Side | null;
}

/**
 * Base class of the belief agents. Subclasses own the belief: they build it in
 * {@link BeliefTrader.initBelief}, absorb readings in {@link BeliefTrader.absorb} and report the
 * posterior mean of a market's latent value in {@link BeliefTrader.fairLatent}.
 *
 * Decisions: for each market a reading informs ({@link BeliefTrader.informs}), right after the
 * reading is absorbed (`decideOnSignal`), and for every market at each review (`review`, every
 * `reviewInterval` ticks of the agent's latency). A decision looks at every venue the agent may use
 * that trades the market and applies {@link beliefDecision}; the order type comes from the venue's
 * capabilities ({@link chooseOrderType}): a limit order at the belief on venues that prefer it,
 * a market order elsewhere. Open orders are cancelled after `orderLifetime` ticks. Positions are
 * capped at `maxPosition` lots per market, counting open orders.
 */
export abstract class BeliefTrader implements Agent {
  /** Agent id. */
  readonly id: string;
  /** Role tag. */
  readonly role: string;
  /** Counters. */
  readonly stats: BeliefTraderStats = { readings: 0, decisions: 0, orders: 0 };
  /** Decision trace (filled only when {@link BeliefTrader.trace} is true). */
  readonly decisions: DecisionTrace[] = [];
  /** Keep a trace of decisions. */
  trace = false;
  /** Positions and open orders. */
  protected readonly exposure = new Exposure();
  /** Traded markets. */
  protected readonly traded: readonly MarketSpec[];
  private readonly tradedIds: Set<string>;
  private readonly tiers: Set<string>;
  private readonly scales = new Map<string, LatentScale>();
  private venuesByMarket = new Map<string, string[]>();

  /**
   * @param ctx - the agent context
   * @param trading - the trading part of the config
   */
  constructor(
    protected readonly ctx: AgentContext,
    protected readonly trading: TradingConfig,
  ) {
    this.id = ctx.id;
    this.role = ctx.role;
    const wanted = trading.markets;
    const known = new Set(ctx.markets.map((m) => m.id));
    for (const m of wanted ?? []) {
      if (!known.has(m)) throw new Error(`${ctx.id}: unknown market "${m}" (markets: ${[...known].join(', ')})`);
    }
    this.traded = wanted ? ctx.markets.filter((m) => wanted.includes(m.id)) : ctx.markets;
    this.tradedIds = new Set(this.traded.map((m) => m.id));
    this.tiers = new Set(trading.tiers);
  }

  /** Builds the prior belief (called from `start`, when services can be resolved). */
  protected abstract initBelief(): void;
  /** Absorbs one reading of an absorbed tier. */
  protected abstract absorb(signal: Signal): void;
  /** Posterior mean of a market's latent value. */
  abstract fairLatent(market: string): number;

  /** Markets whose belief a reading changes (default: the reading's own market). */
  protected informs(signal: Signal): readonly string[] {
    return [signal.market];
  }

  /** Prior mean of a market: its opening mid in the truth process's latent space. */
  protected openingLatent(market: MarketSpec): number {
    return this.ctx.truth.toLatent(market.id, openingMidTicks(market));
  }

  /** Price-tick / latent conversions of a market (from the truth process). */
  protected scale(market: string): LatentScale {
    let s = this.scales.get(market);
    if (!s) {
      const truth = this.ctx.truth;
      s = { toLatent: (x) => truth.toLatent(market, x), toTicks: (x) => truth.toTicks(market, x) };
      this.scales.set(market, s);
    }
    return s;
  }

  /** Net filled position of a market (lots). */
  position(market: string): number {
    return this.exposure.position(market);
  }

  start(): void {
    const ctx = this.ctx;
    for (const m of this.traded) {
      this.venuesByMarket.set(
        m.id,
        ctx.venueIds.filter((v) => ctx.venues.markets(v).includes(m.id)),
      );
    }
    this.initBelief();
    if (this.trading.review) ctx.wakeIn(ctx.latency.reviewInterval(), BeliefWake.Review);
  }

  onSignal(signal: Signal, _t: number): void {
    if (!this.tiers.has(signal.tier)) return;
    this.absorb(signal);
    this.stats.readings++;
    if (!this.trading.decideOnSignal) return;
    for (const m of this.informs(signal)) if (this.tradedIds.has(m)) this.decide(m);
  }

  onWake(kind: number, arg: number, _t: number): void {
    if (kind === BeliefWake.Expire) {
      const venue = this.exposure.venueOf(arg as OrderId);
      if (venue !== undefined) this.ctx.cancel(venue, arg as OrderId);
      return;
    }
    for (const m of this.traded) this.decide(m.id);
    this.ctx.wakeIn(this.ctx.latency.reviewInterval(), BeliefWake.Review);
  }

  onFill(fill: Fill, leg: FillLeg, _t: number): void {
    this.exposure.filled(leg.orderId, fill.market, leg.side, fill.qty);
  }

  onOrderResult(result: OrderResult, _venue: string, _t: number): void {
    this.exposure.result(result);
  }

  /** Decides for one market on every venue that trades it. */
  protected decide(market: string): void {
    const ctx = this.ctx;
    const c = this.trading;
    const fair = this.fairLatent(market);
    const scale = this.scale(market);
    this.stats.decisions++;
    for (const v of this.venuesByMarket.get(market) ?? []) {
      const ref = referencePrices(ctx.venues.state(v, market));
      const d = beliefDecision(fair, ref, c.threshold, c.thresholdUnit, scale);
      const side = d && this.exposure.canAdd(market, d.side, c.qty, c.maxPosition) ? d.side : null;
      if (this.trace) this.decisions.push({ t: ctx.now(), market, venue: v, fair, side });
      if (side) this.send(v, market, side, scale.toTicks(fair));
    }
  }

  private send(venue: string, market: string, side: Side, valuationTicks: number): void {
    const ctx = this.ctx;
    const c = this.trading;
    const type = chooseOrderType(ctx.venues.capabilities(venue));
    if (type === null) return;
    let id: OrderId;
    if (type === 'limit') id = ctx.submitLimit(venue, { market, side, price: valuationLimit(side, valuationTicks), qty: c.qty });
    else id = ctx.submitMarket(venue, { market, side, qty: c.qty });
    this.exposure.sent(id, venue, market, side, c.qty);
    this.stats.orders++;
    ctx.wakeIn(c.orderLifetime, BeliefWake.Expire, id);
  }
}
