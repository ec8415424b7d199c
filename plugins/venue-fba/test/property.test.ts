import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Fill, Side } from '@venuelab/kernel';
import { setup } from './helpers.js';

// A brute-force model of a uniform-price call, independent of the venue's sweep: it evaluates the
// aggregate demand and supply at every candidate price (each limit price, the midpoints between
// neighbours and one point outside on each side) and checks the venue's batch against it.

interface ModelOrder {
  id: number;
  side: Side;
  /** +Infinity for a market buy, -Infinity for a market sell. */
  price: number;
  qty: number;
  entry: number;
  seq: number;
  isMarket: boolean;
}

const orderArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ market: fc.constant(false), side: fc.constantFrom<Side>('buy', 'sell'), price: fc.integer({ min: 95, max: 105 }), qty: fc.integer({ min: 1, max: 6 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ market: fc.constant(true), side: fc.constantFrom<Side>('buy', 'sell'), price: fc.constant(0), qty: fc.integer({ min: 1, max: 6 }) }),
  },
);
const batchArb = fc.record({ orders: fc.array(orderArb, { maxLength: 10 }), cancels: fc.array(fc.nat({ max: 50 }), { maxLength: 3 }) });

function curves(live: ModelOrder[]) {
  const D = (p: number) => live.reduce((s, o) => s + (o.side === 'buy' && o.price >= p ? o.qty : 0), 0);
  const Dp = (p: number) => live.reduce((s, o) => s + (o.side === 'buy' && o.price > p ? o.qty : 0), 0);
  const S = (p: number) => live.reduce((s, o) => s + (o.side === 'sell' && o.price <= p ? o.qty : 0), 0);
  const Sm = (p: number) => live.reduce((s, o) => s + (o.side === 'sell' && o.price < p ? o.qty : 0), 0);
  const clears = (p: number) => Sm(p) <= D(p) && Dp(p) <= S(p);
  return { D, S, clears };
}

