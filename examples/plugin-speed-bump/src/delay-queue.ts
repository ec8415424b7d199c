import type { LimitOrderRequest, MarketOrderRequest } from '@venuelab/kernel';

/** An order waiting behind the speed bump. */
export interface DelayedOrder {
  /** `limit` or `market`. */
  type: 'limit' | 'market';
  /** The order as it reached the venue. */
  order: LimitOrderRequest | MarketOrderRequest;
  /** Tick at which the order is released to the book. */
  releaseAt: number;
  /** Set when a cancel removed it before release. */
  cancelled: boolean;
}

/**
 * A FIFO of delayed orders keyed by order id. Every order waits the same delay, so arrival order is
 * release order and a queue suffices (no heap).
 */
export class DelayQueue {
  private items: DelayedOrder[] = [];
  private head = 0;
  private readonly byId = new Map<number, DelayedOrder>();

  /** Number of orders still waiting (cancelled ones excluded). */
  get size(): number {
    return this.byId.size;
  }

  /** Appends an order. */
  push(item: DelayedOrder): void {
    this.items.push(item);
    this.byId.set(item.order.orderId, item);
  }

  /** The waiting order with this id, if any. */
  get(orderId: number): DelayedOrder | undefined {
    return this.byId.get(orderId);
  }

  /** Removes a waiting order (it will be skipped at release); true if it was waiting. */
  cancel(orderId: number): boolean {
    const item = this.byId.get(orderId);
    if (item === undefined) return false;
    item.cancelled = true;
    this.byId.delete(orderId);
    return true;
  }

  /** Takes the next order due at or before `now`, in arrival order; undefined when none is due. */
  popDue(now: number): DelayedOrder | undefined {
    while (this.head < this.items.length) {
      const item = this.items[this.head]!;
      if (item.cancelled) {
        this.advance();
        continue;
      }
      if (item.releaseAt > now) return undefined;
      this.advance();
      this.byId.delete(item.order.orderId);
      return item;
    }
    return undefined;
  }

  private advance(): void {
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
