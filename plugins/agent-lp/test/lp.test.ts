import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { MarketSpec } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import fba from '@venuelab/plugin-venue-fba';
import amm from '@venuelab/plugin-venue-amm';
import hybrid from '@venuelab/plugin-venue-hybrid';
import randomWalk from '@venuelab/plugin-truth-random-walk';
import signals from '@venuelab/plugin-agent-signals';
import noise from '@venuelab/plugin-agent-noise';
import lp, { type LpMarketMaker } from '../src/index.js';
import { CONTINUOUS, capture, logTruth, rows, scriptSignals, scriptVenue, spy, type Received, type Sent } from './helpers.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const N: MarketSpec = { id: 'N', tickSize: 0.01, lotSize: 1, openingMid: 40, kind: 'price' };

/** A random LP world: config, latency and population drawn by fast-check. */
const worldArb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  tiePolicy: fc.constantFrom('fifo', 'shuffle'),
  halfSpread: fc.double({ min: 0.3, max: 12, noNaN: true }),
  qty: fc.integer({ min: 1, max: 10 }),
  reviewInterval: fc.integer({ min: 1, max: 40 }),
  observationDelay: fc.integer({ min: 0, max: 60 }),
  q: fc.constantFrom(0, 1e-7, 1e-6),
  budget: fc.constantFrom(50_000, 300_000, 1e7),
  gate: fc.constantFrom('sitOut', 'reduceOnly'),
  lps: fc.integer({ min: 1, max: 2 }),
  noiseRate: fc.double({ min: 0.02, max: 0.2, noNaN: true }),
  marketShare: fc.double({ min: 0, max: 1, noNaN: true }),
});

type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

function runWorld(w: World, venue: { plugin: any; config?: unknown }, log: Sent[]) {
  return runTest({
    seed: w.seed,
    duration: 1200,
    tiePolicy: w.tiePolicy,
    markets: [M, N],
    truth: { plugin: randomWalk, config: { q: 2e-7 } },
    venues: [{ ...venue, id: 'v' }],
    agents: [
      { plugin: signals, id: 'signals', config: { tiers: [{ name: 'routine', precision: 1e6, cadence: 10 }] } },
      {
        plugin: spy(lp, log),
        id: 'lp',
        count: w.lps,
        latency: { observationDelay: w.observationDelay, reviewInterval: w.reviewInterval, orderLatency: 0 },
        config: { halfSpread: w.halfSpread, qty: w.qty, q: w.q, budget: w.budget, gate: w.gate },
      },
      {
        plugin: noise,
        id: 'noise',
        count: 4,
        latency: { orderLatency: { dist: 'uniform', min: 0, max: 3 } },
        config: { arrivalRatePerUnit: w.noiseRate, marketShare: w.marketShare, minOffset: -2, maxOffset: 6, orderLifetime: 100 },
      },
    ],
  });
}

