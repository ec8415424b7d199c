/**
 * Columnar logs written during a run: trades (one row per fill leg), orders (one row per message),
 * and sampled paths (venue mids, truth). Appends only, into typed columns (numbers in
 * `Float64Array`s, strings as dictionary codes): no per-row objects are kept, and a finished log
 * costs the garbage collector nothing to trace. See {@link buildColumns} for the tables they give.
 * @module
 */
import type { Columns } from '../contracts/record.js';
import type { Fill, FillLeg, OrderResult } from '../contracts/orders.js';
import { buildColumns, NumberColumnBuilder, StringColumnBuilder, type DictionaryColumn } from './columns.js';

/** Builders for a fixed list of numeric and string columns. */
class ColumnSet<N extends string, S extends string> {
  readonly num: Record<N, NumberColumnBuilder>;
  readonly str: Record<S, StringColumnBuilder>;
  constructor(
    private readonly order: readonly (N | S)[],
    numeric: readonly N[],
    strings: readonly S[],
  ) {
    this.num = Object.fromEntries(numeric.map((c) => [c, new NumberColumnBuilder()])) as Record<N, NumberColumnBuilder>;
    this.str = Object.fromEntries(strings.map((c) => [c, new StringColumnBuilder()])) as Record<S, StringColumnBuilder>;
  }
  columns(): Columns {
    const numbers: Record<string, Float64Array> = {};
    const strings: Record<string, DictionaryColumn> = {};
    for (const [k, b] of Object.entries(this.num) as [string, NumberColumnBuilder][]) numbers[k] = b.finish();
    for (const [k, b] of Object.entries(this.str) as [string, StringColumnBuilder][]) strings[k] = b.finish();
    return buildColumns(this.order, numbers, strings);
  }
}

const TRADE_COLUMNS = [
  'fill_id', 'leg', 't', 'venue', 'market', 'batch_id', 'agent', 'role', 'order_id', 'side', 'price', 'qty', 'fee',
  'liquidity', 'submitted_at', 'mid_before', 'mid_after', 'counterparty',
] as const;
const TRADE_NUMBERS = ['fill_id', 't', 'batch_id', 'order_id', 'price', 'qty', 'fee', 'submitted_at', 'mid_before', 'mid_after'] as const;
const TRADE_STRINGS = ['leg', 'venue', 'market', 'agent', 'role', 'side', 'liquidity', 'counterparty'] as const;

/**
 * The trade log: one row per fill leg, two rows per fill. Columns: `fill_id` (both legs of a fill
 * share it), `leg` and `liquidity` (`maker` or `taker`), `t`, `venue`, `market`, `batch_id` (-1 for
 * continuous venues), `agent` (leg owner), `role` (its role tag), `order_id`, `side` (`buy` or
 * `sell`), `price` (price ticks, may be fractional), `qty` (lots), `fee` (tick-lots, negative =
 * rebate), `submitted_at`, `mid_before`, `mid_after` (venue mids in price ticks) and `counterparty`
 * (the other leg's agent).
 */
export class TradeLog {
  private fillCount = 0;
  private readonly cols = new ColumnSet(TRADE_COLUMNS, TRADE_NUMBERS, TRADE_STRINGS);
  private readonly roleByAgentCode: (string | undefined)[] = [];

  /** @param roleOf - role of a participant id */
  constructor(private readonly roleOf: (agentId: string) => string) {}

  /** Number of fills appended. */
  get fills(): number {
    return this.fillCount;
  }

  /** Number of rows (fill legs). */
  get length(): number {
    return this.cols.num.t.length;
  }

  /** Appends both legs of a fill; returns the fill id. */
  append(fill: Fill): number {
    const id = this.fillCount++;
    this.pushLeg(id, fill, fill.maker, fill.taker.agentId);
    this.pushLeg(id, fill, fill.taker, fill.maker.agentId);
    return id;
  }

  private pushLeg(id: number, f: Fill, leg: FillLeg, counterparty: string): void {
    const { num, str } = this.cols;
    num.fill_id.push(id);
    str.leg.push(leg.liquidity);
    num.t.push(f.t);
    str.venue.push(f.venue);
    str.market.push(f.market);
    num.batch_id.push(f.batchId);
    const a = str.agent.push(leg.agentId);
    str.role.push((this.roleByAgentCode[a] ??= this.roleOf(leg.agentId)));
    num.order_id.push(leg.orderId);
    str.side.push(leg.side);
    num.price.push(f.price);
    num.qty.push(f.qty);
    num.fee.push(leg.fee);
    str.liquidity.push(leg.liquidity);
    num.submitted_at.push(leg.submittedAt);
    num.mid_before.push(f.midBefore);
    num.mid_after.push(f.midAfter);
    str.counterparty.push(counterparty);
  }

