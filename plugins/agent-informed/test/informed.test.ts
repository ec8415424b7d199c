import { describe, it, expect } from 'vitest';
import type { MarketSpec, RunRecord } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import fba from '@venuelab/plugin-venue-fba';
import amm from '@venuelab/plugin-venue-amm';
import hybrid from '@venuelab/plugin-venue-hybrid';
import randomWalk from '@venuelab/plugin-truth-random-walk';
import lp from '@venuelab/plugin-agent-lp';
import eventNoise from '@venuelab/plugin-agent-event-noise';
import informed, { informedOrderType, informedSide, informedSignal, limitAtValuation, type InformedTrader } from '../src/index.js';
import { BATCH, CONTINUOUS, capture, logTruth, rows, scriptVenue, type Received } from './helpers.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };

describe('informed rule (hand-computed)', () => {
  it('signal, side, order type and limit price', () => {
    expect(informedSignal(4.6, 4.61, 0.001)).toBeCloseTo(0.011, 12);
    expect(informedSide(0.011, 0.01)).toBe('buy');
    expect(informedSide(-0.011, 0.01)).toBe('sell');
    expect(informedSide(0.01, 0.01)).toBeNull();
    expect(informedOrderType(CONTINUOUS)).toBe('market');
    expect(informedOrderType(BATCH)).toBe('limit');
    expect(informedOrderType({ ...CONTINUOUS, marketOrders: false })).toBe('limit');
    expect(informedOrderType({ ...CONTINUOUS, marketOrders: false, limitOrders: false })).toBeNull();
    expect(limitAtValuation('buy', 10100.7)).toBe(10100);
    expect(limitAtValuation('sell', 10100.2)).toBe(10101);
  });
});

describe('informed trader in a run (hand-computed)', () => {
  // A: rising 1e-4 per tick, B: flat, C: falling 1e-4 per tick. Horizon 10: signals +0.001, 0, -0.001.
  const slopes: Record<string, number> = { A: 1e-4, B: 0, C: -1e-4 };
  const truth = logTruth((m, t) => Math.log(100) + slopes[m]! * t);
  const markets = ['A', 'B', 'C'].map((id) => ({ ...M, id }));
  const go = (caps: typeof CONTINUOUS, config: Record<string, unknown> = {}) => {
    const got: Received[] = [];
    const agents: InformedTrader[] = [];
    runTest({
      seed: 3,
      duration: 200,
      markets,
      truth: { plugin: truth },
      venues: [{ plugin: scriptVenue({ bid: 10040, ask: 10050 }, caps, got), id: 'v' }],
      agents: [{ plugin: capture(informed, agents), id: 'inf', config: { horizon: 10, signalNoise: 0, threshold: 0.0005, qty: 1, maxPosition: 1000, orderLifetime: 1000, ...config } }],
    });
    return { got, decisions: agents[0]!.decisions };
  };

  it('continuous venue: a market buy where truth will rise, a market sell where it will fall, nothing where it is flat', () => {
    const { got, decisions } = go(CONTINUOUS);
    expect(decisions.length).toBeGreaterThan(15);
    for (const d of decisions) {
      expect(d.signal).toBeCloseTo(slopes[d.market]! * 10, 12);
      expect(d.side).toBe(d.market === 'A' ? 'buy' : d.market === 'C' ? 'sell' : null);
    }
    const orders = got.map((r) => ({ kind: r.kind, market: (r.order as any).market, side: (r.order as any).side }));
    expect(orders.length).toBe(decisions.filter((d) => d.side).length);
    for (const o of orders) expect(o).toEqual({ kind: 'market', market: o.market, side: o.market === 'A' ? 'buy' : 'sell' });
  });

  it('batch venue: limit orders at its valuation, the mid moved by the signal', () => {
    const { got } = go(BATCH);
    const limits = got.filter((r) => r.kind === 'limit').map((r) => r.order as any);
    expect(limits.length).toBeGreaterThan(5);
    // mid 10,045: buy at floor(10045 e^0.001) = 10055, sell at ceil(10045 e^-0.001) = ceil(10034.96) = 10035
    for (const o of limits) expect([o.market, o.side, o.price]).toEqual(o.market === 'A' ? ['A', 'buy', 10055] : ['C', 'sell', 10035]);
  });

  it('batch venue, valuation truth: the current latent value moved by the signal, i.e. truth h ticks ahead', () => {
    const { got } = go(BATCH, { valuation: 'truth' });
    for (const r of got.filter((x) => x.kind === 'limit')) {
      const o = r.order as any;
      const ahead = Math.exp(Math.log(100) + slopes[o.market]! * (r.t + 10)) / 0.01;
      expect(o.price).toBe(o.side === 'buy' ? Math.floor(ahead + 1e-9) : Math.ceil(ahead - 1e-9));
    }
  });

  it('keeps within maxPosition counting open orders', () => {
    const { got } = go(BATCH, { qty: 2, maxPosition: 5 });
    expect(got.filter((r) => r.kind === 'limit' && (r.order as any).market === 'A')).toHaveLength(2);
  });
});

