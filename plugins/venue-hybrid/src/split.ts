/**
 * Splitting a marketable order between a limit order book and a pool so that marginal prices meet.
 *
 * The walk takes, lot block by lot block, whichever source is cheaper for the taker, comparing
 * effective prices that include each source's taker fee (`price * (1 + fee)` for a buy,
 * `price * (1 - fee)` for a sell). Instead of stepping one block at a time it solves, for each
 * book level, for the pool quantity that brings the pool's next-block price up to the level
 * (binary search on the curve), then takes the level; ties go to the book (resting orders first).
 * Both sources have non-decreasing marginal cost, so the result is the cheapest way to fill the
 * quantity from the two together: the taker never pays more than on either source alone. A limit
 * price (and a self-trade stop) bounds both sources on the price before fees, as on the CLOB.
 * @module
 */
import type { BookLevel, Side } from '@venuelab/kernel';
import type { Pool } from '@venuelab/plugin-venue-amm';

/** What to split. */
export interface SplitRequest {
  /** Taker side. */
  side: Side;
  /** Lots wanted (a multiple of `unit`). */
  qty: number;
  /** Limit price in ticks (before fees); `Infinity` for a market buy, `-Infinity` for a market sell. */
  limit: number;
  /** Opposite-side book levels available to this taker, best first (`level(i)` is undefined past the last). */
  level: (i: number) => BookLevel | undefined;
  /** The pool. */
  pool: Pool;
  /** Lot block the pool trades in (the venue's lot size). */
  unit: number;
  /** Taker fee of the book in basis points of notional. */
  bookTakerFeeBps: number;
  /**
   * Self-trade stop: neither source may trade at this price or beyond it (for a buy, prices must be
   * strictly below it; for a sell strictly above). Default: none.
   */
  stop?: number;
}

/** The planned split. */
export interface Split {
  /** Lots to take from the book (walking its levels best first). */
  bookQty: number;
  /** Lots to take from the pool (one trade). */
  poolQty: number;
  /** Price of the worst book level the book leg reaches (NaN when `bookQty` is 0). */
  worstBookPrice: number;
  /** Price (before the fee) of the last pool block taken (NaN when `poolQty` is 0). */
  lastPoolBlockPrice: number;
}

/** Plans the split of a marketable order between a book and a pool. Pure: changes neither. */
export function planSplit(r: SplitRequest): Split {
  const { side, qty, limit, pool, unit } = r;
  const buy = side === 'buy';
  const ft = r.bookTakerFeeBps / 1e4;
  const bookEff = (p: number) => (buy ? p * (1 + ft) : p * (1 - ft));
  const stop = r.stop ?? (buy ? Infinity : -Infinity);
  const withinLimit = (p: number) => (buy ? p <= limit && p < stop : p >= limit && p > stop);
  let remaining = qty;
  let bookQty = 0;
  let poolQty = 0;
  let worstBookPrice = NaN;
  for (let i = 0; remaining > 0; i++) {
    const lvl = r.level(i);
    if (!lvl || !withinLimit(lvl.price)) break;
    if (lvl.qty <= 0) continue;
    const threshold = bookEff(lvl.price);
    // pool blocks strictly cheaper (for the taker) than this level, and within the limit
    const n = pool.maxLots(
      side,
      remaining,
      unit,
      (b) => withinLimit(b) && (buy ? pool.withFee(side, b) < threshold : pool.withFee(side, b) > threshold),
      poolQty,
    );
    poolQty += n;
    remaining -= n;
    if (remaining === 0) break;
    const take = lvl.qty < remaining ? lvl.qty : remaining;
    bookQty += take;
    remaining -= take;
    worstBookPrice = lvl.price;
  }
  if (remaining > 0) {
    const n = pool.maxLots(side, remaining, unit, withinLimit, poolQty);
    poolQty += n;
  }
  const lastPoolBlockPrice = poolQty > 0 ? pool.blockPrice(side, poolQty / unit, unit) : NaN;
  return { bookQty, poolQty, worstBookPrice, lastPoolBlockPrice };
}
