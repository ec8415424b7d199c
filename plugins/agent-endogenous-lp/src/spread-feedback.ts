/**
 * The markout feedback of the endogenous-spread LP.
 * @module
 */
import type { Side } from '@venuelab/kernel';

/**
 * Markout of one of the LP's fills per lot, in price ticks: `sign * (reference - price)`, sign +1
 * when the LP bought. Positive when the price later moved in the LP's favour (it earned the
 * spread), negative when it was picked off.
 */
export function markoutPerLot(side: Side, price: number, reference: number): number {
  return (side === 'buy' ? 1 : -1) * (reference - price);
}

/** One EWMA step: `(1 - alpha) * previous + alpha * x`. */
export function ewmaStep(previous: number, x: number, alpha: number): number {
  return (1 - alpha) * previous + alpha * x;
}

/**
 * The half-spread for an average markout per lot `m` (ticks):
 * `clamp(base - sensitivity * m, min, max)`. Losses (m < 0) widen it; gains tighten it.
 */
export function endogenousHalfSpread(base: number, sensitivity: number, markout: number, min: number, max: number): number {
  const h = base - sensitivity * markout;
  return h < min ? min : h > max ? max : h;
}
