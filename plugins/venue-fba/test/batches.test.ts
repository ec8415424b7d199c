import { describe, it, expect } from 'vitest';
import { RejectReason, type BatchClearedEvent } from '@venuelab/kernel';
import { TEST_MARKET, venueHarness } from '@venuelab/testing';
import fba, { type FbaVenue } from '../src/index.js';
import { brief, setup } from './helpers.js';

// Every batch below is computed by hand from D(p), D+(p), S(p), S-(p) (see README). With tau = 1 a
// call runs at every tick; orders submitted at tick t are cleared by the call at tick t + 1.

describe('FBA: submissions are pending', () => {
  it('returns pending with the real id, filled 0 and the full quantity, and fills nothing before the call', () => {
    const b = setup();
    const id = b.lim('A', 'buy', 101, 10);
    const m = b.mkt('B', 'sell', 4);
    expect(b.results.get(id)).toEqual({ orderId: id, status: 'pending', filledQty: 0, remainingQty: 10 });
    expect(b.results.get(m)).toEqual({ orderId: m, status: 'pending', filledQty: 0, remainingQty: 4 });
    expect(b.h.fills).toHaveLength(0);
    expect(b.v.restingOrderCount()).toBe(2);
    // sealed: this batch's orders are not shown before the call
    expect(b.v.getState('M').bestBid).toBeNaN();
    expect(b.runTo(1).map(brief)).toEqual(['4@101 A#1(buy,maker)<-B#2(sell,taker)']);
  });

  it('declares a batch mechanism that prefers limit orders for informed traders', () => {
    const b = setup({ tau: 4 });
    expect(b.v.capabilities).toMatchObject({ mechanism: 'batch', limitOrders: true, marketOrders: true, prefersLimitForInformed: true, batchInterval: 4, restingLimitOrders: true, postOnly: true });
  });
});

