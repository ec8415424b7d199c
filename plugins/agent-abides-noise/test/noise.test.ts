import { describe, expect, it } from 'vitest';
import { runTest } from '@venuelab/testing';
import noise from '../src/index.js';
import { MKT, constTruth, orderRows, seeder, venue } from './helpers.js';

describe('agent-abides-noise', () => {
  it('sends exactly one limit order at the touch per agent, at U-quadratic times', () => {
    const duration = 20_000;
    const { record } = runTest({
      seed: 3,
      duration,
      markets: [MKT],
      truth: { plugin: constTruth, config: { value: 100_000 } },
      venues: [venue],
      agents: [
        { plugin: seeder, id: 'seed', config: { start: 100_000 } },
        { plugin: noise, id: 'n', count: 400, config: { wakeFrom: 10 } },
      ],
    });
    const rows = orderRows(record.orders).filter((r) => String(r.agent).startsWith('n-'));
    expect(rows.length).toBe(400);
    expect(new Set(rows.map((r) => r.agent)).size).toBe(400);
    let buys = 0;
    let ends = 0;
    for (const r of rows) {
      expect(r.action).toBe('limit');
      expect(r.price).toBe(r.side === 'buy' ? 100_001 : 99_999);
      expect(r.status).toBe('filled');
      if (r.side === 'buy') buys++;
      const t = Number(r.t);
      expect(t).toBeGreaterThanOrEqual(10);
      if (t < 10 + (duration - 11) / 4 || t > 10 + (3 * (duration - 11)) / 4) ends++;
    }
    // 50/50 sides; U-quadratic puts 7/8 of the mass in the outer quarters
    expect(Math.abs(buys / 400 - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / 400));
    expect(Math.abs(ends / 400 - 0.875)).toBeLessThan(4 * Math.sqrt((0.875 * 0.125) / 400));
  });

  it('does nothing against an empty book', () => {
    const { record } = runTest({
      seed: 1,
      duration: 1000,
      markets: [MKT],
      truth: { plugin: constTruth, config: { value: 100_000 } },
      venues: [venue],
      agents: [{ plugin: noise, id: 'n', count: 20 }],
    });
    expect(orderRows(record.orders).length).toBe(0);
  });
});
