import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createStream } from '@venuelab/kernel';
import { gaussianPool, gaussianPredict, gaussianUpdate, kalmanUpdate, GaussianTracker } from '../src/index.js';

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const prec = fc.double({ min: 0, max: 1e8, noNaN: true, noDefaultInfinity: true });
const posPrec = fc.double({ min: 1e-8, max: 1e8, noNaN: true, noDefaultInfinity: true });

describe('gaussianUpdate (static, natural parameters)', () => {
  it('adds precisions and takes the precision-weighted mean (hand-computed)', () => {
    expect(gaussianUpdate({ mean: 1, precision: 2 }, 4, 1)).toEqual({ mean: 2, precision: 3 });
    expect(gaussianUpdate({ mean: 0, precision: 4 }, 10, 1)).toEqual({ mean: 2, precision: 5 });
    // two readings: prior N(0, 1), readings 3 (precision 1) then 6 (precision 2) -> precision 4, mean 15/4
    const b = gaussianUpdate(gaussianUpdate({ mean: 0, precision: 1 }, 3, 1), 6, 2);
    expect(b.precision).toBe(4);
    expect(b.mean).toBeCloseTo(15 / 4, 14);
  });

  it('handles diffuse priors, empty readings and exact readings', () => {
    const diffuse = gaussianUpdate({ mean: 123, precision: 0 }, 7, 2);
    expect(diffuse).toEqual({ mean: 7, precision: 2 });
    const prior = { mean: 5, precision: 3 };
    expect(gaussianUpdate(prior, 100, 0)).toBe(prior);
    expect(gaussianUpdate(prior, 9, Infinity)).toEqual({ mean: 9, precision: Infinity });
    expect(gaussianUpdate({ mean: 1, precision: Infinity }, 9, 4)).toEqual({ mean: 1, precision: Infinity });
    expect(() => gaussianUpdate(prior, 1, -1)).toThrow(RangeError);
    expect(() => gaussianUpdate(prior, 1, NaN)).toThrow(RangeError);
  });

  it('is order-independent and matches pooling (property)', () => {
    fc.assert(
      fc.property(finite, posPrec, fc.array(fc.tuple(finite, posPrec), { minLength: 1, maxLength: 8 }), (m, p, rs) => {
        const readings = rs.map(([value, precision]) => ({ value, precision }));
        const fwd = readings.reduce((b, r) => gaussianUpdate(b, r.value, r.precision), { mean: m, precision: p });
        const bwd = [...readings].reverse().reduce((b, r) => gaussianUpdate(b, r.value, r.precision), { mean: m, precision: p });
        const pooled = gaussianPool({ mean: m, precision: p }, readings);
        const tol = 1e-9 * (1 + Math.abs(pooled.mean) + Math.max(Math.abs(m), ...readings.map((r) => Math.abs(r.value))));
        expect(Math.abs(fwd.mean - pooled.mean)).toBeLessThan(tol);
        expect(Math.abs(bwd.mean - pooled.mean)).toBeLessThan(tol);
        expect(fwd.precision).toBeCloseTo(pooled.precision, 6);
      }),
    );
  });
});

