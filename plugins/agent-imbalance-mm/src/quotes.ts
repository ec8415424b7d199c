/**
 * The imbalance market maker's quote rule, as a pure function.
 * @module
 */

/** Inputs of {@link imbalanceQuotes}. All prices in price ticks. */
export interface ImbalanceQuoteInput {
  /** Fair value the quotes are built around (the microprice, or the mid). */
  fair: number;
  /** Volatility in price ticks per square-root tick (EWMA). */
  sigma: number;
  /** Weighted multi-depth imbalance in [-1, 1]. */
  imbalance: number;
  /** Inventory in lots. */
  inventory: number;
  /** Inventory cap in lots. */
  maxInventory: number;
  /** Target spread in price ticks (the full spread at zero volatility). */
  targetSpread: number;
  /** Volatility at which the spread doubles, price ticks per square-root tick. */
  baselineVol: number;
  /** Shift of the quote centre per unit of imbalance, in half-spreads. */
  imbalanceSkew: number;
  /** Shift of the quote centre at full inventory, in half-spreads (against the inventory). */
  inventorySkew: number;
  /** Smallest distance of each quote from the fair value, price ticks. */
  minEdge: number;
}

/** Output of {@link imbalanceQuotes}. */
export interface ImbalanceQuote {
  /** Half-spread `targetSpread / 2 * (1 + sigma / baselineVol)`. */
  halfSpread: number;
  /** Inventory ratio `u = clamp(q / maxInventory, -1, 1)`. */
  inventoryRatio: number;
  /** Quote centre `fair + (imbalanceSkew * I - inventorySkew * u) * halfSpread`. */
  center: number;
  /** Bid `min(center - halfSpread, fair - minEdge)`. */
  bid: number;
  /** Ask `max(center + halfSpread, fair + minEdge)`. */
  ask: number;
}

/**
 * The quote rule: a volatility-scaled spread around a centre moved towards the side the book
 * leans to (imbalance predicts the next mid move) and against the inventory (to mean-revert it),
 * never closer to the fair value than `minEdge`.
 */
export function imbalanceQuotes(i: ImbalanceQuoteInput): ImbalanceQuote {
  const halfSpread = (i.targetSpread / 2) * (1 + (i.sigma > 0 ? i.sigma / i.baselineVol : 0));
  const u = i.maxInventory > 0 ? Math.max(-1, Math.min(1, i.inventory / i.maxInventory)) : Math.sign(i.inventory);
  const center = i.fair + (i.imbalanceSkew * i.imbalance - i.inventorySkew * u) * halfSpread;
  return {
    halfSpread,
    inventoryRatio: u,
    center,
    bid: Math.min(center - halfSpread, i.fair - i.minEdge),
    ask: Math.max(center + halfSpread, i.fair + i.minEdge),
  };
}
