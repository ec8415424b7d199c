/**
 * Columnar logs written during a run: trades (one row per fill leg), orders (one row per message),
 * and sampled paths (venue mids, truth). Appends only; no per-row objects are kept.
 * @module
 */
import type { Columns } from '../contracts/record.js';
import type { Fill, FillLeg, OrderResult } from '../contracts/orders.js';

/** The trade log: one row per fill leg, two rows per fill. */
export class TradeLog {
  private fillCount = 0;
  /** Fill id (both legs of a fill share it). */
  readonly fill_id: number[] = [];
  /** Which leg of the fill: `maker` or `taker`. */
  readonly leg: string[] = [];
  /** Tick of the fill. */
  readonly t: number[] = [];
  /** Venue id. */
  readonly venue: string[] = [];
  /** Market id. */
  readonly market: string[] = [];
  /** Batch id (-1 for continuous venues). */
  readonly batch_id: number[] = [];
  /** Agent id of the leg owner. */
  readonly agent: string[] = [];
  /** Role tag of the leg owner. */
  readonly role: string[] = [];
  /** Order id of the leg. */
  readonly order_id: number[] = [];
  /** Side of the leg owner: `buy` or `sell`. */
  readonly side: string[] = [];
  /** Fill price in price ticks (may be fractional). */
  readonly price: number[] = [];
  /** Lots filled. */
  readonly qty: number[] = [];
  /** Fee of this leg in tick-lots (negative = rebate). */
  readonly fee: number[] = [];
  /** `maker` or `taker`. */
  readonly liquidity: string[] = [];
  /** Tick the leg's order was submitted. */
  readonly submitted_at: number[] = [];
  /** Venue mid before the fill, in price ticks. */
  readonly mid_before: number[] = [];
  /** Venue mid after the fill, in price ticks. */
  readonly mid_after: number[] = [];
  /** Agent id of the other leg. */
  readonly counterparty: string[] = [];

  /** @param roleOf - role of a participant id */
  constructor(private readonly roleOf: (agentId: string) => string) {}

  /** Number of fills appended. */
  get fills(): number {
    return this.fillCount;
  }

  /** Appends both legs of a fill; returns the fill id. */
  append(fill: Fill): number {
    const id = this.fillCount++;
    this.pushLeg(id, fill, fill.maker, fill.taker.agentId);
    this.pushLeg(id, fill, fill.taker, fill.maker.agentId);
    return id;
  }

  private pushLeg(id: number, f: Fill, leg: FillLeg, counterparty: string): void {
    this.fill_id.push(id);
    this.leg.push(leg.liquidity);
    this.t.push(f.t);
    this.venue.push(f.venue);
    this.market.push(f.market);
    this.batch_id.push(f.batchId);
    this.agent.push(leg.agentId);
    this.role.push(this.roleOf(leg.agentId));
    this.order_id.push(leg.orderId);
    this.side.push(leg.side);
    this.price.push(f.price);
    this.qty.push(f.qty);
    this.fee.push(leg.fee);
    this.liquidity.push(leg.liquidity);
    this.submitted_at.push(leg.submittedAt);
    this.mid_before.push(f.midBefore);
    this.mid_after.push(f.midAfter);
    this.counterparty.push(counterparty);
  }

  /** The log as columns. */
  columns(): Columns {
    const { fill_id, leg, t, venue, market, batch_id, agent, role, order_id, side, price, qty, fee, liquidity } = this;
    return {
      fill_id, leg, t, venue, market, batch_id, agent, role, order_id, side, price, qty, fee, liquidity,
      submitted_at: this.submitted_at,
      mid_before: this.mid_before,
      mid_after: this.mid_after,
      counterparty: this.counterparty,
    };
  }
}

/** Kinds of order messages. */
export type OrderAction = 'limit' | 'market' | 'cancel';

