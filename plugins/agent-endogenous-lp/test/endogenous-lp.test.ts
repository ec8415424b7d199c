import { describe, it, expect } from 'vitest';
import type { MarketSpec } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import randomWalk from '@venuelab/plugin-truth-random-walk';
import signals from '@venuelab/plugin-agent-signals';
import informed from '@venuelab/plugin-agent-informed';
import eventNoise from '@venuelab/plugin-agent-event-noise';
import elp, { endogenousHalfSpread, endogenousLpConfigSchema, ewmaStep, markoutPerLot, type EndogenousLp } from '../src/index.js';
import { capture, rows } from './helpers.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const q = 1e-8;

describe('spread feedback (hand-computed)', () => {
  it('markout per lot is signed from the LP side', () => {
    expect(markoutPerLot('buy', 9995, 10000)).toBe(5); // bought below the later value
    expect(markoutPerLot('sell', 9995, 10000)).toBe(-5); // sold below it: picked off
  });
  it('EWMA and half-spread', () => {
    expect(ewmaStep(0, -4, 0.25)).toBe(-1);
    expect(ewmaStep(-1, 2, 0.5)).toBe(0.5);
    expect(endogenousHalfSpread(3, 2, -1.5, 0.5, 10)).toBe(6); // loss widens: 3 + 2 * 1.5
    expect(endogenousHalfSpread(3, 2, 0.5, 0.5, 10)).toBe(2); // gain tightens
    expect(endogenousHalfSpread(3, 2, 5, 0.5, 10)).toBe(0.5); // clamped
    expect(endogenousHalfSpread(3, 2, -50, 0.5, 10)).toBe(10);
  });
  it('refuses minHalfSpread above maxHalfSpread', () => {
    expect(endogenousLpConfigSchema.safeParse({ minHalfSpread: 5, maxHalfSpread: 2 }).success).toBe(false);
  });
});

type Venues = { id: string; plugin: any }[];
function world(seed: number, opts: { informed: boolean; venues?: Venues; informedVenues?: string[]; delay?: number }) {
  const got: EndogenousLp[] = [];
  const venues = opts.venues ?? [{ id: 'v', plugin: clob }];
  const out = runTest({
    seed,
    duration: 8000,
    markets: [M],
    truth: { plugin: randomWalk, config: { q } },
    venues,
    agents: [
      { plugin: signals, id: 'signals', config: { tiers: [{ name: 'routine', precision: 1e8, cadence: 5 }] } },
      {
        plugin: capture(elp, got, (a: EndogenousLp) => (a.trace = true)),
        id: 'elp',
        latency: { observationDelay: opts.delay ?? 10, reviewInterval: 5 },
        config: { q, halfSpread: 3, markoutHorizon: 60, alpha: 0.05, sensitivity: 1 },
      },
      ...(opts.informed
        ? [{ plugin: informed, id: 'inf', count: 3, venues: opts.informedVenues, config: { horizon: 30, signalNoise: 0, threshold: 0.0004, arrivalRatePerUnit: 0.05 } }]
        : []),
      { plugin: eventNoise, id: 'noise', count: 2, config: { arrivalRatePerUnit: 0.05 } },
    ],
  });
  return { agent: got[0]!, record: out.record };
}

/** Mean half-spread the LP quoted on a venue after a warm-up. */
const meanHalfSpread = (a: EndogenousLp, venue = 'v') => {
  const p = a.posted.filter((x) => x.t > 2000 && x.venue === venue);
  return p.reduce((s, x) => s + x.halfSpread, 0) / p.length;
};

describe('endogenous-spread LP', () => {
  it('marks each fill at fill time + markoutHorizon against its belief, and its half-spread follows the EWMA', () => {
    const { agent, record } = world(1, { informed: true });
    const legs = rows(record.trades).filter((r) => r.agent === 'elp');
    const due = legs.filter((r) => r.t + 60 < 8000);
    expect(agent.marks.length).toBe(due.length);
    const marksAt = agent.marks.map((m) => m.t).sort((x, y) => x - y);
    expect(marksAt).toEqual(due.map((r) => r.t + 60).sort((x, y) => x - y));
    let ewma = 0;
    for (const m of agent.marks) {
      expect(m.markout).toBe((m.side === 'buy' ? 1 : -1) * (m.reference - m.price));
      ewma = ewmaStep(ewma, m.markout, 0.05);
      expect(m.halfSpread).toBeCloseTo(endogenousHalfSpread(3, 1, ewma, 0.5, 50), 12);
    }
    expect(agent.spreadState('v', 'M').markout).toBeCloseTo(ewma, 12);
    // every quote uses the half-spread of its venue at the time it was posted
    for (const p of agent.posted) expect(p.bid).toBeLessThanOrEqual(Math.floor(p.center - p.halfSpread + 1e-9));
  });

  it('quotes wider when its flow is informed than when it is noise only', () => {
    for (const seed of [1, 2, 3]) {
      const toxic = meanHalfSpread(world(seed, { informed: true }).agent);
      const benign = meanHalfSpread(world(seed, { informed: false }).agent);
      expect(toxic).toBeGreaterThan(benign + 0.5);
    }
  });

  it('keeps the feedback per venue: the venue where informed traders cannot reach it gets the tighter quotes', () => {
    const venues = [
      { id: 'exposed', plugin: clob },
      { id: 'sheltered', plugin: clob },
    ];
    for (const seed of [1, 2]) {
      const { agent } = world(seed, { informed: true, venues, informedVenues: ['exposed'] });
      expect(meanHalfSpread(agent, 'sheltered')).toBeLessThan(meanHalfSpread(agent, 'exposed') - 0.5);
    }
  });
});
