/**
 * Uniform-price call: the clearing interval of aggregate demand and supply, found by one sweep
 * over price levels sorted in ascending order.
 *
 * With `D(p)` the bid quantity at limits `>= p`, `D+(p)` at limits `> p`, `S(p)` the ask quantity
 * at limits `<= p` and `S-(p)` at limits `< p` (market buys count as bids at `+Infinity`, market
 * sells as asks at `-Infinity`), a price `p` clears when `S-(p) <= D(p)` and `D+(p) <= S(p)`.
 * The first condition holds on a down-set of prices and the second on an up-set, so the clearing
 * prices form an interval `[low, high]`. Its ends are limit prices or infinite (an open gap between
 * two limit prices clears only if its closure points do), so testing each limit price and the two
 * unbounded gaps is enough.
 * @module
 */

/** Result of {@link findClearing}. */
export interface ClearingResult {
  /** Lowest clearing price (`-Infinity` if unbounded below; NaN if no price clears). */
  low: number;
  /** Highest clearing price (`+Infinity` if unbounded above; NaN if no price clears). */
  high: number;
  /**
   * The call price: the midpoint of `[low, high]` when both ends are finite, the finite end when
   * only one is; when no price clears (market orders on one side exceed the whole other side) the
   * worst limit price of the short side. NaN when no limit order bounds the price.
   */
  price: number;
  /** Lots traded at `price`: `min(D(price), S(price))`; 0 when `price` is NaN. */
  volume: number;
}

/**
 * Finds the clearing interval, the call price and the volume.
 * @param prices - distinct limit prices in ascending order (first `k` entries used)
 * @param bidQty - limit bid lots at each price
 * @param askQty - limit ask lots at each price
 * @param k - number of price levels
 * @param marketBuy - lots of market buy orders
 * @param marketSell - lots of market sell orders
 */
export function findClearing(
  prices: ArrayLike<number>,
  bidQty: ArrayLike<number>,
  askQty: ArrayLike<number>,
  k: number,
  marketBuy: number,
  marketSell: number,
): ClearingResult {
  if (k === 0) return { low: NaN, high: NaN, price: NaN, volume: 0 };
  let bidTotal = 0;
  let askTotal = 0;
  for (let i = 0; i < k; i++) {
    bidTotal += bidQty[i]!;
    askTotal += askQty[i]!;
  }
  // Unbounded gaps: below every limit D = D+ = marketBuy + bidTotal and S = S- = marketSell.
  const lowerGap = marketBuy + bidTotal === marketSell;
  const upperGap = marketBuy === marketSell + askTotal;
  let lowIdx = -1;
  let highIdx = -1;
  let dGe = marketBuy + bidTotal; // D(prices[i])
  let sLe = marketSell; // S(prices[i]) after adding askQty[i]
  for (let i = 0; i < k; i++) {
    const sLt = sLe;
    sLe += askQty[i]!;
    const dGt = dGe - bidQty[i]!;
    if (sLt <= dGe && dGt <= sLe) {
      if (lowIdx < 0) lowIdx = i;
      highIdx = i;
    }
    dGe = dGt;
  }
  let low = NaN;
  let high = NaN;
  let price: number;
  if (lowIdx >= 0) {
    low = lowerGap ? -Infinity : prices[lowIdx]!;
    high = upperGap ? Infinity : prices[highIdx]!;
    if (Number.isFinite(low) && Number.isFinite(high)) price = (low + high) / 2;
    else if (Number.isFinite(low)) price = low;
    else if (Number.isFinite(high)) price = high;
    else price = NaN;
  } else if (marketBuy > marketSell + askTotal) {
    // Excess demand at every price: all supply trades, at the highest ask.
    price = NaN;
    for (let i = k - 1; i >= 0; i--) {
      if (askQty[i]! > 0) {
        price = prices[i]!;
        break;
      }
    }
  } else {
    // Excess supply at every price: all demand trades, at the lowest bid.
    price = NaN;
    for (let i = 0; i < k; i++) {
      if (bidQty[i]! > 0) {
        price = prices[i]!;
        break;
      }
    }
  }
  if (price !== price) return { low, high, price: NaN, volume: 0 };
  let d = marketBuy;
  let s = marketSell;
  for (let i = 0; i < k; i++) {
    const p = prices[i]!;
    if (p >= price) d += bidQty[i]!;
    if (p <= price) s += askQty[i]!;
  }
  return { low, high, price, volume: d < s ? d : s };
}
