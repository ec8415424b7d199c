import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ErrorCode, type Fill, type MarketSpec } from '@venuelab/kernel';
import { venueHarness } from '@venuelab/testing';
import amm, { AmmVenue, LmsrCurve, lmsrCost } from '../src/index.js';

const EVENT: MarketSpec = { id: 'E', tickSize: 0.01, lotSize: 1, openingMid: 0.5, kind: 'probability' };

function lmsrVenue(b = 100, market: MarketSpec = EVENT, extra: Record<string, unknown> = {}) {
  const h = venueHarness<AmmVenue>(amm, { curve: 'lmsr', b, ...extra }, { markets: [market], id: 'amm' });
  const curve = h.venue.pool(market.id)!.curve as LmsrCurve;
  return { h, curve };
}

let nextId = 1;
function market(h: ReturnType<typeof lmsrVenue>['h'], side: 'buy' | 'sell', qty: number, market = 'E') {
  return h.venue.submitMarketOrder({ orderId: nextId++, agentId: 'a', market, side, qty, submittedAt: h.now });
}

describe('LMSR: hand-computed trades', () => {
  it('opens at the market mid and buys 10 YES at b = 100 for 100 ln((e^0.1 + 1) / 2) probability-lots', () => {
    const { h, curve } = lmsrVenue(100);
    expect(h.venue.getState('E').mid).toBeCloseTo(50, 12);
    const r = market(h, 'buy', 10);
    expect(r).toMatchObject({ status: 'filled', filledQty: 10, remainingQty: 0 });
    const [f] = h.drain() as [Fill];
    // 100 * ln((e^{0.1} + 1) / 2) = 5.124947951362557 probability-lots = 512.4947951362557 tick-lots
    expect(f.price * f.qty).toBeCloseTo(512.4947951362557, 9);
    expect(f.price).toBeCloseTo(51.249479513625566, 10);
    expect(f.midBefore).toBeCloseTo(50, 12);
    expect(f.midAfter).toBeCloseTo(100 / (1 + Math.exp(-0.1)), 10);
    expect(f.maker).toMatchObject({ agentId: 'amm:pool', orderId: -1, side: 'sell', liquidity: 'maker', fee: -0 });
    expect(f.taker).toMatchObject({ agentId: 'a', side: 'buy', liquidity: 'taker', fee: 0 });
    expect(curve.quantities()).toEqual({ yes: 10, no: 0 });
  });

  it('sells 30 YES after that as a purchase of 30 NO: receives 30 - (C(10, 30) - C(10, 0))', () => {
    const { h, curve } = lmsrVenue(100);
    market(h, 'buy', 10);
    h.drain();
    market(h, 'sell', 30);
    const [f] = h.drain() as [Fill];
    expect(f.price * f.qty).toBeCloseTo(1462.5779069197904, 9);
    expect(f.price).toBeCloseTo(48.75259689732635, 10);
    expect(f.midAfter).toBeCloseTo(45.016600268752214, 10);
    expect(f.maker.side).toBe('buy');
    expect(f.taker.side).toBe('sell');
    expect(curve.quantities()).toEqual({ yes: 10, no: 30 });
  });

  it('with p0 = 0.7 and b = 50 starts at q = (50 ln(7/3), 0) and prices 25 YES at 1871.9525754293413 tick-lots', () => {
    const { h, curve } = lmsrVenue(50, { ...EVENT, openingMid: 0.7 });
    expect(curve.quantities().yes).toBeCloseTo(50 * Math.log(7 / 3), 12);
    expect(h.venue.getState('E').mid).toBeCloseTo(70, 10);
    market(h, 'buy', 25);
    const [f] = h.drain() as [Fill];
    expect(f.price * f.qty).toBeCloseTo(1871.9525754293413, 8);
  });

  it('charges the fee on the curve notional, paid by the taker and received by the pool', () => {
    const { h, curve } = lmsrVenue(100, EVENT, { feeBps: 50 });
    market(h, 'buy', 10);
    const [f] = h.drain() as [Fill];
    expect(f.price * f.qty).toBeCloseTo(512.4947951362557, 9);
    expect(f.taker.fee).toBeCloseTo(512.4947951362557 * 0.005, 9);
    expect(f.maker.fee).toBeCloseTo(-f.taker.fee, 12);
    expect(curve.feesCollected()).toBeCloseTo(f.taker.fee, 12);
  });

  it('never loses more than b ln(1 / p0) on a YES buyer (the bounded-loss property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.integer({ min: 1, max: 5000 }), (p0, n) => {
        const { h } = lmsrVenue(40, { ...EVENT, openingMid: p0 });
        market(h, 'buy', n);
        const [f] = h.drain() as [Fill];
        const payout = n / EVENT.tickSize; // YES resolves: the pool pays 1 per lot
        const loss = payout - f.price * f.qty;
        expect(loss).toBeLessThanOrEqual((40 * Math.log(1 / p0)) / EVENT.tickSize + 1e-6);
      }),
      { numRuns: 200 },
    );
  });
});

