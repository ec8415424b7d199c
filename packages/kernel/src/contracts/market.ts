/**
 * Markets and units.
 *
 * Units: simulated time is integer **ticks** of the clock. Prices on the public API are in
 * **price ticks** (an integer on the grid for limit orders; fill prices may fall between ticks,
 * e.g. a batch price at the midpoint of a clearing interval or an AMM's average price).
 * Quantities are whole **lots**. Convert with {@link priceToTicks} / {@link ticksToPrice}:
 * `price = ticks * tickSize`, `units = lots * lotSize`. Cash is counted in tick-lots
 * (`price_ticks * lots`), so that every cash figure is exact for integer prices.
 * @module
 */

/** Static description of one market (one instrument) traded in an experiment. */
export interface MarketSpec {
  /** Market identifier, unique in the experiment. */
  id: string;
  /** Price increment in currency units (or probability units for event contracts). */
  tickSize: number;
  /** Units of the instrument per lot. */
  lotSize: number;
  /** Opening mid in currency (or probability) units. */
  openingMid: number;
  /** `price` for ordinary assets (fair value in log space); `probability` for event contracts (log-odds space). */
  kind: 'price' | 'probability';
}

/** Converts a price in currency units to price ticks (rounded to the nearest tick). */
export function priceToTicks(market: MarketSpec, price: number): number {
  return Math.round(price / market.tickSize);
}

/** Converts a price in ticks to currency units. */
export function ticksToPrice(market: MarketSpec, ticks: number): number {
  return ticks * market.tickSize;
}

/** The opening mid of a market in price ticks (not necessarily an integer). */
export function openingMidTicks(market: MarketSpec): number {
  return market.openingMid / market.tickSize;
}
