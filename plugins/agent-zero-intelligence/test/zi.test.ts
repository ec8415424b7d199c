import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { MarketSpec } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import amm from '@venuelab/plugin-venue-amm';
import fba from '@venuelab/plugin-venue-fba';
import rw from '@venuelab/plugin-truth-random-walk';
import zi, { ziConfigSchema, ziLimitPrice } from '../src/index.js';
import { tradeRows } from '../../../packages/estimators/test/helpers/audit-venue.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const truth = { plugin: rw, config: { q: 1e-9 } };

function limitRows(orders: Record<string, ArrayLike<unknown>>) {
  const out: { agent: string; side: string; price: number; action: string }[] = [];
  for (let i = 0; i < orders.t!.length; i++) out.push({ agent: orders.agent![i] as string, side: orders.side![i] as string, price: orders.price![i] as number, action: orders.action![i] as string });
  return out.filter((r) => r.action === 'limit');
}

describe('zero-intelligence price rule', () => {
  it('ZI-C: value = ref + (2 u1 - 1) spread; a buyer bids value - u2 range, a seller asks value + u2 range (hand-computed)', () => {
    const base = { reference: 10_000, valueSpread: 10, priceRange: 20, constrained: true, u1: 0.75, u2: 0.25 };
    expect(ziLimitPrice({ ...base, side: 'buy' })).toEqual({ value: 10_005, price: 10_000 });
    expect(ziLimitPrice({ ...base, side: 'sell' })).toEqual({ value: 10_005, price: 10_010 });
    // ZI-U: value + (2 u2 - 1) range on either side
    expect(ziLimitPrice({ ...base, side: 'buy', constrained: false })).toEqual({ value: 10_005, price: 9_995 });
  });

  it('ZI-C never bids above or asks below its private value (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom('buy' as const, 'sell' as const), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (side, u1, u2) => {
        const r = ziLimitPrice({ side, reference: 500, valueSpread: 30, priceRange: 40, constrained: true, u1, u2 });
        if (side === 'buy') expect(r.price).toBeLessThanOrEqual(r.value);
        else expect(r.price).toBeGreaterThanOrEqual(r.value);
        expect(Math.abs(r.value - 500)).toBeLessThanOrEqual(30);
      }),
    );
  });

  it('has a strict, described config schema', () => {
    expect(ziConfigSchema.parse({})).toMatchObject({ arrivalRatePerUnit: 0.05, constrained: true, reference: 'mid', valueSpread: 10, priceRange: 10 });
    expect(ziConfigSchema.safeParse({ minQty: 5, maxQty: 2 }).success).toBe(false);
    expect(ziConfigSchema.safeParse({ rate: 1 }).success).toBe(false);
    for (const [k, v] of Object.entries(ziConfigSchema.shape)) expect((v as { description?: string }).description, k).toBeTruthy();
  });
});

describe('zero-intelligence traders in runs', () => {
  it('trade with each other on the CLOB; ZI-C limit prices respect the value band around the reference', () => {
    const out = runTest({
      seed: 9,
      duration: 3000,
      markets: [M],
      truth,
      venues: [{ plugin: clob }],
      agents: [{ plugin: zi, id: 'zi', count: 20, config: { reference: 'opening', valueSpread: 10, priceRange: 10 } }],
    });
    const rows = limitRows(out.record.orders);
    expect(rows.length).toBeGreaterThan(500);
    // with an opening-mid reference, bids lie in [10000 - 20, 10000 + 10] and asks in [10000 - 10, 10000 + 20]
    for (const r of rows) {
      if (r.side === 'buy') expect(r.price >= 9_980 && r.price <= 10_010).toBe(true);
      else expect(r.price >= 9_990 && r.price <= 10_020).toBe(true);
    }
    const trades = tradeRows(out.record.trades);
    expect(trades.length).toBeGreaterThan(100);
    expect(out.record.participants.find((p) => p.id === 'zi-0')!.role).toBe('zi');
    // every ZI agent sent orders
    const senders = new Set(rows.map((r) => r.agent));
    expect(senders.size).toBe(20);
  });

  it('its draws depend only on its own streams: adding another agent changes none of its orders (truth and opening references)', () => {
    const run = (extra: boolean) =>
      runTest({
        seed: 4,
        duration: 1500,
        markets: [M],
        truth,
        venues: [{ plugin: clob }],
        agents: [{ plugin: zi, id: 'a', config: { reference: 'truth' } }, ...(extra ? [{ plugin: zi, id: 'b', config: { reference: 'opening' } }] : [])],
      });
    const one = limitRows(run(false).record.orders).filter((r) => r.agent === 'a');
    const two = limitRows(run(true).record.orders).filter((r) => r.agent === 'a');
    expect(one.length).toBeGreaterThan(20);
    expect(two).toEqual(one);
  });

  it('trades on a pool within its limit price and on a batch venue', () => {
    const p = runTest({ seed: 2, duration: 2000, markets: [M], truth, venues: [{ plugin: amm, config: { curve: 'constantProduct' } }], agents: [{ plugin: zi, id: 'zi', count: 5 }] });
    const orders = p.record.orders;
    const limits = new Map<number, { side: string; price: number }>();
    for (let i = 0; i < orders.t!.length; i++) limits.set(orders.order_id![i] as number, { side: orders.side![i] as string, price: orders.price![i] as number });
    const legs = tradeRows(p.record.trades).filter((r) => (r.agent as string).startsWith('zi'));
    expect(legs.length).toBeGreaterThan(10);
    for (const l of legs) {
      const o = limits.get(l.order_id as number)!;
      if (o.side === 'buy') expect(l.price as number).toBeLessThanOrEqual(o.price + 1e-9);
      else expect(l.price as number).toBeGreaterThanOrEqual(o.price - 1e-9);
    }
    const b = runTest({ seed: 2, duration: 2000, markets: [M], truth, venues: [{ plugin: fba, config: { tau: 5 } }], agents: [{ plugin: zi, id: 'zi', count: 10 }] });
    expect(tradeRows(b.record.trades).length).toBeGreaterThan(10);
  });
});
