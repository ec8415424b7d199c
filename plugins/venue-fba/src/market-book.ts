/**
 * The live orders of one market on the batch venue: every resting and pending order in arrival
 * order, the pending market orders, the rested (displayed) book and the last call's outcome.
 * @module
 */
import { RestedSide } from './rested-book.js';

/** A live order on the batch venue. */
export interface FbaOrder {
  /** Kernel-assigned order id. */
  readonly id: number;
  /** Owner agent id. */
  readonly agentId: string;
  /** The market's book. */
  readonly book: MarketBook;
  /** 0 bid, 1 ask. */
  readonly side: 0 | 1;
  /** Limit price in ticks; `+Infinity` for a market buy, `-Infinity` for a market sell. */
  readonly price: number;
  /** True for a market order (takes part in one call, its remainder expires). */
  readonly isMarket: boolean;
  /** Remaining lots; 0 once the order is cancelled (it is then dropped at the next compaction). */
  qty: number;
  /** Tick at which the agent sent the order. */
  readonly submittedAt: number;
  /** Arrival sequence number at the venue (time priority). */
  readonly seq: number;
  /** Number of calls the venue had run when the order arrived; the order rests from an earlier batch once a call has run since. */
  readonly entry: number;
  /** Lots allocated in the call being run (scratch). */
  alloc: number;
}

/** What the last call that traded produced. */
export interface LastBatch {
  /** Batch id of the call. */
  batchId: number;
  /** Tick of the call. */
  t: number;
  /** Uniform price in ticks (may be a half tick). */
  price: number;
  /** Lots traded. */
  volume: number;
}

/** One market of the batch venue. */
export class MarketBook {
  /** Orders in arrival order: every live order, plus cancelled ones (qty 0) until the next compaction. */
  orders: FbaOrder[] = [];
  /** Cancelled orders still in {@link orders}. */
  dead = 0;
  /** Market orders submitted since the last call (some may since have been cancelled). */
  readonly marketOrders: FbaOrder[] = [];
  /** Orders (limit or market) submitted since the last call and still live. */
  pending = 0;
  /** Lowest limit price of the orders in {@link orders} (a bound: cancels do not raise it). */
  minPrice = Infinity;
  /** Highest limit price of the orders in {@link orders} (a bound). */
  maxPrice = -Infinity;
  /** Rested bids (limit orders that have been through a call). */
  readonly bids = new RestedSide(true);
  /** Rested asks. */
  readonly asks = new RestedSide(false);
  /** The last call that traded, if any. */
  last: LastBatch | null = null;

  /** Midpoint of the rested best bid and ask; NaN if a side is empty. */
  restedMid(): number {
    return (this.bids.bestPrice() + this.asks.bestPrice()) / 2;
  }

  /** Drops cancelled orders when they outnumber the live ones (keeps memory linear in live orders). */
  maybeCompact(): void {
    if (this.dead > 64 && this.dead * 2 > this.orders.length) {
      this.orders = this.orders.filter((o) => o.qty > 0);
      this.dead = 0;
    }
  }
}
