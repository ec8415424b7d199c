import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createStream } from '@venuelab/kernel';
import { Matrix, MultivariateGaussianBelief, kalmanUpdate, linearGaussianPosterior, FactorStateSpace, type LatentFactorModel } from '../src/index.js';

describe('MultivariateGaussianBelief', () => {
  it('matches the hand-computed closed-form posterior of two readings', () => {
    // prior N(0, I); readings x1 + x2 = 2 (r = 1), then x1 = 1 (r = 1).
    // Information form: Lambda = I + [[1,1],[1,1]] + [[1,0],[0,0]] = [[3,1],[1,2]], Sigma = [[2,-1],[-1,3]] / 5,
    // eta = [2,2] + [1,0] = [3,2], mean = Sigma eta = [0.8, 0.6].
    const b = new MultivariateGaussianBelief([0, 0], Matrix.identity(2));
    b.observe([1, 1], 2, 1);
    // after the first reading: mean [2/3, 2/3], cov [[2/3, -1/3], [-1/3, 2/3]]
    expect(b.mean[0]).toBeCloseTo(2 / 3, 15);
    expect(b.cov.get(0, 1)).toBeCloseTo(-1 / 3, 15);
    b.observe([1, 0], 1, 1);
    expect(b.mean[0]).toBeCloseTo(0.8, 14);
    expect(b.mean[1]).toBeCloseTo(0.6, 14);
    expect(b.cov.get(0, 0)).toBeCloseTo(0.4, 14);
    expect(b.cov.get(0, 1)).toBeCloseTo(-0.2, 14);
    expect(b.cov.get(1, 0)).toBeCloseTo(-0.2, 14);
    expect(b.cov.get(1, 1)).toBeCloseTo(0.6, 14);
    const p = b.project([1, 1]);
    expect(p.mean).toBeCloseTo(1.4, 14);
    expect(p.variance).toBeCloseTo(0.4 + 0.6 - 0.4, 14);
  });

  it('adds Q * dt before a reading (hand-computed)', () => {
    const b = new MultivariateGaussianBelief([1, 2], Matrix.diagonal([1, 1]));
    b.predict([0.1, 0.2], 5);
    expect(b.cov.diag()).toEqual([1.5, 2]);
    b.predict(Matrix.fromRows([[0, 0.1], [0.1, 0]]), 2);
    expect(b.cov.toRows()).toEqual([[1.5, 0.2], [0.2, 2]]);
    b.predict([1, 1], 0);
    expect(b.cov.diag()).toEqual([1.5, 2]);
    // then one reading of x1 with r = 0.5: S = 2, K = [0.75, 0.1], innovation 3 - 1 = 2
    b.observe([1, 0], 3, 0.5);
    expect(b.mean[0]).toBeCloseTo(2.5, 14);
    expect(b.mean[1]).toBeCloseTo(2.2, 14);
  });

  it('sequential updates equal the batch information-form posterior (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.tuple(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 4, maxLength: 4 }), fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0.1, max: 4, noNaN: true })), { minLength: 1, maxLength: 10 }),
        (n, obs) => {
          const prior = Matrix.diagonal(Array.from({ length: n }, (_, i) => 1 + i));
          const mu0 = Array.from({ length: n }, (_, i) => i - 1);
          const os = obs.map(([h, y, r]) => ({ h: h.slice(0, n), y, r }));
          const b = new MultivariateGaussianBelief(mu0, prior);
          for (const o of os) b.observe(o.h, o.y, o.r);
          const closed = linearGaussianPosterior(mu0, prior, os);
          for (let i = 0; i < n; i++) {
            expect(Math.abs(b.mean[i]! - closed.mean[i]!)).toBeLessThan(1e-8);
            for (let j = 0; j < n; j++) expect(Math.abs(b.cov.get(i, j) - closed.cov.get(i, j))).toBeLessThan(1e-8);
          }
        },
      ),
    );
  });

  it('Q = 0 makes the time-aware update bit-identical to the static one (Object.is)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 3, maxLength: 3 }), fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 0.01, max: 10, noNaN: true }), fc.integer({ min: 0, max: 50 }), (h, y, r, dt) => {
        const a = new MultivariateGaussianBelief([0.1, -0.2, 0.3], Matrix.fromRows([[2, 0.3, 0], [0.3, 1, 0.1], [0, 0.1, 0.5]]));
        const b = a.clone();
        a.update(h, y, r, [0, 0, 0], dt);
        b.observe(h, y, r);
        for (let i = 0; i < 3; i++) expect(Object.is(a.mean[i], b.mean[i])).toBe(true);
        for (let k = 0; k < 9; k++) expect(Object.is(a.cov.data[k], b.cov.data[k])).toBe(true);
        const c = new MultivariateGaussianBelief([0.1, -0.2, 0.3], Matrix.identity(3));
        c.update(h, y, r, new Matrix(3, 3), dt);
        const d = new MultivariateGaussianBelief([0.1, -0.2, 0.3], Matrix.identity(3));
        d.observe(h, y, r);
        for (let k = 0; k < 9; k++) expect(Object.is(c.cov.data[k], d.cov.data[k])).toBe(true);
      }),
    );
  });

  it('in one dimension agrees with the scalar Kalman update', () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 20 }), (m, p, v, sp, q, dt) => {
        const s = kalmanUpdate({ mean: m, precision: p }, v, sp, q, dt);
        const b = new MultivariateGaussianBelief([m], Matrix.diagonal([1 / p]));
        b.update([1], v, 1 / sp, [q], dt);
        expect(b.mean[0]).toBeCloseTo(s.mean, 10);
        expect(1 / b.cov.get(0, 0)).toBeCloseTo(s.precision, 8);
      }),
    );
  });
});

