import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createStream } from '@venuelab/kernel';
import { ABIDES_ORDER_SIZE, FundamentalEstimate, OpenOrders, ouTransition, sampleOrderSize, uQuadratic } from '../src/index.js';

describe('order-size mixture', () => {
  it('draws whole lots >= 1 whose component shares match the ABIDES weights within 4 standard errors', () => {
    const rng = createStream(1, 'sizes');
    const n = 100_000;
    let round100 = 0;
    let round400 = 0;
    let small = 0;
    for (let i = 0; i < n; i++) {
      const q = sampleOrderSize(rng);
      expect(Number.isInteger(q) && q >= 1).toBe(true);
      if (q === 100) round100++;
      if (q === 400) round400++;
      if (q < 50) small++;
    }
    const share = (k: number, p: number) => expect(Math.abs(k / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    // Normal(k x 100, 0.15) rounds to exactly k x 100; the log-normal rarely hits 100 or 400 exactly.
    share(round100, 0.7 + 0.2 * 0.0007);
    share(round400, 0.0329);
    // P(LogNormal(2.9, 1.2) < 49.5) = Phi((ln 49.5 - 2.9) / 1.2), times its weight 0.2
    const z = (Math.log(49.5) - 2.9) / 1.2;
    const phi = 0.5 * (1 + erf(z / Math.SQRT2));
    share(small, 0.2 * phi);
  });

  it('renormalises weights that do not sum to one', () => {
    const rng = createStream(2, 'x');
    const m = { ...ABIDES_ORDER_SIZE, lognormalWeight: 0, normalWeights: [2, 2] };
    let near100 = 0;
    for (let i = 0; i < 2000; i++) {
      const q = sampleOrderSize(rng, m);
      // Normal(k x 100, 0.15) rounds to k x 100 +/- 1 (off by one with probability about 0.001)
      expect(Math.min(Math.abs(q - 100), Math.abs(q - 200))).toBeLessThanOrEqual(1);
      if (Math.abs(q - 100) <= 1) near100++;
    }
    expect(Math.abs(near100 / 2000 - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / 2000));
  });
});

describe('U-quadratic', () => {
  const RUNS = 30;
  it('stays in [a, b] and matches the U-quadratic CDF at every point within a KS margin', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 10_000 }), fc.integer(), (a, w, seed) => {
        const rng = createStream(seed, 'u');
        const b = a + w;
        const xs: number[] = [];
        for (let i = 0; i < 400; i++) xs.push(uQuadratic(rng, a, b));
        xs.sort((p, q) => p - q);
        const beta = (a + b) / 2;
        const alpha = 12 / w ** 3;
        const F = (x: number) => (alpha / 3) * ((x - beta) ** 3 + (beta - a) ** 3);
        let d = 0;
        xs.forEach((x, i) => {
          expect(x).toBeGreaterThanOrEqual(a);
          expect(x).toBeLessThanOrEqual(b);
          d = Math.max(d, Math.abs(F(x) - (i + 1) / xs.length), Math.abs(F(x) - i / xs.length));
        });
        // KS critical value for n = 400 at alpha = 0.001 / RUNS (Bonferroni over the property's
        // runs, whose seeds change from one test run to the next): sqrt(-ln(alpha / 2) / 2) / sqrt(n).
        // At alpha = 0.001 per run the test failed about one suite run in 30 with a correct sampler;
        // a uniform sampler in place of the U-quadratic is still off by about 0.19.
        expect(d).toBeLessThan(Math.sqrt(-Math.log(0.001 / RUNS / 2) / 2) / Math.sqrt(400));
      }),
      { numRuns: RUNS },
    );
  });

  it('puts more mass near the ends than in the middle', () => {
    const rng = createStream(3, 'u');
    let ends = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = uQuadratic(rng, 0, 1);
      if (x < 0.25 || x > 0.75) ends++;
    }
    // P(|x - 1/2| > 1/4) = 1 - (1/2)^3 = 0.875
    expect(Math.abs(ends / 10_000 - 0.875)).toBeLessThan(0.015);
  });
});

describe('OU transition and the value agent estimate', () => {
  it('ouTransition is exact (hand values) and reduces to a random walk at kappa 0', () => {
    const s = ouTransition(100, 110, 0.1, 2, 5);
    expect(s.mean).toBeCloseTo(100 + 10 * Math.exp(-0.5), 12);
    expect(s.variance).toBeCloseTo((4 / 0.2) * (1 - Math.exp(-1)), 12);
    expect(ouTransition(100, 110, 0, 2, 5)).toEqual({ mean: 110, variance: 20 });
  });

  it('with kappa 0 and no elapsed time the update is the static precision-weighted average', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: -1e4, max: 1e4, noNaN: true }), (sn, ss, obs) => {
        const e = new FundamentalEstimate({ rBar: 0, kappa: 0, sigmaN: sn, sigmaS: ss });
        e.observe(obs, 0);
        expect(e.mean).toBeCloseTo((ss * obs) / (sn + ss), 6);
        expect(1 / e.variance).toBeCloseTo(1 / sn + 1 / ss, 9);
      }),
    );
  });

  it('reverts toward rBar between observations and projects to the close', () => {
    const e = new FundamentalEstimate({ rBar: 1000, kappa: 0.01, sigmaN: 1, sigmaS: 1e6 });
    e.observe(1100, 0);
    expect(e.mean).toBeGreaterThan(1099);
    expect(e.projectTo(100)).toBeCloseTo(1000 + (e.mean - 1000) * Math.exp(-1), 9);
    const v0 = e.variance;
    e.observe(1100, 50);
    expect(e.mean).toBeGreaterThan(1099); // the precise observation dominates the reverted prior
    expect(e.variance).toBeLessThan(1);
    expect(v0).toBeLessThan(1);
  });
});

describe('OpenOrders', () => {
  it('forgets fully filled orders and returns the rest once', () => {
    const o = new OpenOrders();
    o.add(1, 10);
    o.add(2, 5);
    o.filled(1, 4);
    o.filled(2, 5);
    o.filled(9, 1);
    expect(o.size).toBe(1);
    expect(o.takeAll()).toEqual([1]);
    expect(o.takeAll()).toEqual([]);
  });
});

function erf(x: number): number {
  // Abramowitz-Stegun 7.1.26 (|error| < 1.5e-7)
  const s = Math.sign(x);
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496735) * t + 0.254829592) * t * Math.exp(-x * x);
  return s * y;
}