describe('FBA: hand-computed batches', () => {
  it('horizontal intersection: bids 10@101, asks 5@99 and 10@100 clear at 100, the ask at 100 rationed to 5', () => {
    const b = setup();
    b.lim('A', 'buy', 101, 10);
    b.lim('B', 'sell', 99, 5);
    b.lim('C', 'sell', 100, 10);
    const fills = b.runTo(1);
    expect(fills.map(brief)).toEqual(['5@100 A#1(buy,maker)<-B#2(sell,taker)', '5@100 A#1(buy,maker)<-C#3(sell,taker)']);
    expect(fills.every((f) => f.batchId === 1 && f.t === 1)).toBe(true);
    const s = b.v.getState('M');
    expect([s.bestBid, s.bestAsk, s.askQty, s.last]).toEqual([NaN, 100, 5, 100]);
    expect(b.v.restingQty('M')).toEqual({ bid: 0, ask: 5 });
  });

  it('vertical intersection: bids 10@101, asks 10@99 clear at the midpoint 100', () => {
    const b = setup();
    b.lim('A', 'buy', 101, 10);
    b.lim('B', 'sell', 99, 10);
    expect(b.runTo(1).map(brief)).toEqual(['10@100 A#1(buy,maker)<-B#2(sell,taker)']);
    expect(b.v.restingOrderCount()).toBe(0);
    expect(b.v.lastBatch('M')).toEqual({ batchId: 1, t: 1, price: 100, volume: 10 });
  });

  it('no intersection: orders carry over and trade in a later batch, the earlier order as maker', () => {
    const b = setup();
    b.lim('A', 'buy', 99, 5);
    b.lim('B', 'sell', 101, 5);
    expect(b.runTo(1)).toHaveLength(0);
    const s = b.v.getState('M');
    expect([s.bestBid, s.bestAsk, s.mid]).toEqual([99, 101, 100]);
    b.lim('C', 'buy', 101, 5);
    const fills = b.runTo(2);
    // levels 99 (bid 5), 101 (bid 5, ask 5): only 101 clears
    expect(fills.map(brief)).toEqual(['5@101 B#2(sell,maker)<-C#3(buy,taker)']);
    expect(fills[0]!.batchId).toBe(2);
    expect(fills[0]!.midBefore).toBe(100);
    expect(fills[0]!.midAfter).toBeNaN(); // only the bid at 99 is left
    expect(b.v.restingQty('M')).toEqual({ bid: 5, ask: 0 });
  });

  it('pro-rata with earlier-batch priority: the rested ask fills first, the new asks share the rest', () => {
    const b = setup();
    b.lim('X', 'sell', 100, 4);
    expect(b.runTo(1)).toHaveLength(0);
    b.lim('Y', 'sell', 100, 6);
    b.lim('Z', 'sell', 100, 2);
    b.lim('W', 'buy', 100, 8);
    // price 100, volume 8: X (earlier batch) 4 in full; Y and Z share 4 pro rata 6:2 -> 3 and 1
    expect(b.runTo(2).map(brief)).toEqual([
      '4@100 X#1(sell,maker)<-W#4(buy,taker)',
      '3@100 Y#2(sell,maker)<-W#4(buy,taker)',
      '1@100 Z#3(sell,maker)<-W#4(buy,taker)',
    ]);
    expect(b.v.getState('M').askQty).toBe(4);
  });

  it('pro-rata with largest remainders, then time priority on equal remainders', () => {
    const b = setup();
    b.lim('Y', 'sell', 100, 3);
    b.lim('Z', 'sell', 100, 5);
    b.lim('Q', 'sell', 100, 2);
    b.lim('W', 'buy', 100, 4);
    // shares 1.2, 2.0, 0.8 -> floors 1, 2, 0; the spare lot goes to Q (largest remainder 0.8)
    expect(b.runTo(1).map(brief)).toEqual([
      '1@100 Y#1(sell,maker)<-W#4(buy,taker)',
      '2@100 Z#2(sell,maker)<-W#4(buy,taker)',
      '1@100 Q#3(sell,maker)<-W#4(buy,taker)',
    ]);
    // Y 2, Z 3, Q 1 rest from batch 1 and fill first in full (6 of 7 lots); P1 and P2 tie at 0.5
    // for the last lot, which goes to the earlier arrival P1
    b.lim('P1', 'sell', 100, 1);
    b.lim('P2', 'sell', 100, 1);
    b.lim('V', 'buy', 100, 1);
    b.lim('V', 'buy', 100, 6);
    expect(b.runTo(2).map(brief)).toEqual([
      '1@100 Y#1(sell,maker)<-V#7(buy,taker)',
      '1@100 Y#1(sell,maker)<-V#8(buy,taker)',
      '3@100 Z#2(sell,maker)<-V#8(buy,taker)',
      '1@100 Q#3(sell,maker)<-V#8(buy,taker)',
      '1@100 P1#5(sell,maker)<-V#8(buy,taker)',
    ]);
    expect(b.v.restingQty('M')).toEqual({ bid: 0, ask: 1 });
  });

  it('earlier batches are served oldest first', () => {
    const b = setup();
    b.lim('X', 'sell', 100, 2);
    b.runTo(1);
    b.lim('Y', 'sell', 100, 2);
    b.runTo(2);
    b.lim('Z', 'sell', 100, 2);
    b.lim('W', 'buy', 100, 3);
    expect(b.runTo(3).map(brief)).toEqual(['2@100 X#1(sell,maker)<-W#4(buy,taker)', '1@100 Y#2(sell,maker)<-W#4(buy,taker)']);
  });

  it('strictTime rationing serves the marginal level in arrival order', () => {
    const b = setup({ rationing: 'strictTime' });
    b.lim('X', 'sell', 100, 4);
    b.runTo(1);
    b.lim('Y', 'sell', 100, 6);
    b.lim('Z', 'sell', 100, 2);
    b.lim('W', 'buy', 100, 8);
    expect(b.runTo(2).map(brief)).toEqual(['4@100 X#1(sell,maker)<-W#4(buy,taker)', '4@100 Y#2(sell,maker)<-W#4(buy,taker)']);
    expect(b.v.restingQty('M')).toEqual({ bid: 0, ask: 4 });
  });

  it('market orders take part in one batch and their remainder expires', () => {
    const b = setup();
    b.lim('L', 'sell', 100, 3);
    b.runTo(1);
    b.mkt('T', 'buy', 5);
    // excess demand at every price: all supply trades at the highest ask, 2 lots of the market order expire
    expect(b.runTo(2).map(brief)).toEqual(['3@100 L#1(sell,maker)<-T#2(buy,taker)']);
    expect(b.v.restingOrderCount()).toBe(0);
    b.lim('L', 'sell', 100, 2);
    expect(b.runTo(3)).toHaveLength(0);
    expect(b.v.restingQty('M')).toEqual({ bid: 0, ask: 2 });
    // a market order with nothing against it expires unfilled
    b.mkt('T', 'buy', 4);
    b.mkt('U', 'sell', 1);
    // market buy 4 and sell 1 against an ask of 2 at 100: all supply (3) trades at 100
    expect(b.runTo(4).map(brief)).toEqual(['1@100 T#4(buy,maker)<-U#5(sell,taker)', '2@100 L#3(sell,maker)<-T#4(buy,taker)']);
    b.mkt('U', 'sell', 4);
    expect(b.runTo(5)).toHaveLength(0);
    expect(b.v.restingOrderCount()).toBe(0);
  });

  it('stamps every fill of a batch with the same pre-clear and post-clear mids', () => {
    const mk = (display: string) => {
      const b = setup({ display });
      b.lim('R1', 'buy', 98, 2);
      b.lim('R2', 'buy', 96, 3);
      b.lim('R3', 'sell', 102, 5);
      b.runTo(1);
      b.lim('Q', 'sell', 97, 4);
      b.lim('P', 'buy', 103, 1);
      return b.runTo(2);
    };
    // levels 96 b3, 97 a4, 98 b2, 102 a5, 103 b1: only 97 clears; volume 3; the ask at 97 is rationed to 3
    const book = mk('book');
    expect(book.map(brief)).toEqual(['2@97 R1#1(buy,maker)<-Q#4(sell,taker)', '1@97 Q#4(sell,maker)<-P#5(buy,taker)']);
    // before: 98 / 102 -> 100; after: 96 / 97 -> 96.5
    expect(book.map((f) => [f.midBefore, f.midAfter])).toEqual([
      [100, 96.5],
      [100, 96.5],
    ]);
    expect(mk('lastClear').map((f) => [f.midBefore, f.midAfter])).toEqual([
      [100, 97],
      [100, 97],
    ]);
    expect(mk('none').map((f) => [f.midBefore, f.midAfter])).toEqual([
      [100, NaN],
      [100, NaN],
    ]);
  });

  it('two informed bids racing for a stale ask move the price to their valuation; one lands midway', () => {
    const b = setup();
    b.lim('LP', 'sell', 100, 5);
    b.runTo(1);
    b.lim('I1', 'buy', 105, 5);
    b.lim('I2', 'buy', 105, 5);
    // levels 100 a5, 105 b10: only 105 clears; bids rationed 2.5 / 2.5 -> the spare lot to I1 (earlier)
    expect(b.runTo(2).map(brief)).toEqual(['3@105 LP#1(sell,maker)<-I1#2(buy,taker)', '2@105 LP#1(sell,maker)<-I2#3(buy,taker)']);

    const c = setup();
    c.lim('LP', 'sell', 100, 5);
    c.runTo(1);
    c.lim('I1', 'buy', 105, 5);
    // [100, 105] clears: the price is the midpoint, a half tick
    expect(c.runTo(2).map(brief)).toEqual(['5@102.5 LP#1(sell,maker)<-I1#2(buy,taker)']);
  });

  it('market orders against a stale quote clear at the quote', () => {
    const b = setup();
    b.lim('LP', 'sell', 100, 5);
    b.lim('LP', 'buy', 98, 5);
    b.runTo(1);
    b.mkt('I1', 'buy', 5);
    b.mkt('I2', 'buy', 5);
    expect(b.runTo(2).map(brief)).toEqual(['3@100 LP#1(sell,maker)<-I1#3(buy,taker)', '2@100 LP#1(sell,maker)<-I2#4(buy,taker)']);
    b.mkt('S', 'sell', 5);
    // the clearing set is (-inf, 98]: its finite end
    expect(b.runTo(3).map(brief)).toEqual(['5@98 LP#2(buy,maker)<-S#5(sell,taker)']);
  });

  it('market orders on both sides cross each other at the midpoint of the rested quotes, the earlier as maker', () => {
    const b = setup({ takerFeeBps: 10, makerFeeBps: -5 });
    b.lim('Bq', 'buy', 100, 10);
    b.lim('Aq', 'sell', 101, 10);
    b.runTo(1);
    b.mkt('X', 'buy', 4);
    b.mkt('Y', 'sell', 4);
    const f = b.runTo(2);
    expect(f.map(brief)).toEqual(['4@100.5 X#3(buy,maker)<-Y#4(sell,taker)']);
    expect(f[0]!.maker.fee).toBeCloseTo((402 * -5) / 1e4, 12);
    expect(f[0]!.taker.fee).toBeCloseTo((402 * 10) / 1e4, 12);
    expect(b.v.restingQty('M')).toEqual({ bid: 10, ask: 10 });
    // unbalanced: buy 6, sell 4 -> D+(101) = 6 <= S(101) = 14 and S-(101) = 4 <= D(101) = 6: price 101
    b.mkt('X', 'buy', 6);
    b.mkt('Y', 'sell', 4);
    expect(b.runTo(3).map(brief)).toEqual(['4@101 X#5(buy,maker)<-Y#6(sell,taker)', '2@101 Aq#2(sell,maker)<-X#5(buy,taker)']);
  });

  it('charges maker and taker fees in bps of notional at the batch price', () => {
    const b = setup({ makerFeeBps: -1, takerFeeBps: 2 });
    b.lim('LP', 'sell', 100, 5);
    b.runTo(1);
    b.lim('I', 'buy', 105, 5);
    const [f] = b.runTo(2);
    expect(f!.price).toBe(102.5);
    expect(f!.maker.fee).toBeCloseTo(-0.05125, 12);
    expect(f!.taker.fee).toBeCloseTo(0.1025, 12);
  });

  it('rations in whole lots of lotSize and checks the tick grid', () => {
    const b = setup({ lotSize: 10, tickSize: 5 });
    b.lim('Y', 'sell', 100, 30);
    b.lim('Z', 'sell', 100, 20);
    b.lim('W', 'buy', 100, 30);
    // 3 units among 3:2 -> 1.8 / 1.2 -> floors 1, 1, spare to Y
    expect(b.runTo(1).map(brief)).toEqual(['20@100 Y#1(sell,maker)<-W#3(buy,taker)', '10@100 Z#2(sell,maker)<-W#3(buy,taker)']);
    const bad = b.lim('W', 'buy', 100, 15);
    expect(b.results.get(bad)!.reason).toBe(RejectReason.BadQuantity);
    const off = b.lim('W', 'buy', 102, 10);
    expect(b.results.get(off)!.reason).toBe(RejectReason.OffTick);
  });
});

