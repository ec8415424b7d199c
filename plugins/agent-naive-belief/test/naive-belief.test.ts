import { describe, it, expect } from 'vitest';
import type { MarketSpec } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import fba from '@venuelab/plugin-venue-fba';
import amm from '@venuelab/plugin-venue-amm';
import hybrid from '@venuelab/plugin-venue-hybrid';
import randomWalk from '@venuelab/plugin-truth-random-walk';
import signals from '@venuelab/plugin-agent-signals';
import noise from '@venuelab/plugin-agent-noise';
import naive, { ScalarBeliefAgent } from '../src/index.js';
import { BATCH, CONTINUOUS, capture, logTruth, rows, scriptSignals, scriptVenue, type Received } from './helpers.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const flat = logTruth(() => Math.log(100));

describe('naive belief: posterior', () => {
  const readings = [
    { at: 10, market: 'M', value: Math.log(101), precision: 2e4 },
    { at: 30, market: 'M', value: Math.log(99), precision: 1e4 },
    { at: 30, market: 'M', value: Math.log(100.5), precision: 5e3, tier: 'tail' },
  ];
  const run = (q: number) => {
    const agents: ScalarBeliefAgent[] = [];
    runTest({
      duration: 50,
      markets: [M],
      truth: { plugin: flat },
      venues: [{ plugin: scriptVenue({ bid: 5000, ask: 20000 }, CONTINUOUS, []) }],
      agents: [
        { plugin: scriptSignals(readings), id: 'src' },
        { plugin: capture(naive, agents), id: 'naive', latency: { observationDelay: 3 }, config: { q, priorPrecision: 1e4 } },
      ],
    });
    return agents[0]!;
  };

  it('q = 0: precision adds and the mean is the precision-weighted average (tail tier ignored)', () => {
    const a = run(0);
    const m0 = Math.log(100);
    const tau = 1e4 + 2e4 + 1e4;
    const mean = (1e4 * m0 + 2e4 * Math.log(101) + 1e4 * Math.log(99)) / tau;
    expect(a.belief('M')!.precision).toBe(tau);
    expect(a.fairLatent('M')).toBeCloseTo(mean, 14);
    expect(a.stats.readings).toBe(2);
  });

  it('q > 0: the prior variance grows by q * dt (dt between reading ticks) before each reading', () => {
    const q = 1e-6;
    const a = run(q);
    // prior N(ln 100, 1e-4) at t = 0
    let v = 1e-4;
    let m = Math.log(100);
    // reading 1 taken at t = 10: predict over 10 ticks, then absorb
    v += q * 10;
    let tau = 1 / v + 2e4;
    m = ((1 / v) * m + 2e4 * Math.log(101)) / tau;
    // reading 2 taken at t = 30: predict over 20 ticks
    v = 1 / tau + q * 20;
    tau = 1 / v + 1e4;
    m = ((1 / v) * m + 1e4 * Math.log(99)) / tau;
    expect(a.belief('M')!.precision).toBeCloseTo(tau, 8);
    expect(a.fairLatent('M')).toBeCloseTo(m, 14);
    expect(a.belief('M')!.lastUpdate).toBe(30);
  });
});

