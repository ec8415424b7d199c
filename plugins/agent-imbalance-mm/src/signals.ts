/**
 * Order-book signals: imbalance at several depths and the microprice, as pure functions.
 * @module
 */
import type { BookLevel } from '@venuelab/kernel';

/**
 * Order-book imbalance over the top `depth` levels of each side:
 * `(bidLots - askLots) / (bidLots + askLots)`, in [-1, 1]; 0 when both sides are empty.
 */
export function bookImbalance(bids: readonly BookLevel[], asks: readonly BookLevel[], depth: number): number {
  let b = 0;
  let a = 0;
  for (let i = 0; i < depth && i < bids.length; i++) b += bids[i]!.qty;
  for (let i = 0; i < depth && i < asks.length; i++) a += asks[i]!.qty;
  return b + a > 0 ? (b - a) / (b + a) : 0;
}

/** Weighted average of {@link bookImbalance} at several depths: `sum w_i I(d_i) / sum w_i`. */
export function weightedImbalance(bids: readonly BookLevel[], asks: readonly BookLevel[], depths: readonly number[], weights: readonly number[]): number {
  let s = 0;
  let w = 0;
  for (let i = 0; i < depths.length; i++) {
    s += weights[i]! * bookImbalance(bids, asks, depths[i]!);
    w += weights[i]!;
  }
  return w > 0 ? s / w : 0;
}

/**
 * The microprice in its weighted-mid form, `(bid * askQty + ask * bidQty) / (bidQty + askQty)`
 * = `I * ask + (1 - I) * bid` with `I = bidQty / (bidQty + askQty)`: the touch price on the side
 * more likely to trade next is weighted less. NaN when either side is missing.
 */
export function microprice(bestBid: number, bidQty: number, bestAsk: number, askQty: number): number {
  if (!Number.isFinite(bestBid) || !Number.isFinite(bestAsk) || !(bidQty > 0) || !(askQty > 0)) return NaN;
  return (bestBid * askQty + bestAsk * bidQty) / (bidQty + askQty);
}
