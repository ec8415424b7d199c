import { describe, it, expect } from 'vitest';
import type { MarketSpec } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import rw, { RandomWalkTruth, randomWalkConfigSchema } from '../src/index.js';
import { buildTruth, moments, nullVenue } from './helpers.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const N: MarketSpec = { id: 'N', tickSize: 0.01, lotSize: 1, openingMid: 25, kind: 'price' };
const P: MarketSpec = { id: 'P', tickSize: 0.01, lotSize: 1, openingMid: 0.2, kind: 'probability' };

function increments(t: RandomWalkTruth, market: string, T: number): Float64Array {
  const out = new Float64Array(T);
  for (let i = 1; i <= T; i++) out[i - 1] = t.latentAt(market, i) - t.latentAt(market, i - 1);
  return out;
}

describe('truth-random-walk', () => {
  it('starts at the opening mid and is a deterministic function of the seed, per market', () => {
    const a = buildTruth<RandomWalkTruth>(rw, { q: 1e-6 }, { seed: 1, duration: 1000, markets: [M, N] });
    const b = buildTruth<RandomWalkTruth>(rw, { q: 1e-6 }, { seed: 1, duration: 1000, markets: [M, N] });
    const c = buildTruth<RandomWalkTruth>(rw, { q: 1e-6 }, { seed: 2, duration: 1000, markets: [M, N] });
    const onlyN = buildTruth<RandomWalkTruth>(rw, { q: 1e-6 }, { seed: 1, duration: 1000, markets: [N] });
    expect(a.latentAt('M', 0)).toBe(Math.log(100));
    expect(a.fairAt('N', 0)).toBeCloseTo(2500, 9);
    for (let t = 0; t <= 1000; t++) {
      expect(b.latentAt('M', t)).toBe(a.latentAt('M', t));
      expect(onlyN.latentAt('N', t)).toBe(a.latentAt('N', t));
    }
    expect(c.latentAt('M', 500)).not.toBe(a.latentAt('M', 500));
    expect(a.latentAt('M', -5)).toBe(a.latentAt('M', 0));
    expect(a.latentAt('M', 1e9)).toBe(a.latentAt('M', 1000));
    expect(a.latentAt('M', 10.7)).toBe(a.latentAt('M', 10));
    expect(() => a.latentAt('X', 1)).toThrow(/unknown market/);
  });

  it('has increments of variance q per tick (within 4 standard errors) and mean drift (within 3)', () => {
    for (const [q, drift] of [
      [1e-6, 0],
      [2.5e-5, 1e-4],
    ] as const) {
      const T = 50_000;
      const t = buildTruth<RandomWalkTruth>(rw, { q, drift }, { seed: 21, duration: T, markets: [M] });
      const m = moments(increments(t, 'M', T));
      expect(Math.abs(m.mean - drift)).toBeLessThan(3 * Math.sqrt(q / T));
      expect(Math.abs(m.variance - q)).toBeLessThan(4 * q * Math.sqrt(2 / (T - 1)));
    }
  });

  it('has independent increments (lag-1 autocorrelation within 3 standard errors of 0) and Var(x_T - x_0) = q T across seeds', () => {
    const q = 1e-5;
    const T = 20_000;
    const t = buildTruth<RandomWalkTruth>(rw, { q }, { seed: 5, duration: T, markets: [M] });
    const inc = increments(t, 'M', T);
    let s = 0;
    for (let i = 1; i < T; i++) s += inc[i]! * inc[i - 1]!;
    const rho = s / (T - 1) / q;
    expect(Math.abs(rho)).toBeLessThan(3 / Math.sqrt(T));
    const ends: number[] = [];
    const seeds = 400;
    for (let seed = 1; seed <= seeds; seed++) {
      const w = buildTruth<RandomWalkTruth>(rw, { q }, { seed, duration: 100, markets: [M] });
      ends.push(w.latentAt('M', 100) - w.latentAt('M', 0));
    }
    const m = moments(ends);
    expect(Math.abs(m.variance - q * 100)).toBeLessThan(4 * q * 100 * Math.sqrt(2 / (seeds - 1)));
  });

  it('is flat with q = 0 and uses log-odds for probability markets', () => {
    const flat = buildTruth<RandomWalkTruth>(rw, { q: 0 }, { duration: 50, markets: [M] });
    expect(flat.latentAt('M', 50)).toBe(flat.latentAt('M', 0));
    const p = buildTruth<RandomWalkTruth>(rw, { q: 1e-4 }, { duration: 50, markets: [P] });
    expect(p.space).toBe('logodds');
    expect(p.latentAt('P', 0)).toBeCloseTo(Math.log(0.2 / 0.8), 14);
    for (let t = 0; t <= 50; t++) {
      const f = p.fairAt('P', t);
      expect(f).toBeGreaterThan(0);
      expect(f).toBeLessThan(100);
    }
    expect(() => buildTruth(rw, {}, { markets: [M, P] })).toThrow(/space "auto"/);
    expect(buildTruth<RandomWalkTruth>(rw, { space: 'linear', q: 0 }, { markets: [M] }).latentAt('M', 3)).toBeCloseTo(100, 12);
    expect(randomWalkConfigSchema.safeParse({ q: -1 }).success).toBe(false);
    expect(randomWalkConfigSchema.safeParse({ sigma: 1 }).success).toBe(false);
  });

  it('records the same path in a run (truth table) for the same seed, and a different one for another seed', () => {
    const run = (seed: number) => runTest({ seed, duration: 200, markets: [M], truth: { plugin: rw, config: { q: 1e-5 } }, venues: [{ plugin: nullVenue }] });
    const a = run(3);
    const b = run(3);
    const c = run(4);
    const la = Array.from(a.record.truth.latent as ArrayLike<number>);
    expect(Array.from(b.record.truth.latent as ArrayLike<number>)).toEqual(la);
    expect(Array.from(c.record.truth.latent as ArrayLike<number>)).not.toEqual(la);
    const direct = buildTruth<RandomWalkTruth>(rw, { q: 1e-5 }, { seed: 3, duration: 200, markets: [M] });
    la.forEach((x, i) => expect(x).toBe(direct.latentAt('M', i)));
  });

  it('without `correlation` (or with 0) the paths are byte-identical to the independent walk of earlier versions (golden values)', () => {
    // Pinned with the implementation before the factor model existed (same seed, same streams).
    const golden: [Record<string, number>, number, number, number][] = [
      [{ q: 1e-6 }, 1, 4.599380986254548, 3.2993472298108832],
      [{ q: 1e-6 }, 7, 4.616605758061799, 3.2170374867803857],
      [{ q: 4e-9, drift: 1e-7 }, 1, 4.605304044848334, 3.2240886833908555],
    ];
    for (const [cfg, seed, m5000, n1234] of golden) {
      const a = buildTruth<RandomWalkTruth>(rw, cfg, { seed, duration: 5000, markets: [M, N] });
      const b = buildTruth<RandomWalkTruth>(rw, { ...cfg, correlation: 0 }, { seed, duration: 5000, markets: [M, N] });
      expect(a.latentAt('M', 5000)).toBe(m5000);
      expect(a.latentAt('N', 1234)).toBe(n1234);
      for (let t = 0; t <= 5000; t += 7) expect(b.latentAt('N', t)).toBe(a.latentAt('N', t));
    }
  });

  it('with `correlation: rho` two markets\' increments correlate at rho (within 3 standard errors), each with variance q (within 4)', () => {
    const T = 40_000;
    for (const [rho, seed] of [
      [0.3, 11],
      [0.8, 12],
    ] as const) {
      const q = 1e-6;
      const t = buildTruth<RandomWalkTruth>(rw, { q, correlation: rho }, { seed, duration: T, markets: [M, N] });
      const a = increments(t, 'M', T);
      const b = increments(t, 'N', T);
      const ma = moments(a);
      const mb = moments(b);
      let c = 0;
      for (let i = 0; i < T; i++) c += (a[i]! - ma.mean) * (b[i]! - mb.mean);
      const r = c / (T - 1) / Math.sqrt(ma.variance * mb.variance);
      // Large-sample standard error of a Pearson correlation of Gaussian pairs: (1 - rho^2) / sqrt(T).
      expect(Math.abs(r - rho)).toBeLessThan((3 * (1 - rho * rho)) / Math.sqrt(T));
      for (const m of [ma, mb]) expect(Math.abs(m.variance - q)).toBeLessThan(4 * q * Math.sqrt(2 / (T - 1)));
    }
    // Independent walks (the default) are uncorrelated.
    const ind = buildTruth<RandomWalkTruth>(rw, { q: 1e-6 }, { seed: 13, duration: T, markets: [M, N] });
    const a = increments(ind, 'M', T);
    const b = increments(ind, 'N', T);
    let c = 0;
    for (let i = 0; i < T; i++) c += a[i]! * b[i]!;
    expect(Math.abs(c / T / 1e-6)).toBeLessThan(3 / Math.sqrt(T));
  });

  it('with a common factor, adding a market changes no other market\'s path; rho = 1 moves every market together', () => {
    const both = buildTruth<RandomWalkTruth>(rw, { q: 1e-6, correlation: 0.5 }, { seed: 3, duration: 500, markets: [M, N] });
    const onlyN = buildTruth<RandomWalkTruth>(rw, { q: 1e-6, correlation: 0.5 }, { seed: 3, duration: 500, markets: [N] });
    const indep = buildTruth<RandomWalkTruth>(rw, { q: 1e-6 }, { seed: 3, duration: 500, markets: [N] });
    for (let t = 0; t <= 500; t++) expect(onlyN.latentAt('N', t)).toBe(both.latentAt('N', t));
    expect(both.latentAt('N', 500)).not.toBe(indep.latentAt('N', 500));
    const one = buildTruth<RandomWalkTruth>(rw, { q: 1e-6, correlation: 1 }, { seed: 3, duration: 500, markets: [M, N] });
    for (let t = 1; t <= 500; t++) {
      expect(one.latentAt('M', t) - one.latentAt('M', t - 1)).toBeCloseTo(one.latentAt('N', t) - one.latentAt('N', t - 1), 15);
    }
    expect(randomWalkConfigSchema.safeParse({ correlation: 1.5 }).success).toBe(false);
    expect(randomWalkConfigSchema.safeParse({ correlation: -0.1 }).success).toBe(false);
  });
});
