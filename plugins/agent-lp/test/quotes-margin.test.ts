import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { allowedSides, gateOpen, lpQuotes, netInventoryMargin } from '../src/index.js';

describe('lpQuotes (hand-computed)', () => {
  it('quotes floor(center - h) / ceil(center + h) on an empty book', () => {
    expect(lpQuotes(10000.4, 2, NaN, NaN)).toEqual({ bid: 9998, ask: 10003 });
    expect(lpQuotes(10000, 0.5, NaN, NaN)).toEqual({ bid: 9999, ask: 10001 });
  });
  it('never quotes marketable against the visible book', () => {
    // book 9990 / 9997: the belief (10000.4) is above the whole book; the bid drops below the ask
    expect(lpQuotes(10000.4, 2, 9990, 9997)).toEqual({ bid: 9996, ask: 10003 });
    // book 10005 / 10020: the ask rises above the bid
    expect(lpQuotes(10000.4, 2, 10005, 10020)).toEqual({ bid: 9998, ask: 10006 });
    // fractional touch (a pool's block price)
    expect(lpQuotes(10000.4, 2, 9999.5, 10000.5)).toEqual({ bid: 9998, ask: 10003 });
    expect(lpQuotes(10000.4, 0.1, 9999.5, 10000.5)).toEqual({ bid: 10000, ask: 10001 });
  });
  it('posts no bid below one tick and nothing without a centre', () => {
    expect(Number.isNaN(lpQuotes(2, 1.5, NaN, NaN).bid)).toBe(true);
    const q = lpQuotes(NaN, 2, NaN, NaN);
    expect(Number.isNaN(q.bid) && Number.isNaN(q.ask)).toBe(true);
  });
  it('bid < ask, bid < best ask and ask > best bid for any centre, half-spread and book (property)', () => {
    const side = fc.oneof(fc.constant(NaN), fc.double({ min: 1, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), side, side, (c, h, b, a) => {
        fc.pre(!(b >= a)); // a visible book is never crossed
        const q = lpQuotes(c, h, b, a);
        expect(Number.isInteger(q.ask)).toBe(true);
        expect(q.ask).toBeGreaterThan(c);
        if (!Number.isNaN(b)) expect(q.ask).toBeGreaterThan(b);
        if (!Number.isNaN(q.bid)) {
          expect(Number.isInteger(q.bid)).toBe(true);
          expect(q.bid).toBeGreaterThanOrEqual(1);
          expect(q.bid).toBeLessThan(q.ask);
          expect(q.bid).toBeLessThan(c);
          if (!Number.isNaN(a)) expect(q.bid).toBeLessThan(a);
        }
      }),
    );
  });
});

describe('net-inventory margin', () => {
  it('capital is released as inventory nets out (a gross deployment counter only grows)', () => {
    const inv = new Map<string, number>([['M', 0]]);
    const mark = () => 10_000;
    const rate = 0.5;
    let gross = 0;
    const trade = (lots: number) => {
      inv.set('M', inv.get('M')! + lots);
      gross += rate * Math.abs(lots) * 10_000;
      return netInventoryMargin(inv, mark, rate);
    };
    expect(trade(+5)).toBe(25_000);
    expect(trade(-3)).toBe(10_000);
    expect(trade(-2)).toBe(0);
    expect(gross).toBe(50_000);
    expect(trade(-4)).toBe(20_000); // short inventory is margined too
  });
  it('sums |net lots| * mark over markets', () => {
    const inv = new Map<string, number>([
      ['A', 3],
      ['B', -2],
      ['C', 0],
    ]);
    const marks: Record<string, number> = { A: 10_000, B: 5_000, C: 1e9 };
    expect(netInventoryMargin(inv, (m) => marks[m]!, 1)).toBe(40_000);
  });
  it('the gate closes at the budget; sitOut posts nothing, reduceOnly only the reducing side', () => {
    expect(gateOpen(99_999, 100_000)).toBe(true);
    expect(gateOpen(100_000, 100_000)).toBe(false);
    expect(allowedSides(true, 'sitOut', 7)).toEqual({ bid: true, ask: true });
    expect(allowedSides(false, 'sitOut', 7)).toEqual({ bid: false, ask: false });
    expect(allowedSides(false, 'reduceOnly', 7)).toEqual({ bid: false, ask: true });
    expect(allowedSides(false, 'reduceOnly', -7)).toEqual({ bid: true, ask: false });
    expect(allowedSides(false, 'reduceOnly', 0)).toEqual({ bid: false, ask: false });
  });
});
