/**
 * Bookkeeping of an agent's live orders from its fills alone (no order-result notifications needed).
 * @module
 */
import type { OrderId } from '@venuelab/kernel';

/**
 * An agent's live orders: added when sent, reduced by the agent's own fill legs, removed when
 * fully filled or when the agent cancels them. Cancelling every tracked order may send a cancel
 * for an order whose last fill is still in flight; the venue rejects it and nothing changes.
 */
export class OpenOrders {
  private readonly remaining = new Map<OrderId, number>();

  /** Number of tracked orders. */
  get size(): number {
    return this.remaining.size;
  }

  /** Records a newly sent order. */
  add(id: OrderId, qty: number): void {
    this.remaining.set(id, qty);
  }

  /** Records a fill of `qty` lots of order `id`. */
  filled(id: OrderId, qty: number): void {
    const r = this.remaining.get(id);
    if (r === undefined) return;
    if (r - qty <= 0) this.remaining.delete(id);
    else this.remaining.set(id, r - qty);
  }

  /** Removes and returns every tracked id (the caller cancels them). */
  takeAll(): OrderId[] {
    const ids = [...this.remaining.keys()];
    this.remaining.clear();
    return ids;
  }
}