describe('naive belief: decision rule in a run (hand-computed)', () => {
  const markets: MarketSpec[] = ['A', 'B', 'C'].map((id) => ({ ...M, id }));
  // Book in every market: bid 100.40, ask 100.50. Diffuse prior: the belief is the reading.
  const readings = [
    { at: 5, market: 'A', value: Math.log(101.005), precision: 1e6 }, // 10,100.5 ticks: buy gap ln(101.005 / 100.5) = 0.00501
    { at: 5, market: 'B', value: Math.log(100.45), precision: 1e6 }, // inside the spread
    { at: 5, market: 'C', value: Math.log(98.995), precision: 1e6 }, // 9,899.5 ticks: sell gap ln(100.4 / 98.995) = 0.01409
  ];
  const go = (caps: typeof CONTINUOUS, config: Record<string, unknown> = {}, latency: Record<string, unknown> = {}) => {
    const got: Received[] = [];
    runTest({
      duration: 40,
      markets,
      truth: { plugin: flat },
      venues: [{ plugin: scriptVenue({ bid: 10040, ask: 10050 }, caps, got) }],
      agents: [
        { plugin: scriptSignals(readings), id: 'src' },
        { plugin: naive, id: 'naive', latency, config: { priorPrecision: 0, threshold: 0.004, qty: 2, review: false, ...config } },
      ],
    });
    return got;
  };

  it('continuous venue: a market buy in A and a market sell in C, at the reading tick plus the observation delay', () => {
    const got = go(CONTINUOUS, {}, { observationDelay: 7 });
    const orders = got.filter((r) => r.kind !== 'cancel').map((r) => ({ t: r.t, kind: r.kind, market: (r.order as any).market, side: (r.order as any).side, qty: (r.order as any).qty }));
    orders.sort((x, y) => x.market.localeCompare(y.market));
    expect(orders).toEqual([
      { t: 12, kind: 'market', market: 'A', side: 'buy', qty: 2 },
      { t: 12, kind: 'market', market: 'C', side: 'sell', qty: 2 },
    ]);
  });

  it('batch venue: limit orders at the belief (buy rounded down, sell up), cancelled after their lifetime', () => {
    const got = go(BATCH, { orderLifetime: 9 });
    const limits = got.filter((r) => r.kind === 'limit').map((r) => ({ t: r.t, market: (r.order as any).market, side: (r.order as any).side, price: (r.order as any).price }));
    limits.sort((x, y) => x.market.localeCompare(y.market));
    expect(limits).toEqual([
      { t: 5, market: 'A', side: 'buy', price: 10100 },
      { t: 5, market: 'C', side: 'sell', price: 9900 },
    ]);
    const ids = got.filter((r) => r.kind === 'limit').map((r) => r.order.orderId);
    const cancels = got.filter((r) => r.kind === 'cancel').map((r) => ({ t: r.t, id: r.order.orderId }));
    expect(cancels.sort((x, y) => x.id - y.id)).toEqual(ids.sort((x, y) => x - y).map((id) => ({ t: 14, id })));
  });

  it('the threshold can be set in price ticks', () => {
    // A: 10,100.5 - 10,050 = 50.5 ticks; C: 10,040 - 9,899.5 = 140.5 ticks.
    const got = go(CONTINUOUS, { thresholdUnit: 'ticks', threshold: 100 });
    expect(got.map((r) => (r.order as any).market)).toEqual(['C']);
  });

  it('keeps its position within maxPosition, counting open orders', () => {
    const got: Received[] = [];
    runTest({
      duration: 40,
      markets: [M],
      truth: { plugin: flat },
      venues: [{ plugin: scriptVenue({ bid: 10040, ask: 10050 }, BATCH, got) }],
      agents: [
        { plugin: scriptSignals([5, 6, 7].map((at) => ({ at, market: 'M', value: Math.log(102), precision: 1e6 }))), id: 'src' },
        { plugin: naive, id: 'naive', config: { priorPrecision: 0, threshold: 0.004, qty: 3, maxPosition: 7, review: false, orderLifetime: 100 } },
      ],
    });
    expect(got.filter((r) => r.kind === 'limit').map((r) => r.t)).toEqual([5, 6]);
  });
});

describe('naive belief works on every venue of the contract', () => {
  const venues = {
    clob: { plugin: clob },
    fba: { plugin: fba, config: { tau: 5 } },
    amm: { plugin: amm, config: { curve: 'constantProduct', reserveLots: 2000 } },
    hybrid: { plugin: hybrid, config: { pool: { curve: 'constantProduct', reserveLots: 2000 } } },
  } as const;
  for (const [name, venue] of Object.entries(venues)) {
    it(`trades on ${name}`, () => {
      const { record } = runTest({
        seed: 11,
        duration: 3000,
        markets: [M],
        truth: { plugin: randomWalk, config: { q: 2e-7 } },
        venues: [{ ...venue, id: 'v' }],
        agents: [
          { plugin: signals, id: 'signals', config: { tiers: [{ name: 'routine', precision: 1e6, cadence: 25 }] } },
          { plugin: noise, id: 'noise', count: 6, config: { arrivalRatePerUnit: 0.05, marketShare: 0.1, minOffset: 0, maxOffset: 8, orderLifetime: 300 } },
          { plugin: naive, id: 'naive', latency: { observationDelay: 2, reviewInterval: 40 }, config: { q: 2e-7, threshold: 0.001 } },
        ],
      });
      const mine = rows(record.orders).filter((r) => r.agent === 'naive');
      expect(mine.some((r) => r.action !== 'cancel')).toBe(true);
      const bad = mine.filter((r) => r.status === 'rejected' && r.reason !== 'VL_REJECT_UNKNOWN_ORDER');
      expect(bad).toEqual([]);
      expect(rows(record.trades).filter((r) => r.agent === 'naive').length).toBeGreaterThan(0);
    });
  }
});
