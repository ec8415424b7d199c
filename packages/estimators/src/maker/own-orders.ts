/**
 * A maker's record of its own orders, as far as it knows them.
 * @module
 */
import type { OrderId, Side } from '@venuelab/kernel';

/** One of the agent's orders that may still be live at the venue. */
export interface OwnOrder {
  /** Order id (returned by the router at once). */
  readonly id: OrderId;
  /** Side. */
  readonly side: Side;
  /** Limit price in price ticks. */
  readonly price: number;
  /** Quantity sent, in lots. */
  readonly qty: number;
  /** Lots not yet reported filled. */
  remaining: number;
  /** Tick at which the order was sent. */
  readonly postedAt: number;
  /** Distance from the reference price when sent (price ticks, positive = away from the reference). */
  readonly distance: number;
  /** Tick at which the latest cancel was sent (NaN if none). */
  cancelSentAt: number;
  /** Cancels sent. */
  cancelAttempts: number;
  /** The latest cancel came back rejected (the venue did not know the order then). */
  cancelRejected: boolean;
  /** The venue's answer to the submission has been seen and said the order rests or is pending. */
  live: boolean;
}

/**
 * The orders an agent sent that are not known to be dead (filled in full, cancelled, rejected or
 * expired). An order whose cancel is in flight still counts: it may trade until the cancel arrives,
 * so quotes are checked against it.
 */
export class OwnOrders {
  private readonly orders = new Map<OrderId, OwnOrder>();

  /** Adds a freshly sent order. */
  add(o: { id: OrderId; side: Side; price: number; qty: number; postedAt: number; distance: number }): OwnOrder {
    const rec: OwnOrder = {
      id: o.id,
      side: o.side,
      price: o.price,
      qty: o.qty,
      remaining: o.qty,
      postedAt: o.postedAt,
      distance: o.distance,
      cancelSentAt: NaN,
      cancelAttempts: 0,
      cancelRejected: false,
      live: false,
    };
    this.orders.set(o.id, rec);
    return rec;
  }

  /** The order with this id, if not dead. */
  get(id: OrderId): OwnOrder | undefined {
    return this.orders.get(id);
  }

  /** Forgets an order (it is dead); returns it. */
  remove(id: OrderId): OwnOrder | undefined {
    const o = this.orders.get(id);
    if (o) this.orders.delete(id);
    return o;
  }

  /** Orders not known to be dead, in the order they were sent. */
  values(): IterableIterator<OwnOrder> {
    return this.orders.values();
  }

  /** Number of orders not known to be dead. */
  get size(): number {
    return this.orders.size;
  }

  /** Lots of this side at this price not known to be filled or dead. */
  qtyAt(side: Side, price: number): number {
    let n = 0;
    for (const o of this.orders.values()) if (o.side === side && o.price === price) n += o.remaining;
    return n;
  }

  /** Highest price of an own bid that may be live (-Infinity if none). */
  maxBid(): number {
    let b = -Infinity;
    for (const o of this.orders.values()) if (o.side === 'buy' && o.price > b) b = o.price;
    return b;
  }

  /** Lowest price of an own ask that may be live (+Infinity if none). */
  minAsk(): number {
    let a = Infinity;
    for (const o of this.orders.values()) if (o.side === 'sell' && o.price < a) a = o.price;
    return a;
  }
}
