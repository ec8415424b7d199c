import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { diffQuotes, type LiveQuote } from '../src/index.js';

const q = (id: number, market: string, side: 'buy' | 'sell', price: number, remaining: number): LiveQuote => ({ id, market, side, price, remaining });

describe('diffQuotes (cancel-replace)', () => {
  it('keeps identical quotes, cancels stale ones and sends the missing ones', () => {
    const live = [q(1, 'A', 'buy', 99, 1), q(2, 'A', 'sell', 101, 1), q(3, 'B', 'buy', 49, 2)];
    const d = diffQuotes(live, [
      { market: 'A', side: 'buy', price: 99, qty: 1 },
      { market: 'A', side: 'sell', price: 102, qty: 1 },
      { market: 'B', side: 'buy', price: 49, qty: 3 },
    ]);
    expect(d.keep.sort()).toEqual([1, 3]);
    expect(d.cancel).toEqual([2]);
    // B's bid grew from 2 to 3 lots at the same price: the 2 keep their queue place, 1 more is sent
    expect(d.place).toEqual([
      { market: 'A', side: 'sell', price: 102, qty: 1 },
      { market: 'B', side: 'buy', price: 49, qty: 1 },
    ]);
  });

  it('cancels a quote larger than wanted and an empty answer cancels everything', () => {
    const live = [q(5, 'A', 'buy', 99, 3)];
    expect(diffQuotes(live, [{ market: 'A', side: 'buy', price: 99, qty: 1 }])).toEqual({ cancel: [5], keep: [], place: [{ market: 'A', side: 'buy', price: 99, qty: 1 }] });
    expect(diffQuotes([q(1, 'A', 'buy', 99, 1), q(2, 'A', 'sell', 100, 1)], [])).toEqual({ cancel: [1, 2], keep: [], place: [] });
  });

  it('property: after the diff, kept plus placed lots equal the wanted lots at every price', () => {
    const key = fc.record({ market: fc.constantFrom('A', 'B'), side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'), price: fc.integer({ min: 95, max: 105 }) });
    fc.assert(
      fc.property(fc.array(fc.record({ k: key, qty: fc.integer({ min: 1, max: 4 }) }), { maxLength: 10 }), fc.array(fc.record({ k: key, qty: fc.integer({ min: 1, max: 4 }) }), { maxLength: 10 }), (l, w) => {
        const live = l.map((x, i) => q(i + 1, x.k.market, x.k.side, x.k.price, x.qty));
        const wanted = w.map((x) => ({ ...x.k, qty: x.qty }));
        const d = diffQuotes(live, wanted);
        expect(new Set([...d.keep, ...d.cancel]).size).toBe(live.length);
        const tally = new Map<string, number>();
        const add = (m: string, s: string, p: number, n: number) => tally.set(`${m}|${s}|${p}`, (tally.get(`${m}|${s}|${p}`) ?? 0) + n);
        for (const x of wanted) add(x.market, x.side, x.price, -x.qty);
        for (const id of d.keep) {
          const o = live.find((x) => x.id === id)!;
          add(o.market, o.side, o.price, o.remaining);
        }
        for (const x of d.place) add(x.market, x.side, x.price, x.qty);
        for (const v of tally.values()) expect(v).toBe(0);
      }),
    );
  });
});
