/**
 * The informed trader's signal, rule and order choice, as pure functions.
 * @module
 */
import type { Side, VenueCapabilities } from '@venuelab/kernel';

/**
 * The latent short-horizon signal: `s = x(t + h) - x(t) + noise`, the future move of the latent
 * fair value plus Gaussian noise (`noise` is a draw of N(0, signalNoise^2)).
 */
export function informedSignal(latentNow: number, latentAhead: number, noise: number): number {
  return latentAhead - latentNow + noise;
}

/** The informed trader's rule: buy above `+threshold`, sell below `-threshold`, else nothing. */
export function informedSide(signal: number, threshold: number): Side | null {
  if (signal > threshold) return 'buy';
  if (signal < -threshold) return 'sell';
  return null;
}

/**
 * How the informed trader sends its order to a venue, from the venue's capabilities only: a limit
 * order at its valuation where the venue prefers one for informed traders (batch venues: in a
 * batch a market order carries no price and clears at the stale quote; competing limit orders at
 * the valuation move the uniform price instead) or takes no market orders; a market order
 * otherwise (continuous venues); null when the venue takes neither.
 */
export function informedOrderType(caps: Pick<VenueCapabilities, 'limitOrders' | 'marketOrders' | 'prefersLimitForInformed'>): 'limit' | 'market' | null {
  if (caps.limitOrders && (caps.prefersLimitForInformed || !caps.marketOrders)) return 'limit';
  if (caps.marketOrders) return 'market';
  return null;
}

/** The limit price of a valuation (ticks) on the integer grid: a buy rounds down, a sell up (within 1e-9 of a whole tick counts as that tick); at least 1. */
export function limitAtValuation(side: Side, valuationTicks: number): number {
  // within 1e-9 of a whole tick counts as that tick (latent round trips carry rounding noise)
  return Math.max(1, side === 'buy' ? Math.floor(valuationTicks + 1e-9) : Math.ceil(valuationTicks - 1e-9));
}
