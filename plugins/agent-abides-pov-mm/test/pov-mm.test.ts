import { describe, expect, it } from 'vitest';
import { runTest } from '@venuelab/testing';
import mm from '../src/index.js';
import { MKT, constTruth, orderRows, seeder, taker, venue } from './helpers.js';

describe('agent-abides-pov-mm', () => {
  it('posts a ladder of numLevels per side around the mid, spaced levelSpacing x window, sized pov x volume', () => {
    const { record } = runTest({
      seed: 2,
      duration: 20_000,
      markets: [MKT],
      truth: { plugin: constTruth, config: { value: 100_000 } },
      venues: [venue],
      agents: [
        { plugin: seeder, id: 'seed', config: { start: 100_000, every: 10 } },
        { plugin: taker, id: 'tk', config: { qty: 400, every: 10 } },
        { plugin: mm, id: 'mm', config: { pov: 0.1, numLevels: 4, levelSpacing: 2, initialSpread: 2, spreadAlpha: 0.75, meanWakeGap: 1000 } },
      ],
    });
    const rows = orderRows(record.orders).filter((r) => r.agent === 'mm');
    const limits = rows.filter((r) => r.action === 'limit');
    expect(limits.length % 8).toBe(0);
    expect(limits.length).toBeGreaterThanOrEqual(8 * 5);
    // the spread is always 2, so the window stays 2: bids 99,999 - 4i and asks 100,001 + 4i
    const bids = new Set(limits.filter((r) => r.side === 'buy').map((r) => r.price));
    const asks = new Set(limits.filter((r) => r.side === 'sell').map((r) => r.price));
    expect([...bids].sort()).toEqual([99_987, 99_991, 99_995, 99_999]);
    expect([...asks].sort()).toEqual([100_001, 100_005, 100_009, 100_013]);
    // 40 lots traded per tick: about 1,000 ticks x 40 lots x 0.1 = 4,000 lots per level after the first wake
    const later = limits.slice(8);
    const mean = later.reduce((s, r) => s + Number(r.qty), 0) / later.length;
    expect(mean).toBeGreaterThan(2000);
    expect(mean).toBeLessThan(8000);
    // each wake after the first cancels the previous ladder
    expect(rows.filter((r) => r.action === 'cancel').length).toBeGreaterThan(0);
  });
});
