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
import glft, { GlftMaker, glftOffsets } from '../src/index.js';
import { auditVenue, captureAgents, makerViolations, tradeRows } from '../../../packages/estimators/test/helpers/audit-venue.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const truth = { plugin: rw, config: { q: 1e-9 } };
const crowd = { plugin: noise, id: 'noise', count: 10, config: { arrivalRatePerUnit: 0.05, marketShare: 0.4, maxOffset: 4, orderLifetime: 50 } };

describe('GLFT maker in runs', () => {
  it('quotes and trades on the CLOB only as maker; its last offsets are the formula at its inventory', () => {
    const cap = captureAgents<GlftMaker>(glft);
    const out = runTest({
      seed: 8,
      duration: 3000,
      markets: [M],
      truth,
      venues: [{ plugin: clob }],
      agents: [{ plugin: cap.plugin, id: 'glft', latency: { reviewInterval: 5 }, config: { gamma: 0.05, intensity: { A: 0.5, k: 0.8 }, volatility: { sigma: 0.5 } } }, crowd],
    });
    const mine = tradeRows(out.record.trades).filter((r) => r.agent === 'glft');
    expect(mine.length).toBeGreaterThan(10);
    expect(mine.every((r) => r.liquidity === 'maker')).toBe(true);
    const a = cap.agents[0]!;
    expect(a.inventory).toBe(mine.reduce((s, r) => s + (r.side === 'buy' ? 1 : -1) * (r.qty as number), 0));
    expect(Math.abs(a.inventory)).toBeLessThanOrEqual(10);
  });

  it('on the intensity venue: keeps inventory within its bound; its offsets are the formula at its inventory and EWMA sigma', () => {
    const cap = captureAgents<GlftMaker>(glft);
    const out = runTest({
      seed: 6,
      duration: 5000,
      markets: [M],
      truth: { plugin: rw, config: { q: 1e-10 } },
      venues: [{ plugin: intensity, config: { A: 140, k: 1.5, dt: 0.005 } }],
      agents: [{ plugin: cap.plugin, id: 'glft', latency: { reviewInterval: 1 }, config: { gamma: 0.5, maxInventory: 4, volatility: { estimator: 'ewma', halfLife: 200 } } }],
    });
    const a = cap.agents[0]!;
    expect(a.stats.fills).toBeGreaterThan(200);
    const rows = tradeRows(out.record.trades).filter((r) => r.agent === 'glft');
    let inv = 0;
    for (const r of rows) {
      inv += r.side === 'buy' ? 1 : -1;
      expect(Math.abs(inv)).toBeLessThanOrEqual(4);
    }
    const sigma = a.params.sigma();
    expect(sigma).toBeGreaterThan(0);
    expect(a.lastOffsets).toEqual(glftOffsets({ q: a.inventory, gamma: 0.5, sigma, A: 0.7, k: 1.5 }));
  });

  it('trades on a batch venue and does nothing on an AMM pool', () => {
    const out = runTest({ seed: 4, duration: 2000, markets: [M], truth, venues: [{ plugin: fba, config: { tau: 5 } }], agents: [{ plugin: glft, id: 'glft', latency: { reviewInterval: 12 } }, crowd] });
    expect(tradeRows(out.record.trades).some((r) => r.agent === 'glft')).toBe(true);
    const pool = runTest({ seed: 4, duration: 300, markets: [M], truth, venues: [{ plugin: amm, config: { curve: 'constantProduct' } }], agents: [{ plugin: glft, id: 'glft' }, crowd] });
    expect(Array.from(pool.record.orders.agent as ArrayLike<string>).includes('glft')).toBe(false);
  });

  it('never crosses itself and never takes (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 1, max: 1e6 }),
          gamma: fc.double({ min: 1e-3, max: 1, noNaN: true }),
          sigma: fc.double({ min: 0.05, max: 5, noNaN: true }),
          A: fc.double({ min: 0.05, max: 5, noNaN: true }),
          k: fc.double({ min: 0.2, max: 5, noNaN: true }),
          quoteSize: fc.integer({ min: 1, max: 3 }),
          maxInventory: fc.integer({ min: 3, max: 8 }),
          review: fc.integer({ min: 1, max: 15 }),
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
                plugin: glft,
                id: 'glft',
                latency: { reviewInterval: p.review, ...lat },
                config: { gamma: p.gamma, quoteSize: p.quoteSize, maxInventory: p.maxInventory, volatility: { sigma: p.sigma }, intensity: { A: p.A, k: p.k } },
              },
              { ...crowd, config: { ...crowd.config, minOffset: -2, arrivalRatePerUnit: 0.1 } },
            ],
          });
          expect(makerViolations(out.record.trades, audit.records, ['glft'], !p.latency)).toEqual([]);
          expect(audit.records.filter((r) => r.agentId === 'glft').length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
  });
});
