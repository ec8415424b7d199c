import { describe, expect, it } from 'vitest';
import type { MetricRow } from '@venuelab/kernel';
import { buildRecord } from '@venuelab/analysis';
import plugin, { ExtractionMetric, extractionConfigSchema, findRaces } from '../src/index.js';

// Truth: 100, 110 from t = 5 (a move), 100 again from t = 10 (a move).
const fair = (t: number) => (t < 5 ? 100 : t < 10 ? 110 : 100);

function record() {
  return buildRecord({
    duration: 15,
    participants: [
      { id: 'lp', role: 'LP' },
      { id: 'lp2', role: 'LP' },
      { id: 'inf', role: 'informed' },
      { id: 'noise', role: 'noise' },
      { id: 'pool', role: 'pool' },
    ],
    truth: Array.from({ length: 15 }, (_, t) => ({ t, fair: fair(t) })),
    orders: [
      { t: 0, arrivedAt: 0, venue: 'clob', agent: 'lp', action: 'limit', orderId: 1, side: 'sell', price: 101, qty: 2 },
      { t: 0, arrivedAt: 1, venue: 'clob', agent: 'lp2', action: 'limit', orderId: 2, side: 'sell', price: 102, qty: 1 },
      // Already below fair (100) before the first move: the moves did not make it stale, no race.
      { t: 1, arrivedAt: 1, venue: 'clob', agent: 'noise', action: 'limit', orderId: 10, side: 'sell', price: 95, qty: 1 },
      { t: 2, arrivedAt: 2, venue: 'clob', agent: 'noise', action: 'limit', orderId: 3, side: 'buy', price: 99, qty: 1 },
      { t: 3, arrivedAt: 3, venue: 'clob', agent: 'noise', action: 'limit', orderId: 4, side: 'sell', price: 108, qty: 3 },
      { t: 5, arrivedAt: 5, venue: 'clob', agent: 'lp2', action: 'cancel', orderId: 2 },
      { t: 5, arrivedAt: 6, venue: 'clob', agent: 'inf', action: 'market', orderId: 6, side: 'buy', qty: 2, status: 'filled', filledQty: 2 },
      { t: 5, arrivedAt: 7, venue: 'clob', agent: 'lp', action: 'cancel', orderId: 1, status: 'rejected', reason: 'VL_REJECT_UNKNOWN_ORDER' },
      { t: 7, arrivedAt: 8, venue: 'clob', agent: 'lp', action: 'limit', orderId: 5, side: 'buy', price: 109, qty: 1 },
      { t: 11, arrivedAt: 12, venue: 'clob', agent: 'noise', action: 'market', orderId: 8, side: 'sell', qty: 1, status: 'filled', filledQty: 1 },
      { t: 11, arrivedAt: 13, venue: 'clob', agent: 'lp', action: 'limit', orderId: 7, side: 'buy', price: 98, qty: 1 },
    ],
    fills: [
      { venue: 'clob', t: 6, price: 101, qty: 2, maker: { agent: 'lp', side: 'sell', orderId: 1, submittedAt: 0 }, taker: { agent: 'inf', side: 'buy', orderId: 6, submittedAt: 5 } },
      { venue: 'clob', t: 12, price: 109, qty: 1, maker: { agent: 'lp', side: 'buy', orderId: 5, submittedAt: 7 }, taker: { agent: 'noise', side: 'sell', orderId: 8, submittedAt: 11 } },
      { venue: 'amm', t: 13, price: 105, qty: 1, maker: { agent: 'pool', side: 'sell' }, taker: { agent: 'inf', side: 'buy', orderId: 9, submittedAt: 13 } },
    ],
  });
}

function compute(config: Record<string, unknown> = {}): MetricRow[] {
  return new ExtractionMetric('x', extractionConfigSchema.parse({ moveThreshold: 5, horizons: [0, 5], ...config })).compute(record());
}

function value(rows: MetricRow[], metric: string, scope: string, key: string, horizon: number | null = null): number | undefined {
  const hits = rows.filter((r) => r.metric === metric && r.scope === scope && r.key === key && r.horizon === horizon);
  expect(hits.length).toBeLessThanOrEqual(1);
  return hits[0]?.value;
}

