import { describe, expect, it } from 'vitest';
import { RejectReason, venueTraits } from '@venuelab/kernel';
import { venueHarness } from '@venuelab/testing';
import clob from '../src/index.js';

describe('CLOB post-only and capabilities', () => {
  it('rejects a post-only order that would take, and changes nothing', () => {
    const h = venueHarness(clob, { tickSize: 5 });
    expect(h.venue.submitLimitOrder({ orderId: 1, agentId: 'a', market: 'M', side: 'sell', price: 10_005, qty: 3, submittedAt: 0 }).status).toBe('resting');
    const before = h.venue.getState('M', 5);
    const r = h.venue.submitLimitOrder({ orderId: 2, agentId: 'b', market: 'M', side: 'buy', price: 10_005, qty: 1, submittedAt: 0, postOnly: true });
    expect(r).toEqual({ orderId: 2, status: 'rejected', filledQty: 0, remainingQty: 0, reason: RejectReason.PostOnly });
    expect(h.venue.getState('M', 5)).toEqual(before);
    expect(h.fills).toEqual([]);
    // a non-marketable post-only order rests; the same order without the flag would trade
    expect(h.venue.submitLimitOrder({ orderId: 3, agentId: 'b', market: 'M', side: 'buy', price: 10_000, qty: 1, submittedAt: 0, postOnly: true }).status).toBe('resting');
    expect(h.venue.submitLimitOrder({ orderId: 4, agentId: 'b', market: 'M', side: 'buy', price: 10_005, qty: 1, submittedAt: 0 }).status).toBe('filled');
  });

  it('declares its grid and traits so agents need no venue-specific branches', () => {
    const h = venueHarness(clob, { tickSize: 5, lotSize: 10 });
    expect(venueTraits(h.venue.capabilities)).toMatchObject({ priceIncrement: 5, lotSize: 10, restingLimitOrders: true, exogenousMid: false, postOnly: true });
    // defaults for a venue that declares none of the optional fields
    expect(venueTraits({ mechanism: 'pool', limitOrders: true, marketOrders: true, prefersLimitForInformed: false, batchInterval: 0 })).toMatchObject({
      priceIncrement: 1,
      lotSize: 1,
      restingLimitOrders: false,
      exogenousMid: false,
      postOnly: false,
    });
  });
});
