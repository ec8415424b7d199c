/**
 * The belief trader's decision rule and order-type choice, as pure functions.
 * @module
 */
import type { Side, VenueCapabilities, VenueState } from '@venuelab/kernel';

/** Conversions between price ticks and the truth process's latent space for one market. */
export interface LatentScale {
  /** Price ticks -> latent. */
  toLatent(ticks: number): number;
  /** Latent -> price ticks. */
  toTicks(latent: number): number;
}

/** What a buyer would pay and a seller would receive on a venue, read from its visible state. */
export interface ReferencePrices {
  /** Price a buyer compares with (best ask, else mid, else last trade; NaN when none is shown). */
  buy: number;
  /** Price a seller compares with (best bid, else mid, else last trade; NaN when none is shown). */
  sell: number;
}

const finite = (x: number) => x === x && x !== Infinity && x !== -Infinity;

/**
 * Reference prices of a venue state: a buyer looks at the best ask and a seller at the best bid;
 * when that side shows nothing (an empty side, or a venue that shows no book), the mid, then the
 * last trade, stand in.
 */
export function referencePrices(s: Pick<VenueState, 'bestBid' | 'bestAsk' | 'mid' | 'last'>): ReferencePrices {
  const fallback = finite(s.mid) ? s.mid : finite(s.last) ? s.last : NaN;
  return { buy: finite(s.bestAsk) ? s.bestAsk : fallback, sell: finite(s.bestBid) ? s.bestBid : fallback };
}

/** A trade the rule wants: a side and the gap (in the threshold's unit) that triggered it. */
export interface BeliefTrade {
  /** Side to trade. */
  side: Side;
  /** Gap between belief and the reference price, in the threshold's unit (> threshold). */
  gap: number;
}

/**
 * The belief trader's rule. With belief `f` (latent) and reference prices `buy` / `sell` (ticks):
 *
 * - unit `latent`: buy when `f - toLatent(buy) > threshold`, sell when `toLatent(sell) - f > threshold`;
 * - unit `ticks`: buy when `toTicks(f) - buy > threshold`, sell when `sell - toTicks(f) > threshold`.
 *
 * At most one side can qualify (a shown book has `sell <= buy`); a missing reference price never
 * qualifies. Returns null when neither side does.
 */
export function beliefDecision(fair: number, ref: ReferencePrices, threshold: number, unit: 'latent' | 'ticks', scale: LatentScale): BeliefTrade | null {
  if (!finite(fair)) return null;
  let buyGap = NaN;
  let sellGap = NaN;
  if (unit === 'latent') {
    if (finite(ref.buy) && ref.buy > 0) buyGap = fair - scale.toLatent(ref.buy);
    if (finite(ref.sell) && ref.sell > 0) sellGap = scale.toLatent(ref.sell) - fair;
  } else {
    const f = scale.toTicks(fair);
    if (finite(ref.buy)) buyGap = f - ref.buy;
    if (finite(ref.sell)) sellGap = ref.sell - f;
  }
  if (buyGap > threshold && !(sellGap > buyGap)) return { side: 'buy', gap: buyGap };
  if (sellGap > threshold) return { side: 'sell', gap: sellGap };
  return null;
}

/** How an agent with a valuation expresses it on a venue. */
export type OrderType = 'limit' | 'market';

/**
 * Chooses the order type from a venue's capabilities, never from its id: a limit order at the
 * valuation where the venue says a trader with a valuation should use one (`prefersLimitForInformed`,
 * batch venues: a market order in a batch carries no price and clears at the stale quote) or where
 * it takes no market orders; a market order otherwise; null when the venue takes neither.
 */
export function chooseOrderType(caps: Pick<VenueCapabilities, 'limitOrders' | 'marketOrders' | 'prefersLimitForInformed'>): OrderType | null {
  if (caps.limitOrders && (caps.prefersLimitForInformed || !caps.marketOrders)) return 'limit';
  if (caps.marketOrders) return 'market';
  return null;
}

/**
 * The limit price that expresses a valuation (in price ticks) on the integer grid without paying
 * more (buy: rounded down) or receiving less (sell: rounded up) than it; at least 1 tick. A
 * valuation within 1e-9 of a whole tick counts as that tick.
 */
export function valuationLimit(side: Side, valuationTicks: number): number {
  // within 1e-9 of a whole tick counts as that tick (latent round trips carry rounding noise)
  const p = side === 'buy' ? Math.floor(valuationTicks + 1e-9) : Math.ceil(valuationTicks - 1e-9);
  return Math.max(1, p);
}
