import { describe, it, expect } from 'vitest';
import type { MarketSpec } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import naive, { type ScalarBeliefAgent } from '@venuelab/plugin-agent-naive-belief';
import tail, { tailBeliefConfigSchema } from '../src/index.js';
import { CONTINUOUS, capture, logTruth, rows, scriptSignals, scriptVenue, type Received } from './helpers.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const flat = logTruth(() => Math.log(100));

describe('tail-aware belief', () => {
  it('absorbs routine and tail readings by default; its role is tail', () => {
    expect(tailBeliefConfigSchema.parse({}).tiers).toEqual(['routine', 'tail']);
    expect(tail.defaultRole).toBe('tail');
  });

  it('posterior over routine and tail readings is the precision-weighted average; the naive agent ignores the tail reading', () => {
    const readings = [
      { at: 10, market: 'M', value: Math.log(100.2), precision: 1e4, tier: 'routine' },
      { at: 20, market: 'M', value: Math.log(101), precision: 1e6, tier: 'tail' },
    ];
    const got: ScalarBeliefAgent[] = [];
    const { record } = runTest({
      duration: 40,
      markets: [M],
      truth: { plugin: flat },
      venues: [{ plugin: scriptVenue({ bid: 1, ask: 100000 }, CONTINUOUS, []) }],
      agents: [
        { plugin: scriptSignals(readings), id: 'src' },
        { plugin: capture(tail, got), id: 'tail', config: { priorPrecision: 1e4 } },
        { plugin: capture(naive, got), id: 'naive', config: { priorPrecision: 1e4 } },
      ],
    });
    const [t, n] = got;
    const m0 = Math.log(100);
    expect(t!.belief('M')!.precision).toBe(1e4 + 1e4 + 1e6);
    expect(t!.fairLatent('M')).toBeCloseTo((1e4 * m0 + 1e4 * Math.log(100.2) + 1e6 * Math.log(101)) / (1e4 + 1e4 + 1e6), 14);
    expect(n!.fairLatent('M')).toBeCloseTo((1e4 * m0 + 1e4 * Math.log(100.2)) / 2e4, 14);
    expect(record.participants.find((p) => p.id === 'tail')!.role).toBe('tail');
  });

  it('acts on a tail reading as soon as it arrives (after its observation delay)', () => {
    const got: Received[] = [];
    const { record } = runTest({
      duration: 40,
      markets: [M],
      truth: { plugin: flat },
      venues: [{ plugin: scriptVenue({ bid: 10040, ask: 10050 }, CONTINUOUS, got), id: 'v' }],
      agents: [
        { plugin: scriptSignals([{ at: 20, market: 'M', value: Math.log(101), precision: 1e6, tier: 'tail' }]), id: 'src' },
        { plugin: tail, id: 'tail', latency: { observationDelay: 2 }, config: { priorPrecision: 1e4, threshold: 0.003, review: false } },
        { plugin: naive, id: 'naive', latency: { observationDelay: 2 }, config: { priorPrecision: 1e4, threshold: 0.003, review: false } },
      ],
    });
    // tail: belief (1e4 ln 100 + 1e6 ln 101) / 1.01e6 = ln 100.99..., above the ask by 0.0049 > 0.003
    expect(rows(record.orders).map((r) => ({ t: r.t, agent: r.agent, action: r.action, side: r.side }))).toEqual([{ t: 22, agent: 'tail', action: 'market', side: 'buy' }]);
    expect(got).toHaveLength(1);
  });
});
