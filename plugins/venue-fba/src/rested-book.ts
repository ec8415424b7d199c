/**
 * The rested book of one market: aggregate lots per price of the limit orders that have been
 * through at least one call (orders submitted since the last call are sealed and not shown).
 * After a call it is rebuilt from the call's sorted levels; cancels reduce it in place.
 * @module
 */
import type { BookLevel } from '@venuelab/kernel';

/** One side of the rested book; prices are kept worst..best, so the best level is last. */
export class RestedSide {
  /** Prices ordered worst..best (ascending for bids, descending for asks). */
  readonly prices: number[] = [];
  /** Lots per price. */
  readonly qty = new Map<number, number>();

  /** @param isBid - true for the bid side */
  constructor(readonly isBid: boolean) {}

  /** Best price, NaN when empty. */
  bestPrice(): number {
    const n = this.prices.length;
    return n > 0 ? this.prices[n - 1]! : NaN;
  }

  /** Lots at the best price (0 when empty). */
  bestQty(): number {
    const n = this.prices.length;
    return n > 0 ? this.qty.get(this.prices[n - 1]!)! : 0;
  }

  /** Total lots on this side. */
  total(): number {
    let s = 0;
    for (const q of this.qty.values()) s += q;
    return s;
  }

  /** Up to `depth` levels, best first. */
  levels(depth: number): BookLevel[] {
    const prices = this.prices;
    const n = prices.length;
    if (n === 0 || !(depth > 0)) return [];
    // Depth 1, what agents mostly read, as a literal of one level: a [] pushed to reserves room for 17.
    if (depth <= 1) return [{ price: prices[n - 1]!, qty: this.qty.get(prices[n - 1]!)! }];
    const out: BookLevel[] = [];
    for (let i = n - 1; i >= 0 && out.length < depth; i--) {
      const p = prices[i]!;
      out.push({ price: p, qty: this.qty.get(p)! });
    }
    return out;
  }

  /** Empties the side. */
  clear(): void {
    this.prices.length = 0;
    this.qty.clear();
  }

  /** Appends a level that is better than every level already present (used by rebuilds). */
  pushBetter(price: number, q: number): void {
    this.prices.push(price);
    this.qty.set(price, q);
  }

  /** Removes `q` lots at `price` (a cancel), dropping the level when it empties. */
  reduce(price: number, q: number): void {
    const cur = this.qty.get(price);
    if (cur === undefined) return;
    if (cur > q) {
      this.qty.set(price, cur - q);
      return;
    }
    this.qty.delete(price);
    const prices = this.prices;
    let lo = 0;
    let hi = prices.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = prices[mid]!;
      if (p === price) {
        prices.splice(mid, 1);
        return;
      }
      // worst..best order: ascending for bids, descending for asks
      if (this.isBid ? p < price : p > price) lo = mid + 1;
      else hi = mid - 1;
    }
  }
}
