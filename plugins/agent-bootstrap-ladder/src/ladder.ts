/**
 * The ladder's price levels, as a pure function.
 * @module
 */
import type { Side } from '@venuelab/kernel';
import { askOnGrid, bidOnGrid, type PriceGrid } from '@venuelab/estimators';

/** One level of the ladder. */
export interface LadderLevel {
  /** Side. */
  side: Side;
  /** Price in price ticks. */
  price: number;
}

/**
 * Levels `i = 0 .. levels - 1`: bids at `center - firstOffset - i * spacing` rounded down onto the
 * grid, asks at `center + firstOffset + i * spacing` rounded up; levels off the grid's range and
 * duplicates (spacing finer than the grid) are dropped. Bids are listed best first, then asks best
 * first; every bid is below every ask.
 */
export function ladderLevels(center: number, levels: number, spacing: number, firstOffset: number, grid: PriceGrid): LadderLevel[] {
  const out: LadderLevel[] = [];
  const seen = new Set<string>();
  const add = (side: Side, price: number) => {
    const key = `${side}:${price}`;
    if (price === price && !seen.has(key)) {
      seen.add(key);
      out.push({ side, price });
    }
  };
  for (let i = 0; i < levels; i++) add('buy', bidOnGrid(grid, center - firstOffset - i * spacing));
  for (let i = 0; i < levels; i++) add('sell', askOnGrid(grid, center + firstOffset + i * spacing));
  // With firstOffset 0 and a centre on the grid, the first bid and ask coincide: drop that ask.
  const bestBid = Math.max(...out.filter((l) => l.side === 'buy').map((l) => l.price));
  return out.filter((l) => l.side === 'buy' || l.price > bestBid);
}