describe('FBA: timing', () => {
  it('with tau = 3 calls run at ticks 3, 6, ... and clear what arrived in the 3 ticks before', () => {
    const b = setup({ tau: 3 });
    b.runTo(1);
    b.lim('A', 'buy', 100, 5);
    b.lim('B', 'sell', 100, 5);
    expect(b.runTo(2)).toHaveLength(0);
    const f = b.runTo(3);
    expect(f.map(brief)).toEqual(['5@100 A#1(buy,maker)<-B#2(sell,taker)']);
    expect([f[0]!.t, f[0]!.batchId]).toEqual([3, 1]);
    b.lim('C', 'buy', 100, 2);
    b.lim('D', 'sell', 100, 2);
    expect(b.runTo(5)).toHaveLength(0);
    const g = b.runTo(6);
    expect([g.length, g[0]!.t, g[0]!.batchId]).toEqual([1, 6, 2]);
  });

  it('phase shifts the call ticks', () => {
    const b = setup({ tau: 3, phase: 2 });
    b.lim('A', 'buy', 100, 5);
    b.lim('B', 'sell', 100, 5);
    expect(b.runTo(1)).toHaveLength(0);
    const f = b.runTo(2);
    expect([f.length, f[0]!.t, f[0]!.batchId]).toEqual([1, 2, 0]);
    expect(() => setup({ tau: 3, phase: 3 })).toThrow(/phase/);
  });

  it('emits batch.cleared once per call and market, with price and volume', () => {
    const b = setup({ tau: 2 });
    const events: BatchClearedEvent[] = [];
    b.h.bus.on('batch.cleared', (e) => events.push(e));
    b.lim('A', 'buy', 101, 10);
    b.lim('B', 'sell', 99, 10);
    b.runTo(4);
    b.lim('C', 'buy', 99, 1);
    b.runTo(6);
    expect(events.map((e) => [e.batchId, e.t, e.price, e.volume])).toEqual([
      [1, 2, 100, 10],
      [2, 4, NaN, 0],
      [3, 6, NaN, 0],
    ]);
    expect(events[0]!.venue).toBe('venue-fba');
  });

  it('an order sent from a batch.cleared listener joins the next batch, not an earlier one', () => {
    const b = setup();
    let sent = false;
    b.h.bus.on('batch.cleared', () => {
      if (sent) return;
      sent = true;
      b.lim('L', 'sell', 100, 2);
    });
    b.runTo(1);
    b.lim('Y', 'sell', 100, 2);
    b.lim('W', 'buy', 100, 2);
    // L and Y are of the same batch: 1 lot each, not 2 to L
    expect(b.runTo(2).map(brief)).toEqual(['1@100 L#1(sell,maker)<-W#3(buy,taker)', '1@100 Y#2(sell,maker)<-W#3(buy,taker)']);
  });
});

