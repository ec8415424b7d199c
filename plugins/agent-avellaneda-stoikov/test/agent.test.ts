import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { MarketSpec } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import fba from '@venuelab/plugin-venue-fba';
import amm from '@venuelab/plugin-venue-amm';
import intensity from '@venuelab/plugin-venue-intensity';
import rw from '@venuelab/plugin-truth-random-walk';
import noise from '@venuelab/plugin-agent-noise';
import as, { AvellanedaStoikovMaker, asQuotes } from '../src/index.js';
import { auditVenue, captureAgents, makerViolations, tradeRows } from '../../../packages/estimators/test/helpers/audit-venue.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const truth = { plugin: rw, config: { q: 1e-9 } };
const crowd = { plugin: noise, id: 'noise', count: 10, config: { arrivalRatePerUnit: 0.05, marketShare: 0.4, maxOffset: 4, orderLifetime: 50 } };

function legs(trades: Record<string, ArrayLike<unknown>>, agent: string) {
  return tradeRows(trades).filter((r) => r.agent === agent);
}

describe('Avellaneda-Stoikov maker in runs', () => {
  it('quotes and trades on the CLOB, only as maker, with inventory equal to its trade legs', () => {
    const cap = captureAgents<AvellanedaStoikovMaker>(as);
    const out = runTest({
      seed: 3,
      duration: 3000,
      markets: [M],
      truth,
      venues: [{ plugin: clob }],
      agents: [{ plugin: cap.plugin, id: 'as', latency: { reviewInterval: 5 }, config: { rollingHorizon: 100, gamma: 0.01 } }, crowd],
    });
    const mine = legs(out.record.trades, 'as');
    expect(mine.length).toBeGreaterThan(10);
    expect(mine.every((r) => r.liquidity === 'maker')).toBe(true);
    const a = cap.agents[0]!;
    expect(a.inventory).toBe(mine.reduce((s, r) => s + (r.side === 'buy' ? 1 : -1) * (r.qty as number), 0));
    expect(a.stats.quotesSent).toBeGreaterThan(100);
    expect(out.record.participants.find((p) => p.id === 'as')!.role).toBe('MM');
    // the last quote is the formula at the final state: tau is the rolling horizon
    const q = a.lastQuote!;
    expect(q.spread).toBeCloseTo(0.01 * 1 * 100 + 200 * Math.log1p(0.01 / 1.5), 12);
  });

  it('shrinks its spread as the horizon approaches (finite horizon = run duration)', () => {
    const cap = captureAgents<AvellanedaStoikovMaker>(as);
    const out = runTest({
      seed: 2,
      duration: 400,
      markets: [M],
      truth,
      venues: [{ plugin: clob }],
      agents: [{ plugin: cap.plugin, id: 'as', latency: { reviewInterval: 100 }, config: { gamma: 0.05 } }],
    });
    // reviews at 0, 100, 200, 300: T - t = 400, 300, 200, 100; spread 0.05 tau + 40 ln(1 + 0.05 / 1.5)
    expect(cap.agents[0]!.lastQuote!.spread).toBeCloseTo(5 + 40 * Math.log1p(0.05 / 1.5), 12);
    const prices = Array.from(out.record.orders.price as ArrayLike<number>).filter((p) => p === p);
    expect(prices.length).toBe(8);
    const quoted = [0, 1, 2, 3].map((i) => prices[2 * i + 1]! - prices[2 * i]!);
    const model = [400, 300, 200, 100].map((tau) => 0.05 * tau + 40 * Math.log1p(0.05 / 1.5));
    // on the integer grid the quoted spread is the model spread rounded outwards (at most 2 ticks wider)
    quoted.forEach((q, i) => {
      expect(q).toBeGreaterThanOrEqual(model[i]!);
      expect(q).toBeLessThanOrEqual(model[i]! + 2);
      if (i > 0) expect(q).toBeLessThan(quoted[i - 1]!);
    });
  });

  it('on the intensity venue: quotes are filled by the flow and the online MLE recovers A dt and k', () => {
    const cap = captureAgents<AvellanedaStoikovMaker>(as);
    const out = runTest({
      seed: 5,
      duration: 40_000,
      markets: [M],
      truth: { plugin: rw, config: { q: 1e-10 } },
      venues: [{ plugin: intensity, config: { A: 140, k: 1.5, dt: 0.005 } }],
      agents: [{ plugin: cap.plugin, id: 'as', latency: { reviewInterval: 1 }, config: { rollingHorizon: 200, maxInventory: 50, intensity: { estimator: 'mle', minFills: 100 } } }],
    });
    const a = cap.agents[0]!;
    const est = a.params.intensityEstimator!.estimate()!;
    expect(est.fills).toBeGreaterThan(2000);
    expect(Math.abs(est.k / 1.5 - 1)).toBeLessThan(0.15);
    expect(Math.abs(est.A / (140 * 0.005) - 1)).toBeLessThan(0.15);
    expect(a.params.intensity().estimated).toBe(true);
    expect(legs(out.record.trades, 'as').every((r) => r.liquidity === 'maker')).toBe(true);
  });

  it('on a batch venue its quotes rest across batches and trade; on an AMM pool it does nothing', () => {
    const out = runTest({
      seed: 4,
      duration: 2000,
      markets: [M],
      truth,
      venues: [{ plugin: fba, config: { tau: 5 } }],
      agents: [{ plugin: as, id: 'as', latency: { reviewInterval: 12 }, config: { rollingHorizon: 100 } }, crowd],
    });
    const mine = legs(out.record.trades, 'as');
    expect(mine.length).toBeGreaterThan(0);
    // some fills come in a later batch than the one the quote was sent in
    expect(mine.some((r) => Math.floor((r.t as number) / 5) > Math.floor((r.submitted_at as number) / 5) + 1)).toBe(true);
    const pool = runTest({ seed: 4, duration: 300, markets: [M], truth, venues: [{ plugin: amm, config: { curve: 'constantProduct' } }], agents: [{ plugin: as, id: 'as' }, crowd] });
    const agents = Array.from(pool.record.orders.agent as ArrayLike<string>);
    expect(agents.includes('as')).toBe(false);
    expect(agents.length).toBeGreaterThan(0);
  });

  it('never crosses itself and never takes (property: every quote non-marketable on arrival without latency; no own cross with latency)', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 1, max: 1e6 }),
          mode: fc.constantFrom('inventory', 'symmetric'),
          gamma: fc.double({ min: 1e-4, max: 0.5, noNaN: true }),
          sigma: fc.double({ min: 0.05, max: 5, noNaN: true }),
          k: fc.double({ min: 0.2, max: 5, noNaN: true }),
          quoteSize: fc.integer({ min: 1, max: 3 }),
          maxInventory: fc.integer({ min: 3, max: 8 }),
          review: fc.integer({ min: 1, max: 15 }),
          horizon: fc.integer({ min: 1, max: 500 }),
          latency: fc.boolean(),
        }),
        (p) => {
          const audit = auditVenue(clob);
          const lat = p.latency ? { orderLatency: { dist: 'uniform', min: 0, max: 4 }, observationDelay: { dist: 'uniform', min: 0, max: 2 } } : {};
          const out = runTest({
            seed: p.seed,
            duration: 400,
            markets: [M],
            truth,
            venues: [{ plugin: audit.plugin }],
            agents: [
              {
                plugin: as,
                id: 'as',
                latency: { reviewInterval: p.review, ...lat },
                config: { mode: p.mode, gamma: p.gamma, quoteSize: p.quoteSize, maxInventory: p.maxInventory, rollingHorizon: p.horizon, volatility: { sigma: p.sigma }, intensity: { k: p.k } },
              },
              { ...crowd, config: { ...crowd.config, minOffset: -2, arrivalRatePerUnit: 0.1 } },
            ],
          });
          expect(makerViolations(out.record.trades, audit.records, ['as'], !p.latency)).toEqual([]);
          expect(audit.records.filter((r) => r.agentId === 'as').length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
  });
});
