/**
 * The ABIDES order-size model: a mixture rounded to whole lots.
 * @module
 */
import type { RandomStream } from '@venuelab/kernel';

/** An order-size mixture: one log-normal component and normal components at multiples of a round lot. */
export interface OrderSizeModel {
  /** Mixture weight of the log-normal component. */
  lognormalWeight: number;
  /** Log-normal location (mean of the log). */
  lognormalMu: number;
  /** Log-normal scale (sd of the log). */
  lognormalSigma: number;
  /** Round-lot size: normal component k is centred on `k * roundLot`. */
  roundLot: number;
  /** Standard deviation of each normal component. */
  normalSd: number;
  /** Weights of the normal components k = 1, 2, ... (with `lognormalWeight` they sum to 1). */
  normalWeights: readonly number[];
}

/** ABIDES's order-size model: LogNormal(2.9, 1.2) w.p. 0.2, else Normal(k x 100, 0.15), k = 1..10. */
export const ABIDES_ORDER_SIZE: OrderSizeModel = Object.freeze({
  lognormalWeight: 0.2,
  lognormalMu: 2.9,
  lognormalSigma: 1.2,
  roundLot: 100,
  normalSd: 0.15,
  normalWeights: Object.freeze([0.7, 0.06, 0.004, 0.0329, 0.001, 0.0006, 0.0004, 0.0005, 0.0003, 0.0003]),
});

/**
 * Draws one order size in whole lots (at least 1). One uniform picks the component (weights are
 * renormalised to sum to 1), then one draw from it, rounded to the nearest lot.
 */
export function sampleOrderSize(rng: RandomStream, model: OrderSizeModel = ABIDES_ORDER_SIZE): number {
  // Indexed loops: `for...of` over the (frozen) weights allocated an iterator result per weight.
  const weights = model.normalWeights;
  let total = model.lognormalWeight;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  let u = rng.next() * total;
  let x: number;
  if (u < model.lognormalWeight) x = rng.lognormal(model.lognormalMu, model.lognormalSigma);
  else {
    u -= model.lognormalWeight;
    let k = weights.length;
    for (let i = 0; i < weights.length; i++) {
      if (u < weights[i]!) {
        k = i + 1;
        break;
      }
      u -= weights[i]!;
    }
    x = rng.normal(k * model.roundLot, model.normalSd);
  }
  return Math.max(1, Math.round(x));
}
