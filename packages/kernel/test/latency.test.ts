import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { runTest, flatTruth } from '@venuelab/testing';
import {
  createStream,
  definePlugin,
  distributionSampler,
  emptyVenueState,
  latencySampler,
  DistributionSchema,
  LatencySchema,
  Tokens,
  z,
  type Distribution,
  type Venue,
} from '../src/index.js';

// ---- exact moments of the rounded, clamped distributions ---------------------------------------

/** erf with |error| < 1.2e-7 (Numerical Recipes' erfc Chebyshev fit). */
function erf(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - r : r - 1;
}
const normalCdf = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));

/** CDF of the continuous distribution before rounding. */
function cdf(d: Exclude<Distribution, number>): (x: number) => number {
  switch (d.dist) {
    case 'constant':
      return (x) => (x >= d.value ? 1 : 0);
    case 'uniform':
      return (x) => (x <= d.min ? 0 : x >= d.max ? 1 : (x - d.min) / (d.max - d.min));
    case 'exponential':
      return (x) => (x <= 0 ? 0 : 1 - Math.exp(-x / d.mean));
    case 'lognormal':
      return (x) => (x <= 0 ? 0 : normalCdf((Math.log(x) - d.mu) / d.sigma));
  }
}

/** Exact mean of max(min, round(X)): sum over k of max(min, k) * P(k - 1/2 <= X < k + 1/2). */
function roundedMean(d: Exclude<Distribution, number>, min = 0): number {
  const F = cdf(d);
  let mean = 0;
  for (let k = 0; k < 100_000; k++) {
    const p = F(k + 0.5) - (k === 0 ? 0 : F(k - 0.5));
    mean += Math.max(min, k) * p;
    if (k > 10 && 1 - F(k + 0.5) < 1e-12) break;
  }
  return mean;
}

function sampleMoments(draw: () => number, n: number): { mean: number; se: number; values: number[] } {
  const values = Array.from({ length: n }, draw);
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n), values };
}

