import { describe, expect, it } from 'vitest';
import type { MetricRow } from '@venuelab/kernel';
import { buildRecord } from '@venuelab/analysis';
import plugin, { boundaries, PnlMetric, pnlConfigSchema, sharpeOfPath } from '../src/index.js';

const fairM = (t: number) => (t < 3 ? 100 : t < 6 ? 102 : 99);
const clobMid = [100, 100, 100.5, NaN, 101, 101, 100, 100, 100, 100.5];

function record() {
  return buildRecord({
    duration: 10,
    participants: [
      { id: 'lp', role: 'LP' },
      { id: 'inf', role: 'informed' },
      { id: 'noise', role: 'noise' },
      { id: 'idle', role: 'noise' },
      { id: 'pool', role: 'pool' },
    ],
    truth: [...Array.from({ length: 10 }, (_, t) => ({ t, fair: fairM(t) })), ...Array.from({ length: 10 }, (_, t) => ({ t, market: 'N', fair: 52 }))],
    mids: [...clobMid.map((mid, t) => ({ t, venue: 'clob', mid })), ...Array.from({ length: 10 }, (_, t) => ({ t, venue: 'fba', mid: t < 6 ? 101 : 100 }))],
    fills: [
      { venue: 'clob', t: 1, price: 100.5, qty: 2, maker: { agent: 'lp', side: 'sell', fee: -0.1 }, taker: { agent: 'inf', side: 'buy', fee: 0.2 } },
      { venue: 'clob', t: 4, price: 101.5, qty: 1, maker: { agent: 'lp', side: 'sell', fee: -0.05 }, taker: { agent: 'noise', side: 'buy', fee: 0.1 } },
      { venue: 'clob', market: 'N', t: 5, price: 50, qty: 1, maker: { agent: 'inf', side: 'sell' }, taker: { agent: 'noise', side: 'buy' } },
      { venue: 'fba', t: 6, price: 100, qty: 3, maker: { agent: 'lp', side: 'buy' }, taker: { agent: 'inf', side: 'sell', fee: 0.3 }, batchId: 1 },
      { venue: 'fba', t: 6, price: 100, qty: 1, maker: { agent: 'noise', side: 'buy' }, taker: { agent: 'inf', side: 'sell', fee: 0.1 }, batchId: 1 },
    ],
    orders: [
      { t: 0, venue: 'clob', agent: 'lp', action: 'limit', orderId: 1, side: 'sell', price: 100.5, qty: 2 },
      { t: 1, venue: 'clob', agent: 'inf', action: 'market', orderId: 2, side: 'buy', qty: 2, status: 'filled', filledQty: 2 },
      { t: 2, arrivedAt: 3, venue: 'clob', agent: 'lp', action: 'cancel', orderId: 1, status: 'rejected', reason: 'VL_REJECT_UNKNOWN_ORDER' },
      { t: 3, venue: 'clob', agent: 'noise', action: 'limit', orderId: 3, side: 'buy', price: 99.5, qty: 1, status: 'rejected', reason: 'VL_REJECT_TICK' },
    ],
  });
}

function compute(config: Record<string, unknown> = {}): MetricRow[] {
  return new PnlMetric('p', pnlConfigSchema.parse({ sharpeInterval: 2, ...config })).compute(record());
}

function value(rows: MetricRow[], metric: string, scope: string, key: string, horizon: number | null = null): number | undefined {
  const hits = rows.filter((r) => r.metric === metric && r.scope === scope && r.key === key && r.horizon === horizon);
  expect(hits.length).toBeLessThanOrEqual(1);
  return hits[0]?.value;
}

describe('metric-pnl: PnL', () => {
  const rows = compute();
  it('marks cash plus inventory at terminal truth', () => {
    // lp: cash 201 + 0.1 + 101.5 + 0.05 - 300 = 2.65, flat.
    expect(value(rows, 'pnl_truth', 'agent', 'lp')).toBeCloseTo(2.65, 10);
    // inf: cash -201 - 0.2 + 50 + 300 - 0.3 + 100 - 0.1 = 248.4; short 2 M at 99, short 1 N at 52.
    expect(value(rows, 'pnl_truth', 'agent', 'inf')).toBeCloseTo(248.4 - 198 - 52, 10);
    // noise: cash -101.6 - 50 - 100 = -251.6; long 2 M, long 1 N.
    expect(value(rows, 'pnl_truth', 'agent', 'noise')).toBeCloseTo(-251.6 + 198 + 52, 10);
    expect(value(rows, 'pnl_truth', 'agent', 'idle')).toBe(0);
    expect(value(rows, 'pnl_truth', 'role', 'noise')).toBeCloseTo(-1.6, 10);
    expect(value(rows, 'pnl_truth', 'role', 'pool')).toBe(0);
    expect(value(rows, 'pnl_truth', 'all', '')).toBeCloseTo(-0.55, 10);
  });
  it('marks inventory at each venue’s terminal mid (last fill price where the venue shows none)', () => {
    // lp: -3 on clob|M at 100.5, +3 on fba|M at 100.
    expect(value(rows, 'pnl_mid', 'agent', 'lp')).toBeCloseTo(2.65 - 301.5 + 300, 10);
    // inf: +2 clob|M at 100.5, -1 clob|N at 50 (no mid: last price), -4 fba|M at 100.
    expect(value(rows, 'pnl_mid', 'agent', 'inf')).toBeCloseTo(248.4 + 201 - 50 - 400, 10);
    expect(value(rows, 'pnl_mid', 'agent', 'noise')).toBeCloseTo(-251.6 + 100.5 + 50 + 100, 10);
  });
  it('reports the conservation residual: PnL over everyone equals minus the fees', () => {
    expect(Math.abs(value(rows, 'conservation_residual', 'all', '')!)).toBeLessThan(1e-12);
    expect(Math.abs(value(rows, 'conservation_residual_relative', 'all', '')!)).toBeLessThan(1e-15);
    expect(value(rows, 'fees_paid', 'all', '')).toBeCloseTo(0.55, 12);
  });
  it('detects a broken trade log (a fill whose legs do not offset)', () => {
    const r = record();
    (r.trades.side as string[])[1] = 'sell'; // the first fill's taker now sells too
    const rows2 = new PnlMetric('p', pnlConfigSchema.parse({})).compute(r);
    expect(Math.abs(value(rows2, 'conservation_residual', 'all', '')!)).toBeGreaterThan(1);
  });
});

