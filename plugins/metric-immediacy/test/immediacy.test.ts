import { describe, expect, it } from 'vitest';
import type { MetricRow } from '@venuelab/kernel';
import { buildRecord } from '@venuelab/analysis';
import plugin, { ImmediacyMetric, immediacyConfigSchema, quantileName } from '../src/index.js';

const clobMid = [100, 100, 101, 101, NaN, 102, 102, 102, 102, 102];
const fbaMid = [100, 100, 100, 100, 100, 100, 101, 101, 99, 99];

function record() {
  return buildRecord({
    duration: 10,
    participants: [
      { id: 'lp', role: 'LP' },
      { id: 'a', role: 'noise' },
      { id: 'b', role: 'noise' },
    ],
    truth: Array.from({ length: 10 }, (_, t) => ({ t, fair: 100 })),
    mids: [...clobMid.map((mid, t) => ({ t, venue: 'clob', mid })), ...fbaMid.map((mid, t) => ({ t, venue: 'fba', mid }))],
    fills: [
      { venue: 'clob', t: 2, price: 101.5, qty: 2, maker: { agent: 'lp', side: 'sell', orderId: 1, submittedAt: 0 }, taker: { agent: 'a', side: 'buy', orderId: 2, submittedAt: 1 } },
      { venue: 'clob', t: 5, price: 101, qty: 1, maker: { agent: 'lp', side: 'sell', orderId: 1, submittedAt: 0 }, taker: { agent: 'b', side: 'buy', orderId: 3, submittedAt: 4 } },
      // An FBA-like batch at t = 8: both orders waited for the clear.
      { venue: 'fba', t: 8, price: 100, qty: 3, maker: { agent: 'lp', side: 'buy', orderId: 4, submittedAt: 4 }, taker: { agent: 'a', side: 'sell', orderId: 5, submittedAt: 6 }, midBefore: 101, midAfter: 99, batchId: 2 },
    ],
    orders: [
      { t: 0, venue: 'clob', agent: 'lp', action: 'limit', orderId: 1, side: 'sell', price: 101, qty: 4 },
      { t: 1, venue: 'clob', agent: 'a', action: 'market', orderId: 2, side: 'buy', qty: 2, status: 'filled', filledQty: 2 },
      { t: 4, venue: 'clob', agent: 'b', action: 'market', orderId: 3, side: 'buy', qty: 3, status: 'cancelled', filledQty: 1, remainingQty: 0 },
      { t: 4, venue: 'fba', agent: 'lp', action: 'limit', orderId: 4, side: 'buy', price: 100, qty: 3, status: 'pending' },
      { t: 6, venue: 'fba', agent: 'a', action: 'market', orderId: 5, side: 'sell', qty: 3, status: 'pending' },
      { t: 7, venue: 'clob', agent: 'b', action: 'limit', orderId: 6, side: 'buy', price: 100.5, qty: 5, status: 'rejected', reason: 'VL_REJECT_TICK' },
      { t: 9, venue: 'clob', agent: 'lp', action: 'cancel', orderId: 1 },
    ],
  });
}

function compute(config: Record<string, unknown> = {}): MetricRow[] {
  return new ImmediacyMetric('i', immediacyConfigSchema.parse(config)).compute(record());
}

function value(rows: MetricRow[], metric: string, scope: string, key: string): number | undefined {
  const hits = rows.filter((r) => r.metric === metric && r.scope === scope && r.key === key && r.horizon === null);
  expect(hits.length).toBeLessThanOrEqual(1);
  return hits[0]?.value;
}

describe('metric-immediacy: waits', () => {
  const rows = compute();
  it('submit-to-fill wait over every leg, quantity-weighted', () => {
    // legs (wait, lots): (2,2) (1,2) (5,1) (1,1) (4,3) (2,3)
    expect(value(rows, 'fill_wait_mean', 'all', '')).toBeCloseTo(30 / 12, 14);
    expect(value(rows, 'fill_wait_p50', 'all', '')).toBe(2);
    expect(value(rows, 'fill_wait_p95', 'all', '')).toBe(5);
    expect(value(rows, 'fill_wait_mean', 'agent', 'lp')).toBeCloseTo((4 + 5 + 12) / 6, 14);
    expect(value(rows, 'fill_wait_p50', 'agent', 'lp')).toBe(4);
    // The batch: maker waited 4, taker 2, both 3 lots.
    expect(value(rows, 'fill_wait_mean', 'venue', 'fba')).toBe(3);
    expect(value(rows, 'fill_wait_p50', 'venue', 'fba')).toBe(2);
  });
  it('taker wait', () => {
    expect(value(rows, 'taker_wait_mean', 'all', '')).toBeCloseTo(9 / 6, 14);
    expect(value(rows, 'taker_wait_p50', 'all', '')).toBe(1);
    expect(value(rows, 'taker_wait_p95', 'all', '')).toBe(2);
    expect(value(rows, 'taker_wait_mean', 'agent', 'lp')).toBeUndefined();
  });
  it('names quantiles', () => {
    expect(quantileName(0.5)).toBe('p50');
    expect(quantileName(0.95)).toBe('p95');
    expect(quantileName(0.999)).toBe('p99.9');
    const r = compute({ quantiles: [0.999] });
    expect(value(r, 'fill_wait_p99.9', 'all', '')).toBe(5);
  });
});

describe('metric-immediacy: unfilled fraction', () => {
  const rows = compute();
  it('counts accepted limit and market orders; resting and cancelled remainders are unfilled', () => {
    expect(value(rows, 'unfilled_fraction', 'all', '')).toBeCloseTo(3 / 15, 14);
    expect(value(rows, 'unfilled_fraction_market', 'all', '')).toBeCloseTo(2 / 8, 14);
    expect(value(rows, 'unfilled_fraction', 'agent', 'b')).toBeCloseTo(2 / 3, 14); // the rejected order is left out
    expect(value(rows, 'unfilled_fraction', 'agent', 'lp')).toBeCloseTo(1 / 7, 14);
    expect(value(rows, 'unfilled_fraction_market', 'agent', 'lp')).toBeUndefined();
    expect(value(rows, 'unfilled_fraction', 'venue', 'fba')).toBe(0);
  });
});

describe('metric-immediacy: price concession', () => {
  const rows = compute();
  it('against the mid at the submission tick (last finite mid if the book had none)', () => {
    // takers: a +1.5 (2 lots, mid 100 at t=1); b 0 (mid at t=4 missing, 101 carried); a +1 (3 lots, fba mid 101 at t=6).
    expect(value(rows, 'price_concession', 'all', '')).toBeCloseTo(6 / 6, 14);
    expect(value(rows, 'price_concession_rel', 'all', '')).toBeCloseTo((0.03 + 3 / 101) / 6, 14);
    expect(value(rows, 'price_concession', 'agent', 'a')).toBeCloseTo(6 / 5, 14);
    // lp's legs: sold at 101.5 and 101 against mid 100 at t=0 (earned), bought at the fba mid 100 at t=4.
    expect(value(rows, 'price_concession', 'agent', 'lp')).toBeCloseTo(-4 / 6, 14);
    expect(value(rows, 'price_concession', 'role', 'noise')).toBeCloseTo(6 / 6, 14);
  });
  it('rejects unknown config keys and quantiles outside [0, 1]', () => {
    expect(plugin.configSchema.safeParse({ quantiles: [1.5] }).success).toBe(false);
    expect(plugin.configSchema.safeParse({ foo: 1 }).success).toBe(false);
  });
});
