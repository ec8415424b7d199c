import { describe, it, expect } from 'vitest';
import type { MarketSpec } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import { priceGrid } from '@venuelab/estimators';
import clob from '@venuelab/plugin-venue-clob';
import fba from '@venuelab/plugin-venue-fba';
import amm from '@venuelab/plugin-venue-amm';
import intensity from '@venuelab/plugin-venue-intensity';
import rw from '@venuelab/plugin-truth-random-walk';
import noise from '@venuelab/plugin-agent-noise';
import ladder, { BootstrapLadder, ladderConfigSchema, ladderLevels } from '../src/index.js';
import { auditVenue, captureAgents, makerViolations, scriptedOrders, tradeRows } from '../../../packages/estimators/test/helpers/audit-venue.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const P: MarketSpec = { id: 'P', tickSize: 0.01, lotSize: 1, openingMid: 0.985, kind: 'probability' };
const flat = { plugin: rw, config: { q: 0 } };

describe('ladder levels', () => {
  it('bids below and asks above the centre, spacing apart, rounded outwards onto the grid (hand-computed)', () => {
    const g = priceGrid(M, 1);
    expect(ladderLevels(10_000, 3, 2, 1, g)).toEqual([
      { side: 'buy', price: 9_999 },
      { side: 'buy', price: 9_997 },
      { side: 'buy', price: 9_995 },
      { side: 'sell', price: 10_001 },
      { side: 'sell', price: 10_003 },
      { side: 'sell', price: 10_005 },
    ]);
    // a fractional centre, a grid of 5 and spacing finer than the grid: duplicates dropped
    expect(ladderLevels(10_002.5, 3, 2, 0.5, priceGrid(M, 5))).toEqual([
      { side: 'buy', price: 10_000 },
      { side: 'buy', price: 9_995 },
      { side: 'sell', price: 10_005 },
      { side: 'sell', price: 10_010 },
    ]);
    // zero offset on a grid centre: the ask that would coincide with the bid is dropped
    expect(ladderLevels(100, 1, 1, 0, g)).toEqual([{ side: 'buy', price: 100 }]);
    // a probability market stops below 1.00
    expect(ladderLevels(98.5, 3, 1, 0.5, priceGrid(P, 1)).filter((l) => l.side === 'sell')).toEqual([{ side: 'sell', price: 99 }]);
  });

  it('has a strict, described config schema', () => {
    expect(ladderConfigSchema.parse({})).toMatchObject({ levels: 5, spacing: 1, firstOffset: 1, sizePerLevel: 10, replenish: false });
    expect(ladderConfigSchema.safeParse({ levels: 0 }).success).toBe(false);
    for (const [k, v] of Object.entries(ladderConfigSchema.shape)) expect((v as { description?: string }).description, k).toBeTruthy();
  });
});

describe('bootstrap ladder in runs', () => {
  it('posts the whole ladder at t = 0 around the opening mid (role bootstrap)', () => {
    const out = runTest({ duration: 5, markets: [M], truth: flat, venues: [{ plugin: clob }], agents: [{ plugin: ladder, id: 'boot', config: { levels: 4, sizePerLevel: 7 } }] });
    const o = out.record.orders;
    expect(Array.from(o.t as ArrayLike<number>)).toEqual(new Array(8).fill(0));
    expect(Array.from(o.price as ArrayLike<number>)).toEqual([9_999, 9_998, 9_997, 9_996, 10_001, 10_002, 10_003, 10_004]);
    expect(Array.from(o.qty as ArrayLike<number>)).toEqual(new Array(8).fill(7));
    expect(Array.from(o.status as ArrayLike<string>)).toEqual(new Array(8).fill('resting'));
    expect(out.record.participants.find((p) => p.id === 'boot')!.role).toBe('bootstrap');
  });

  it('without replenish a level hit stays empty; with replenish it is topped back up at the next review', () => {
    const hit = scriptedOrders([{ t: 3, kind: 'market', side: 'buy', qty: 12 }]);
    const run = (replenish: boolean) => {
      const cap = captureAgents<BootstrapLadder>(ladder);
      const out = runTest({
        duration: 30,
        markets: [M],
        truth: flat,
        venues: [{ plugin: clob }],
        agents: [
          { plugin: cap.plugin, id: 'boot', latency: { reviewInterval: 10 }, config: { levels: 2, sizePerLevel: 10, replenish } },
          { plugin: hit, id: 'taker' },
        ],
      });
      return { out, agent: cap.agents[0]! };
    };
    const still = run(false);
    expect(still.agent.inventory).toBe(-12);
    expect(still.out.record.orders.t!.length).toBe(5);
    const topped = run(true);
    const o = topped.out.record.orders;
    const later = [];
    for (let i = 0; i < o.t!.length; i++) if ((o.agent![i] as string) === 'boot' && (o.t![i] as number) > 0) later.push([o.t![i], o.side![i], o.price![i], o.qty![i]]);
    // 10 lots taken at 10,001 and 2 at 10,002: both asks topped up at the review at t = 10, once
    expect(later).toEqual([
      [10, 'sell', 10_001, 10],
      [10, 'sell', 10_002, 2],
    ]);
  });

  it('never takes and never crosses itself while replenishing in a moving market', () => {
    const audit = auditVenue(clob);
    const out = runTest({
      seed: 21,
      duration: 3000,
      markets: [M],
      truth: { plugin: rw, config: { q: 1e-8 } },
      venues: [{ plugin: audit.plugin }],
      agents: [
        { plugin: ladder, id: 'boot', latency: { reviewInterval: 7 }, config: { levels: 3, sizePerLevel: 3, replenish: true } },
        { plugin: noise, id: 'noise', count: 10, config: { arrivalRatePerUnit: 0.1, marketShare: 0.6, minOffset: -3, maxOffset: 3 } },
      ],
    });
    const mine = tradeRows(out.record.trades).filter((r) => r.agent === 'boot');
    expect(mine.length).toBeGreaterThan(10);
    expect(makerViolations(out.record.trades, audit.records, ['boot'], true)).toEqual([]);
    expect(audit.records.filter((r) => r.agentId === 'boot').length).toBeGreaterThan(6);
  });

  it('rests on batch and intensity venues and does nothing on an AMM pool', () => {
    const b = runTest({ duration: 10, markets: [M], truth: flat, venues: [{ plugin: fba, config: { tau: 3 } }], agents: [{ plugin: ladder, id: 'boot' }] });
    expect(Array.from(b.record.orders.status as ArrayLike<string>).every((s) => s === 'pending')).toBe(true);
    const i = runTest({ duration: 2000, markets: [M], truth: flat, venues: [{ plugin: intensity, config: { A: 140, k: 1.5, dt: 0.005 } }], agents: [{ plugin: ladder, id: 'boot', config: { firstOffset: 0.5 } }] });
    expect(tradeRows(i.record.trades).filter((r) => r.agent === 'boot').length).toBeGreaterThan(0);
    const a = runTest({ duration: 10, markets: [M], truth: flat, venues: [{ plugin: amm, config: { curve: 'constantProduct' } }], agents: [{ plugin: ladder, id: 'boot' }] });
    expect(a.record.orders.t!.length).toBe(0);
  });
});