  /** The log as columns (numbers as `Float64Array`s, strings dictionary-coded; see {@link buildColumns}). */
  columns(): Columns {
    return this.cols.columns();
  }
}

/** Kinds of order messages. */
export type OrderAction = 'limit' | 'market' | 'cancel';

const ORDER_COLUMNS = [
  't', 'arrived_at', 'agent', 'venue', 'market', 'order_id', 'action', 'side', 'price', 'qty', 'status', 'filled_qty',
  'remaining_qty', 'reason',
] as const;
const ORDER_NUMBERS = ['t', 'arrived_at', 'order_id', 'price', 'qty', 'filled_qty', 'remaining_qty'] as const;
const ORDER_STRINGS = ['agent', 'venue', 'market', 'action', 'side', 'status', 'reason'] as const;

/**
 * The order log: one row per message a venue processed. Columns: `t` (tick sent), `arrived_at`
 * (tick it reached the venue), `agent`, `venue`, `market`, `order_id` (assigned by the router),
 * `action` (`limit`, `market` or `cancel`), `side` (`buy`/`sell`, empty for cancels), `price` (limit
 * price as sent, price ticks), `qty` (lots as sent), `status` (the venue's result), `filled_qty`
 * (lots filled immediately), `remaining_qty` (lots still open) and `reason` (reject code or empty).
 */
export class OrderLog {
  private readonly cols = new ColumnSet(ORDER_COLUMNS, ORDER_NUMBERS, ORDER_STRINGS);

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
    const { num, str } = this.cols;
    num.t.push(sentAt);
    num.arrived_at.push(arrivedAt);
    str.agent.push(agent);
    str.venue.push(venue);
    str.market.push(market);
    num.order_id.push(result.orderId);
    str.action.push(action);
    str.side.push(side);
    num.price.push(price);
    num.qty.push(qty);
    str.status.push(result.status);
    num.filled_qty.push(result.filledQty);
    num.remaining_qty.push(result.remainingQty);
    str.reason.push(result.reason ?? '');
  }

  /** Number of rows. */
  get length(): number {
    return this.cols.num.t.length;
  }

  /** The log as columns (numbers as `Float64Array`s, strings dictionary-coded; see {@link buildColumns}). */
  columns(): Columns {
    return this.cols.columns();
  }
}

const MID_COLUMNS = ['t', 'venue', 'market', 'best_bid', 'best_ask', 'mid'] as const;

/**
 * Sampled venue mids. Columns: `t` (sample tick), `venue`, `market`, `best_bid`, `best_ask` (price
 * ticks, NaN when that side is empty) and `mid` (price ticks).
 */
export class MidLog {
  private readonly cols = new ColumnSet(MID_COLUMNS, ['t', 'best_bid', 'best_ask', 'mid'] as const, ['venue', 'market'] as const);

  /** Appends one sample. */
  append(t: number, venue: string, market: string, bestBid: number, bestAsk: number, mid: number): void {
    const { num, str } = this.cols;
    num.t.push(t);
    str.venue.push(venue);
    str.market.push(market);
    num.best_bid.push(bestBid);
    num.best_ask.push(bestAsk);
    num.mid.push(mid);
  }

  /** Number of rows. */
  get length(): number {
    return this.cols.num.t.length;
  }

  /** The log as columns (numbers as `Float64Array`s, strings dictionary-coded; see {@link buildColumns}). */
  columns(): Columns {
    return this.cols.columns();
  }
}

const TRUTH_COLUMNS = ['t', 'market', 'latent', 'fair'] as const;

/**
 * Sampled truth path. Columns: `t` (sample tick), `market`, `latent` (log price or log-odds) and
 * `fair` (fair value in price ticks).
 */
export class TruthLog {
  private readonly cols = new ColumnSet(TRUTH_COLUMNS, ['t', 'latent', 'fair'] as const, ['market'] as const);

  /** Appends one sample. */
  append(t: number, market: string, latent: number, fair: number): void {
    const { num, str } = this.cols;
    num.t.push(t);
    str.market.push(market);
    num.latent.push(latent);
    num.fair.push(fair);
  }

  /** Number of rows. */
  get length(): number {
    return this.cols.num.t.length;
  }

  /** The log as columns (numbers as `Float64Array`s, strings dictionary-coded; see {@link buildColumns}). */
  columns(): Columns {
    return this.cols.columns();
  }
}
