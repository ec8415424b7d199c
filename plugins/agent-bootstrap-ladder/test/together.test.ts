import { describe, it, expect } from 'vitest';
import type { MarketSpec } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import fba from '@venuelab/plugin-venue-fba';
import rw from '@venuelab/plugin-truth-random-walk';
import noise from '@venuelab/plugin-agent-noise';
import as from '@venuelab/plugin-agent-avellaneda-stoikov';
import glft from '@venuelab/plugin-agent-glft';
import imb from '@venuelab/plugin-agent-imbalance-mm';
import zi from '@venuelab/plugin-agent-zero-intelligence';
import ladder from '../src/index.js';
import { auditVenue, makerViolations, tradeRows } from '../../../packages/estimators/test/helpers/audit-venue.js';

const M: MarketSpec = { id: 'ACME', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };

describe('the market makers and baselines together', () => {
  for (const [name, venue] of [
    ['CLOB', { plugin: clob }],
    ['FBA (tau 5)', { plugin: fba, config: { tau: 5 } }],
  ] as const) {
    it(`on the ${name} with a moving truth every agent quotes and trades; no maker takes or crosses itself`, () => {
      const audit = auditVenue(venue.plugin);
      const out = runTest({
        seed: 7,
        duration: 5000,
        markets: [M],
        truth: { plugin: rw, config: { q: 1e-8 } },
        venues: [{ plugin: audit.plugin, config: 'config' in venue ? venue.config : {} }],
        agents: [
          { plugin: ladder, id: 'boot', latency: { reviewInterval: 50 }, config: { levels: 5, sizePerLevel: 5, replenish: true } },
          { plugin: as, id: 'as', latency: { reviewInterval: 10 }, config: { rollingHorizon: 200 } },
          { plugin: as, id: 'as-sym', latency: { reviewInterval: 10 }, config: { mode: 'symmetric', rollingHorizon: 200 } },
          { plugin: glft, id: 'glft', latency: { reviewInterval: 10 }, config: { gamma: 0.05, volatility: { estimator: 'ewma' }, intensity: { estimator: 'mle' } } },
          { plugin: imb, id: 'imb', latency: { reviewInterval: 10 }, config: { targetSpread: 3 } },
          { plugin: zi, id: 'zi', count: 5, config: { arrivalRatePerUnit: 0.02 } },
          { plugin: noise, id: 'noise', count: 10, config: { arrivalRatePerUnit: 0.03, marketShare: 0.5 } },
        ],
      });
      const orders = Array.from(out.record.orders.agent as ArrayLike<string>);
      const traded = new Set(tradeRows(out.record.trades).map((r) => r.agent as string));
      for (const id of ['boot', 'as', 'as-sym', 'glft', 'imb', 'zi-0', 'zi-4']) {
        expect(orders.includes(id), `${id} sent orders`).toBe(true);
        expect(traded.has(id), `${id} traded`).toBe(true);
      }
      // On the FBA this batch's submissions are sealed: a quote that was not marketable against the
      // visible rested book can still meet an earlier order of the same batch, and the venue then
      // labels its leg taker. So the taker-leg check applies to the CLOB; own crosses to both.
      expect(makerViolations(out.record.trades, audit.records, ['boot', 'as', 'as-sym', 'glft', 'imb'], name === 'CLOB')).toEqual([]);
    });
  }
});
