import { describe, expect, it } from 'vitest';
import type { MetricRow } from '@venuelab/kernel';
import { buildRecord } from '@venuelab/analysis';
import plugin, { MarkoutMetric, markoutConfigSchema } from '../src/index.js';

// Truth: 100 for t < 3, 102 for 3 <= t < 6, 99 from t = 6 (terminal truth 99).
const fair = (t: number) => (t < 3 ? 100 : t < 6 ? 102 : 99);
const clobMid = [100, 100, 100.5, NaN, 101, 101, 100, 100, 100, 100];
const fbaMid = [101, 101, 101, 101, 101, 101, 100, 100, 100, 100];

/**
 * Four fills: two on a continuous book and an FBA-like batch (id 7) at t = 6 whose two fills share
 * the pre-clear mid 101 and the post-clear mid 100.
 */
function record() {
  return buildRecord({
    duration: 10,
    participants: [
      { id: 'lp', role: 'LP' },
      { id: 'inf', role: 'informed' },
      { id: 'noise', role: 'noise' },
    ],
    truth: Array.from({ length: 10 }, (_, t) => ({ t, fair: fair(t) })),
    mids: [
      ...clobMid.map((mid, t) => ({ t, venue: 'clob', mid })),
      ...fbaMid.map((mid, t) => ({ t, venue: 'fba', mid })),
    ],
    fills: [
      { venue: 'clob', t: 1, price: 100.5, qty: 2, maker: { agent: 'lp', side: 'sell' }, taker: { agent: 'inf', side: 'buy' }, midBefore: 100, midAfter: 100.5 },
      { venue: 'clob', t: 4, price: 101.5, qty: 1, maker: { agent: 'lp', side: 'sell' }, taker: { agent: 'noise', side: 'buy' }, midBefore: 101, midAfter: 101 },
      { venue: 'fba', t: 6, price: 100, qty: 3, maker: { agent: 'lp', side: 'buy' }, taker: { agent: 'inf', side: 'sell' }, midBefore: 101, midAfter: 100, batchId: 7 },
      { venue: 'fba', t: 6, price: 100, qty: 1, maker: { agent: 'noise', side: 'buy' }, taker: { agent: 'inf', side: 'sell' }, midBefore: 101, midAfter: 100, batchId: 7 },
    ],
  });
}

function compute(config: Record<string, unknown> = {}): MetricRow[] {
  return new MarkoutMetric('m', markoutConfigSchema.parse({ horizons: [0, 2], ...config })).compute(record());
}

function value(rows: MetricRow[], metric: string, scope: string, key: string, horizon: number | null): number | undefined {
  const hits = rows.filter((r) => r.metric === metric && r.scope === scope && r.key === key && r.horizon === horizon);
  expect(hits.length).toBeLessThanOrEqual(1);
  return hits[0]?.value;
}

describe('metric-markout: truth markouts', () => {
  const rows = compute();

  it('marks D = 0 against fair at the fill time, not terminal truth', () => {
    // inf bought 2 @ 100.5 at t=1 (fair 100): -1; sold 3 and 1 @ 100 at t=6 (fair 99): +3 and +1.
    expect(value(rows, 'markout_truth', 'agent', 'inf', 0)).toBeCloseTo(3, 12);
    // Against terminal truth (99) the first fill alone would be -3, the total +1: not what we report.
    expect(value(rows, 'markout_truth', 'agent', 'inf', 0)).not.toBeCloseTo(1, 6);
    expect(value(rows, 'markout_truth', 'role', 'LP', 0)).toBeCloseTo(1 - 0.5 - 3, 12);
    expect(value(rows, 'markout_truth', 'role', 'noise', 0)).toBeCloseTo(0.5 - 1, 12);
  });

  it('reads the truth path at t + D', () => {
    // D = 2: fair(3) = 102, fair(6) = 99, fair(8) = 99.
    expect(value(rows, 'markout_truth', 'agent', 'inf', 2)).toBeCloseTo((102 - 100.5) * 2 + 3 + 1, 12);
    expect(value(rows, 'markout_truth', 'agent', 'lp', 2)).toBeCloseTo(-3 + (101.5 - 99) - 3, 12);
    expect(value(rows, 'markout_truth', 'agent', 'noise', 2)).toBeCloseTo(99 - 101.5 - 1, 12);
  });

  it('reports per lot and by liquidity, venue and market', () => {
    expect(value(rows, 'markout_truth_per_lot', 'role', 'LP', 0)).toBeCloseTo(-2.5 / 6, 12);
    expect(value(rows, 'markout_truth_per_lot', 'role', 'informed', 0)).toBeCloseTo(3 / 6, 12);
    expect(value(rows, 'markout_truth_maker', 'all', '', 0)).toBeCloseTo(1 - 0.5 - 3 - 1, 12);
    expect(value(rows, 'markout_truth_taker', 'all', '', 0)).toBeCloseTo(-1 + 0.5 + 3 + 1, 12);
    expect(value(rows, 'markout_truth_maker', 'venue', 'clob', 0)).toBeCloseTo(0.5, 12);
    expect(value(rows, 'markout_truth_maker', 'venue', 'fba', 0)).toBeCloseTo(-4, 12);
    expect(value(rows, 'markout_truth_maker', 'market', 'M', 0)).toBeCloseTo(-3.5, 12);
    expect(value(rows, 'markout_truth_maker', 'role', 'noise', 0)).toBeCloseTo(-1, 12);
    expect(value(rows, 'markout_truth_taker', 'role', 'noise', 0)).toBeCloseTo(0.5, 12);
    expect(value(rows, 'markout_truth_maker', 'role', 'informed', 0)).toBeUndefined();
    // Totals over both legs are zero by construction, so scope all carries only the per-liquidity split.
    expect(value(rows, 'markout_truth', 'all', '', 0)).toBeUndefined();
  });
});

