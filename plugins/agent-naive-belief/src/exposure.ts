/**
 * An agent's own book-keeping: net position per market (from its fills) and its open orders.
 * @module
 */
import { sideSign, type OrderId, type OrderResult, type Side } from '@venuelab/kernel';

interface OpenOrder {
  venue: string;
  market: string;
  sign: 1 | -1;
  remaining: number;
}

/**
 * Net positions and open orders, kept from what the agent itself sent and was told. Fills are
 * authoritative for positions and remaining quantities; an order result closes an order when it
 * says nothing of it is live any more (rejected, cancelled, expired, or remaining 0).
 */
export class Exposure {
  private readonly positions = new Map<string, number>();
  private readonly open = new Map<OrderId, OpenOrder>();

  /** Net filled position of a market, in lots (bought minus sold). */
  position(market: string): number {
    return this.positions.get(market) ?? 0;
  }

  /** Lots of open buy (`buy`) or sell (`sell`) orders in a market. */
  openQty(market: string, side: Side): number {
    const sign = sideSign(side);
    let n = 0;
    for (const o of this.open.values()) if (o.market === market && o.sign === sign) n += o.remaining;
    return n;
  }

  /** True when an order is still open. */
  isOpen(id: OrderId): boolean {
    return this.open.has(id);
  }

  /** Number of open orders. */
  get openCount(): number {
    return this.open.size;
  }

  /**
   * Whether `qty` more lots on `side` keep the worst-case position within `max`: for a buy,
   * position + open buys + qty <= max; for a sell, position - open sells - qty >= -max.
   */
  canAdd(market: string, side: Side, qty: number, max: number): boolean {
    const p = this.position(market);
    return side === 'buy' ? p + this.openQty(market, 'buy') + qty <= max : p - this.openQty(market, 'sell') - qty >= -max;
  }

  /** Records an order just sent. */
  sent(id: OrderId, venue: string, market: string, side: Side, qty: number): void {
    this.open.set(id, { venue, market, sign: sideSign(side), remaining: qty });
  }

  /** Records one of the agent's fills (its own leg's side and order id). */
  filled(id: OrderId, market: string, side: Side, qty: number): void {
    this.positions.set(market, this.position(market) + sideSign(side) * qty);
    const o = this.open.get(id);
    if (o) {
      o.remaining -= qty;
      if (o.remaining <= 0) this.open.delete(id);
    }
  }

  /** Records a venue's answer about one of the agent's orders. */
  result(r: OrderResult): void {
    const o = this.open.get(r.orderId);
    if (!o) return;
    const done = r.status === 'rejected' || r.status === 'cancelled' || r.status === 'expired' || r.remainingQty === 0;
    if (done) this.open.delete(r.orderId);
  }

  /** Venue of an open order (undefined when it is not open). */
  venueOf(id: OrderId): string | undefined {
    return this.open.get(id)?.venue;
  }
}