describe('metric-pnl: Sharpe and per-market consistency', () => {
  const rows = compute();
  it('builds boundaries I, 2I, ... and the run end', () => {
    expect([...boundaries(10, 2, 100)]).toEqual([2, 4, 6, 8, 10]);
    expect([...boundaries(10, 4, 100)]).toEqual([4, 8, 10]);
    expect([...boundaries(10, 1, 4)]).toEqual([3, 6, 9, 10]);
  });
  it('Sharpe of per-interval truth-marked PnL', () => {
    // lp at b = 2, 4, 6, 8, 10: 201.1 - 200 = 1.1; 201.1 - 204 = -2.9; 302.65 - 297 = 5.65; 2.65; 2.65.
    const r = [1.1, -4, 8.55, -3, 0];
    const mean = r.reduce((a, b) => a + b) / 5;
    const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / 4);
    expect(value(rows, 'sharpe_truth', 'agent', 'lp', 2)).toBeCloseTo(mean / sd, 10);
    expect(sharpeOfPath([1.1, -2.9, 5.65, 2.65, 2.65])).toBeCloseTo(mean / sd, 10);
    expect(sharpeOfPath([1, 2, 3])).toBeNaN(); // constant increments: no variation
    expect(value(rows, 'sharpe_truth', 'agent', 'idle', 2)).toBeUndefined();
  });
  it('per-market consistency: share of traded markets with positive PnL, min and median per-market Sharpe', () => {
    expect(value(rows, 'pnl_truth_positive_market_share', 'agent', 'noise')).toBe(0.5); // M -3.6, N +2
    expect(value(rows, 'pnl_truth_positive_market_share', 'agent', 'inf')).toBe(0.5); // M +0.4, N -2
    expect(value(rows, 'pnl_truth_positive_market_share', 'agent', 'lp')).toBe(1);
    expect(value(rows, 'sharpe_truth_market_min', 'agent', 'lp', 2)).toBeCloseTo(value(rows, 'sharpe_truth', 'agent', 'lp', 2)!, 12);
  });
});

describe('metric-pnl: volume and activity', () => {
  const rows = compute();
  it('volume, notional and fills count each fill once for all / venue / market, legs for role / agent', () => {
    expect(value(rows, 'volume', 'all', '')).toBe(8);
    expect(value(rows, 'volume', 'venue', 'clob')).toBe(4);
    expect(value(rows, 'volume', 'market', 'N')).toBe(1);
    expect(value(rows, 'volume', 'role', 'LP')).toBe(6);
    expect(value(rows, 'volume', 'role', 'informed')).toBe(7);
    expect(value(rows, 'notional', 'all', '')).toBeCloseTo(752.5, 10);
    expect(value(rows, 'fill_count', 'all', '')).toBe(5);
    expect(value(rows, 'fill_count', 'role', 'noise')).toBe(3);
    expect(value(rows, 'fees_paid', 'role', 'LP')).toBeCloseTo(-0.15, 12);
  });
  it('counts messages, order types, cancels and rejections', () => {
    expect(value(rows, 'messages', 'all', '')).toBe(4);
    expect(value(rows, 'messages', 'agent', 'lp')).toBe(2);
    expect(value(rows, 'cancels', 'agent', 'lp')).toBe(1);
    expect(value(rows, 'rejections', 'agent', 'lp')).toBe(1);
    expect(value(rows, 'orders_market', 'role', 'informed')).toBe(1);
    expect(value(rows, 'rejections', 'role', 'noise')).toBe(1);
    // The cancel takes its target order's market.
    expect(value(rows, 'messages', 'market', 'M')).toBe(4);
    expect(value(rows, 'order_to_trade_ratio', 'agent', 'lp')).toBeCloseTo(1 / 3, 12);
    expect(value(rows, 'order_to_trade_ratio', 'all', '')).toBeCloseTo(3 / 5, 12);
  });
  it('rejects unknown config keys', () => {
    expect(plugin.configSchema.safeParse({ sharpe: 3 }).success).toBe(false);
  });
});
