import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { RejectReason, type Fill, type MarketSpec } from '@venuelab/kernel';
import { venueHarness } from '@venuelab/testing';
import amm, { AmmVenue, ConstantProductCurve } from '../src/index.js';

// one price tick = 1 currency unit, so the pool opens at 50 ticks
const X: MarketSpec = { id: 'X', tickSize: 1, lotSize: 1, openingMid: 50, kind: 'price' };

function cpVenue(reserveLots = 100, feeBps = 30, extra: Record<string, unknown> = {}) {
  const h = venueHarness<AmmVenue>(amm, { curve: 'constantProduct', reserveLots, feeBps, ...extra }, { markets: [X], id: 'cp' });
  return { h, curve: h.venue.pool('X')!.curve as ConstantProductCurve };
}

let nextId = 1;
const mkt = (h: ReturnType<typeof cpVenue>['h'], side: 'buy' | 'sell', qty: number) =>
  h.venue.submitMarketOrder({ orderId: nextId++, agentId: 't', market: 'X', side, qty, submittedAt: h.now });

describe('constant product: hand-computed trades', () => {
  it('opens with y = x * mid and buys 10 of 100 lots at 5000 * 10 / 90 with a 30 bps fee', () => {
    const { h, curve } = cpVenue();
    expect(curve.reserves()).toEqual({ x: 100, y: 5000 });
    expect(h.venue.getState('X').mid).toBe(50);
    expect(mkt(h, 'buy', 10)).toMatchObject({ status: 'filled', filledQty: 10, remainingQty: 0 });
    const [f] = h.drain() as [Fill];
    expect(f.qty).toBe(10);
    expect(f.price).toBeCloseTo(55.55555555555556, 12); // 5000 / 90
    expect(f.taker.fee).toBeCloseTo(1.6666666666666667, 12); // 0.003 * 555.5556
    expect(f.maker).toMatchObject({ agentId: 'cp:pool', orderId: -1, side: 'sell', liquidity: 'maker' });
    expect(f.maker.fee).toBeCloseTo(-1.6666666666666667, 12);
    expect(f.midBefore).toBe(50);
    expect(curve.reserves().x).toBe(90);
    expect(curve.reserves().y).toBeCloseTo(5557.222222222223, 9);
    expect(curve.k()).toBeCloseTo(500150, 6); // 90 * (5000 + 5000/9 * 1.003)
    expect(f.midAfter).toBeCloseTo(5557.222222222223 / 90, 10);
  });

  it('then sells 10 back at y * 10 / 100 and keeps the fee in the cash reserve', () => {
    const { h, curve } = cpVenue();
    mkt(h, 'buy', 10);
    mkt(h, 'sell', 10);
    const [, f] = h.drain() as [Fill, Fill];
    expect(f.price).toBeCloseTo(55.57222222222223, 10);
    expect(f.taker.fee).toBeCloseTo(1.667166666666667, 10);
    expect(curve.reserves().x).toBe(100);
    expect(curve.reserves().y).toBeCloseTo(5003.167166666667, 9);
    expect(curve.k()).toBeCloseTo(500316.71666666673, 5);
    expect(curve.feesCollected()).toBeCloseTo(1.6666666666666667 + 1.667166666666667, 10);
  });

  it('estimates impact as the marginal-price move and shows one-lot prices around the mid', () => {
    const { h } = cpVenue(100, 0);
    // buy 10: y' = 5000 + 5000*10/90, x' = 90 -> marginal 5000*100/90^2
    expect(h.venue.estimateImpact('X', 'buy', 10)).toBeCloseTo((5000 * 100) / 8100 - 50, 10);
    // sell 25: y' = 5000 - 5000*25/125 = 4000, x' = 125 -> 32
    expect(h.venue.estimateImpact('X', 'sell', 25)).toBeCloseTo(32 - 50, 10);
    expect(h.venue.estimateImpact('X', 'buy', 100)).toBe(Infinity);
    const s = h.venue.getState('X', 3);
    expect(s.bestAsk).toBeCloseTo(5000 / 99, 12);
    expect(s.bestBid).toBeCloseTo(5000 / 101, 12);
    expect(s.asks.map((l) => l.qty)).toEqual([1, 1, 1]);
    expect(s.asks[1]!.price).toBeCloseTo((5000 * 2) / 98 - 5000 / 99, 10);
    expect(h.drain()).toHaveLength(0);
  });

  it('rejects a buy of the whole reserve (NoLiquidity) and changes nothing', () => {
    const { h, curve } = cpVenue(100);
    expect(mkt(h, 'buy', 100)).toMatchObject({ status: 'rejected', reason: RejectReason.NoLiquidity });
    expect(curve.reserves()).toEqual({ x: 100, y: 5000 });
    expect(mkt(h, 'buy', 99)).toMatchObject({ status: 'filled', filledQty: 99 });
    expect(curve.reserves().x).toBe(1);
  });

  it('fills a limit buy while each lot costs at most the limit (IOC)', () => {
    const { h } = cpVenue(100, 0);
    // lot j costs 5000 [j/(100-j) - (j-1)/(101-j)]; lot 5 costs 5000*(5/95 - 4/96) = 54.82..., lot 6 costs 56.0...
    const lot = (j: number) => 5000 * (j / (100 - j) - (j - 1) / (101 - j));
    expect(lot(5)).toBeLessThanOrEqual(55);
    expect(lot(6)).toBeGreaterThan(55);
    const r = h.venue.submitLimitOrder({ orderId: 5000, agentId: 't', market: 'X', side: 'buy', price: 55, qty: 8, submittedAt: 0 });
    expect(r).toEqual({ orderId: 5000, status: 'partial', filledQty: 5, remainingQty: 0 });
    const [f] = h.drain() as [Fill];
    expect(f.price).toBeCloseTo((5000 * 5) / 95 / 5, 12);
  });

  it('respects lotSize: quantities and pool blocks are multiples of it', () => {
    const { h } = cpVenue(100, 0, { lotSize: 5 });
    expect(mkt(h, 'buy', 7)).toMatchObject({ status: 'rejected', reason: RejectReason.BadQuantity });
    const r = h.venue.submitLimitOrder({ orderId: 5001, agentId: 't', market: 'X', side: 'buy', price: 56, qty: 20, submittedAt: 0 });
    // blocks of 5: first block avg 5000/95 = 52.6, second (5000*10/90 - 5000*5/95)/5 = 58.5 > 56
    expect(r).toMatchObject({ status: 'partial', filledQty: 5 });
  });
});