describe('latency distributions', () => {
  const cases: { name: string; d: Exclude<Distribution, number> }[] = [
    { name: 'constant', d: { dist: 'constant', value: 4 } },
    { name: 'uniform', d: { dist: 'uniform', min: 2, max: 9 } },
    { name: 'uniform (fractional bounds)', d: { dist: 'uniform', min: 0.2, max: 3.7 } },
    { name: 'exponential', d: { dist: 'exponential', mean: 6 } },
    { name: 'exponential (small mean)', d: { dist: 'exponential', mean: 0.8 } },
    { name: 'lognormal', d: { dist: 'lognormal', mu: 1.5, sigma: 0.6 } },
  ];
  for (const { name, d } of cases) {
    it(`${name}: whole-tick draws with the right mean (within 3 standard errors)`, () => {
      const n = 20_000;
      const s = sampleMoments(distributionSampler(d, createStream(42, `test:${name}`)), n);
      for (const v of s.values) {
        expect(Number.isInteger(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
      }
      const expected = roundedMean(d);
      if (d.dist === 'constant') {
        expect(s.values.every((v) => v === 4)).toBe(true);
      } else {
        expect(Math.abs(s.mean - expected)).toBeLessThan(3 * s.se);
      }
    });
  }

  it('the rounded means are close to the continuous means (sanity check of the exact formulas)', () => {
    expect(roundedMean({ dist: 'uniform', min: 2, max: 9 })).toBeCloseTo(5.5, 6);
    expect(roundedMean({ dist: 'exponential', mean: 6 })).toBeCloseTo(Math.exp(-0.5 / 6) / (1 - Math.exp(-1 / 6)), 6);
    expect(Math.abs(roundedMean({ dist: 'lognormal', mu: 1.5, sigma: 0.6 }) - Math.exp(1.5 + 0.18))).toBeLessThan(0.05);
  });

  it('a plain number is a constant, rounded to whole ticks', () => {
    const draw = distributionSampler(2.6, createStream(1, 'x'));
    expect([draw(), draw(), draw()]).toEqual([3, 3, 3]);
  });

  it('a constant creates no stream, and equal constants (after rounding and the minimum) share one sampler', () => {
    let streams = 0;
    const factory = () => {
      streams++;
      return createStream(1, 'x');
    };
    const a = distributionSampler(4, factory);
    expect(distributionSampler({ dist: 'constant', value: 4.2 }, factory)).toBe(a);
    expect(distributionSampler(0, factory, 4)).toBe(a);
    expect(distributionSampler(5, factory)).not.toBe(a);
    expect(distributionSampler(0, factory, 1)()).toBe(1);
    expect(streams).toBe(0);
    distributionSampler({ dist: 'uniform', min: 0, max: 3 }, factory);
    expect(streams).toBe(1);
  });

  it('is deterministic per (seed, stream name), and streams are independent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.constantFrom<Distribution>({ dist: 'uniform', min: 0, max: 50 }, { dist: 'exponential', mean: 20 }, { dist: 'lognormal', mu: 2, sigma: 1 }), (seed, d) => {
        const a = distributionSampler(d, createStream(seed, 'latency:a:orderLatency'));
        const b = distributionSampler(d, createStream(seed, 'latency:a:orderLatency'));
        const c = distributionSampler(d, createStream(seed, 'latency:b:orderLatency'));
        const xa = Array.from({ length: 50 }, a);
        expect(Array.from({ length: 50 }, b)).toEqual(xa);
        expect(Array.from({ length: 50 }, c)).not.toEqual(xa);
      }),
      { numRuns: 50 },
    );
    // each knob of an agent draws from its own stream: drawing observation delays leaves order latencies unchanged
    const cfg = LatencySchema.parse({ observationDelay: { dist: 'exponential', mean: 5 }, orderLatency: { dist: 'uniform', min: 0, max: 9 } });
    const s1 = latencySampler(cfg, (k) => createStream(3, `latency:x:${k}`));
    const s2 = latencySampler(cfg, (k) => createStream(3, `latency:x:${k}`));
    for (let i = 0; i < 100; i++) s1.observationDelay();
    expect(Array.from({ length: 30 }, () => s1.orderLatency())).toEqual(Array.from({ length: 30 }, () => s2.orderLatency()));
  });

  it('reviewInterval is always >= 1 (even for 0 or draws that round to 0); the other knobs may be 0', () => {
    const low: Distribution[] = [0, { dist: 'constant', value: 0 }, { dist: 'uniform', min: 0, max: 2 }, { dist: 'exponential', mean: 0.5 }, { dist: 'lognormal', mu: -2, sigma: 1 }];
    for (const d of low) {
      const s = latencySampler(LatencySchema.parse({ observationDelay: d, orderLatency: d, reviewInterval: d }), (k) => createStream(9, `latency:r:${k}`));
      const reviews = Array.from({ length: 2000 }, () => s.reviewInterval());
      expect(Math.min(...reviews)).toBeGreaterThanOrEqual(1);
      expect(reviews.every(Number.isInteger)).toBe(true);
      expect(Math.min(...Array.from({ length: 2000 }, () => s.observationDelay()))).toBe(0);
    }
    expect(LatencySchema.parse({})).toEqual({ observationDelay: 0, orderLatency: 0, reviewInterval: 10 });
    expect(DistributionSchema.safeParse(-1).success).toBe(false);
    expect(DistributionSchema.safeParse({ dist: 'exponential', mean: 0 }).success).toBe(false);
    expect(DistributionSchema.safeParse({ dist: 'gamma', k: 1 }).success).toBe(false);
  });
});

// ---- latency in a run ----------------------------------------------------------------------

const truthPlugin = definePlugin({
  id: 'flat-truth',
  kind: 'truth',
  version: '0.1.0',
  kernel: '^0.1.0',
  configSchema: z.strictObject({}),
  register(ctx) {
    ctx.registerTruth((t) => flatTruth(t.markets));
  },
});

/** Accepts and rests every order; never trades. */
const venuePlugin = definePlugin({
  id: 'null-venue',
  kind: 'venue',
  version: '0.1.0',
  kernel: '^0.1.0',
  configSchema: z.strictObject({}),
  register(ctx) {
    ctx.registerVenue((v): Venue => {
      let live = 0;
      return {
        id: v.id,
        capabilities: { mechanism: 'continuous', limitOrders: true, marketOrders: true, prefersLimitForInformed: false, batchInterval: 0 },
        markets: v.markets.map((m) => m.id),
        submitLimitOrder: (o) => (live++, { orderId: o.orderId, status: 'resting', filledQty: 0, remainingQty: o.qty }),
        submitMarketOrder: (o) => ({ orderId: o.orderId, status: 'expired', filledQty: 0, remainingQty: 0 }),
        cancelOrder: (c) => (live--, { orderId: c.orderId, status: 'cancelled', filledQty: 0, remainingQty: 0 }),
        getState: (m) => emptyVenueState(m, v.now()),
        estimateImpact: () => 0,
        tick: () => {},
        restingOrderCount: () => live,
      };
    });
  },
});

