import { describe, expect, it } from 'vitest';
import { runTest } from '@venuelab/testing';
import value from '../src/index.js';
import { MKT, constTruth, orderRows, seeder, venue } from './helpers.js';

const run = (fundamental: number, percentAggr = 0.1) =>
  orderRows(
    runTest({
      seed: 7,
      duration: 50_000,
      markets: [MKT],
      truth: { plugin: constTruth, config: { value: fundamental } },
      venues: [venue],
      agents: [
        { plugin: seeder, id: 'seed', config: { start: 100_000, every: 1000 } },
        // one agent (it cancels its own order before it reads the book), r_bar = fundamental, precise observations
        { plugin: value, id: 'v', count: 1, config: { rBar: fundamental, meanWakeGap: 50, sigmaN: 1, percentAggr } },
      ],
    }).record.orders,
  ).filter((r) => r.agent === 'v');

describe('agent-abides-value', () => {
  it('buys when the fundamental is above the mid and sells when it is below', () => {
    const up = run(101_000).filter((r) => r.action === 'limit');
    const down = run(99_000).filter((r) => r.action === 'limit');
    expect(up.length).toBeGreaterThan(500);
    expect(up.every((r) => r.side === 'buy')).toBe(true);
    expect(down.every((r) => r.side === 'sell')).toBe(true);
  });

  it('prices at ask - adjust (0 <= adjust < 2 x spread), marketable with probability percentAggr, and cancels its live orders at each wake', () => {
    const rows = run(101_000, 0.3);
    const limits = rows.filter((r) => r.action === 'limit');
    let atAsk = 0;
    for (const r of limits) {
      // the touch is 99,999 / 100,001 (spread 2) while the seeder is quoting
      expect(Number(r.price)).toBeLessThanOrEqual(100_001);
      expect(Number(r.price)).toBeGreaterThan(100_001 - 4);
      if (r.price === 100_001) atAsk++;
    }
    // P(at the ask) = 0.3 + 0.7 x 1/4 = 0.475
    expect(Math.abs(atAsk / limits.length - 0.475)).toBeLessThan(4 * Math.sqrt((0.475 * 0.525) / limits.length));
    const cancels = rows.filter((r) => r.action === 'cancel');
    expect(cancels.length).toBeGreaterThan(0);
    expect(cancels.length).toBeLessThan(limits.length);
  });
});
