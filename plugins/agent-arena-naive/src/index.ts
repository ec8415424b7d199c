/**
 * `@venuelab/plugin-agent-arena-naive`: the naive symmetric maker of the arena. On every book it
 * quotes `qty` lots at `mid - halfSpread` and `mid + halfSpread` (the mid of the book without its
 * own orders, else the last trade, else the opening mid), with no signal, no skew and only a hard
 * inventory cap. The baseline the reference maker is scored against. Role `arena`.
 * @packageDocumentation
 */
import { z, openingMidTicks } from '@venuelab/kernel';
import { defineArenaStrategy, type ArenaOrder } from '@venuelab/plugin-agent-arena-strategy';

/** The naive maker's own config fields. */
export const naiveShape = {
  halfSpread: z.number().positive().finite().default(2).describe('distance in price ticks of each quote from the mid'),
  qty: z.number().int().positive().default(1).describe('lots per quote'),
  maxInventory: z.number().int().positive().default(20).describe('largest absolute inventory per book in lots; the side that would exceed it is not quoted'),
};

/** Symmetric quotes of one book: `[mid - h, mid + h]` (either side dropped at the inventory cap). */
export function naiveQuotes(mid: number, halfSpread: number, inventory: number, qty: number, maxInventory: number): { bid: number; ask: number } {
  return {
    bid: inventory + qty <= maxInventory ? mid - halfSpread : NaN,
    ask: inventory - qty >= -maxInventory ? mid + halfSpread : NaN,
  };
}

/** The naive symmetric maker plugin. */
export default defineArenaStrategy({
  id: 'agent-arena-naive',
  version: '0.1.0',
  description: 'arena naive maker: symmetric fixed-spread quotes around the mid of every book, hard inventory cap',
  shape: naiveShape,
  create(c) {
    const lastMid = new Map<string, number>();
    return {
      onBooks(states) {
        const out: ArenaOrder[] = [];
        for (const b of states) {
          const ref = Number.isFinite(b.mid) ? b.mid : Number.isFinite(b.last) ? b.last : (lastMid.get(b.market) ?? openingMidTicks(b.spec));
          lastMid.set(b.market, ref);
          const q = naiveQuotes(ref, c.halfSpread, b.inventory, c.qty, c.maxInventory);
          if (Number.isFinite(q.bid)) out.push({ kind: 'quote', market: b.market, side: 'buy', price: q.bid, qty: c.qty });
          if (Number.isFinite(q.ask)) out.push({ kind: 'quote', market: b.market, side: 'sell', price: q.ask, qty: c.qty });
        }
        return out;
      },
    };
  },
});
