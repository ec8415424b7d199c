import { describe, it, expect } from 'vitest';
import { RejectReason, type Fill, type MarketSpec, type TruthProcess } from '@venuelab/kernel';
import { runTest, venueHarness } from '@venuelab/testing';
import noise from '@venuelab/plugin-agent-noise';
import walk from '@venuelab/plugin-truth-random-walk';
import intensity, { IntensityVenue, fillProbability } from '../src/index.js';

// the default test market M: opening mid 100.00 with tick 0.01 = 10,000 price ticks
const MID = 10_000;

function harness(config: Record<string, unknown> = {}, opts: { seed?: number; truth?: TruthProcess } = {}) {
  return venueHarness<IntensityVenue>(intensity, config, { id: 'iv', seed: opts.seed ?? 11, truth: opts.truth });
}

let nextId = 1;
function quote(h: ReturnType<typeof harness>, side: 'buy' | 'sell', price: number, qty: number, agentId = 'mm') {
  const orderId = nextId++;
  return { orderId, result: h.venue.submitLimitOrder({ orderId, agentId, market: 'M', side, price, qty, submittedAt: h.now }) };
}

describe('intensity venue: fill rate', () => {
  // A quote that never runs out (lotsPerArrival 1, a huge size), N steps: the number of fills is
  // Binomial(N, p) with p = A exp(-k d) dt, so the rate estimate fills / (N dt) has standard error
  // sqrt(p (1 - p) / N) / dt around A exp(-k d).
  for (const { d, side, A, k, dt } of [
    { d: 0, side: 'buy' as const, A: 140, k: 1.5, dt: 0.005 },
    { d: 1, side: 'sell' as const, A: 140, k: 1.5, dt: 0.005 },
    { d: 3, side: 'buy' as const, A: 140, k: 1.5, dt: 0.005 },
    { d: 5, side: 'sell' as const, A: 2, k: 0.3, dt: 0.1 },
  ]) {
    it(`matches A exp(-k d) within 3 standard errors at d = ${d} (${side}, A = ${A}, k = ${k}, dt = ${dt})`, () => {
      const h = harness({ A, k, dt });
      const price = side === 'buy' ? MID - d : MID + d;
      quote(h, side, price, 1e9);
      const N = 40_000;
      h.advance(N);
      const fills = h.drain();
      expect(fills.every((f) => f.qty === 1 && f.price === price)).toBe(true);
      const p = fillProbability(A, k, dt, d);
      expect(p).toBeCloseTo(A * Math.exp(-k * d) * dt, 15);
      const rate = fills.length / (N * dt);
      const se = Math.sqrt((p * (1 - p)) / N) / dt;
      expect(Math.abs(rate - A * Math.exp(-k * d))).toBeLessThan(3 * se);
      // and the estimate separates neighbouring distances: A exp(-k (d + 1)) is far outside the band
      expect(Math.abs(rate - A * Math.exp(-k * (d + 1)))).toBeGreaterThan(3 * se);
    });
  }

  it('fills a quote through the mid (d < 0) with probability min(1, A exp(k |d|) dt): every tick when that exceeds 1', () => {
    const h = harness({ A: 140, k: 1.5, dt: 0.005 });
    // d = -1: 140 e^{1.5} 0.005 = 3.14 > 1
    quote(h, 'buy', MID + 1, 50);
    h.advance(20);
    const fills = h.drain();
    expect(fills.map((f) => f.t)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('never fills with A = 0', () => {
    const h = harness({ A: 0 });
    quote(h, 'buy', MID, 5);
    h.advance(1000);
    expect(h.drain()).toHaveLength(0);
    expect(h.venue.restingOrderCount()).toBe(1);
  });
});

describe('intensity venue: mechanics', () => {
  it('fills a quote at its own price against the flow participant, lotsPerArrival at a time, and removes it when done', () => {
    const h = harness({ A: 1, k: 0, dt: 1, lotsPerArrival: 2 }); // p = 1 every tick
    const { orderId, result } = quote(h, 'sell', MID + 7, 5, 'mm');
    expect(result).toEqual({ orderId, status: 'resting', filledQty: 0, remainingQty: 5 });
    h.advance(3);
    const fills = h.drain();
    expect(fills.map((f) => [f.t, f.qty])).toEqual([
      [1, 2],
      [2, 2],
      [3, 1],
    ]);
    const f = fills[0]!;
    expect(f).toMatchObject({ venue: 'iv', market: 'M', price: MID + 7, midBefore: MID, midAfter: MID, batchId: -1 });
    expect(f.maker).toMatchObject({ agentId: 'mm', orderId, side: 'sell', liquidity: 'maker', fee: 0 });
    expect(f.taker).toMatchObject({ agentId: 'iv:flow', orderId: -1, side: 'buy', liquidity: 'taker', fee: 0 });
    expect(h.venue.restingOrderCount()).toBe(0);
    expect(h.venue.cancelOrder({ orderId, agentId: 'mm', submittedAt: 3 })).toMatchObject({ status: 'rejected', reason: RejectReason.UnknownOrder });
    expect(h.venue.participants()).toEqual([{ id: 'iv:flow', role: 'flow' }]);
  });

  it('charges the maker fee on quote fills (a negative fee is a rebate)', () => {
    const h = harness({ A: 1, k: 0, dt: 1, lotsPerArrival: 0, makerFeeBps: -2 });
    quote(h, 'buy', MID - 10, 4);
    h.advance(1);
    const [f] = h.drain() as [Fill];
    expect(f.qty).toBe(4);
    expect(f.maker.fee).toBeCloseTo((-(MID - 10) * 4 * 2) / 1e4, 12);
  });

  it('the mid follows the truth process, and distances are measured from the mid of the tick', () => {
    // a truth that rises one tick per clock tick
    const truth: TruthProcess = {
      id: 'ramp',
      space: 'linear',
      latentAt: (_m, t) => MID + t,
      fairAt: (_m, t) => MID + t,
      toTicks: (_m, x) => x,
      toLatent: (_m, x) => x,
    };
    const h = harness({ A: 1, k: 50, dt: 1 }, { truth }); // p = e^{-50 d}: ~0 unless d <= 0
    expect(h.venue.getState('M').mid).toBe(MID);
    quote(h, 'sell', MID + 5, 1);
    h.advance(4);
    expect(h.venue.getState('M').mid).toBe(MID + 4);
    expect(h.drain()).toHaveLength(0); // d = 1 at t = 4: p = e^{-50}
    h.advance(5);
    const [f] = h.drain() as [Fill]; // d = 0 at t = 5: p = 1
    expect(f).toMatchObject({ t: 5, price: MID + 5, midBefore: MID + 5 });
  });

  it('fills market orders in full at mid +/- marketHalfSpread against the flow, or refuses them', () => {
    const h = harness({ marketHalfSpread: 2.5, takerFeeBps: 1 });
    expect(h.venue.estimateImpact('M', 'sell', 3)).toBe(-2.5);
    const r = h.venue.submitMarketOrder({ orderId: 777, agentId: 'x', market: 'M', side: 'sell', qty: 3, submittedAt: 0 });
    expect(r).toEqual({ orderId: 777, status: 'filled', filledQty: 3, remainingQty: 0 });
    const [f] = h.drain() as [Fill];
    expect(f.price).toBe(MID - 2.5);
    expect(f.maker).toMatchObject({ agentId: 'iv:flow', orderId: -1, side: 'buy', liquidity: 'maker' });
    expect(f.taker).toMatchObject({ agentId: 'x', orderId: 777, side: 'sell', liquidity: 'taker' });
    expect(f.taker.fee).toBeCloseTo(((MID - 2.5) * 3) / 1e4, 12);
    const h2 = harness({ marketOrders: 'reject' });
    expect(h2.venue.capabilities.marketOrders).toBe(false);
    expect(h2.venue.submitMarketOrder({ orderId: 1, agentId: 'x', market: 'M', side: 'buy', qty: 1, submittedAt: 0 })).toMatchObject({
      status: 'rejected',
      reason: RejectReason.Unsupported,
    });
    expect(h2.fills).toHaveLength(0);
  });

  it('shows resting quotes as the book and refuses quotes that would lock or cross it (post-only)', () => {
    const h = harness({ A: 0 });
    quote(h, 'buy', MID - 2, 3, 'a');
    quote(h, 'buy', MID - 2, 1, 'b');
    quote(h, 'buy', MID - 4, 2, 'a');
    quote(h, 'sell', MID + 1, 5, 'b');
    const s = h.venue.getState('M', 5);
    expect(s).toMatchObject({ bestBid: MID - 2, bidQty: 4, bestAsk: MID + 1, askQty: 5, mid: MID });
    expect(s.bids).toEqual([
      { price: MID - 2, qty: 4 },
      { price: MID - 4, qty: 2 },
    ]);
    expect(quote(h, 'buy', MID + 1, 1, 'c').result).toMatchObject({ status: 'rejected', reason: RejectReason.Unsupported });
    expect(quote(h, 'sell', MID - 2, 1, 'c').result).toMatchObject({ status: 'rejected', reason: RejectReason.Unsupported });
    expect(quote(h, 'sell', MID - 1, 1, 'c').result).toMatchObject({ status: 'resting' });
    expect(h.venue.restingOrderCount()).toBe(5);
  });

  it('rejects bad orders and foreign cancels with coded reasons and changes nothing', () => {
    const h = harness({ A: 0, tickSize: 5, lotSize: 2 });
    const { orderId } = quote(h, 'buy', MID - 5, 2, 'a');
    const before = JSON.stringify(h.venue.getState('M', 5));
    const o = { agentId: 'a', market: 'M', side: 'buy' as const, submittedAt: 0 };
    expect(h.venue.submitLimitOrder({ ...o, orderId: 9001, price: MID - 5, qty: 3 }).reason).toBe(RejectReason.BadQuantity);
    expect(h.venue.submitLimitOrder({ ...o, orderId: 9002, price: MID - 3, qty: 2 }).reason).toBe(RejectReason.OffTick);
    expect(h.venue.submitLimitOrder({ ...o, orderId: 9003, price: NaN, qty: 2 }).reason).toBe(RejectReason.BadPrice);
    expect(h.venue.submitLimitOrder({ ...o, orderId: 9004, price: -5, qty: 2 }).reason).toBe(RejectReason.BadPrice);
    expect(h.venue.submitLimitOrder({ ...o, orderId: 9005, price: MID - 5, qty: 2, market: 'Z' }).reason).toBe(RejectReason.UnknownMarket);
    expect(h.venue.submitLimitOrder({ ...o, orderId, price: MID - 5, qty: 2 }).reason).toBe(RejectReason.DuplicateId);
    expect(h.venue.submitMarketOrder({ ...o, orderId: 9006, qty: 0 }).reason).toBe(RejectReason.BadQuantity);
    expect(h.venue.cancelOrder({ orderId, agentId: 'b', submittedAt: 0 }).reason).toBe(RejectReason.ForeignOrder);
    expect(h.venue.cancelOrder({ orderId: 424242, agentId: 'a', submittedAt: 0 }).reason).toBe(RejectReason.UnknownOrder);
    expect(JSON.stringify(h.venue.getState('M', 5))).toBe(before);
    expect(h.fills).toHaveLength(0);
    expect(h.venue.cancelOrder({ orderId, agentId: 'a', submittedAt: 0 })).toEqual({ orderId, status: 'cancelled', filledQty: 0, remainingQty: 0 });
    expect(h.venue.restingOrderCount()).toBe(0);
  });

  it('is deterministic for a seed and depends on it', () => {
    const run = (seed: number) => {
      const h = harness({}, { seed });
      nextId = 1;
      quote(h, 'buy', MID - 1, 1e6);
      quote(h, 'sell', MID + 2, 1e6);
      h.advance(3000);
      return h.drain().map((f) => `${f.t}:${f.maker.side}`);
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });
});

describe('intensity venue: in a run', () => {
  it('declares the flow participant and records quote fills against it', () => {
    const markets: MarketSpec[] = [{ id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' }];
    const { record } = runTest({
      seed: 4,
      duration: 3000,
      markets,
      truth: { plugin: walk, config: { q: 1e-8 } },
      venues: [{ plugin: intensity, id: 'iv', config: { A: 140, k: 1.5, dt: 0.005 } }],
      agents: [{ plugin: noise, count: 4, config: { arrivalRatePerUnit: 0.05, marketShare: 0.3, minOffset: 0, maxOffset: 4, orderLifetime: 40 } }],
    });
    expect(record.participants).toContainEqual(expect.objectContaining({ id: 'iv:flow', role: 'flow' }));
    const t = record.trades as unknown as { agent: ArrayLike<string>; role: ArrayLike<string>; liquidity: ArrayLike<string> };
    let flowMaker = 0;
    let flowTaker = 0;
    for (let i = 0; i < t.agent.length; i++) {
      if (t.agent[i] !== 'iv:flow') continue;
      expect(t.role[i]).toBe('flow');
      if (t.liquidity[i] === 'maker') flowMaker++;
      else flowTaker++;
    }
    expect(flowMaker).toBeGreaterThan(0); // market orders
    expect(flowTaker).toBeGreaterThan(0); // quote fills
    expect(flowMaker + flowTaker).toBe(record.stats.fills);
  });
});