describe('FactorStateSpace', () => {
  const model: LatentFactorModel = {
    space: 'log',
    markets: ['A', 'B'],
    factorCount: 1,
    anchors: { A: 4, B: 3 },
    loadings: { A: [1], B: [2] },
    factorVariance: [1],
    idioVariance: { A: 0.5, B: 0.25 },
    factors: [0.3],
    idiosyncratic: { A: 0.1, B: -0.2 },
  };

  it('builds the prior and observation vectors of [f, e_A, e_B] (hand-computed)', () => {
    const ss = new FactorStateSpace(model);
    expect(ss.dim).toBe(3);
    const prior = ss.prior();
    expect(prior.cov.diag()).toEqual([1, 0.5, 0.25]);
    expect(Array.from(ss.observation('B'))).toEqual([2, 0, 1]);
    // prior of x_B: mean 3, variance 4 * 1 + 0.25
    expect(ss.fair(prior, 'B')).toEqual({ mean: 3, variance: 4.25 });
    // one reading of A: x_A - 4 = f + e_A, prior variance 1.5, reading 4.6 with precision 2 (r = 0.5)
    // -> gain 1.5 / 2 = 0.75: E[f + e_A] = 0.45; E[f] = (1 / 2) * 0.6 = 0.3 -> E[x_B] = 3 + 0.6
    ss.observe(prior, 'A', 4.6, 2);
    expect(ss.fair(prior, 'A').mean).toBeCloseTo(4.45, 14);
    expect(ss.fair(prior, 'B').mean).toBeCloseTo(3.6, 14);
    expect(() => ss.observation('C')).toThrow(/no market/);
  });

  it('learns each market fair value from repeated readings (the idiosyncratic term is shared, not averaged away)', () => {
    const ss = new FactorStateSpace(model);
    const b = ss.prior();
    const rng = createStream(3, 'test:factor-readings');
    const xA = 4 + 0.3 + 0.1;
    const xB = 3 + 2 * 0.3 - 0.2;
    for (let i = 0; i < 4000; i++) {
      ss.observe(b, 'A', xA + rng.normal(0, 1), 1);
      ss.observe(b, 'B', xB + rng.normal(0, 1), 1);
    }
    const a = ss.fair(b, 'A');
    const bb = ss.fair(b, 'B');
    expect(Math.abs(a.mean - xA)).toBeLessThan(4 * Math.sqrt(a.variance));
    expect(Math.abs(bb.mean - xB)).toBeLessThan(4 * Math.sqrt(bb.variance));
    expect(a.variance).toBeLessThan(1 / 3000);
    // without the idiosyncratic terms in the state the belief omits e_m from the factor posterior
    const flat = new FactorStateSpace(model, { includeIdiosyncratic: false });
    expect(flat.dim).toBe(1);
    expect(flat.readingVariance('A', 2)).toBe(1);
    expect(flat.fair(flat.prior(), 'A')).toEqual({ mean: 4, variance: 1.5 });
  });
});