describe('LMSR: properties', () => {
  const trades = fc.array(fc.record({ side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'), qty: fc.integer({ min: 1, max: 400 }) }), {
    minLength: 1,
    maxLength: 40,
  });
  const params = fc.record({ b: fc.double({ min: 5, max: 500, noNaN: true }), p0: fc.double({ min: 0.02, max: 0.98, noNaN: true }) });

  it('every trade pays exactly the cost-function difference', () => {
    fc.assert(
      fc.property(params, trades, ({ b, p0 }, seq) => {
        const { h, curve } = lmsrVenue(b, { ...EVENT, openingMid: p0 });
        for (const { side, qty } of seq) {
          const before = curve.quantities();
          market(h, side, qty);
          const [f] = h.drain() as [Fill];
          const after = curve.quantities();
          const dC = lmsrCost(after.yes, after.no, b) - lmsrCost(before.yes, before.no, b);
          // buy: pay C(q + n e_yes) - C(q); sell YES = buy NO and redeem n pairs for 1 each
          const paidProb = side === 'buy' ? f.price * f.qty * EVENT.tickSize : qty - f.price * f.qty * EVENT.tickSize;
          expect(paidProb).toBeCloseTo(dC, 7);
          expect(f.qty).toBe(qty);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('instantaneous prices are probabilities that sum to 1, and the venue mid is the YES price in ticks', () => {
    fc.assert(
      fc.property(params, trades, ({ b, p0 }, seq) => {
        const { h, curve } = lmsrVenue(b, { ...EVENT, openingMid: p0 });
        for (const { side, qty } of seq) {
          market(h, side, qty);
          const { yes, no } = curve.prices();
          const q = curve.quantities();
          // the definition exp(q_i / b) / sum_j exp(q_j / b), evaluated independently
          const m = Math.max(q.yes, q.no) / b;
          const ey = Math.exp(q.yes / b - m);
          const en = Math.exp(q.no / b - m);
          expect(yes).toBeCloseTo(ey / (ey + en), 12);
          expect(no).toBeCloseTo(en / (ey + en), 12);
          expect(yes + no).toBeCloseTo(1, 14);
          expect(yes).toBeGreaterThan(0);
          expect(no).toBeGreaterThan(0);
          const s = h.venue.getState('E');
          expect(s.mid * EVENT.tickSize).toBeCloseTo(yes, 12);
          // convex cost: selling one lot pays at most the marginal price, buying one costs at least it
          // (equal only to machine precision when the market is saturated near 0 or 1)
          expect(s.bestBid).toBeLessThanOrEqual(s.mid);
          expect(s.bestAsk).toBeGreaterThanOrEqual(s.mid);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is path independent: the cash of a sequence is C(final) - C(initial), whatever the order', () => {
    fc.assert(
      fc.property(params, trades, fc.infiniteStream(fc.nat()), ({ b, p0 }, seq, shuffleKeys) => {
        const cashOf = (order: typeof seq) => {
          const { h, curve } = lmsrVenue(b, { ...EVENT, openingMid: p0 });
          const q0 = curve.quantities();
          let cash = 0; // tick-lots paid by traders to the pool
          let sold = 0;
          for (const { side, qty } of order) {
            market(h, side, qty);
            const [f] = h.drain() as [Fill];
            cash += side === 'buy' ? f.price * f.qty : -f.price * f.qty;
            if (side === 'sell') sold += qty;
          }
          const q1 = curve.quantities();
          const dC = (lmsrCost(q1.yes, q1.no, b) - lmsrCost(q0.yes, q0.no, b)) / EVENT.tickSize;
          // sells are NO purchases whose n complete pairs are redeemed for 1 each
          expect(cash).toBeCloseTo(dC - sold / EVENT.tickSize, 5);
          return cash;
        };
        const keys = shuffleKeys.take(seq.length);
        const k = [...keys];
        const shuffled = seq.map((x, i) => ({ x, k: k[i]! })).sort((a, b2) => a.k - b2.k).map((e) => e.x);
        expect(cashOf(shuffled)).toBeCloseTo(cashOf(seq), 5);
      }),
      { numRuns: 100 },
    );
  });

  it('a round trip (buy n then sell n) costs nothing without a fee', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 1, max: 2000 }), ({ b, p0 }, n) => {
        const { h } = lmsrVenue(b, { ...EVENT, openingMid: p0 });
        const mid0 = h.venue.getState('E').mid;
        market(h, 'buy', n);
        market(h, 'sell', n);
        const [buy, sell] = h.drain() as [Fill, Fill];
        expect(buy.price * n - sell.price * n).toBeCloseTo(0, 6);
        expect(h.venue.getState('E').mid).toBeCloseTo(mid0, 9);
      }),
      { numRuns: 100 },
    );
  });
});

describe('LMSR: limit orders are marketable up to the limit (IOC)', () => {
  it('takes lots while each lot costs at most the limit, then cancels the rest', () => {
    const { h } = lmsrVenue(100);
    // lot j costs 100 [C(j) - C(j - 1)] / ... ; the 20th lot costs < 55 ticks, the 21st > 55? find by brute force
    const lotCost = (j: number) => (lmsrCost(j, 0, 100) - lmsrCost(j - 1, 0, 100)) / 0.01;
    let expected = 0;
    while (lotCost(expected + 1) <= 55) expected++;
    expect(expected).toBeGreaterThan(5);
    const r = h.venue.submitLimitOrder({ orderId: 900, agentId: 'a', market: 'E', side: 'buy', price: 55, qty: 1000, submittedAt: 0 });
    expect(r).toEqual({ orderId: 900, status: 'partial', filledQty: expected, remainingQty: 0 });
    const [f] = h.drain() as [Fill];
    expect(f.qty).toBe(expected);
    expect(f.price).toBeLessThanOrEqual(55);
    expect(h.venue.getState('E').bestAsk).toBeGreaterThan(55);
    expect(h.venue.restingOrderCount()).toBe(0);
  });

  it('expires a limit that is not marketable and fills a deep one in full', () => {
    const { h } = lmsrVenue(100);
    expect(h.venue.submitLimitOrder({ orderId: 901, agentId: 'a', market: 'E', side: 'sell', price: 51, qty: 5, submittedAt: 0 })).toEqual({
      orderId: 901,
      status: 'expired',
      filledQty: 0,
      remainingQty: 0,
    });
    expect(h.drain()).toHaveLength(0);
    expect(h.venue.submitLimitOrder({ orderId: 902, agentId: 'a', market: 'E', side: 'sell', price: 40, qty: 5, submittedAt: 0 })).toMatchObject({
      status: 'filled',
      filledQty: 5,
    });
  });
});

describe('LMSR: configuration', () => {
  it('refuses a market that is not an event contract, with a config error', () => {
    expect(() => venueHarness(amm, { curve: 'lmsr' }, { markets: [{ id: 'P', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' }] })).toThrow(
      expect.objectContaining({ code: ErrorCode.Config }),
    );
  });

  it('rejects unknown config keys and a non-positive b', () => {
    expect(amm.configSchema.safeParse({ curve: 'lmsr', b: 0 }).success).toBe(false);
    expect(amm.configSchema.safeParse({ curve: 'lmsr', reserveLots: 10 }).success).toBe(false);
    expect(amm.configSchema.safeParse({ curve: 'lmsr', b: 10 }).success).toBe(true);
    expect(amm.configSchema.safeParse({ curve: 'constantProduct', b: 10 }).success).toBe(false);
    expect(amm.configSchema.safeParse({ curve: 'lmsr', bee: 10 }).success).toBe(false);
    expect(amm.configSchema.safeParse({ b: 10 }).success).toBe(false);
  });
});