describe('constant product: properties', () => {
  const seq = fc.array(fc.record({ side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'), qty: fc.integer({ min: 1, max: 300 }) }), {
    minLength: 1,
    maxLength: 50,
  });

  it('k never decreases; with a fee it grows by exactly x_after * fee per trade', () => {
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 5000 }), fc.integer({ min: 0, max: 100 }), seq, (reserve, feeBps, trades) => {
        const { h, curve } = cpVenue(reserve, feeBps);
        for (const { side, qty } of trades) {
          const k0 = curve.k();
          const r = mkt(h, side, qty);
          const k1 = curve.k();
          if (r.status === 'rejected') {
            expect(k1).toBe(k0);
            continue;
          }
          const [f] = h.drain() as [Fill];
          expect(k1).toBeGreaterThanOrEqual(k0 * (1 - 1e-12));
          expect(k1 - k0).toBeCloseTo(curve.reserves().x * f.taker.fee, Math.max(0, 6 - Math.round(Math.log10(k0))));
          if (feeBps > 0) expect(k1).toBeGreaterThan(k0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the fee accrues to the pool: the cash reserve moves by the taker cash, pool and taker fees cancel', () => {
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 5000 }), fc.integer({ min: 1, max: 300 }), seq, (reserve, feeBps, trades) => {
        const { h, curve } = cpVenue(reserve, feeBps);
        let fees = 0;
        for (const { side, qty } of trades) {
          const before = curve.reserves();
          const r = mkt(h, side, qty);
          if (r.status === 'rejected') continue;
          const [f] = h.drain() as [Fill];
          const after = curve.reserves();
          const notional = f.price * f.qty;
          expect(f.taker.fee).toBeCloseTo((notional * feeBps) / 1e4, 9);
          expect(f.maker.fee).toBe(-f.taker.fee);
          // trader cash into the pool: a buy pays notional + fee, a sell receives notional - fee
          const traderToPool = side === 'buy' ? notional + f.taker.fee : -(notional - f.taker.fee);
          expect(after.y - before.y).toBeCloseTo(traderToPool, 6);
          expect(after.x - before.x).toBe(side === 'buy' ? -qty : qty);
          fees += f.taker.fee;
        }
        expect(curve.feesCollected()).toBeCloseTo(fees, 6);
      }),
      { numRuns: 150 },
    );
  });

  it('a fee-free round trip returns the pool to its state; with a fee the pool ends richer by the fees', () => {
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 5000 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 49 }), (reserve, feeBps, n) => {
        const { h, curve } = cpVenue(reserve, feeBps);
        const y0 = curve.reserves().y;
        mkt(h, 'buy', n);
        const q = curve.reserves();
        // sell back: the same lots at the new reserves
        mkt(h, 'sell', n);
        const [b, s] = h.drain() as [Fill, Fill];
        const y1 = curve.reserves().y;
        expect(curve.reserves().x).toBe(reserve);
        expect(q.x).toBe(reserve - n);
        expect(y1 - y0).toBeCloseTo(b.price * n + b.taker.fee - (s.price * n - s.taker.fee), 6);
        if (feeBps === 0) expect(y1).toBeCloseTo(y0, 6);
        else expect(y1).toBeGreaterThan(y0);
      }),
      { numRuns: 100 },
    );
  });
});
