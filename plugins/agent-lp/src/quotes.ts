/**
 * The LP's quote rule.
 * @module
 */

/** A two-sided quote in price ticks; a side that cannot be posted is NaN. */
export interface Quote {
  /** Bid price (integer ticks, >= 1) or NaN. */
  bid: number;
  /** Ask price (integer ticks) or NaN. */
  ask: number;
}

/** Tolerance (ticks) within which a price counts as a whole tick when rounding. */
const EPS = 1e-9;

const finite = (x: number) => x === x && x !== Infinity && x !== -Infinity;

/**
 * Quotes around a centre with a half-spread, never marketable against the visible book and never
 * crossed:
 *
 *   bid = floor(center - h), lowered to ceil(bestAsk) - 1 when that is lower;
 *   ask = ceil(center + h),  raised to floor(bestBid) + 1 when that is higher
 *
 * (`center -/+ h` within 1e-9 of a whole tick counts as that tick, so floating-point noise from
 * latent-space round trips never moves a quote). Since `h > 0`, `bid < ask` before the clamps, and the book clamps only lower the bid and
 * raise the ask, so `bid < ask` always; `bid < bestAsk` and `ask > bestBid`, so neither side can
 * trade on arrival against the book it was computed from. A bid below 1 tick is not posted.
 * @param center - quote centre in price ticks
 * @param halfSpread - half-spread in price ticks (> 0)
 * @param bestBid - best bid shown by the venue (NaN when none)
 * @param bestAsk - best ask shown by the venue (NaN when none)
 */
export function lpQuotes(center: number, halfSpread: number, bestBid: number, bestAsk: number): Quote {
  if (!finite(center) || !(halfSpread > 0)) return { bid: NaN, ask: NaN };
  // A centre read back from latent space carries rounding noise (exp(log(10000)) = 10000.000000000002):
  // snap within EPS of a whole tick before rounding, so that noise never moves a quote by a tick.
  const eps = Math.min(EPS, halfSpread / 2);
  let bid = Math.floor(center - halfSpread + eps);
  let ask = Math.ceil(center + halfSpread - eps);
  if (finite(bestAsk)) bid = Math.min(bid, Math.ceil(bestAsk) - 1);
  if (finite(bestBid)) ask = Math.max(ask, Math.floor(bestBid) + 1);
  return { bid: bid >= 1 ? bid : NaN, ask };
}
