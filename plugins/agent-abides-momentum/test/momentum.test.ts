import { describe, expect, it } from 'vitest';
import { runTest } from '@venuelab/testing';
import momentum, { abidesMomentumConfigSchema } from '../src/index.js';
import { MKT, constTruth, orderRows, seeder, venue } from './helpers.js';

const run = (drift: number) =>
  runTest({
    seed: 5,
    duration: 30_000,
    markets: [MKT],
    truth: { plugin: constTruth, config: { value: 100_000 } },
    venues: [venue],
    agents: [
      { plugin: seeder, id: 'seed', config: { start: 100_000, drift, every: 10 } },
      { plugin: momentum, id: 'm', count: 4, config: { meanWakeGap: 100 } },
    ],
  }).record;

describe('agent-abides-momentum', () => {
  it('buys at the ask in a rising market and sells at the bid in a falling one, only after 50 mid samples', () => {
    for (const [drift, side] of [
      [0.01, 'buy'],
      [-0.01, 'sell'],
    ] as const) {
      const rows = orderRows(run(drift).orders).filter((r) => String(r.agent).startsWith('m-'));
      expect(rows.length).toBeGreaterThan(4 * 100);
      for (const r of rows) expect(r.side).toBe(side);
      const byAgent = new Map<string, number>();
      for (const r of rows) byAgent.set(String(r.agent), Math.min(byAgent.get(String(r.agent)) ?? Infinity, Number(r.t)));
      // 50 wakes at a mean gap of 100 ticks take about 5,000 ticks; the first order cannot come before the 50th wake
      for (const first of byAgent.values()) expect(first).toBeGreaterThan(2500);
    }
  });

  it('rejects a short window that is not shorter than the long one', () => {
    expect(abidesMomentumConfigSchema.safeParse({ shortWindow: 50, longWindow: 50 }).success).toBe(false);
  });
});