describe('LP never takes and never crosses itself (property over random configs and seeds)', () => {
  it('on a CLOB: only non-marketable limit orders and cancels; every LP leg is maker', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const log: Sent[] = [];
        const { record } = runWorld(w, { plugin: clob }, log);
        const isLp = (a: string) => a === 'lp' || a.startsWith('lp-');
        const orders = rows(record.orders).filter((r) => isLp(r.agent));
        expect(orders.length).toBeGreaterThan(0);
        for (const o of orders) {
          expect(['limit', 'cancel']).toContain(o.action);
          // a limit order that was marketable on arrival would have traded at once
          if (o.action === 'limit') expect([o.status, o.filled_qty]).toEqual(['resting', 0]);
        }
        // at submission: bid below the best ask, ask above the best bid, as the LP saw the book
        const sent = log.filter((s) => isLp(s.agent) && s.kind === 'limit');
        expect(sent.length).toBe(orders.filter((o) => o.action === 'limit').length);
        for (const s of sent) {
          if (s.side === 'buy' && !Number.isNaN(s.bookAsk)) expect(s.price).toBeLessThan(s.bookAsk);
          if (s.side === 'sell' && !Number.isNaN(s.bookBid)) expect(s.price).toBeGreaterThan(s.bookBid);
        }
        // within a review: bid < ask for every agent, venue and market
        const pairs = new Map<string, { bid?: number; ask?: number }>();
        for (const s of sent) {
          const k = `${s.agent}|${s.t}|${s.market}`;
          const p = pairs.get(k) ?? {};
          if (s.side === 'buy') p.bid = s.price;
          else p.ask = s.price;
          pairs.set(k, p);
        }
        for (const p of pairs.values()) if (p.bid !== undefined && p.ask !== undefined) expect(p.bid).toBeLessThan(p.ask);
        const legs = rows(record.trades).filter((r) => isLp(r.agent));
        for (const leg of legs) {
          expect(leg.liquidity).toBe('maker');
          expect(leg.counterparty).not.toBe(leg.agent);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('on an FBA: only limit orders and cancels, never marketable against the visible (rested) book', () => {
    fc.assert(
      fc.property(worldArb, fc.integer({ min: 1, max: 10 }), (w, tau) => {
        const log: Sent[] = [];
        const { record } = runWorld(w, { plugin: fba, config: { tau } }, log);
        const orders = rows(record.orders).filter((r) => r.agent.startsWith('lp'));
        expect(orders.every((o) => o.action === 'limit' || o.action === 'cancel')).toBe(true);
        for (const s of log.filter((x) => x.agent.startsWith('lp') && x.kind === 'limit')) {
          if (s.side === 'buy' && !Number.isNaN(s.bookAsk)) expect(s.price).toBeLessThan(s.bookAsk);
          if (s.side === 'sell' && !Number.isNaN(s.bookBid)) expect(s.price).toBeGreaterThan(s.bookBid);
        }
        for (const leg of rows(record.trades).filter((r) => r.agent.startsWith('lp'))) expect(leg.counterparty).not.toBe(leg.agent);
      }),
      { numRuns: 15 },
    );
  });
});

describe('LP quoting cycle', () => {
  it('cancels its previous quotes by id and reposts both sides at each review', () => {
    const got: Received[] = [];
    runTest({
      duration: 45,
      markets: [M],
      truth: { plugin: logTruth(() => Math.log(100)) },
      venues: [{ plugin: scriptVenue({ bid: NaN, ask: NaN }, CONTINUOUS, got), id: 'v' }],
      agents: [{ plugin: lp, id: 'lp', latency: { reviewInterval: 10 }, config: { halfSpread: 3, qty: 4 } }],
    });
    const ticks = [0, 10, 20, 30, 40];
    expect([...new Set(got.map((r) => r.t))]).toEqual(ticks);
    let prev: number[] = [];
    for (const t of ticks) {
      const at = got.filter((r) => r.t === t);
      const cancels = at.filter((r) => r.kind === 'cancel').map((r) => r.order.orderId);
      const limits = at.filter((r) => r.kind === 'limit').map((r) => r.order as any);
      expect(cancels.sort()).toEqual(prev.sort());
      expect(limits.map((o) => [o.side, o.price, o.qty])).toEqual([
        ['buy', 9997, 4],
        ['sell', 10003, 4],
      ]);
      // cancels go out before the new quotes
      expect(at.findIndex((r) => r.kind === 'limit')).toBe(cancels.length);
      prev = limits.map((o) => o.orderId);
    }
  });

  it('skips pools (the pool is the liquidity provider) and quotes on CLOB, FBA and hybrid books', () => {
    const venues = {
      clob: { plugin: clob },
      fba: { plugin: fba, config: { tau: 3 } },
      hybrid: { plugin: hybrid, config: { pool: { curve: 'constantProduct', reserveLots: 2000 } } },
      amm: { plugin: amm, config: { curve: 'constantProduct', reserveLots: 2000 } },
    } as const;
    for (const [name, venue] of Object.entries(venues)) {
      const { record } = runTest({
        seed: 5,
        duration: 1500,
        markets: [M],
        truth: { plugin: randomWalk, config: { q: 1e-7 } },
        venues: [{ ...venue, id: 'v' }],
        agents: [
          { plugin: lp, id: 'lp', latency: { reviewInterval: 10 }, config: { halfSpread: 2 } },
          { plugin: noise, id: 'noise', count: 3, config: { arrivalRatePerUnit: 0.05, marketShare: 1 } },
        ],
      });
      const mine = rows(record.orders).filter((r) => r.agent === 'lp');
      const legs = rows(record.trades).filter((r) => r.agent === 'lp');
      if (name === 'amm') {
        expect(mine).toEqual([]);
        continue;
      }
      expect(mine.filter((r) => r.status === 'rejected' && r.reason !== 'VL_REJECT_UNKNOWN_ORDER')).toEqual([]);
      expect(legs.length).toBeGreaterThan(0);
    }
  });
});

describe('observation delay changes when the LP acts', () => {
  // Truth climbs one price tick per tick (latent slope 1e-4 around 100.00); a precise reading every tick.
  const slope = 1e-4;
  const f = (_m: string, t: number) => Math.log(100) + slope * t;
  const readings = Array.from({ length: 300 }, (_, t) => ({ at: t, market: 'M', value: f('M', t), precision: 1e12 }));
  const centres = (delay: number) => {
    const got: LpMarketMaker[] = [];
    runTest({
      duration: 300,
      markets: [M],
      truth: { plugin: logTruth(f) },
      venues: [{ plugin: scriptVenue({ bid: NaN, ask: NaN }, CONTINUOUS, []), id: 'v' }],
      agents: [
        { plugin: scriptSignals(readings), id: 'src' },
        { plugin: capture(lp, got, (a: LpMarketMaker) => (a.trace = true)), id: 'lp', latency: { observationDelay: delay, reviewInterval: 1 }, config: { q: 1, halfSpread: 1 } },
      ],
    });
    return got[0]!.posted;
  };
  const fair = (t: number) => Math.exp(f('M', t)) / 0.01;

  for (const delay of [0, 8, 25]) {
    it(`quotes lag truth by the observation delay (${delay} ticks)`, () => {
      const posted = centres(delay).filter((p) => p.t >= delay + 2);
      expect(posted.length).toBeGreaterThan(200);
      // the best-fitting lag of the quote centre behind the truth path is the delay (or one more
      // tick when the review of a tick runs before that tick's delivery)
      const err = (lag: number) => posted.reduce((s, p) => s + (p.center - fair(p.t - lag)) ** 2, 0) / posted.length;
      const lags = Array.from({ length: 40 }, (_, l) => l);
      const best = lags.reduce((a, b) => (err(b) < err(a) ? b : a));
      expect([delay, delay + 1]).toContain(best);
      for (const p of posted) {
        expect(p.center).toBeLessThanOrEqual(fair(p.t - delay) + 1e-6);
        expect(p.center).toBeGreaterThanOrEqual(fair(p.t - delay - 1) - 1e-6);
        expect(p.bid).toBe(Math.floor(p.center - 1));
      }
    });
  }
});

describe('solvency gate', () => {
  const run = (gate: 'sitOut' | 'reduceOnly') => {
    const got: LpMarketMaker[] = [];
    const { record } = runTest({
      seed: 9,
      duration: 4000,
      markets: [M],
      truth: { plugin: randomWalk, config: { q: 1e-8 } },
      venues: [{ plugin: clob, id: 'v' }],
      agents: [
        { plugin: capture(lp, got, (a: LpMarketMaker) => (a.trace = true)), id: 'lp', latency: { reviewInterval: 5 }, config: { halfSpread: 2, qty: 2, budget: 60_000, marginRate: 1, gate } },
        { plugin: noise, id: 'noise', count: 3, config: { arrivalRatePerUnit: 0.08, marketShare: 1, minQty: 1, maxQty: 2 } },
      ],
    });
    return { agent: got[0]!, orders: rows(record.orders).filter((r) => r.agent === 'lp'), trades: rows(record.trades).filter((r) => r.agent === 'lp') };
  };

  it('margin used is |net lots| * belief price, from its own fills; capital comes back as inventory nets out', () => {
    const { agent, trades } = run('reduceOnly');
    for (const rev of agent.reviewLog) {
      // fills reach it at once (observation delay 0): every fill before the review's tick and a
      // prefix (in fill order) of that tick's fills
      const before = trades.filter((r) => r.t < rev.t);
      const same = trades.filter((r) => r.t === rev.t);
      const signed = (r: Record<string, any>) => (r.side === 'buy' ? r.qty : -r.qty);
      const base = before.reduce((x, r) => x + signed(r), 0);
      const candidates = [base];
      for (const r of same) candidates.push(candidates[candidates.length - 1]! + signed(r));
      expect(candidates).toContain(rev.inventory.M);
    }
    const gated = agent.reviewLog.filter((r) => !r.open);
    expect(gated.length).toBeGreaterThan(0);
    expect(agent.reviewLog.some((r, i) => i > 0 && r.open && !agent.reviewLog[i - 1]!.open)).toBe(true);
    for (const r of gated) expect(r.marginUsed).toBeGreaterThanOrEqual(60_000);
  });

  it('sitOut: posts nothing while the gate is closed', () => {
    const { agent, orders } = run('sitOut');
    for (const r of agent.reviewLog.filter((x) => !x.open)) expect(orders.filter((o) => o.t === r.t && o.action === 'limit')).toEqual([]);
  });

  it('reduceOnly: posts only the side that reduces inventory while the gate is closed', () => {
    const { agent, orders } = run('reduceOnly');
    const gated = agent.reviewLog.filter((x) => !x.open);
    expect(gated.length).toBeGreaterThan(0);
    for (const r of gated) {
      const sides = orders.filter((o) => o.t === r.t && o.action === 'limit').map((o) => o.side);
      expect(sides).toEqual([r.inventory.M! > 0 ? 'sell' : 'buy']);
    }
  });
});
