import { describe, it, expect } from 'vitest';
import { emptyVenueState, type MarketSpec, type VenueCapabilities, type VenueState } from '@venuelab/kernel';
import { askOnGrid, bidOnGrid, OwnOrders, priceGrid, referencePrice, subtractOwn } from '../src/index.js';

const PRICE: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const PROB: MarketSpec = { id: 'P', tickSize: 0.01, lotSize: 1, openingMid: 0.3, kind: 'probability' };
const CONT: VenueCapabilities = { mechanism: 'continuous', limitOrders: true, marketOrders: true, prefersLimitForInformed: false, batchInterval: 0 };
const INTENSITY: VenueCapabilities = { ...CONT, mechanism: 'intensity', exogenousMid: true };

function state(bids: [number, number][], asks: [number, number][], extra: Partial<VenueState> = {}): VenueState {
  const s = emptyVenueState('M', 0);
  s.bids = bids.map(([price, qty]) => ({ price, qty }));
  s.asks = asks.map(([price, qty]) => ({ price, qty }));
  s.bestBid = bids.length ? bids[0]![0] : NaN;
  s.bestAsk = asks.length ? asks[0]![0] : NaN;
  s.bidQty = bids.length ? bids[0]![1] : 0;
  s.askQty = asks.length ? asks[0]![1] : 0;
  s.mid = (s.bestBid + s.bestAsk) / 2;
  return { ...s, ...extra };
}

describe('price grid', () => {
  it('rounds bids down and asks up onto the increment, within the market range', () => {
    const g = priceGrid(PRICE, 5);
    expect(bidOnGrid(g, 10_003.7)).toBe(10_000);
    expect(askOnGrid(g, 10_000.2)).toBe(10_005);
    expect(bidOnGrid(g, 10_005)).toBe(10_005);
    expect(askOnGrid(g, 10_005)).toBe(10_005);
    expect(bidOnGrid(g, 3)).toBeNaN();
    expect(askOnGrid(g, -4)).toBe(5);
    expect(bidOnGrid(g, NaN)).toBeNaN();
    const p = priceGrid(PROB, 1);
    expect(p.max).toBe(99);
    expect(askOnGrid(p, 99.5)).toBeNaN();
    expect(bidOnGrid(p, 120)).toBe(99);
    expect(() => priceGrid(PRICE, 0)).toThrow();
  });
});

describe('own orders and the book without them', () => {
  it('tracks own lots per price and the own touch', () => {
    const own = new OwnOrders();
    own.add({ id: 1, side: 'buy', price: 99, qty: 3, postedAt: 0, distance: 1 });
    own.add({ id: 2, side: 'buy', price: 98, qty: 1, postedAt: 0, distance: 2 });
    own.add({ id: 3, side: 'sell', price: 102, qty: 2, postedAt: 0, distance: 2 });
    own.get(1)!.remaining = 2;
    expect(own.qtyAt('buy', 99)).toBe(2);
    expect(own.maxBid()).toBe(99);
    expect(own.minAsk()).toBe(102);
    own.remove(3);
    expect(own.minAsk()).toBe(Infinity);
    const s = state(
      [
        [99, 2],
        [98, 4],
      ],
      [
        [101, 5],
        [102, 1],
      ],
    );
    const ex = subtractOwn(s, (side, price) => own.qtyAt(side, price));
    expect(ex.bids).toEqual([{ price: 98, qty: 3 }]);
    expect(ex.asks).toEqual([
      { price: 101, qty: 5 },
      { price: 102, qty: 1 },
    ]);
    expect([ex.bestBid, ex.bidQty, ex.bestAsk, ex.askQty]).toEqual([98, 3, 101, 5]);
  });

  it('forms the reference price without venue-specific branches', () => {
    const none = () => 0;
    // others on both sides: their midpoint, not the venue's (own quotes excluded)
    const s = state([[99, 1]], [[103, 1]]);
    const ownBid = (side: string, p: number) => (side === 'buy' && p === 99 ? 1 : 0);
    const s2 = state(
      [
        [99, 1],
        [97, 2],
      ],
      [[103, 1]],
    );
    expect(referencePrice(CONT, s2, subtractOwn(s2, ownBid), NaN, 100)).toBe(100);
    expect(referencePrice(CONT, s, subtractOwn(s, none), NaN, 0)).toBe(101);
    // a venue publishing its own mid (intensity capability, or a mid off the touch midpoint)
    const exo = state([[99, 1]], [[101, 1]], { mid: 100.37 });
    expect(referencePrice(CONT, exo, subtractOwn(exo, none), NaN, 0)).toBe(100.37);
    const sym = state([[99, 1]], [[101, 1]]);
    expect(referencePrice(INTENSITY, { ...sym, mid: 100 }, subtractOwn(sym, ownBid), NaN, 0)).toBe(100);
    // nothing of others: last trade, else previous reference, else the fallback, kept inside a one-sided touch
    const empty = state([], []);
    expect(referencePrice(CONT, empty, subtractOwn(empty, none), NaN, 10_000)).toBe(10_000);
    expect(referencePrice(CONT, empty, subtractOwn(empty, none), 9_990, 10_000)).toBe(9_990);
    expect(referencePrice(CONT, { ...empty, last: 9_995 }, subtractOwn(empty, none), 9_990, 10_000)).toBe(9_995);
    const oneSided = state([], [[9_980, 3]]);
    expect(referencePrice(CONT, oneSided, subtractOwn(oneSided, none), NaN, 10_000)).toBe(9_980);
  });
});
