import { describe, expect, it } from 'vitest';
import { RejectReason, rowCount } from '@venuelab/kernel';
import { venueHarness, runTest } from '@venuelab/testing';
import randomWalk from '@venuelab/plugin-truth-random-walk';
import noise from '@venuelab/plugin-agent-noise';
import clob from '@venuelab/plugin-venue-clob';
import speedBump, { SpeedBumpVenue } from '../src/index.js';

const lim = (orderId: number, agentId: string, side: 'buy' | 'sell', price: number, qty: number, submittedAt = 0) => ({
  orderId,
  agentId,
  market: 'M',
  side,
  price,
  qty,
  submittedAt,
});

describe('speed bump', () => {
  it('holds an order for exactly `delay` ticks before it reaches the book', () => {
    const h = venueHarness(speedBump, { delay: 3 });
    const v = h.venue as SpeedBumpVenue;
    expect(v.submitLimitOrder(lim(1, 'a', 'sell', 10_001, 5))).toEqual({ orderId: 1, status: 'pending', filledQty: 0, remainingQty: 5 });
    expect(v.getState('M').bestAsk).toBeNaN();
    expect(v.restingOrderCount()).toBe(1);
    h.advance(2);
    expect(v.getState('M').bestAsk).toBeNaN();
    h.advance(3);
    expect(v.getState('M').bestAsk).toBe(10_001);
    expect(v.pendingCount()).toBe(0);
    expect(v.restingOrderCount()).toBe(1);
  });

  it('lets a cancel overtake a taker order still in the bump (the maker escapes the snipe)', () => {
    const h = venueHarness(speedBump, { delay: 3 });
    const v = h.venue;
    v.submitLimitOrder(lim(1, 'lp', 'sell', 10_001, 5));
    h.advance(3); // the quote rests
    v.submitMarketOrder({ orderId: 2, agentId: 'sniper', market: 'M', side: 'buy', qty: 5, submittedAt: 3 });
    h.advance(4);
    // The LP sees the move and cancels: the cancel is not delayed.
    expect(v.cancelOrder({ orderId: 1, agentId: 'lp', submittedAt: 4 }).status).toBe('cancelled');
    h.advance(6);
    expect(h.fills).toEqual([]);
    expect(v.restingOrderCount()).toBe(0);
  });

  it('without the cancel, the released taker trades at the resting price, stamped with the release tick and its own submit time', () => {
    const h = venueHarness(speedBump, { delay: 3 });
    const v = h.venue;
    v.submitLimitOrder(lim(1, 'lp', 'sell', 10_001, 5));
    h.advance(3);
    v.submitMarketOrder({ orderId: 2, agentId: 'taker', market: 'M', side: 'buy', qty: 2, submittedAt: 3 });
    h.advance(5);
    expect(h.fills).toEqual([]);
    h.advance(6);
    expect(h.fills).toHaveLength(1);
    const f = h.fills[0]!;
    expect(f).toMatchObject({ t: 6, price: 10_001, qty: 2, batchId: -1 });
    expect(f.taker).toMatchObject({ agentId: 'taker', orderId: 2, side: 'buy', submittedAt: 3 });
    expect(f.maker).toMatchObject({ agentId: 'lp', orderId: 1, side: 'sell' });
  });

  it('releases orders in arrival order (time priority survives the bump)', () => {
    const h = venueHarness(speedBump, { delay: 2 });
    const v = h.venue;
    v.submitLimitOrder(lim(1, 'a', 'sell', 10_000, 1));
    v.submitLimitOrder(lim(2, 'b', 'sell', 10_000, 1));
    h.advance(1);
    v.submitLimitOrder(lim(3, 'c', 'sell', 10_000, 1));
    h.advance(3);
    v.submitMarketOrder({ orderId: 4, agentId: 'x', market: 'M', side: 'buy', qty: 3, submittedAt: 3 });
    h.advance(5);
    expect(h.fills.map((f) => f.maker.agentId)).toEqual(['a', 'b', 'c']);
  });

  it('rejects bad messages on arrival, before the bump, and changes nothing', () => {
    const h = venueHarness(speedBump, { delay: 2, tickSize: 5 });
    const v = h.venue;
    expect(v.submitLimitOrder(lim(1, 'a', 'buy', 10_001, 1)).reason).toBe(RejectReason.OffTick);
    expect(v.submitLimitOrder(lim(2, 'a', 'buy', 10_000, 0)).reason).toBe(RejectReason.BadQuantity);
    expect(v.submitLimitOrder({ ...lim(3, 'a', 'buy', 10_000, 1), market: 'X' }).reason).toBe(RejectReason.UnknownMarket);
    expect(v.submitLimitOrder(lim(4, 'a', 'buy', 10_000, 1)).status).toBe('pending');
    expect(v.submitLimitOrder(lim(4, 'a', 'buy', 10_000, 1)).reason).toBe(RejectReason.DuplicateId);
    expect(v.cancelOrder({ orderId: 4, agentId: 'b', submittedAt: 0 }).reason).toBe(RejectReason.ForeignOrder);
    expect(v.cancelOrder({ orderId: 99, agentId: 'a', submittedAt: 0 }).reason).toBe(RejectReason.UnknownOrder);
    expect(v.restingOrderCount()).toBe(1);
  });

  it('with delay 0 behaves exactly like the CLOB it wraps, in a whole run', () => {
    const run = (venue: typeof clob | typeof speedBump) =>
      runTest({
        seed: 5,
        duration: 400,
        truth: { plugin: randomWalk },
        venues: [{ plugin: venue, id: 'v', config: venue === speedBump ? { delay: 0 } : {} }],
        agents: [{ plugin: noise, count: 4, config: { arrivalRatePerUnit: 0.2 } }],
      }).record.trades;
    const a = run(clob);
    const b = run(speedBump);
    expect(rowCount(a)).toBeGreaterThan(20);
    expect(b).toEqual(a);
  });

  it('in a whole run, every taker leg waits at least the delay between its submission and its fill', () => {
    const out = runTest({
      seed: 3,
      duration: 400,
      truth: { plugin: randomWalk },
      venues: [{ plugin: speedBump, id: 'v', config: { delay: 4 } }],
      agents: [{ plugin: noise, count: 4, config: { arrivalRatePerUnit: 0.2 } }],
    });
    const { t, submitted_at: submittedAt, liquidity } = out.record.trades as { t: number[]; submitted_at: number[]; liquidity: string[] };
    expect(t.length).toBeGreaterThan(20);
    let takers = 0;
    for (let i = 0; i < t.length; i++) {
      if (liquidity[i] !== 'taker') continue;
      takers++;
      expect(t[i]! - submittedAt[i]!).toBeGreaterThanOrEqual(4);
    }
    expect(takers).toBe(t.length / 2);
  });
});
