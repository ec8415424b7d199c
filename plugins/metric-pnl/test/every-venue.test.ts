import { describe, expect, it } from 'vitest';
import { runTest } from '@venuelab/testing';
import truth from '@venuelab/plugin-truth-random-walk';
import clob from '@venuelab/plugin-venue-clob';
import fba from '@venuelab/plugin-venue-fba';
import amm from '@venuelab/plugin-venue-amm';
import hybrid from '@venuelab/plugin-venue-hybrid';
import intensity from '@venuelab/plugin-venue-intensity';
import noise from '@venuelab/plugin-agent-noise';
import pnl from '../src/index.js';

const VENUES = [
  { plugin: clob, id: 'clob', config: { makerFeeBps: -0.5, takerFeeBps: 1 } },
  { plugin: fba, id: 'fba', config: { tau: 5, makerFeeBps: 0.3, takerFeeBps: 0.7 } },
  { plugin: amm, id: 'amm', config: { curve: 'constantProduct', reserveLots: 5000, feeBps: 30 } },
  { plugin: hybrid, id: 'hybrid', config: { book: { takerFeeBps: 1 }, pool: { curve: 'constantProduct', reserveLots: 5000, feeBps: 20 } } },
  { plugin: intensity, id: 'intensity', config: { makerFeeBps: -0.2, takerFeeBps: 0.5 } },
];

describe('metric-pnl conservation on a run with every venue', () => {
  it('truth-marked PnL over all participants (pools and synthetic flow included) is minus the fees, within 1e-9 relative', () => {
    const { metrics, record } = runTest({
      seed: 11,
      duration: 4000,
      markets: [{ id: 'ACME', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' }],
      truth: { plugin: truth, config: { q: 1e-7 } },
      venues: VENUES,
      agents: VENUES.map((v) => ({
        plugin: noise,
        id: `noise-${v.id}`,
        count: 6,
        venues: [v.id],
        latency: { orderLatency: { dist: 'uniform', min: 0, max: 2 } },
        config: { arrivalRatePerUnit: 0.05, marketShare: 0.4, maxOffset: 3, orderLifetime: 100 },
      })),
      metrics: [{ plugin: pnl, config: { scopes: ['all', 'role', 'venue'] } }],
    });
    const get = (metric: string, scope = 'all', key = '') => metrics.find((m) => m.metric === metric && m.scope === scope && m.key === key)?.value;
    // every venue traded
    for (const v of VENUES) expect(get('volume', 'venue', v.id) ?? 0).toBeGreaterThan(0);
    expect(record.stats.fills).toBeGreaterThan(500);
    // pools and the intensity venue's synthetic flow are participants too
    const roles = new Set(metrics.filter((m) => m.metric === 'volume' && m.scope === 'role').map((m) => m.key));
    expect(roles.has('pool')).toBe(true);
    expect(roles.size).toBeGreaterThanOrEqual(3);
    const notional = get('notional')!;
    expect(Math.abs(get('conservation_residual')!)).toBeLessThanOrEqual(1e-9 * notional);
    expect(Math.abs(get('conservation_residual_relative')!)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(get('pnl_truth')! + get('fees_paid')!)).toBeLessThanOrEqual(1e-9 * notional);
  });
});