describe('FBA: several markets', () => {
  it('runs one call per market at each call tick, each market at its own price, sharing the batch id', () => {
    const h = venueHarness<FbaVenue>(fba, { markets: ['A', 'B'] }, { markets: [{ ...TEST_MARKET, id: 'A' }, { ...TEST_MARKET, id: 'B' }, { ...TEST_MARKET, id: 'C' }] });
    const v = h.venue;
    expect(v.markets).toEqual(['A', 'B']);
    const lim = (id: number, market: string, side: 'buy' | 'sell', price: number) => v.submitLimitOrder({ orderId: id, agentId: `x${id}`, market, side, price, qty: 2, submittedAt: 0 });
    lim(1, 'A', 'buy', 101);
    lim(2, 'A', 'sell', 99);
    lim(3, 'B', 'buy', 50);
    lim(4, 'B', 'sell', 50);
    expect(lim(5, 'C', 'buy', 50).reason).toBe(RejectReason.UnknownMarket);
    h.advance(1);
    expect(h.drain().map((f) => [f.market, f.price, f.qty, f.batchId])).toEqual([
      ['A', 100, 2, 1],
      ['B', 50, 2, 1],
    ]);
  });
});

describe('FBA: display policies', () => {
  const scenario = (display: string) => {
    const b = setup({ display });
    b.lim('A', 'buy', 99, 5);
    b.lim('B', 'sell', 101, 5);
    b.lim('B', 'sell', 103, 2);
    b.runTo(1);
    const rested = b.v.getState('M', 5);
    b.lim('C', 'buy', 101, 5);
    const sealed = b.v.getState('M', 5);
    b.runTo(2);
    return { rested, sealed, after: b.v.getState('M', 5) };
  };

  it('book shows the rested book and the last price, never pending orders', () => {
    const { rested, sealed, after } = scenario('book');
    expect(rested).toMatchObject({ bestBid: 99, bestAsk: 101, bidQty: 5, askQty: 5, mid: 100, last: NaN });
    expect(rested.asks).toEqual([
      { price: 101, qty: 5 },
      { price: 103, qty: 2 },
    ]);
    expect(sealed).toEqual(rested);
    expect(after).toMatchObject({ bestBid: 99, bestAsk: 103, mid: 101, last: 101, bids: [{ price: 99, qty: 5 }], asks: [{ price: 103, qty: 2 }] });
  });

  it('lastClear shows only the last price, as mid and last', () => {
    const { rested, after } = scenario('lastClear');
    expect(rested).toMatchObject({ bestBid: NaN, bestAsk: NaN, mid: NaN, last: NaN, bids: [], asks: [] });
    expect(after).toMatchObject({ bestBid: NaN, bestAsk: NaN, bidQty: 0, askQty: 0, mid: 101, last: 101, bids: [], asks: [] });
  });

  it('none shows nothing', () => {
    const { after } = scenario('none');
    expect(after).toMatchObject({ bestBid: NaN, bestAsk: NaN, mid: NaN, last: NaN, bids: [], asks: [] });
  });
});

