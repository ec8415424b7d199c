/**
 * Book-keeping of the resting orders in the hybrid's book, per agent, so that self-trade
 * prevention can be applied when a taker's order is split (the CLOB's own records are private).
 * Kept in step from the book's results (what rests), its fills (maker legs) and cancels.
 * @module
 */
import type { Side } from '@venuelab/kernel';

/** A resting order of the book as the hybrid knows it. */
export interface TrackedOrder {
  /** Order id. */
  id: number;
  /** Owner. */
  agentId: string;
  /** Market. */
  market: string;
  /** Side. */
  side: Side;
  /** Limit price in ticks. */
  price: number;
  /** Lots still resting. */
  qty: number;
}

/** Resting orders by id and by agent. */
export class OwnOrders {
  private readonly byId = new Map<number, TrackedOrder>();
  private readonly byAgent = new Map<string, Set<number>>();

  /** Records an order that rests with `qty` lots. */
  add(o: TrackedOrder): void {
    this.byId.set(o.id, o);
    let s = this.byAgent.get(o.agentId);
    if (!s) this.byAgent.set(o.agentId, (s = new Set()));
    s.add(o.id);
  }

  /** Removes an order (cancelled). */
  remove(id: number): void {
    const o = this.byId.get(id);
    if (!o) return;
    this.byId.delete(id);
    this.byAgent.get(o.agentId)?.delete(id);
  }

  /** Reduces an order by a fill of `qty` lots, removing it when exhausted. */
  filled(id: number, qty: number): void {
    const o = this.byId.get(id);
    if (!o) return;
    o.qty -= qty;
    if (o.qty <= 0) this.remove(id);
  }

  /** The resting orders of an agent on one side of one market. */
  of(agentId: string, market: string, side: Side): TrackedOrder[] {
    const s = this.byAgent.get(agentId);
    if (!s) return [];
    const out: TrackedOrder[] = [];
    for (const id of s) {
      const o = this.byId.get(id)!;
      if (o.market === market && o.side === side) out.push(o);
    }
    return out;
  }

  /** Number of tracked orders. */
  get size(): number {
    return this.byId.size;
  }
}