/** Delivers one signal to agent `actor` at each tick of `at`. */
const sourcePlugin = definePlugin({
  id: 'source',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  configSchema: z.strictObject({ at: z.array(z.number().int()) }),
  register(ctx) {
    ctx.registerAgent((a) => ({
      id: a.id,
      role: 'source',
      start() {
        for (const t of ctx.config.at) a.wakeAt(t);
      },
      onWake(_k, _arg, t) {
        a.resolve(Tokens.Signals).deliver('actor', { market: 'M', value: 0, precision: 1, tier: 'test', t });
      },
    }));
  },
});

/** Acts on every signal at once: a limit buy priced at the signal's tick (so each order names its signal). */
const actorPlugin = definePlugin({
  id: 'actor',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  configSchema: z.strictObject({}),
  register(ctx) {
    ctx.registerAgent((a) => ({
      id: a.id,
      role: 'actor',
      start() {},
      onSignal(signal) {
        a.submitLimit('venue', { market: 'M', side: 'buy', price: 1000 + signal.t, qty: 1 });
      },
    }));
  },
});

function runActor(latency: unknown, at: number[], seed = 1) {
  const out = runTest({
    seed,
    duration: 400,
    truth: { plugin: truthPlugin },
    venues: [{ plugin: venuePlugin, id: 'venue' }],
    agents: [
      { plugin: sourcePlugin, id: 'source', config: { at } },
      { plugin: actorPlugin, id: 'actor', latency },
    ],
  });
  const o = out.record.orders;
  const rows = Array.from({ length: o.t.length }, (_, i) => ({
    id: o.order_id[i] as number,
    signalAt: (o.price[i] as number) - 1000,
    sent: o.t[i] as number,
    arrived: o.arrived_at[i] as number,
    agent: o.agent[i] as string,
  }));
  return rows.sort((a, b) => a.id - b.id);
}

describe('latency in a run', () => {
  it('observation delay moves when the agent acts on a signal; order latency moves when the venue sees the order', () => {
    const cases = [
      { D: 0, L: 0 },
      { D: 5, L: 0 },
      { D: 0, L: 3 },
      { D: 5, L: 3 },
      { D: 40, L: 17 },
    ];
    for (const { D, L } of cases) {
      const rows = runActor({ observationDelay: D, orderLatency: L }, [10]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ agent: 'actor', signalAt: 10, sent: 10 + D, arrived: 10 + D + L });
    }
  });

  it('random delays: each signal is acted on after one observation-delay draw, each order arrives after one order-latency draw', () => {
    const obs: Distribution = { dist: 'uniform', min: 0, max: 8 };
    const ord: Distribution = { dist: 'exponential', mean: 4 };
    const at = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    const seed = 77;
    const rows = runActor({ observationDelay: obs, orderLatency: ord }, at, seed);
    expect(rows).toHaveLength(at.length);
    // signals are delivered in tick order, so the k-th observation draw belongs to the k-th signal
    const obsDraw = distributionSampler(obs, createStream(seed, 'latency:actor:observationDelay:signal'));
    const delays = at.map(() => obsDraw());
    for (const r of rows) expect(r.sent - r.signalAt).toBe(delays[at.indexOf(r.signalAt)]);
    // orders are sent in order-id order, so the k-th order-latency draw belongs to the k-th order
    const ordDraw = distributionSampler(ord, createStream(seed, 'latency:actor:orderLatency'));
    for (const r of rows) expect(r.arrived - r.sent).toBe(ordDraw());
    expect(new Set(rows.map((r) => r.sent - r.signalAt)).size).toBeGreaterThan(2);
    expect(new Set(rows.map((r) => r.arrived - r.sent)).size).toBeGreaterThan(2);
    // and the same seed gives the same timings
    expect(runActor({ observationDelay: obs, orderLatency: ord }, at, seed)).toEqual(rows);
  });
});
