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
import imb, { ImbalanceMaker } from '../src/index.js';
import { auditVenue, captureAgents, makerViolations, scriptedOrders, tradeRows } from '../../../packages/estimators/test/helpers/audit-venue.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const truth = { plugin: rw, config: { q: 1e-9 } };
const flat = { plugin: rw, config: { q: 0 } };
const crowd = { plugin: noise, id: 'noise', count: 10, config: { arrivalRatePerUnit: 0.05, marketShare: 0.4, maxOffset: 4, orderLifetime: 50 } };

describe('imbalance maker in runs', () => {
  it('reads the book without its own orders: a bid-heavy book moves its centre above the microprice', () => {
    const cap = captureAgents<ImbalanceMaker>(imb);
    runTest({
      duration: 3,
      markets: [M],
      truth: flat,
      venues: [{ plugin: clob }],
      tiePolicy: 'fifo',
      agents: [
        {
          plugin: scriptedOrders([
            { t: 0, kind: 'limit', side: 'buy', price: 9_990, qty: 9 },
            { t: 0, kind: 'limit', side: 'buy', price: 9_989, qty: 9 },
            { t: 0, kind: 'limit', side: 'sell', price: 10_010, qty: 3 },
            { t: 0, kind: 'limit', side: 'sell', price: 10_011, qty: 1 },
          ]),
          id: 'book',
        },
        { plugin: cap.plugin, id: 'imb', latency: { reviewInterval: 1 }, config: { depths: [1, 2], depthWeights: [1, 1], targetSpread: 6 } },
      ],
    });
    const q = cap.agents[0]!.lastQuote!;
    // others' touch 9,990 x 9 / 10,010 x 3: microprice (9990 * 3 + 10010 * 9) / 12 = 10,005
    expect(q.fair).toBe(10_005);
    // imbalance (9 - 3) / 12 = 0.5 at depth 1, (18 - 4) / 22 at depth 2
    expect(q.imbalance).toBeCloseTo((0.5 + 14 / 22) / 2, 12);
    expect(q.center).toBeGreaterThan(q.fair);
    // reviews at t = 0, 1 and 2 see the same book of others: its own quotes (best bid and ask from t = 0 on) are excluded
    expect(q.sigma).toBe(0);
    expect(q.maxInventory).toBe(Math.floor((0.3 * 1_000_000) / 10_000));
  });

  it('quotes and trades on the CLOB only as maker, within its inventory cap (share of capital)', () => {
    const cap = captureAgents<ImbalanceMaker>(imb);
    const out = runTest({
      seed: 12,
      duration: 3000,
      markets: [M],
      truth,
      venues: [{ plugin: clob }],
      agents: [{ plugin: cap.plugin, id: 'imb', latency: { reviewInterval: 5 }, config: { capital: 100_000, targetSpread: 2, minEdge: 0.5 } }, crowd],
    });
    const rows = tradeRows(out.record.trades).filter((r) => r.agent === 'imb');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.every((r) => r.liquidity === 'maker')).toBe(true);
    let inv = 0;
    for (const r of rows) {
      inv += (r.side === 'buy' ? 1 : -1) * (r.qty as number);
      // cap floor(0.3 * 100,000 / s) = 3 lots near s = 10,000
      expect(Math.abs(inv)).toBeLessThanOrEqual(3);
    }
    expect(cap.agents[0]!.volatility.count).toBeGreaterThan(100);
  });

  it('works on the intensity and batch venues and does nothing on an AMM pool', () => {
    const a = runTest({ seed: 3, duration: 2000, markets: [M], truth, venues: [{ plugin: intensity }], agents: [{ plugin: imb, id: 'imb', latency: { reviewInterval: 2 }, config: { targetSpread: 2, minEdge: 0 } }] });
    expect(tradeRows(a.record.trades).filter((r) => r.agent === 'imb').length).toBeGreaterThan(10);
    const b = runTest({ seed: 3, duration: 2000, markets: [M], truth, venues: [{ plugin: fba, config: { tau: 4 } }], agents: [{ plugin: imb, id: 'imb', latency: { reviewInterval: 10 }, config: { targetSpread: 2 } }, crowd] });
    expect(tradeRows(b.record.trades).some((r) => r.agent === 'imb')).toBe(true);
    const c = runTest({ seed: 3, duration: 300, markets: [M], truth, venues: [{ plugin: amm, config: { curve: 'constantProduct' } }], agents: [{ plugin: imb, id: 'imb' }, crowd] });
    expect(Array.from(c.record.orders.agent as ArrayLike<string>).includes('imb')).toBe(false);
  });

  it('never crosses itself and never takes (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 1, max: 1e6 }),
          targetSpread: fc.double({ min: 0.5, max: 10, noNaN: true }),
          imbalanceSkew: fc.double({ min: -2, max: 2, noNaN: true }),
          inventorySkew: fc.double({ min: 0, max: 2, noNaN: true }),
          minEdge: fc.double({ min: 0, max: 3, noNaN: true }),
          fair: fc.constantFrom('microprice', 'mid'),
          quoteSize: fc.integer({ min: 1, max: 3 }),
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
                plugin: imb,
                id: 'imb',
                latency: { reviewInterval: p.review, ...lat },
                config: { targetSpread: p.targetSpread, imbalanceSkew: p.imbalanceSkew, inventorySkew: p.inventorySkew, minEdge: p.minEdge, fair: p.fair, quoteSize: p.quoteSize },
              },
              { ...crowd, config: { ...crowd.config, minOffset: -2, arrivalRatePerUnit: 0.1 } },
            ],
          });
          expect(makerViolations(out.record.trades, audit.records, ['imb'], !p.latency)).toEqual([]);
          expect(audit.records.filter((r) => r.agentId === 'imb').length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
  });
});