/** Checks one call of the venue against the model; returns the fills per order id. */
function checkCall(live: ModelOrder[], fills: Fill[], rationing: string, midBefore: number, midAfter: number): Map<number, number> {
  const { D, S, clears } = curves(live);
  const limits = [...new Set(live.filter((o) => !o.isMarket).map((o) => o.price))].sort((a, b) => a - b);
  const candidates: number[] = [];
  for (let i = 0; i < limits.length; i++) {
    candidates.push(limits[i]!);
    if (i + 1 < limits.length) candidates.push((limits[i]! + limits[i + 1]!) / 2);
  }
  if (limits.length > 0) candidates.push(limits[0]! - 0.5, limits[limits.length - 1]! + 0.5);
  const vol = (p: number) => Math.min(D(p), S(p));
  const vmax = candidates.reduce((m, c) => Math.max(m, vol(c)), 0);

  const done = new Map<number, number>();
  for (const f of fills) {
    done.set(f.maker.orderId, (done.get(f.maker.orderId) ?? 0) + f.qty);
    done.set(f.taker.orderId, (done.get(f.taker.orderId) ?? 0) + f.qty);
  }
  const byId = new Map(live.map((o) => [o.id, o]));
  const got = (o: ModelOrder) => done.get(o.id) ?? 0;

  const mB = live.filter((o) => o.isMarket && o.side === 'buy').reduce((s, o) => s + o.qty, 0);
  const mS = live.filter((o) => o.isMarket && o.side === 'sell').reduce((s, o) => s + o.qty, 0);
  const limitBids = live.filter((o) => !o.isMarket && o.side === 'buy');
  const limitAsks = live.filter((o) => !o.isMarket && o.side === 'sell');
  const askTotal = limitAsks.reduce((s, o) => s + o.qty, 0);
  const bidTotal = limitBids.reduce((s, o) => s + o.qty, 0);

  if (fills.length === 0) {
    // Nothing traded: either no price gives volume, or no limit order bounds the price (the short
    // side has no limit orders, so market orders on the long side leave the price undetermined).
    const unbounded = limits.length === 0 || (mB > mS + askTotal && limitAsks.length === 0) || (mS > mB + bidTotal && limitBids.length === 0);
    expect(vmax === 0 || unbounded).toBe(true);
    return done;
  }

  // one price, one batch, one pair of mids
  const p = fills[0]!.price;
  for (const f of fills) {
    expect(f.price).toBe(p);
    expect(f.batchId).toBe(fills[0]!.batchId);
    expect(Object.is(f.midBefore, midBefore)).toBe(true);
    expect(Object.is(f.midAfter, midAfter)).toBe(true);
    expect(f.qty).toBeGreaterThan(0);
    expect(f.maker.side).not.toBe(f.taker.side);
  }
  const volume = fills.reduce((s, f) => s + f.qty, 0);
  // maximal volume over every candidate price, and the volume of the price itself
  expect(volume).toBe(vmax);
  expect(volume).toBe(vol(p));

  // the price: midpoint of the clearing interval, or its finite end; with no clearing price (market
  // orders exceeding the other side), the short side's worst limit
  const sat = limits.filter(clears);
  if (sat.length > 0) {
    expect(clears(p)).toBe(true);
    const lo = clears(limits[0]! - 1) ? -Infinity : sat[0]!;
    const hi = clears(limits[limits.length - 1]! + 1) ? Infinity : sat[sat.length - 1]!;
    const want = Number.isFinite(lo) && Number.isFinite(hi) ? (lo + hi) / 2 : Number.isFinite(lo) ? lo : hi;
    expect(p).toBe(want);
  } else if (mB > mS + askTotal) {
    expect(p).toBe(Math.max(...limitAsks.map((o) => o.price)));
  } else {
    expect(p).toBe(Math.min(...limitBids.map((o) => o.price)));
  }

  // quantities: no order over-filled, bids below / asks above the price untouched, and at most one
  // side short of full fills among the orders at or through the price
  let shortB = 0;
  let shortS = 0;
  for (const o of live) {
    expect(got(o)).toBeLessThanOrEqual(o.qty);
    if (o.side === 'buy' && o.price < p) expect(got(o)).toBe(0);
    if (o.side === 'sell' && o.price > p) expect(got(o)).toBe(0);
    if (o.side === 'buy' && o.price >= p && got(o) < o.qty) shortB++;
    if (o.side === 'sell' && o.price <= p && got(o) < o.qty) shortS++;
  }
  expect(shortB === 0 || shortS === 0).toBe(true);
  let sumB = 0;
  let sumS = 0;
  for (const o of live) {
    if (o.side === 'buy') sumB += got(o);
    else sumS += got(o);
  }
  expect(sumB).toBe(volume);
  expect(sumS).toBe(volume);

  // rationing within the long side: price priority (market orders first), then per the policy
  for (const side of ['buy', 'sell'] as const) {
    const mine = live.filter((o) => o.side === side);
    const better = (a: ModelOrder, b: ModelOrder) => (side === 'buy' ? a.price > b.price : a.price < b.price);
    for (const a of mine) for (const b of mine) if (better(a, b) && got(b) > 0) expect(got(a)).toBe(a.qty);
    const levelPrices = [...new Set(mine.filter((o) => got(o) > 0).map((o) => o.price))];
    for (const lp of levelPrices) {
      const level = mine.filter((o) => o.price === lp).sort((a, b) => a.seq - b.seq);
      if (rationing === 'strictTime') {
        for (let i = 0; i < level.length; i++) for (let j = i + 1; j < level.length; j++) if (got(level[j]!) > 0) expect(got(level[i]!)).toBe(level[i]!.qty);
      } else {
        for (const a of level) for (const b of level) if (a.entry < b.entry && got(b) > 0) expect(got(a)).toBe(a.qty);
        for (const e of new Set(level.map((o) => o.entry))) {
          const tier = level.filter((o) => o.entry === e);
          const q = tier.reduce((s, o) => s + o.qty, 0);
          const a = tier.reduce((s, o) => s + got(o), 0);
          for (const o of tier) expect(Math.abs(got(o) - (a * o.qty) / q)).toBeLessThan(1);
          // largest remainders: an order rounded up never has a smaller remainder than one rounded
          // down (equal remainders: the earlier arrival is rounded up)
          const frac = (o: ModelOrder) => (a * o.qty) % q;
          const up = tier.filter((o) => got(o) * q > a * o.qty);
          const down = tier.filter((o) => got(o) * q < a * o.qty);
          for (const u of up) for (const d of down) expect(frac(u) > frac(d) || (frac(u) === frac(d) && u.seq < d.seq)).toBe(true);
        }
      }
    }
  }

  // liquidity tags: a market order takes from a limit; an order from an earlier batch makes against
  // a newer one; otherwise the earlier arrival makes
  for (const f of fills) {
    const mk = byId.get(f.maker.orderId)!;
    const tk = byId.get(f.taker.orderId)!;
    expect([f.maker.liquidity, f.taker.liquidity]).toEqual(['maker', 'taker']);
    if (mk.isMarket) expect(tk.isMarket).toBe(true);
    else if (!tk.isMarket) expect(mk.entry < tk.entry || (mk.entry === tk.entry && mk.seq < tk.seq)).toBe(true);
    if (mk.isMarket) expect(mk.seq).toBeLessThan(tk.seq);
  }
  return done;
}

