import { describe, it, expect } from 'vitest';
import { RejectReason, type MarketSpec } from '@venuelab/kernel';
import { runTest, venueHarness } from '@venuelab/testing';
import noise from '@venuelab/plugin-agent-noise';
import walk from '@venuelab/plugin-truth-random-walk';
import amm, { AmmVenue } from '../src/index.js';

const X: MarketSpec = { id: 'X', tickSize: 1, lotSize: 1, openingMid: 50, kind: 'price' };

describe('AMM venue: the contract', () => {
  it('rejects bad messages with coded reasons and changes nothing', () => {
    const h = venueHarness<AmmVenue>(amm, { curve: 'constantProduct', reserveLots: 100, tickSize: 2 }, { markets: [X], id: 'cp' });
    const base = { agentId: 'a', market: 'X', side: 'buy' as const, submittedAt: 0 };
    const before = JSON.stringify(h.venue.getState('X', 5));
    const cases: [() => unknown, string][] = [
      [() => h.venue.submitMarketOrder({ ...base, orderId: 1, qty: 0 }), RejectReason.BadQuantity],
      [() => h.venue.submitMarketOrder({ ...base, orderId: 2, qty: 1.5 }), RejectReason.BadQuantity],
      [() => h.venue.submitMarketOrder({ ...base, orderId: 3, qty: -2 }), RejectReason.BadQuantity],
      [() => h.venue.submitMarketOrder({ ...base, orderId: 4, qty: 1, market: 'nope' }), RejectReason.UnknownMarket],
      [() => h.venue.submitLimitOrder({ ...base, orderId: 5, qty: 1, price: NaN }), RejectReason.BadPrice],
      [() => h.venue.submitLimitOrder({ ...base, orderId: 6, qty: 1, price: Infinity }), RejectReason.BadPrice],
      [() => h.venue.submitLimitOrder({ ...base, orderId: 7, qty: 1, price: 51 }), RejectReason.OffTick],
      [() => h.venue.submitLimitOrder({ ...base, orderId: 8, qty: 1, price: 50.5 }), RejectReason.OffTick],
      [() => h.venue.cancelOrder({ orderId: 9, agentId: 'a', submittedAt: 0 }), RejectReason.UnknownOrder],
      [() => h.venue.submitMarketOrder({ ...base, orderId: 10, qty: 100 }), RejectReason.NoLiquidity],
    ];
    for (const [send, reason] of cases) expect(send()).toMatchObject({ status: 'rejected', reason });
    expect(JSON.stringify(h.venue.getState('X', 5))).toBe(before);
    expect(h.fills).toHaveLength(0);
    expect(h.venue.submitMarketOrder({ ...base, orderId: 11, qty: 1 })).toMatchObject({ status: 'filled' });
    expect(h.venue.submitMarketOrder({ ...base, orderId: 11, qty: 1 })).toMatchObject({ status: 'rejected', reason: RejectReason.DuplicateId });
    expect(h.fills).toHaveLength(1);
  });

  it('declares the pool participant and its capabilities', () => {
    const h = venueHarness<AmmVenue>(amm, { curve: 'constantProduct' }, { markets: [X], id: 'v' });
    expect(h.venue.participants()).toEqual([{ id: 'v:pool', role: 'pool' }]);
    expect(h.venue.capabilities).toMatchObject({ mechanism: 'pool', limitOrders: true, marketOrders: true });
    expect(h.venue.restingOrderCount()).toBe(0);
  });

  it('runs in a simulation: the pool is a participant with role pool and the maker of every trade', () => {
    const { record } = runTest({
      seed: 3,
      duration: 2000,
      markets: [{ id: 'E', tickSize: 0.01, lotSize: 1, openingMid: 0.4, kind: 'probability' }],
      truth: { plugin: walk, config: { q: 1e-4 } },
      venues: [{ plugin: amm, id: 'lmsr', config: { curve: 'lmsr', b: 200, feeBps: 10 } }],
      agents: [{ plugin: noise, count: 5, config: { arrivalRatePerUnit: 0.05, marketShare: 0.5, minOffset: -3, maxOffset: 3 } }],
    });
    expect(record.participants).toContainEqual(expect.objectContaining({ id: 'lmsr:pool', role: 'pool' }));
    const t = record.trades as unknown as { leg: ArrayLike<string>; agent: ArrayLike<string>; role: ArrayLike<string>; liquidity: ArrayLike<string> };
    expect(record.stats.fills).toBeGreaterThan(20);
    expect(t.leg.length).toBe(2 * record.stats.fills);
    for (let i = 0; i < t.leg.length; i++) {
      const isPool = t.agent[i] === 'lmsr:pool';
      expect(t.liquidity[i]).toBe(isPool ? 'maker' : 'taker');
      if (isPool) expect(t.role[i]).toBe('pool');
    }
  });
});
