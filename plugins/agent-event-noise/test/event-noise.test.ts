import { describe, it, expect } from 'vitest';
import { createStream, type MarketSpec, type RandomStream } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import fba from '@venuelab/plugin-venue-fba';
import amm from '@venuelab/plugin-venue-amm';
import hybrid from '@venuelab/plugin-venue-hybrid';
import randomWalk from '@venuelab/plugin-truth-random-walk';
import limitNoise from '@venuelab/plugin-agent-noise';
import eventNoise, { drawNoiseEvent, eventNoiseConfigSchema, type EventNoiseTrader } from '../src/index.js';
import { CONTINUOUS, capture, logTruth, rows, scriptVenue, type Received } from './helpers.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const flat = logTruth(() => Math.log(100));

/** Counts the uniform draws made through a stream. */
function counting(s: RandomStream): { stream: RandomStream; count: () => number } {
  let n = 0;
  const stream: RandomStream = {
    name: s.name,
    next: () => (n++, s.next()),
    int: (k) => (n++, s.int(k)),
    uniform: (a, b) => (n++, s.uniform(a, b)),
    normal: s.normal.bind(s),
    exponential: s.exponential.bind(s),
    lognormal: s.lognormal.bind(s),
    poisson: s.poisson.bind(s),
    bernoulli: (p) => (n++, s.bernoulli(p)),
  };
  return { stream, count: () => n };
}

describe('drawNoiseEvent', () => {
  it('makes exactly four draws per event and is a function of the stream', () => {
    const cfg = eventNoiseConfigSchema.parse({ minQty: 2, maxQty: 4, buyProbability: 0.3 });
    const pairs = [
      { market: 'A', venues: ['x', 'y'] },
      { market: 'B', venues: ['y'] },
    ];
    const c = counting(createStream(5, 'agent:n:orders'));
    const a = [0, 1, 2, 3, 4].map((t) => drawNoiseEvent(c.stream, t, pairs, cfg));
    expect(c.count()).toBe(20);
    const b = [0, 1, 2, 3, 4].map((t) => drawNoiseEvent(createStream(5, 'agent:n:orders'), t, pairs, cfg));
    expect(a[0]).toEqual(b[0]);
    for (const e of a) {
      expect(e.qty).toBeGreaterThanOrEqual(2);
      expect(e.qty).toBeLessThanOrEqual(4);
      expect(pairs.find((p) => p.market === e.market)!.venues).toContain(e.venue);
    }
  });
});

describe('event-driven noise trader', () => {
  it('arrives as a Poisson process of rate arrivalRatePerUnit and sends market orders of random side', () => {
    const agents: EventNoiseTrader[] = [];
    const got: Received[] = [];
    const T = 20000;
    const rate = 0.05;
    runTest({
      seed: 4,
      duration: T,
      markets: [M],
      truth: { plugin: flat },
      venues: [{ plugin: scriptVenue({ bid: 9990, ask: 10010 }, CONTINUOUS, got), id: 'v' }],
      agents: [{ plugin: capture(eventNoise, agents), id: 'n', config: { arrivalRatePerUnit: rate, buyProbability: 0.5 } }],
    });
    const n = agents[0]!.events.length;
    expect(Math.abs(n - rate * T)).toBeLessThan(4 * Math.sqrt(rate * T));
    expect(got).toHaveLength(n);
    expect(got.every((r) => r.kind === 'market')).toBe(true);
    const buys = got.filter((r) => (r.order as any).side === 'buy').length;
    expect(Math.abs(buys - n / 2)).toBeLessThan(4 * Math.sqrt(n / 4));
    // several events can share a tick; the count of events per tick is Poisson(rate)
    const ticks = new Set(agents[0]!.events.map((e) => e.t));
    expect(ticks.size).toBeLessThan(n);
  });

  it('sends a marketable limit order at the touch plus limitSlippage where the venue takes no market orders', () => {
    const got: Received[] = [];
    runTest({
      seed: 2,
      duration: 400,
      markets: [M],
      truth: { plugin: flat },
      venues: [{ plugin: scriptVenue({ bid: 9990, ask: 10010 }, { ...CONTINUOUS, marketOrders: false }, got), id: 'v' }],
      agents: [{ plugin: eventNoise, id: 'n', config: { arrivalRatePerUnit: 0.05, limitSlippage: 3 } }],
    });
    expect(got.length).toBeGreaterThan(5);
    for (const r of got) {
      const o = r.order as any;
      expect(r.kind).toBe('limit');
      expect(o.price).toBe(o.side === 'buy' ? 10013 : 9987);
    }
  });

  const venues = {
    clob: { plugin: clob },
    fba: { plugin: fba, config: { tau: 5 } },
    amm: { plugin: amm, config: { curve: 'constantProduct', reserveLots: 2000 } },
    hybrid: { plugin: hybrid, config: { pool: { curve: 'constantProduct', reserveLots: 2000 } } },
  } as const;
  for (const [name, venue] of Object.entries(venues)) {
    it(`trades on ${name}`, () => {
      const { record } = runTest({
        seed: 3,
        duration: 2000,
        markets: [M],
        truth: { plugin: randomWalk, config: { q: 1e-7 } },
        venues: [{ ...venue, id: 'v' }],
        agents: [
          { plugin: limitNoise, id: 'book', count: 4, config: { arrivalRatePerUnit: 0.1, marketShare: 0, minOffset: 0, maxOffset: 6, orderLifetime: 200 } },
          { plugin: eventNoise, id: 'n', count: 2, config: { arrivalRatePerUnit: 0.05 } },
        ],
      });
      const orders = rows(record.orders).filter((r) => r.agent.startsWith('n-'));
      expect(orders.length).toBeGreaterThan(100);
      expect(orders.filter((r) => r.status === 'rejected')).toEqual([]);
      const legs = rows(record.trades).filter((r) => r.agent.startsWith('n-'));
      expect(legs.length).toBeGreaterThan(20);
    });
  }
});
