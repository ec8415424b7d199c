import { describe, it, expect } from 'vitest';
import type { RunRecord } from '@venuelab/kernel';
import metric, { arenaScoreRows, arenaScoreConfigSchema, bookPaths, inventoryUtilisation, sampleTicks } from '../src/index.js';

/** A hand-made record: agent `mm` trades two books, truth sampled every 10 ticks. */
function record(): RunRecord {
  const legs = [
    // t, agent, market, side, price, qty, fee
    [5, 'mm', 'A', 'buy', 100, 2, 1],
    [15, 'mm', 'A', 'sell', 104, 1, 0],
    [15, 'x', 'A', 'buy', 104, 1, 0],
    [25, 'mm', 'B', 'sell', 50, 3, -1],
  ] as const;
  const truth = { t: [] as number[], market: [] as string[], latent: [] as number[], fair: [] as number[] };
  for (let t = 0; t <= 30; t += 10) {
    truth.t.push(t, t);
    truth.market.push('A', 'B');
    truth.latent.push(0, 0);
    truth.fair.push(100 + t / 10, 50 - t / 10);
  }
  return {
    runId: 'r',
    seed: 1,
    duration: 30,
    markets: [
      { id: 'A', tickSize: 1, lotSize: 1, openingMid: 100, kind: 'price' },
      { id: 'B', tickSize: 1, lotSize: 1, openingMid: 50, kind: 'price' },
    ],
    participants: [
      { id: 'mm', role: 'arena', plugin: 't' },
      { id: 'x', role: 'noise', plugin: 't' },
    ],
    venues: [{ id: 'v', plugin: 't', mechanism: 'continuous' }],
    trades: {
      t: legs.map((l) => l[0]),
      agent: legs.map((l) => l[1]),
      market: legs.map((l) => l[2]),
      side: legs.map((l) => l[3]),
      price: legs.map((l) => l[4]),
      qty: legs.map((l) => l[5]),
      fee: legs.map((l) => l[6]),
    },
    orders: {},
    mids: { t: [], venue: [], market: [], best_bid: [], best_ask: [], mid: [] },
    truth,
    stats: { events: 0, fills: 0, messages: 0, wallMs: 0 },
  };
}

describe('per-book PnL paths from a run record', () => {
  it('samples cash + inventory x truth mark on the interval grid', () => {
    expect(sampleTicks(30, 10)).toEqual([0, 10, 20, 30]);
    expect(sampleTicks(25, 10)).toEqual([0, 10, 20, 25]);
    const [a, b] = bookPaths(record(), 'mm', 10, 'truth');
    // A: t=5 buy 2 @100 fee 1 -> cash -201, q 2; t=15 sell 1 @104 -> cash -97, q 1; marks 100,101,102,103
    expect(a!.pnl).toEqual([0, -201 + 2 * 101, -97 + 102, -97 + 103]);
    expect(a!.inventory).toEqual([0, 2, 1, 1]);
    expect(a!.volume).toBe(3);
    // B: t=25 sell 3 @50 rebate 1 -> cash 151, q -3; mark at 30 is 47
    expect(b!.pnl).toEqual([0, 0, 0, 151 - 3 * 47]);
    expect(b!.volume).toBe(3);
  });

  it('inventory utilisation: mean |q| x mark over capital', () => {
    const paths = bookPaths(record(), 'mm', 10, 'truth');
    // A: |q| * m at 10, 20, 30 = 202, 102, 103; B: 0, 0, 141 -> (407 / 3 + 141 / 3) / 2 / 1000
    expect(inventoryUtilisation(paths, 1000)).toBeCloseTo((407 / 3 + 141 / 3) / 2 / 1000, 12);
  });

  it('emits agent and per-book rows for the scored roles only', () => {
    const c = arenaScoreConfigSchema.parse({ interval: 10, referenceVolume: 100 });
    const rows = arenaScoreRows(record(), c);
    const keys = new Set(rows.map((r) => r.key));
    expect(keys.has('mm')).toBe(true);
    expect(keys.has('x')).toBe(false);
    const get = (m: string, k = 'mm') => rows.find((r) => r.metric === m && r.key === k)!.value;
    // reference volume 100 lots per 1000 ticks over 30 ticks = 3 lots: both books have activity 1
    expect(get('arena_activity')).toBe(1);
    // A increments 1, 4, 1 -> mean 2, sd sqrt(3); B increments 0, 0, 10 -> mean 10/3, sd sqrt(100/3)
    const sA = 2 / Math.sqrt(3);
    const sB = 10 / 3 / Math.sqrt(100 / 3);
    expect(get('arena_book_sharpe', 'mm@A')).toBeCloseTo(sA, 12);
    expect(get('arena_book_sharpe', 'mm@B')).toBeCloseTo(sB, 12);
    expect(get('arena_score')).toBeCloseTo((sA + sB) / 2 - get('arena_outlier_penalty'), 12);
    expect(get('arena_pnl')).toBe(6 + 10);
    expect(get('arena_win_rate')).toBe(1);
    expect(rows.every((r) => Number.isFinite(r.value))).toBe(true);
    expect(metric.configSchema.safeParse({ bogus: 1 }).success).toBe(false);
  });
});