describe('metric-extraction: LP loss, informed gain, transfer share', () => {
  const rows = compute();
  it('sums truth markouts at fill time by LP, informed and other roles', () => {
    // LP: -18 (sold 2 @ 101, fair 110) - 9 (bought @ 109, fair 100) + 5 (pool sold @ 105, fair 100).
    expect(value(rows, 'extraction_lp_markout', 'all', '', 0)).toBeCloseTo(-22, 12);
    expect(value(rows, 'extraction_informed_markout', 'all', '', 0)).toBeCloseTo(13, 12);
    expect(value(rows, 'extraction_other_markout', 'all', '', 0)).toBeCloseTo(9, 12);
    expect(value(rows, 'extraction_transfer_share', 'all', '', 0)).toBeCloseTo(13 / 22, 12);
    expect(value(rows, 'extraction_transfer_share', 'venue', 'clob', 0)).toBeCloseTo(18 / 27, 12);
    // On the pool venue the LP gained: no transfer share.
    expect(value(rows, 'extraction_lp_markout', 'venue', 'amm', 0)).toBeCloseTo(5, 12);
    expect(value(rows, 'extraction_transfer_share', 'venue', 'amm', 0)).toBeUndefined();
  });
  it('at a horizon reads truth at t + D', () => {
    // D = 5: the first fill is marked at fair(11) = 100: LP +2, informed -2.
    expect(value(rows, 'extraction_lp_markout', 'all', '', 5)).toBeCloseTo(2 - 9 + 5, 12);
    expect(value(rows, 'extraction_informed_markout', 'all', '', 5)).toBeCloseTo(-2 - 5, 12);
  });
  it('takes the LP and informed roles from the config', () => {
    const r = compute({ lpRoles: ['LP'], informedRoles: ['informed', 'noise'], races: false });
    expect(value(r, 'extraction_lp_markout', 'all', '', 0)).toBeCloseTo(-27, 12);
    expect(value(r, 'extraction_informed_markout', 'all', '', 0)).toBeCloseTo(22, 12);
    expect(value(r, 'extraction_other_markout', 'all', '', 0)).toBeCloseTo(5, 12);
    expect(r.some((x) => x.metric.startsWith('race'))).toBe(false);
    expect(plugin.configSchema.safeParse({ lpRoles: ['LP'], informedRoles: ['LP'] }).success).toBe(false);
  });
});

describe('metric-extraction: latency races', () => {
  it('classifies each stale quote at each truth move', () => {
    const races = findRaces(record(), 5, 0);
    const brief = races.map((r) => [r.t, r.orderId, r.outcome, r.value]);
    expect(brief).toEqual([
      [5, 1, 'lost', 18], // hit at 6 before lp's first requote arrived at 8
      [5, 2, 'won', 0], // lp2's cancel arrived at 5
      [5, 4, 'unresolved', 0], // noise never responded before the next move
      [10, 5, 'lost', 9], // hit at 12 before lp's requote arrived at 13
    ]);
  });
  it('reports counts, loss rate and value taken by owner role, agent and venue', () => {
    const rows = compute();
    expect(value(rows, 'race_stale_quotes', 'all', '')).toBe(4);
    expect(value(rows, 'races_lost', 'all', '')).toBe(2);
    expect(value(rows, 'races_won', 'all', '')).toBe(1);
    expect(value(rows, 'races_unresolved', 'all', '')).toBe(1);
    expect(value(rows, 'race_value_taken', 'all', '')).toBe(27);
    expect(value(rows, 'race_loss_rate', 'role', 'LP')).toBeCloseTo(2 / 3, 14);
    expect(value(rows, 'race_loss_rate', 'role', 'noise')).toBeUndefined();
    expect(value(rows, 'races_won', 'agent', 'lp2')).toBe(1);
    expect(value(rows, 'race_value_taken', 'venue', 'clob')).toBe(27);
  });
  it('a margin applies before and after the move', () => {
    // margin 5 at t = 5 (100 -> 110): asks below 105 are stale after; the ask at 95 was not below
    // 100 - 5 before, so this move made it stale. The ask at 108 is not 5 below 110.
    // At t = 10 (110 -> 100): the bid at 109 is above 105, and was not above 115 before.
    expect(findRaces(record(), 5, 5).map((r) => r.orderId)).toEqual([1, 2, 10, 5]);
  });
});