/** Mean and standard error of x. */
function meanSe(x: number[]): { mean: number; se: number; t: number } {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const v = x.reduce((s, y) => s + (y - mean) ** 2, 0) / (n - 1);
  const se = Math.sqrt(v / n);
  return { mean, se, t: mean / se };
}

/** sign * (latent(t + h) - latent(t)) for every trade leg of a role, from the run's trades and truth path. */
function conditionalMoves(record: RunRecord, role: string, h: number): number[] {
  const truth = new Map<string, number>();
  const tt = record.truth as Record<string, ArrayLike<any>>;
  for (let i = 0; i < tt.t.length; i++) truth.set(`${tt.market[i]}:${tt.t[i]}`, tt.latent[i]);
  const out: number[] = [];
  for (const r of rows(record.trades)) {
    if (r.role !== role) continue;
    const now = truth.get(`${r.market}:${r.t}`);
    const ahead = truth.get(`${r.market}:${r.t + h}`);
    if (now === undefined || ahead === undefined) continue;
    out.push((r.side === 'buy' ? 1 : -1) * (ahead - now));
  }
  return out;
}

describe('"informed" is a property of its trades: E[future move | trade direction] != 0', () => {
  const venues = { clob: { plugin: clob }, fba: { plugin: fba, config: { tau: 5 } } } as const;
  for (const [name, venue] of Object.entries(venues)) {
    it(`on ${name}: informed legs predict the truth move over the horizon; noise legs do not`, () => {
      const { record } = runTest({
        seed: 21,
        duration: 20000,
        markets: [M],
        truth: { plugin: randomWalk, config: { q: 1e-7 } },
        venues: [{ ...venue, id: 'v' }],
        agents: [
          { plugin: lp, id: 'lp', latency: { reviewInterval: 2 }, config: { halfSpread: 2, qty: 5, budget: 1e9 } },
          { plugin: informed, id: 'inf', count: 2, config: { horizon: 20, signalNoise: 0.0005, threshold: 0.001, arrivalRatePerUnit: 0.02, maxPosition: 1000 } },
          { plugin: eventNoise, id: 'noise', count: 2, config: { arrivalRatePerUnit: 0.03 } },
        ],
      });
      const inf = meanSe(conditionalMoves(record, 'informed', 20));
      const noise = meanSe(conditionalMoves(record, 'noise', 20));
      expect(conditionalMoves(record, 'informed', 20).length).toBeGreaterThan(200);
      expect(inf.mean).toBeGreaterThan(0);
      expect(inf.t).toBeGreaterThan(5);
      expect(Math.abs(noise.t)).toBeLessThan(3);
    });
  }
});

describe('informed trader works on every venue of the contract', () => {
  const venues = {
    clob: { plugin: clob },
    fba: { plugin: fba, config: { tau: 5 } },
    amm: { plugin: amm, config: { curve: 'constantProduct', reserveLots: 2000 } },
    hybrid: { plugin: hybrid, config: { pool: { curve: 'constantProduct', reserveLots: 2000 } } },
  } as const;
  for (const [name, venue] of Object.entries(venues)) {
    it(`trades on ${name}, with order types from the venue's capabilities`, () => {
      const { record } = runTest({
        seed: 8,
        duration: 3000,
        markets: [M],
        truth: { plugin: randomWalk, config: { q: 1e-7 } },
        venues: [{ ...venue, id: 'v' }],
        agents: [
          { plugin: lp, id: 'lp', latency: { reviewInterval: 3 }, config: { halfSpread: 2 } },
          { plugin: informed, id: 'inf', config: { horizon: 20, threshold: 0.001 } },
        ],
      });
      const mine = rows(record.orders).filter((r) => r.agent === 'inf');
      const sent = mine.filter((r) => r.action !== 'cancel');
      expect(sent.length).toBeGreaterThan(0);
      expect(new Set(sent.map((r) => r.action))).toEqual(new Set([name === 'fba' ? 'limit' : 'market']));
      expect(mine.filter((r) => r.status === 'rejected' && r.reason !== 'VL_REJECT_UNKNOWN_ORDER')).toEqual([]);
      expect(rows(record.trades).filter((r) => r.agent === 'inf').length).toBeGreaterThan(0);
    });
  }
});