describe('FBA: property test against a brute-force call', () => {
  // scale 1: prices 95..105 (per-tick buckets); scale 5 on a 5-tick grid (buckets of 5 ticks);
  // scale 100003: a price span far wider than the order count (hashed levels and a sort)
  it.each([
    { scale: 1, tickSize: 1 },
    { scale: 5, tickSize: 5 },
    { scale: 100_003, tickSize: 1 },
  ])('one price per batch, clearing condition, maximal volume, rationing and conservation (prices x$scale)', ({ scale, tickSize }) => {
    fc.assert(
      fc.property(fc.array(batchArb, { minLength: 1, maxLength: 4 }), fc.constantFrom('proRataEarlierFirst', 'strictTime'), (batches, rationing) => {
        const b = setup({ rationing, tickSize });
        const live = new Map<number, ModelOrder>();
        let seq = 0;
        batches.forEach((batch, k) => {
          const ids = [...live.keys()];
          for (const c of batch.cancels) {
            if (ids.length === 0) break;
            const id = ids[c % ids.length]!;
            if (!live.has(id)) continue;
            const agent = `a${id}`;
            expect(b.v.cancelOrder({ orderId: id, agentId: agent, submittedAt: b.h.now }).status).toBe('cancelled');
            live.delete(id);
          }
          for (const o of batch.orders) {
            const nextId = seq + 1;
            const id = o.market ? b.mkt(`a${nextId}`, o.side, o.qty) : b.lim(`a${nextId}`, o.side, o.price * scale, o.qty);
            expect(id).toBe(nextId);
            expect(b.results.get(id)!.status).toBe('pending');
            live.set(id, { id, side: o.side, price: o.market ? (o.side === 'buy' ? Infinity : -Infinity) : o.price * scale, qty: o.qty, entry: k, seq: seq++, isMarket: o.market });
          }
          const before = b.v.getState('M').mid;
          const fills = b.runTo(k + 1);
          const after = b.v.getState('M');
          const done = checkCall([...live.values()], fills, rationing, before, after.mid);
          if (after.bestBid === after.bestBid && after.bestAsk === after.bestAsk) expect(after.bestBid).toBeLessThan(after.bestAsk);
          // conservation: what is still live is what was submitted minus fills, cancels and expiries
          for (const [id, o] of [...live]) {
            o.qty -= done.get(id) ?? 0;
            if (o.qty === 0 || o.isMarket) live.delete(id);
          }
          let bid = 0;
          let ask = 0;
          for (const o of live.values()) {
            if (o.side === 'buy') bid += o.qty;
            else ask += o.qty;
          }
          expect(b.v.restingQty('M')).toEqual({ bid, ask });
          expect(b.v.restingOrderCount()).toBe(live.size);
        });
      }),
      { numRuns: 400 },
    );
  });
});
