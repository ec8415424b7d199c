import { describe, it, expect } from 'vitest';
import type { MarketSpec } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import rw from '@venuelab/plugin-truth-random-walk';
import noise from '@venuelab/plugin-agent-noise';
import naive, { naiveQuotes } from '../src/index.js';

const markets: MarketSpec[] = ['A', 'B'].map((id) => ({ id, tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' }));
const crowd = markets.map((m) => ({ plugin: noise, id: `noise-${m.id}`, count: 4, config: { market: m.id, arrivalRatePerUnit: 0.05, marketShare: 0.4, minOffset: 0, maxOffset: 4, orderLifetime: 50 } }));

describe('naive symmetric maker', () => {
  it('quotes mid -/+ halfSpread and drops the side at the inventory cap', () => {
    expect(naiveQuotes(10_000, 2, 0, 1, 5)).toEqual({ bid: 9_998, ask: 10_002 });
    expect(naiveQuotes(10_000.5, 3, 5, 1, 5)).toEqual({ bid: NaN, ask: 10_003.5 });
    expect(naiveQuotes(10_000, 3, -5, 1, 5)).toEqual({ bid: 9_997, ask: NaN });
  });

  it('in a run: makes markets on every book, only as maker, never beyond the cap', () => {
    const out = runTest({
      seed: 5,
      duration: 2000,
      markets,
      truth: { plugin: rw, config: { q: 1e-8 } },
      venues: [{ plugin: clob }],
      agents: [...crowd, { plugin: naive, id: 'naive', config: { cadence: 5, halfSpread: 1, maxInventory: 3 } }],
    });
    const tr = out.record.trades;
    const inv = new Map<string, number>();
    let legs = 0;
    for (let i = 0; i < (tr.agent as string[]).length; i++) {
      if ((tr.agent as string[])[i] !== 'naive') continue;
      legs++;
      expect((tr.liquidity as string[])[i]).toBe('maker');
      const m = (tr.market as string[])[i]!;
      const q = (inv.get(m) ?? 0) + ((tr.side as string[])[i] === 'buy' ? 1 : -1) * (tr.qty as number[])[i]!;
      inv.set(m, q);
      expect(Math.abs(q)).toBeLessThanOrEqual(3);
    }
    expect(legs).toBeGreaterThan(20);
    expect(inv.size).toBe(2);
  });
});