describe('FBA: cancels and rejections', () => {
  it('a cancel before the call removes a pending order; rested orders cancel out of the book', () => {
    const b = setup();
    const a = b.lim('A', 'buy', 101, 5);
    const s = b.lim('B', 'sell', 100, 5);
    expect(b.v.cancelOrder({ orderId: a, agentId: 'A', submittedAt: 0 })).toEqual({ orderId: a, status: 'cancelled', filledQty: 0, remainingQty: 0 });
    expect(b.runTo(1)).toHaveLength(0);
    expect(b.v.getState('M').bestAsk).toBe(100);
    expect(b.v.cancelOrder({ orderId: s, agentId: 'C', submittedAt: 1 }).reason).toBe(RejectReason.ForeignOrder);
    expect(b.v.cancelOrder({ orderId: 999, agentId: 'B', submittedAt: 1 }).reason).toBe(RejectReason.UnknownOrder);
    expect(b.v.cancelOrder({ orderId: s, agentId: 'B', submittedAt: 1 }).status).toBe('cancelled');
    expect(b.v.getState('M').bestAsk).toBeNaN();
    expect(b.v.restingOrderCount()).toBe(0);
    expect(b.v.cancelOrder({ orderId: s, agentId: 'B', submittedAt: 1 }).reason).toBe(RejectReason.UnknownOrder);
    // a market order can be cancelled before its call
    b.lim('L', 'sell', 100, 5);
    b.runTo(2);
    const m = b.mkt('T', 'buy', 5);
    b.v.cancelOrder({ orderId: m, agentId: 'T', submittedAt: 2 });
    expect(b.runTo(3)).toHaveLength(0);
    expect(b.v.getState('M').askQty).toBe(5);
  });

  it('cancelling part of a rested level keeps the rest of the level', () => {
    const b = setup();
    const x = b.lim('X', 'buy', 100, 4);
    b.lim('Y', 'buy', 100, 3);
    b.runTo(1);
    b.v.cancelOrder({ orderId: x, agentId: 'X', submittedAt: 1 });
    expect(b.v.getState('M')).toMatchObject({ bestBid: 100, bidQty: 3 });
  });

  it('rejects bad orders with coded reasons and changes nothing', () => {
    const b = setup();
    b.lim('A', 'buy', 100, 5);
    const before = b.v.restingOrderCount();
    const bad: [() => number, string][] = [
      [() => b.lim('A', 'buy', 100, 0), RejectReason.BadQuantity],
      [() => b.lim('A', 'buy', 100, -1), RejectReason.BadQuantity],
      [() => b.lim('A', 'buy', 100, 1.5), RejectReason.BadQuantity],
      [() => b.lim('A', 'buy', NaN, 1), RejectReason.BadPrice],
      [() => b.lim('A', 'buy', Infinity, 1), RejectReason.BadPrice],
      [() => b.lim('A', 'buy', 0, 1), RejectReason.BadPrice],
      [() => b.lim('A', 'sell', 100.5, 1), RejectReason.OffTick],
      [() => b.mkt('A', 'sell', 0), RejectReason.BadQuantity],
      [() => b.lim('A', 'bid' as never, 100, 1), RejectReason.BadPrice],
    ];
    for (const [send, reason] of bad) {
      const id = send();
      expect(b.results.get(id)).toEqual({ orderId: id, status: 'rejected', filledQty: 0, remainingQty: 0, reason });
    }
    const v = b.v;
    expect(v.submitLimitOrder({ orderId: 1000, agentId: 'A', market: 'NOPE', side: 'buy', price: 100, qty: 1, submittedAt: 0 }).reason).toBe(RejectReason.UnknownMarket);
    expect(v.submitMarketOrder({ orderId: 1001, agentId: 'A', market: 'NOPE', side: 'buy', qty: 1, submittedAt: 0 }).reason).toBe(RejectReason.UnknownMarket);
    expect(v.submitLimitOrder({ orderId: 1, agentId: 'A', market: 'M', side: 'sell', price: 100, qty: 1, submittedAt: 0 }).reason).toBe(RejectReason.DuplicateId);
    expect(v.restingOrderCount()).toBe(before);
    expect(b.runTo(1)).toHaveLength(0);
    expect(v.restingQty('M')).toEqual({ bid: 5, ask: 0 });
  });
});

describe('FBA: estimateImpact', () => {
  it('is the move of the call price from adding a market order to the rested book', () => {
    const b = setup();
    b.lim('A', 'sell', 101, 5);
    b.lim('A', 'sell', 102, 10);
    b.lim('B', 'buy', 99, 5);
    b.runTo(1);
    // base: the uncrossed book's clearing interval [99, 101] -> 100
    expect(b.v.estimateImpact('M', 'buy', 3)).toBe(1); // only 101 clears
    expect(b.v.estimateImpact('M', 'buy', 5)).toBe(1.5); // [101, 102]
    expect(b.v.estimateImpact('M', 'buy', 10)).toBe(2); // only 102
    expect(b.v.estimateImpact('M', 'buy', 16)).toBe(Infinity);
    expect(b.v.estimateImpact('M', 'sell', 3)).toBe(-1);
    expect(b.v.estimateImpact('M', 'sell', 6)).toBe(-Infinity);
    expect(b.v.estimateImpact('M', 'buy', 0)).toBe(0);
    expect(b.v.estimateImpact('X', 'buy', 1)).toBe(0);
  });
});
