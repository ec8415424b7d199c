import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { latentToTicks, ticksToLatent } from '@venuelab/kernel';
import { Exposure, beliefDecision, chooseOrderType, referencePrices, valuationLimit, type LatentScale } from '../src/index.js';

// Market at 100.00 with a 0.01 tick: 10,000 price ticks; latent = log price.
const scale: LatentScale = { toLatent: (x) => ticksToLatent('log', 0.01, x), toTicks: (x) => latentToTicks('log', 0.01, x) };

describe('referencePrices', () => {
  it('uses the touch, then the mid, then the last trade', () => {
    expect(referencePrices({ bestBid: 10040, bestAsk: 10050, mid: 10045, last: 9000 })).toEqual({ buy: 10050, sell: 10040 });
    expect(referencePrices({ bestBid: NaN, bestAsk: 10050, mid: NaN, last: 9000 })).toEqual({ buy: 10050, sell: 9000 });
    expect(referencePrices({ bestBid: NaN, bestAsk: NaN, mid: 10020.5, last: 9000 })).toEqual({ buy: 10020.5, sell: 10020.5 });
    const none = referencePrices({ bestBid: NaN, bestAsk: NaN, mid: NaN, last: NaN });
    expect(Number.isNaN(none.buy) && Number.isNaN(none.sell)).toBe(true);
  });
});

describe('beliefDecision (hand-computed)', () => {
  const ref = { buy: 10050, sell: 10040 };
  it('latent unit: buys when log(belief) - log(ask) exceeds the threshold', () => {
    // belief 101.00: gap = ln(101 / 100.5) = 0.0049628...
    const d = beliefDecision(Math.log(101), ref, 0.004, 'latent', scale);
    expect(d?.side).toBe('buy');
    expect(d!.gap).toBeCloseTo(0.00496279, 7);
    expect(beliefDecision(Math.log(101), ref, 0.005, 'latent', scale)).toBeNull();
  });
  it('latent unit: sells when log(bid) - log(belief) exceeds the threshold', () => {
    // belief 99.00: gap = ln(100.4 / 99) = 0.0140424...
    const d = beliefDecision(Math.log(99), ref, 0.014, 'latent', scale);
    expect(d).toEqual({ side: 'sell', gap: expect.closeTo(0.0140424, 6) });
    expect(beliefDecision(Math.log(99), ref, 0.0141, 'latent', scale)).toBeNull();
  });
  it('ticks unit: compares the belief in price ticks with the touch (strictly)', () => {
    // belief 101.00 = 10,100 ticks; ask 10,050: gap 50 ticks.
    expect(beliefDecision(Math.log(101), ref, 49.9, 'ticks', scale)?.side).toBe('buy');
    expect(beliefDecision(Math.log(101), ref, 50.1, 'ticks', scale)).toBeNull();
    // belief 100.20 = 10,020 ticks; bid 10,040: sell gap 20 ticks.
    expect(beliefDecision(Math.log(100.2), ref, 19.9, 'ticks', scale)?.side).toBe('sell');
    expect(beliefDecision(Math.log(100.2), ref, 20.1, 'ticks', scale)).toBeNull();
  });
  it('does nothing inside the spread, without prices, or without a belief', () => {
    expect(beliefDecision(Math.log(100.45), ref, 0, 'latent', scale)).toBeNull();
    expect(beliefDecision(Math.log(105), { buy: NaN, sell: NaN }, 0, 'latent', scale)).toBeNull();
    expect(beliefDecision(NaN, ref, 0, 'latent', scale)).toBeNull();
  });
  it('never wants both sides on a book that is not crossed (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20000 }), fc.integer({ min: 0, max: 500 }), fc.double({ min: 1, max: 30000, noNaN: true }), fc.double({ min: 0, max: 0.05, noNaN: true }), (bid, w, f, thr) => {
        const r = { buy: bid + w, sell: bid };
        const d = beliefDecision(scale.toLatent(f), r, thr, 'latent', scale);
        if (d?.side === 'buy') expect(scale.toLatent(f) - scale.toLatent(r.buy)).toBeGreaterThan(thr);
        if (d?.side === 'sell') expect(scale.toLatent(r.sell) - scale.toLatent(f)).toBeGreaterThan(thr);
        if (f > r.sell && f < r.buy) expect(d).toBeNull();
      }),
    );
  });
});

describe('chooseOrderType and valuationLimit', () => {
  it('picks the order type from capabilities only', () => {
    expect(chooseOrderType({ limitOrders: true, marketOrders: true, prefersLimitForInformed: false })).toBe('market');
    expect(chooseOrderType({ limitOrders: true, marketOrders: true, prefersLimitForInformed: true })).toBe('limit');
    expect(chooseOrderType({ limitOrders: true, marketOrders: false, prefersLimitForInformed: false })).toBe('limit');
    expect(chooseOrderType({ limitOrders: false, marketOrders: true, prefersLimitForInformed: true })).toBe('market');
    expect(chooseOrderType({ limitOrders: false, marketOrders: false, prefersLimitForInformed: true })).toBeNull();
  });
  it('never pays more or receives less than the valuation', () => {
    expect(valuationLimit('buy', 10100.5)).toBe(10100);
    expect(valuationLimit('sell', 10100.5)).toBe(10101);
    expect(valuationLimit('buy', 10100)).toBe(10100);
    expect(valuationLimit('buy', 0.4)).toBe(1);
  });
});

describe('Exposure', () => {
  it('counts fills and open orders against the position cap', () => {
    const e = new Exposure();
    e.sent(1, 'v', 'M', 'buy', 3);
    expect(e.canAdd('M', 'buy', 3, 5)).toBe(false); // 0 + 3 open + 3 > 5
    expect(e.canAdd('M', 'buy', 2, 5)).toBe(true);
    expect(e.canAdd('M', 'sell', 5, 5)).toBe(true); // sells are not offset by open buys: 0 - 0 - 5 >= -5
    e.filled(1, 'M', 'buy', 2);
    expect(e.position('M')).toBe(2);
    expect(e.openQty('M', 'buy')).toBe(1);
    e.result({ orderId: 1, status: 'partial', filledQty: 2, remainingQty: 1 });
    expect(e.isOpen(1)).toBe(true);
    e.result({ orderId: 1, status: 'cancelled', filledQty: 0, remainingQty: 0 });
    expect(e.isOpen(1)).toBe(false);
    expect(e.position('M')).toBe(2);
    e.sent(2, 'v', 'M', 'sell', 4);
    e.filled(2, 'M', 'sell', 4);
    expect(e.position('M')).toBe(-2);
    expect(e.openCount).toBe(0);
  });
});