/** The order log: one row per message a venue processed. */
export class OrderLog {
  /** Tick the message was sent. */
  readonly t: number[] = [];
  /** Tick the message reached the venue. */
  readonly arrived_at: number[] = [];
  /** Sending agent id. */
  readonly agent: string[] = [];
  /** Venue id. */
  readonly venue: string[] = [];
  /** Market id. */
  readonly market: string[] = [];
  /** Order id assigned by the router. */
  readonly order_id: number[] = [];
  /** Message kind: `limit`, `market` or `cancel`. */
  readonly action: string[] = [];
  /** `buy` or `sell` (empty for cancels). */
  readonly side: string[] = [];
  /** Limit price in price ticks as sent (meaningful for limit orders only). */
  readonly price: number[] = [];
  /** Lots requested (as sent). */
  readonly qty: number[] = [];
  /** Result status returned by the venue. */
  readonly status: string[] = [];
  /** Lots filled immediately. */
  readonly filled_qty: number[] = [];
  /** Lots still open after the message. */
  readonly remaining_qty: number[] = [];
  /** Reject reason code (empty unless rejected). */
  readonly reason: string[] = [];

  /** Appends one processed message. */
  append(
    sentAt: number,
    arrivedAt: number,
    agent: string,
    venue: string,
    market: string,
    action: OrderAction,
    side: string,
    price: number,
    qty: number,
    result: OrderResult,
  ): void {
    this.t.push(sentAt);
    this.arrived_at.push(arrivedAt);
    this.agent.push(agent);
    this.venue.push(venue);
    this.market.push(market);
    this.order_id.push(result.orderId);
    this.action.push(action);
    this.side.push(side);
    this.price.push(price);
    this.qty.push(qty);
    this.status.push(result.status);
    this.filled_qty.push(result.filledQty);
    this.remaining_qty.push(result.remainingQty);
    this.reason.push(result.reason ?? '');
  }

  /** Number of rows. */
  get length(): number {
    return this.t.length;
  }

  /** The log as columns. */
  columns(): Columns {
    return {
      t: this.t, arrived_at: this.arrived_at, agent: this.agent, venue: this.venue, market: this.market,
      order_id: this.order_id, action: this.action, side: this.side, price: this.price, qty: this.qty,
      status: this.status, filled_qty: this.filled_qty, remaining_qty: this.remaining_qty, reason: this.reason,
    };
  }
}

/** Sampled venue mids. */
export class MidLog {
  /** Sample tick. */
  readonly t: number[] = [];
  /** Venue id. */
  readonly venue: string[] = [];
  /** Market id. */
  readonly market: string[] = [];
  /** Best bid in price ticks (NaN when empty). */
  readonly best_bid: number[] = [];
  /** Best ask in price ticks (NaN when empty). */
  readonly best_ask: number[] = [];
  /** Venue mid in price ticks. */
  readonly mid: number[] = [];

  /** Appends one sample. */
  append(t: number, venue: string, market: string, bestBid: number, bestAsk: number, mid: number): void {
    this.t.push(t);
    this.venue.push(venue);
    this.market.push(market);
    this.best_bid.push(bestBid);
    this.best_ask.push(bestAsk);
    this.mid.push(mid);
  }

  /** The log as columns. */
  columns(): Columns {
    return { t: this.t, venue: this.venue, market: this.market, best_bid: this.best_bid, best_ask: this.best_ask, mid: this.mid };
  }
}

/** Sampled truth path. */
export class TruthLog {
  /** Sample tick. */
  readonly t: number[] = [];
  /** Market id. */
  readonly market: string[] = [];
  /** Latent fair value (log price or log-odds). */
  readonly latent: number[] = [];
  /** Fair value in price ticks. */
  readonly fair: number[] = [];

  /** Appends one sample. */
  append(t: number, market: string, latent: number, fair: number): void {
    this.t.push(t);
    this.market.push(market);
    this.latent.push(latent);
    this.fair.push(fair);
  }

  /** The log as columns. */
  columns(): Columns {
    return { t: this.t, market: this.market, latent: this.latent, fair: this.fair };
  }
}
