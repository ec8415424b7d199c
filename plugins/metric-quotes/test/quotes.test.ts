import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MetricRow } from '@venuelab/kernel';
import { buildRecord } from '@venuelab/analysis';
import plugin, { QuotesMetric, quotePairs, quotesConfigSchema } from '../src/index.js';

type OrderSpec = NonNullable<Parameters<typeof buildRecord>[0]['orders']>[number];

function record(orders: OrderSpec[]) {
  return buildRecord({
    duration: 20,
    participants: [
      { id: 'lp', role: 'LP' },
      { id: 'mm', role: 'LP' },
      { id: 'n', role: 'noise' },
    ],
    truth: Array.from({ length: 20 }, (_, t) => ({ t, fair: 100 })),
    orders,
  });
}

const lim = (t: number, agent: string, side: 'buy' | 'sell', price: number, extra: Partial<OrderSpec> = {}): OrderSpec => ({
  t,
  venue: 'V',
  agent,
  action: 'limit',
  orderId: t * 100 + price,
  side,
  price,
  qty: 5,
  ...extra,
});

function value(rows: MetricRow[], metric: string, scope: string, key: string): number | undefined {
  const hits = rows.filter((r) => r.metric === metric && r.scope === scope && r.key === key);
  expect(hits.length).toBeLessThanOrEqual(1);
  return hits[0]?.value;
}

describe('metric-quotes', () => {
  const orders: OrderSpec[] = [
    lim(0, 'lp', 'buy', 98),
    lim(0, 'lp', 'sell', 102), // spread 4
    { t: 0, venue: 'V', agent: 'n', action: 'market', orderId: 9, side: 'buy', qty: 1 },
    { t: 5, venue: 'V', agent: 'lp', action: 'cancel', orderId: 98 },
    lim(5, 'lp', 'sell', 103),
    lim(5, 'lp', 'buy', 101), // spread 2
    lim(5, 'lp', 'buy', 100), // a lower second bid: the best bid counts
    lim(7, 'mm', 'buy', 95),
    lim(7, 'mm', 'sell', 105), // spread 10
    lim(10, 'lp', 'buy', 99), // one-sided tick
    lim(12, 'lp', 'buy', 90),
    lim(12, 'lp', 'sell', 91, { status: 'rejected', reason: 'VL_REJECT_TICK' }), // rejected: one-sided
    lim(15, 'n', 'buy', 97), // a noise trader's single limit order
  ];
  const rows = new QuotesMetric('q', quotesConfigSchema.parse({})).compute(record(orders));

  it('pairs the best bid and best ask an agent sent in one tick, ignoring rejected orders, market orders and cancels', () => {
    const { pairs, oneSided } = quotePairs(record(orders));
    expect(pairs.map((p) => [p.agent, p.t, p.bid, p.ask])).toEqual([
      ['lp', 0, 98, 102],
      ['lp', 5, 101, 103],
      ['mm', 7, 95, 105],
    ]);
    expect(oneSided.get('lp')).toBe(2);
    expect(oneSided.get('n')).toBe(1);
  });

  it('reports mean, half and median quoted spread and the pair count by agent, role, venue and all', () => {
    expect(value(rows, 'quoted_spread_mean', 'agent', 'lp')).toBe(3);
    expect(value(rows, 'quoted_half_spread_mean', 'agent', 'lp')).toBe(1.5);
    expect(value(rows, 'quote_pairs', 'agent', 'lp')).toBe(2);
    expect(value(rows, 'quoted_spread_mean', 'role', 'LP')).toBeCloseTo(16 / 3, 14);
    expect(value(rows, 'quoted_spread_median', 'role', 'LP')).toBe(4);
    expect(value(rows, 'quoted_spread_median', 'agent', 'lp')).toBe(3);
    expect(value(rows, 'quoted_spread_mean', 'venue', 'V')).toBeCloseTo(16 / 3, 14);
    expect(value(rows, 'quoted_spread_mean', 'market', 'M')).toBeCloseTo(16 / 3, 14);
    expect(value(rows, 'quoted_spread_mean', 'all', '')).toBeCloseTo(16 / 3, 14);
    expect(value(rows, 'quote_one_sided_fraction', 'agent', 'lp')).toBe(0.5);
    expect(value(rows, 'quote_one_sided_fraction', 'role', 'LP')).toBe(0.4);
    // Agents that never quote both sides get no rows.
    expect(value(rows, 'quoted_spread_mean', 'agent', 'n')).toBeUndefined();
    expect(value(rows, 'quoted_spread_mean', 'role', 'noise')).toBeUndefined();
  });

  it('keeps only the configured roles and scopes', () => {
    const r = new QuotesMetric('q', quotesConfigSchema.parse({ roles: ['noise'], scopes: ['role'] })).compute(record(orders));
    expect(r).toEqual([]);
    const r2 = new QuotesMetric('q', quotesConfigSchema.parse({ scopes: ['all'] })).compute(record(orders.filter((o) => o.agent !== 'mm')));
    expect(new Set(r2.map((x) => x.scope))).toEqual(new Set(['all']));
    expect(value(r2, 'quoted_spread_mean', 'all', '')).toBe(3);
  });

  it('rejects unknown config keys', () => {
    expect(quotesConfigSchema.safeParse({ bogus: 1 }).success).toBe(false);
    expect(plugin.kind).toBe('metric');
  });

  it('property: the mean quoted spread of an agent is the mean over ticks of (lowest ask - highest bid)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dt: fc.integer({ min: 1, max: 3 }), bids: fc.array(fc.integer({ min: 80, max: 99 }), { minLength: 0, maxLength: 3 }), asks: fc.array(fc.integer({ min: 101, max: 120 }), { minLength: 0, maxLength: 3 }) }), { minLength: 1, maxLength: 20 }),
        (ticks) => {
          const os: OrderSpec[] = [];
          let t = 0;
          const expected: number[] = [];
          let one = 0;
          for (const k of ticks) {
            t += k.dt;
            for (const b of k.bids) os.push(lim(t, 'lp', 'buy', b, { orderId: os.length + 1 }));
            for (const a of k.asks) os.push(lim(t, 'lp', 'sell', a, { orderId: os.length + 1 }));
            if (k.bids.length && k.asks.length) expected.push(Math.min(...k.asks) - Math.max(...k.bids));
            else if (k.bids.length || k.asks.length) one++;
          }
          const r = new QuotesMetric('q', quotesConfigSchema.parse({ scopes: ['agent'] })).compute(record(os));
          const mean = value(r, 'quoted_spread_mean', 'agent', 'lp');
          if (expected.length === 0) return mean === undefined;
          const want = expected.reduce((a, b) => a + b, 0) / expected.length;
          return Math.abs(mean! - want) < 1e-9 && value(r, 'quote_pairs', 'agent', 'lp') === expected.length && Math.abs(value(r, 'quote_one_sided_fraction', 'agent', 'lp')! - one / (one + expected.length)) < 1e-12;
        },
      ),
    );
  });
});
