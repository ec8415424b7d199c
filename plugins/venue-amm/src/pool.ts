/**
 * A pool: a curve plus a fee, with the quote and search helpers a venue needs.
 *
 * Fee convention (both curves): the trader pays a fee of `feeBps / 1e4` times the curve notional
 * (the cash the curve alone asks or pays), on top of a buy's cost or out of a sell's proceeds.
 * The fee goes to the pool: in a fill it is the taker leg's fee and, negated, the pool leg's fee,
 * so fees net to zero between trader and pool. A constant-product pool adds the fee to its cash
 * reserve (Uniswap v2 takes it from the input token instead; taking it in cash keeps every trade
 * in whole lots and every fee in tick-lots).
 * @module
 */
import { VenuelabError, ErrorCode, openingMidTicks, type MarketSpec, type Side } from '@venuelab/kernel';
import { ConstantProductCurve } from './constant-product.js';
import type { Curve } from './curve.js';
import { LmsrCurve } from './lmsr.js';
import { DEFAULT_LMSR_B, DEFAULT_RESERVE_LOTS, type PoolConfig } from './schema.js';

/** A priced trade against a pool. */
export interface PoolQuote {
  /** Lots. */
  qty: number;
  /** Curve notional in tick-lots (cost of a buy, proceeds of a sell), before the fee. */
  notional: number;
  /** Fee the trader pays to the pool, in tick-lots. */
  fee: number;
  /** Average price in price ticks (`notional / qty`). */
  price: number;
}

/** A curve with a fee. */
export class Pool {
  /** Fee as a fraction of the curve notional. */
  readonly feeRate: number;

  /**
   * @param curve - the pricing curve
   * @param feeBps - fee in basis points of the curve notional
   */
  constructor(
    readonly curve: Curve,
    feeBps: number,
  ) {
    this.feeRate = feeBps / 1e4;
  }

  /** Marginal price in price ticks. */
  marginal(): number {
    return this.curve.marginal();
  }

  /** Curve notional (tick-lots) of trading `n` lots on `side` (the trader's side); `Infinity` for an impossible buy. */
  notional(side: Side, n: number): number {
    return side === 'buy' ? this.curve.buyCost(n) : this.curve.sellProceeds(n);
  }

  /** Whether `n` lots can be traded on `side` (a constant-product pool cannot sell its whole reserve). */
  canTrade(side: Side, n: number): boolean {
    return side === 'sell' || n <= this.curve.maxBuy();
  }

  /** Prices a trade of `n > 0` lots without executing it; null when the pool cannot take it. */
  quote(side: Side, n: number): PoolQuote | null {
    if (!(n > 0) || !this.canTrade(side, n)) return null;
    const notional = this.notional(side, n);
    if (!Number.isFinite(notional)) return null;
    return { qty: n, notional, fee: notional * this.feeRate, price: notional / n };
  }

  /** Executes a trade of `n > 0` lots (the trader's side); returns its quote. Throws if the pool cannot take it. */
  execute(side: Side, n: number): PoolQuote {
    const q = this.quote(side, n);
    if (!q) throw new RangeError(`pool cannot ${side} ${n} lots`);
    this.curve.apply(side, n, q.fee);
    return q;
  }

  /**
   * Price per lot (price ticks, before the fee) of the `j`-th block of `unit` lots of a trade on
   * `side`, counted after the first `offset` lots from the current state (`j >= 1`):
   * `(N(offset + j unit) - N(offset + (j - 1) unit)) / unit` with `N` the curve notional.
   * Increasing in `j` for buys, decreasing for sells.
   */
  blockPrice(side: Side, j: number, unit: number, offset = 0): number {
    return (this.notional(side, offset + j * unit) - this.notional(side, offset + (j - 1) * unit)) / unit;
  }

  /** Price per lot of a trader's effective cash per lot including the fee: `price * (1 + fee)` for a buy, `price * (1 - fee)` for a sell. */
  withFee(side: Side, price: number): number {
    return side === 'buy' ? price * (1 + this.feeRate) : price * (1 - this.feeRate);
  }

  /**
   * The most lots (a multiple of `unit`, at most `cap`) a trader can take on `side`, after the
   * first `offset` lots of the same trade, such that every block of `unit` lots satisfies
   * `accept(blockPrice)`; `accept` must be monotone along the curve (true for the first blocks,
   * then false). Binary search: O(log(cap / unit)) curve evaluations.
   */
  maxLots(side: Side, cap: number, unit: number, accept: (blockPrice: number) => boolean, offset = 0): number {
    let hiBlocks = Math.floor(cap / unit);
    if (side === 'buy') hiBlocks = Math.min(hiBlocks, Math.floor((this.curve.maxBuy() - offset) / unit));
    if (hiBlocks <= 0) return 0;
    let lo = 0; // blocks known acceptable
    let hi = hiBlocks;
    if (accept(this.blockPrice(side, hi, unit, offset))) return hi * unit;
    // invariant: the first lo blocks are acceptable, block hi is not
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (accept(this.blockPrice(side, mid, unit, offset))) lo = mid;
      else hi = mid;
    }
    return lo * unit;
  }
}

/**
 * Builds the pool of one market from a pool config.
 * @throws VenuelabError (`VL_ERR_CONFIG`) when the curve does not fit the market (LMSR on a
 *   market that is not an event contract, or an opening mid outside (0, 1)).
 */
export function createPool(market: MarketSpec, config: PoolConfig): Pool {
  try {
    if (config.curve === 'lmsr') {
      if (market.kind !== 'probability') {
        throw new RangeError(`LMSR needs an event-contract market (kind 'probability'); market "${market.id}" has kind '${market.kind}'`);
      }
      return new Pool(new LmsrCurve(config.b ?? DEFAULT_LMSR_B, market.openingMid, market.tickSize), config.feeBps);
    }
    return new Pool(new ConstantProductCurve(config.reserveLots ?? DEFAULT_RESERVE_LOTS, openingMidTicks(market)), config.feeBps);
  } catch (e) {
    if (e instanceof VenuelabError) throw e;
    throw new VenuelabError(ErrorCode.Config, `market "${market.id}": ${(e as Error).message}`, { market: market.id });
  }
}
