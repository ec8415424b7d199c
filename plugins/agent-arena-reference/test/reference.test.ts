import { describe, it, expect } from 'vitest';
import type { MarketSpec } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import rw from '@venuelab/plugin-truth-random-walk';
import noise from '@venuelab/plugin-agent-noise';
import type { BookState } from '@venuelab/plugin-agent-arena-strategy';
import reference, { referenceBookQuotes, referenceShape } from '../src/index.js';

const spec: MarketSpec = { id: 'A', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const params = { targetSpread: 4, inventorySkew: 0.5, maxInventoryShare: 0.3, minEdge: 1, imbalanceSkew: 0.5, baselineVol: 1, depths: [1], depthWeights: [1], capital: 200_000, qty: 1, fair: 'microprice' as const };
const book = (o: Partial<BookState>): BookState => ({
  venue: 'v', market: 'A', spec, t: 0, increment: 1, bestBid: 9_990, bestAsk: 10_010, bidQty: 9, askQty: 3,
  mid: 10_000, last: NaN, bids: [{ price: 9_990, qty: 9 }], asks: [{ price: 10_010, qty: 3 }], inventory: 0, cash: 0, ownBidQty: 0, ownAskQty: 0, ...o,
});

describe('reference (imbalance / microprice) maker', () => {
  it('centres on the microprice moved by imbalance, hand-computed', () => {
    // microprice (9990 * 3 + 10010 * 9) / 12 = 10005; imbalance (9 - 3) / 12 = 0.5; half 2 (sigma 0)
    // centre 10005 + 0.5 * 0.5 * 2 = 10005.5; bid min(10003.5, 10004) ; ask max(10007.5, 10006)
    const q = referenceBookQuotes(book({}), 10_000, 0, params);
    expect(q.fairValue).toBe(10_005);
    expect(q.imbalance).toBe(0.5);
    expect(q.bid).toBe(10_003.5);
    expect(q.ask).toBe(10_007.5);
    // cap floor(0.3 * 200000 / 10000) = 6 lots
    expect(q.maxInventory).toBe(6);
  });

  it('skews against inventory, drops the side at the cap and never crosses the observed book', () => {
    const long = referenceBookQuotes(book({ inventory: 3 }), 10_000, 0, params);
    const flat = referenceBookQuotes(book({}), 10_000, 0, params);
    expect(long.center).toBeLessThan(flat.center);
    const full = referenceBookQuotes(book({ inventory: 6 }), 10_000, 0, params);
    expect(Number.isNaN(full.bid)).toBe(true);
    expect(Number.isFinite(full.ask)).toBe(true);
    // a tight book: the bid would reach the ask, so it is pulled one increment inside
    const tight = referenceBookQuotes(book({ bestBid: 10_000, bestAsk: 10_001, bids: [{ price: 10_000, qty: 30 }], asks: [{ price: 10_001, qty: 1 }], bidQty: 30, askQty: 1 }), 10_000, 0, { ...params, imbalanceSkew: 3 });
    expect(tight.bid).toBeLessThanOrEqual(10_000);
    expect(tight.ask).toBeGreaterThanOrEqual(10_001);
  });

  it('in a run: quotes every book as maker within the inventory cap; the config carries the four competition parameters', () => {
    for (const k of ['targetSpread', 'inventorySkew', 'maxInventoryShare', 'minEdge']) expect(k in referenceShape).toBe(true);
    const markets = ['A', 'B', 'C'].map((id) => ({ ...spec, id }));
    const out = runTest({
      seed: 8,
      duration: 2000,
      markets,
      truth: { plugin: rw, config: { q: 1e-8 } },
      venues: [{ plugin: clob }],
      agents: [
        ...markets.map((m) => ({ plugin: noise, id: `noise-${m.id}`, count: 4, config: { market: m.id, arrivalRatePerUnit: 0.05, marketShare: 0.4, minOffset: 0, maxOffset: 4, orderLifetime: 50 } })),
        { plugin: reference, id: 'ref', config: { cadence: 5, targetSpread: 2, minEdge: 0.5, capital: 100_000 } },
      ],
    });
    const tr = out.record.trades;
    const inv = new Map<string, number>();
    for (let i = 0; i < (tr.agent as string[]).length; i++) {
      if ((tr.agent as string[])[i] !== 'ref') continue;
      expect((tr.liquidity as string[])[i]).toBe('maker');
      const m = (tr.market as string[])[i]!;
      const q = (inv.get(m) ?? 0) + ((tr.side as string[])[i] === 'buy' ? 1 : -1) * (tr.qty as number[])[i]!;
      inv.set(m, q);
      // cap floor(0.3 * 100000 / s) = 3 lots near 100.00 (s within a few percent of 10,000)
      expect(Math.abs(q)).toBeLessThanOrEqual(3);
    }
    expect(inv.size).toBe(3);
  });
});
