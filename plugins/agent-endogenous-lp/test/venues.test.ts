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
import agent from '../src/index.js';
import { rows } from './helpers.js';

const markets: MarketSpec[] = [
  { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' },
  { id: 'N', tickSize: 0.01, lotSize: 1, openingMid: 40, kind: 'price' },
];

describe('endogenous-spread LP works on every venue of the contract', () => {
  const venues = {
    clob: { plugin: clob },
    fba: { plugin: fba, config: { tau: 5 } },
    amm: { plugin: amm, config: { curve: 'constantProduct', reserveLots: 2000 } },
    hybrid: { plugin: hybrid, config: { pool: { curve: 'constantProduct', reserveLots: 2000 } } },
  } as const;
  for (const [name, venue] of Object.entries(venues)) {
    it(`quotes on ${name}`, () => {
      const { record } = runTest({
        seed: 13,
        duration: 3000,
        markets,
        truth: { plugin: randomWalk, config: { q: 2e-7 } },
        venues: [{ ...venue, id: 'v' }],
        agents: [
          { plugin: signals, id: 'signals', config: { tiers: [{ name: 'routine', precision: 1e6, cadence: 25 }, { name: 'tail', precision: 1e8, cadence: 25, phase: 12 }] } },
          ...['M', 'N'].map((m) => ({ plugin: noise, id: `noise-${m}`, count: 4, config: { market: m, arrivalRatePerUnit: 0.05, marketShare: 0.3, minOffset: 0, maxOffset: 8, orderLifetime: 300 } })),
          { plugin: agent, id: 'me', latency: { observationDelay: 10, reviewInterval: 10 }, config: { q: 2e-7, halfSpread: 3 } },
        ],
      });
      const mine = rows(record.orders).filter((r) => r.agent === 'me');
      const legs = rows(record.trades).filter((r) => r.agent === 'me');
      expect(mine.filter((r) => r.status === 'rejected' && r.reason !== 'VL_REJECT_UNKNOWN_ORDER')).toEqual([]);
      if (name === 'amm') {
        expect(mine).toEqual([]); // a pool is its own liquidity provider: nothing to quote
        return;
      }
      expect(mine.every((r) => r.action === 'limit' || r.action === 'cancel')).toBe(true);
      expect(legs.length).toBeGreaterThan(0);
    });
  }
});