describe('metric-markout: mid markouts', () => {
  const rows = compute();
  it('uses the fill mid_after at D = 0', () => {
    expect(value(rows, 'markout_mid', 'agent', 'noise', 0)).toBeCloseTo(101 - 101.5, 12);
    expect(value(rows, 'markout_mid', 'agent', 'lp', 0)).toBeCloseTo(0.5, 12);
    expect(value(rows, 'markout_mid', 'agent', 'inf', 0)).toBe(0);
  });
  it('uses the mid path at t + D, carrying the last finite mid over an empty side', () => {
    // F0 at t=1 -> t=3 where the clob mid is NaN: the t=2 mid 100.5 is used, markout 0.
    // F1 at t=4 -> t=6, clob mid 100: noise -1.5, lp +1.5. Batch at t=6 -> t=8, fba mid 100: 0.
    expect(value(rows, 'markout_mid', 'agent', 'inf', 2)).toBe(0);
    expect(value(rows, 'markout_mid', 'agent', 'noise', 2)).toBeCloseTo(-1.5, 12);
    expect(value(rows, 'markout_mid', 'agent', 'lp', 2)).toBeCloseTo(1.5, 12);
  });
});

describe('metric-markout: spreads', () => {
  const rows = compute();
  const es = [0.01, 1 / 101, 2 / 101, 2 / 101];
  it('effective spread 2|p - midBefore| / midBefore, quantity-weighted', () => {
    expect(value(rows, 'effective_spread', 'all', '', null)).toBeCloseTo((es[0]! * 2 + es[1]! * 1 + es[2]! * 3 + es[3]! * 1) / 7, 14);
    expect(value(rows, 'effective_spread', 'venue', 'clob', null)).toBeCloseTo((es[0]! * 2 + es[1]!) / 3, 14);
    // Both fills of the batch share one pre-clear mid: the batch's spread is the same for both.
    expect(value(rows, 'effective_spread', 'venue', 'fba', null)).toBeCloseTo(2 / 101, 14);
    expect(value(rows, 'effective_spread', 'role', 'LP', null)).toBeCloseTo((es[0]! * 2 + es[1]! + es[2]! * 3) / 6, 14);
  });
  it('realised spread and price impact from the mid path, summing to the signed effective spread at D = 0', () => {
    // D = 0 uses mid_after; the batch's post-clear mid 100 equals its price: realised 0, impact 2/101.
    expect(value(rows, 'realised_spread', 'venue', 'fba', 0)).toBe(0);
    expect(value(rows, 'price_impact', 'venue', 'fba', 0)).toBeCloseTo(2 / 101, 14);
    expect(value(rows, 'realised_spread', 'venue', 'clob', 0)).toBeCloseTo((0 * 2 + 1 / 101) / 3, 14);
    expect(value(rows, 'price_impact', 'venue', 'clob', 0)).toBeCloseTo((0.01 * 2 + 0) / 3, 14);
    // D = 2: F0 reads 100.5 (carried), F1 reads 100.
    expect(value(rows, 'realised_spread', 'venue', 'clob', 2)).toBeCloseTo((0 * 2 + 3 / 101) / 3, 14);
    expect(value(rows, 'price_impact', 'venue', 'clob', 2)).toBeCloseTo((0.01 * 2 - 2 / 101) / 3, 14);
    expect(value(rows, 'price_impact', 'all', '', 2)).toBeCloseTo((0.01 * 2 - 2 / 101 + (2 / 101) * 4) / 7, 14);
  });
});

describe('metric-markout: config', () => {
  it('limits bases, scopes and spreads', () => {
    const rows = compute({ bases: ['truth'], scopes: ['role'], spreads: false });
    expect(new Set(rows.map((r) => r.scope))).toEqual(new Set(['role']));
    expect(rows.some((r) => r.metric.startsWith('markout_mid') || r.metric.includes('spread'))).toBe(false);
  });
  it('emits no row for a record without fills', () => {
    const empty = buildRecord({ duration: 5, participants: [{ id: 'a', role: 'x' }], truth: [{ t: 0, fair: 1 }] });
    expect(new MarkoutMetric('m', markoutConfigSchema.parse({})).compute(empty)).toEqual([]);
  });
  it('rejects unknown keys and bad horizons', () => {
    expect(plugin.configSchema.safeParse({ horizon: [1] }).success).toBe(false);
    expect(plugin.configSchema.safeParse({ horizons: [-1] }).success).toBe(false);
    expect(plugin.configSchema.safeParse({}).success).toBe(true);
  });
});