describe('kalmanUpdate (time-aware)', () => {
  it('adds q * dt to the prior variance before absorbing (hand-computed)', () => {
    // prior N(0, 1); q = 0.5, dt = 2 -> variance 2 (precision 0.5); reading 3 with precision 1.5
    // -> precision 2, mean (0.5 * 0 + 1.5 * 3) / 2 = 2.25
    expect(kalmanUpdate({ mean: 0, precision: 1 }, 3, 1.5, 0.5, 2)).toEqual({ mean: 2.25, precision: 2 });
    // prior N(1, 1/4); q = 0.25, dt = 3 -> variance 1; reading 5 (precision 1) -> precision 2, mean 3
    expect(kalmanUpdate({ mean: 1, precision: 4 }, 5, 1, 0.25, 3)).toEqual({ mean: 3, precision: 2 });
    expect(gaussianPredict({ mean: 1, precision: 4 }, 0.25, 3)).toEqual({ mean: 1, precision: 1 });
  });

  it('q = 0 gives bit-identical results to the static update for any dt (Object.is, many random inputs)', () => {
    fc.assert(
      fc.property(finite, prec, finite, prec, fc.double({ min: -10, max: 1e6, noNaN: true }), (m, p, v, sp, dt) => {
        const a = kalmanUpdate({ mean: m, precision: p }, v, sp, 0, dt);
        const b = gaussianUpdate({ mean: m, precision: p }, v, sp);
        expect(Object.is(a.mean, b.mean)).toBe(true);
        expect(Object.is(a.precision, b.precision)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('q > 0 with dt > 0 lowers the weight on the prior (it differs from the static update)', () => {
    fc.assert(
      fc.property(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: 1e-3, max: 10, noNaN: true }), fc.integer({ min: 1, max: 100 }), (m, p, sp, q, dt) => {
        const s = gaussianUpdate({ mean: m, precision: p }, m + 10, sp);
        const k = kalmanUpdate({ mean: m, precision: p }, m + 10, sp, q, dt);
        expect(k.precision).toBeLessThan(s.precision);
        expect(k.mean).toBeGreaterThan(s.mean); // the reading gets more weight
      }),
    );
  });

  it('a correctly specified tracker is calibrated against a simulated random walk', () => {
    const q = 0.04;
    const sigPrec = 1 / 0.25;
    const every = 5;
    let sumZ2 = 0;
    let n = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const rng = createStream(seed, 'test:walk');
      let x = 0;
      const tr = new GaussianTracker({ mean: 0, precision: 1e6, q });
      for (let t = 1; t <= 2000; t++) {
        x += rng.normal(0, Math.sqrt(q));
        if (t % every === 0) {
          const b = tr.observe(x + rng.normal(0, Math.sqrt(1 / sigPrec)), sigPrec, t);
          if (t > 100) {
            sumZ2 += (x - b.mean) ** 2 * b.precision;
            n++;
          }
        }
      }
    }
    // E[z^2] = 1 for a calibrated filter; the standard error of the mean of n chi2(1) draws is sqrt(2/n)
    expect(Math.abs(sumZ2 / n - 1)).toBeLessThan(3 * Math.sqrt(2 / n));
  });
});

describe('GaussianTracker', () => {
  it('uses the ticks since its last reading as dt (hand-computed)', () => {
    const tr = new GaussianTracker({ mean: 0, precision: 1, q: 0.5, t: 0 });
    // t = 2: variance 1 + 1 = 2, reading 3 at precision 1.5 -> precision 2, mean 2.25
    expect(tr.observe(3, 1.5, 2)).toEqual({ mean: 2.25, precision: 2 });
    // t = 2 again: dt = 0 -> static update: precision 4, mean (2 * 2.25 + 2 * 1.25) / 4 = 1.75
    expect(tr.observe(1.25, 2, 2)).toEqual({ mean: 1.75, precision: 4 });
    // predicted to t = 4: variance 1/4 + 1 = 1.25
    expect(tr.at(4).precision).toBeCloseTo(0.8, 15);
    expect(tr.lastUpdate).toBe(2);
    // an older reading is absorbed without a prediction step
    tr.observe(1.75, 4, 1);
    expect(tr.precision).toBe(8);
    expect(tr.lastUpdate).toBe(2);
    expect(tr.updates).toBe(3);
  });

  it('reaches the closed-form steady-state variance of the Kalman recursion', () => {
    const q = 0.1;
    const r = 2; // reading variance
    const dt = 3;
    const tr = new GaussianTracker({ mean: 0, precision: 0, q });
    for (let t = dt; t <= 600; t += dt) tr.observe(0, 1 / r, t);
    // steady state: prior variance P solves P = (P r / (P + r)) + q dt, i.e. P^2 - q dt P - q dt r = 0
    const qd = q * dt;
    const prior = (qd + Math.sqrt(qd * qd + 4 * qd * r)) / 2;
    const post = (prior * r) / (prior + r);
    expect(1 / tr.precision).toBeCloseTo(post, 12);
  });

  it('with q = 0 equals the static update sequence bit for bit', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(finite, posPrec, fc.integer({ min: 0, max: 1000 })), { minLength: 1, maxLength: 20 }), (rs) => {
        const tr = new GaussianTracker({ mean: 0, precision: 1 });
        let b = { mean: 0, precision: 1 };
        for (const [v, p, t] of rs) {
          tr.observe(v, p, t);
          b = gaussianUpdate(b, v, p);
        }
        expect(Object.is(tr.mean, b.mean) && Object.is(tr.precision, b.precision)).toBe(true);
      }),
    );
  });
});
