import { describe, expect, it } from 'vitest';
import type { MarketSpec } from '@venuelab/kernel';
import sparse, { SparseOuTruth, sparseOuConfigSchema } from '../src/index.js';
import { buildTruth } from './helpers.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 1000, kind: 'price' };

describe('truth-sparse-ou', () => {
  it('starts at r_bar (the opening mid by default), is constant between grid points and deterministic per seed', () => {
    const cfg = { gridEvery: 100, sigma: 1 };
    const a = buildTruth<SparseOuTruth>(sparse, cfg, { seed: 4, duration: 10_000, markets: [M] });
    const b = buildTruth<SparseOuTruth>(sparse, cfg, { seed: 4, duration: 10_000, markets: [M] });
    const c = buildTruth<SparseOuTruth>(sparse, cfg, { seed: 5, duration: 10_000, markets: [M] });
    expect(a.fairAt('M', 0)).toBe(100_000);
    expect(a.fairAt('M', 99)).toBe(100_000);
    expect(a.fairAt('M', 150)).toBe(a.fairAt('M', 100));
    expect(a.fairAt('M', 150)).not.toBe(a.fairAt('M', 99));
    for (let t = 0; t <= 10_000; t += 37) expect(b.fairAt('M', t)).toBe(a.fairAt('M', t));
    expect(c.fairAt('M', 5000)).not.toBe(a.fairAt('M', 5000));
    expect(a.latentAt('M', 777)).toBeCloseTo(a.fairAt('M', 777) * 0.01, 9);
    expect(a.toTicks('M', a.toLatent('M', 123_456))).toBeCloseTo(123_456, 6);
  });

  it('follows the exact OU law: mean reversion e^(-kappa t) and the stationary variance, over many seeds', () => {
    const kappa = 1e-3;
    const sigma = 2;
    const g = 10;
    const T = 1000;
    const n = 400;
    let sum = 0;
    let sumSq = 0;
    for (let s = 0; s < n; s++) {
      const tr = buildTruth<SparseOuTruth>(sparse, { rBar: 1000, kappa, sigma, gridEvery: g, megashockRate: 0 }, { seed: s, duration: T, markets: [{ ...M, openingMid: 12 }] });
      const x = tr.fairAt('M', T) - 1000;
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / n;
    const varExp = ((sigma * sigma) / (2 * kappa)) * (1 - Math.exp(-2 * kappa * T));
    // starts at r_bar: mean 0 within 4 standard errors; variance within 25% (chi-square, n = 400)
    expect(Math.abs(mean)).toBeLessThan(4 * Math.sqrt(varExp / n));
    expect(sumSq / n / varExp).toBeGreaterThan(0.75);
    expect(sumSq / n / varExp).toBeLessThan(1.25);
  });

  it('adds megashocks of size about megashockMean at the configured Poisson rate', () => {
    const tr = buildTruth<SparseOuTruth>(sparse, { sigma: 0, kappa: 0, megashockRate: 1e-3, megashockMean: 1000, megashockVar: 1, gridEvery: 10 }, { seed: 9, duration: 100_000, markets: [M] });
    // expected 100 shocks, Poisson sd 10
    expect(tr.megashocks).toBeGreaterThan(60);
    expect(tr.megashocks).toBeLessThan(140);
    // every step of the path is a sum of whole +/-1000 jumps (plus unit-variance noise)
    for (let t = 10; t <= 100_000; t += 10) {
      const d = tr.fairAt('M', t) - tr.fairAt('M', t - 10);
      expect(Math.abs(d - 1000 * Math.round(d / 1000))).toBeLessThan(10);
    }
  });

  it('rejects unknown keys and negative rates', () => {
    expect(sparseOuConfigSchema.safeParse({ foo: 1 }).success).toBe(false);
    expect(sparseOuConfigSchema.safeParse({ megashockRate: -1 }).success).toBe(false);
  });
});
