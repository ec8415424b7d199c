/**
 * The price grid a maker quotes on: an increment in price ticks and the allowed range.
 * @module
 */
import type { MarketSpec } from '@venuelab/kernel';

/** Allowed limit prices: multiples of `increment` in `[min, max]` (price ticks). */
export interface PriceGrid {
  /** Price ticks between allowed limit prices (the venue's tick size in price ticks). */
  increment: number;
  /** Lowest allowed price (one increment). */
  min: number;
  /** Highest allowed price: below 1.0 for probability markets, unbounded otherwise. */
  max: number;
}

/**
 * The grid of a market: prices are positive multiples of `increment`; on a probability market
 * (prices are probabilities) they stay strictly below `1 / tickSize` price ticks.
 */
export function priceGrid(spec: MarketSpec, increment: number): PriceGrid {
  if (!(Number.isInteger(increment) && increment > 0)) throw new RangeError(`price increment must be a positive integer, got ${increment}`);
  const max = spec.kind === 'probability' ? Math.floor((Math.round(1 / spec.tickSize) - 1) / increment) * increment : Infinity;
  return { increment, min: increment, max };
}

/** Rounds a bid down onto the grid (never more aggressive than asked); NaN when it falls below the grid or `x` is not finite. */
export function bidOnGrid(g: PriceGrid, x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const p = Math.floor(x / g.increment + 1e-9) * g.increment;
  if (p < g.min) return NaN;
  return p > g.max ? g.max : p;
}

/** Rounds an ask up onto the grid (never more aggressive than asked); NaN when it falls above the grid or `x` is not finite. */
export function askOnGrid(g: PriceGrid, x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const p = Math.ceil(x / g.increment - 1e-9) * g.increment;
  if (p > g.max) return NaN;
  return p < g.min ? g.min : p;
}
