/**
 * The zero-intelligence limit-price rule, as a pure function of its uniform draws.
 * @module
 */
import type { Side } from '@venuelab/kernel';

/** Inputs of {@link ziLimitPrice}. Prices in price ticks. */
export interface ZiPriceInput {
  /** Side of the order. */
  side: Side;
  /** Centre of private values. */
  reference: number;
  /** Half-width of the private-value draw. */
  valueSpread: number;
  /** Width of the price draw. */
  priceRange: number;
  /** ZI-C (true) or ZI-U (false). */
  constrained: boolean;
  /** Uniform draw in [0, 1) for the private value. */
  u1: number;
  /** Uniform draw in [0, 1) for the price. */
  u2: number;
}

/**
 * Private value `v = reference + (2 u1 - 1) valueSpread`; limit price (before rounding) for ZI-C
 * `v - u2 priceRange` (buyer) or `v + u2 priceRange` (seller), so a ZI-C trader never trades at a
 * loss against its value (Gode and Sunder's budget constraint); for ZI-U
 * `v + (2 u2 - 1) priceRange` either way.
 */
export function ziLimitPrice(i: ZiPriceInput): { value: number; price: number } {
  const value = i.reference + (2 * i.u1 - 1) * i.valueSpread;
  const price = i.constrained ? value + (i.side === 'buy' ? -1 : 1) * i.u2 * i.priceRange : value + (2 * i.u2 - 1) * i.priceRange;
  return { value, price };
}
