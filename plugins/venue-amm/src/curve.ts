/**
 * The bonding-curve contract shared by the LMSR and constant-product pools.
 *
 * Units: quantities in lots, prices in price ticks per lot, cash in tick-lots. A curve knows
 * nothing about fees; {@link Pool} adds them.
 * @module
 */

/** A pool's pricing curve: what buying or selling `n` lots costs, and how the state moves. */
export interface Curve {
  /** Curve kind. */
  readonly kind: 'lmsr' | 'constantProduct';
  /** Instantaneous (marginal) price in price ticks. */
  marginal(): number;
  /** Cash (tick-lots) a trader pays the curve to buy `n` lots; `Infinity` when the pool cannot sell that many. */
  buyCost(n: number): number;
  /** Cash (tick-lots) a trader receives from the curve for selling `n` lots. */
  sellProceeds(n: number): number;
  /** Largest number of lots the pool can sell (`Infinity` when unbounded). */
  maxBuy(): number;
  /** Marginal price after a trader buys (`side = 'buy'`) or sells `n` lots, without changing the state. */
  marginalAfter(side: 'buy' | 'sell', n: number): number;
  /**
   * Moves the state by a trade of `n` lots on `side` (the trader's side) and credits `fee`
   * (tick-lots, already paid by the trader) to the pool.
   */
  apply(side: 'buy' | 'sell', n: number, fee: number): void;
}
