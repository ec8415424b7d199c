import { describe, it, expect } from 'vitest';
import type { MarketSpec } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import ou, { OuTruth, ouConfigSchema, ouStep } from '../src/index.js';
import { buildTruth, moments, nullVenue } from './helpers.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const N: MarketSpec = { id: 'N', tickSize: 0.01, lotSize: 1, openingMid: 40, kind: 'price' };
const P: MarketSpec = { id: 'P', tickSize: 0.001, lotSize: 1, openingMid: 0.6, kind: 'probability' };
const anchor = Math.log(100);

describe('truth-ou', () => {
  it('uses the exact discretisation coefficients (hand-computed)', () => {
    const s = ouStep(0.1, 0.2);
    expect(s.a).toBeCloseTo(Math.exp(-0.1), 15);
    expect(s.sd * s.sd).toBeCloseTo((0.04 * (1 - Math.exp(-0.2))) / 0.2, 15);
    expect(ouStep(0, 0.3)).toEqual({ a: 1, sd: 0.3 });
    // a tiny kappa approaches the random walk without cancellation
    expect(ouStep(1e-12, 0.3).sd).toBeCloseTo(0.3, 10);
  });

  it('starts at the anchor, is deterministic per seed and independent across markets', () => {
    const cfg = { kappa: 0.01, sigma: 0.002 };
    const a = buildTruth<OuTruth>(ou, cfg, { seed: 2, duration: 500, markets: [M, N] });
    const b = buildTruth<OuTruth>(ou, cfg, { seed: 2, duration: 500, markets: [M, N] });
    const c = buildTruth<OuTruth>(ou, cfg, { seed: 3, duration: 500, markets: [M, N] });
    const d = buildTruth<OuTruth>(ou, cfg, { seed: 2, duration: 500, markets: [M] });
    expect(a.latentAt('M', 0)).toBe(anchor);
    for (let t = 0; t <= 500; t++) {
      expect(b.latentAt('M', t)).toBe(a.latentAt('M', t));
      expect(d.latentAt('M', t)).toBe(a.latentAt('M', t));
    }
    expect(c.latentAt('M', 250)).not.toBe(a.latentAt('M', 250));
    expect(a.latentAt('M', 10_000)).toBe(a.latentAt('M', 500));
    expect(a.fairAt('M', 7)).toBeCloseTo(Math.exp(a.latentAt('M', 7)) / 0.01, 9);
  });

  it('reverts to its mean at rate kappa: E[x_t - mu] = (x_0 - mu) e^(-kappa t) within 3 standard errors', () => {
    const kappa = 0.05;
    const sigma = 0.004;
    const offset = 0.05; // mu = anchor + 0.05, x_0 = anchor
    const seeds = 400;
    const at = [5, 10, 20, 40, 80];
    const dev = at.map(() => [] as number[]);
    for (let s = 1; s <= seeds; s++) {
      const t = buildTruth<OuTruth>(ou, { kappa, sigma, meanOffset: offset }, { seed: s, duration: 100, markets: [M] });
      expect(t.meanOf('M')).toBe(anchor + offset);
      at.forEach((tick, i) => dev[i]!.push(t.latentAt('M', tick) - (anchor + offset)));
    }
    at.forEach((tick, i) => {
      const m = moments(dev[i]!);
      const expected = -offset * Math.exp(-kappa * tick);
      const varT = ((sigma * sigma) / (2 * kappa)) * (1 - Math.exp(-2 * kappa * tick));
      expect(Math.abs(m.mean - expected)).toBeLessThan(3 * Math.sqrt(varT / seeds));
      expect(Math.abs(m.variance - varT)).toBeLessThan(4 * varT * Math.sqrt(2 / (seeds - 1)));
    });
  });

  it('has the stationary variance sigma^2 / (2 kappa) and lag autocorrelation e^(-kappa h)', () => {
    const kappa = 0.02;
    const sigma = 0.01;
    const T = 200_000;
    const t = buildTruth<OuTruth>(ou, { kappa, sigma, start: 'stationary' }, { seed: 11, duration: T, markets: [M] });
    const xs = new Float64Array(T + 1);
    for (let i = 0; i <= T; i++) xs[i] = t.latentAt('M', i) - anchor;
    const m = moments(xs);
    const v = (sigma * sigma) / (2 * kappa);
    // effective sample size of an AR(1) with coefficient a: n (1 - a^2) / (1 + a^2) for the variance
    const a = Math.exp(-kappa);
    const nEff = (T * (1 - a * a)) / (1 + a * a);
    expect(Math.abs(m.variance - v)).toBeLessThan(4 * v * Math.sqrt(2 / nEff));
    for (const h of [1, 10, 50]) {
      let sxy = 0;
      let sxx = 0;
      for (let i = 0; i + h <= T; i++) {
        sxy += xs[i]! * xs[i + h]!;
        sxx += xs[i]! * xs[i]!;
      }
      const slope = sxy / sxx;
      const ah = Math.exp(-kappa * h);
      // conditional regression slope; its standard error is about sqrt((1 - a^2h) / n_eff)
      expect(Math.abs(slope - ah)).toBeLessThan(4 * Math.sqrt((1 - ah * ah) / nEff) + 1e-3);
    }
  });

  it('with kappa = 0 is a random walk with variance sigma^2 per tick', () => {
    const t = buildTruth<OuTruth>(ou, { kappa: 0, sigma: 0.01 }, { seed: 4, duration: 50_000, markets: [M] });
    const inc = new Float64Array(50_000);
    for (let i = 1; i <= 50_000; i++) inc[i - 1] = t.latentAt('M', i) - t.latentAt('M', i - 1);
    const m = moments(inc);
    expect(Math.abs(m.variance - 1e-4)).toBeLessThan(4 * 1e-4 * Math.sqrt(2 / (m.n - 1)));
  });

  it('works in log-odds for probability markets and validates its config', () => {
    const t = buildTruth<OuTruth>(ou, { sigma: 0 }, { markets: [P], duration: 10 });
    expect(t.space).toBe('logodds');
    expect(t.latentAt('P', 10)).toBeCloseTo(Math.log(0.6 / 0.4), 14);
    expect(t.fairAt('P', 3)).toBeCloseTo(600, 9);
    expect(() => buildTruth(ou, {}, { markets: [M, P] })).toThrow(/space "auto"/);
    expect(ouConfigSchema.safeParse({ kappa: 0, start: 'stationary' }).success).toBe(false);
    expect(ouConfigSchema.safeParse({ kappa: -1 }).success).toBe(false);
    expect(ouConfigSchema.safeParse({ theta: 1 }).success).toBe(false);
  });

  it('records the same truth path in a run as built directly', () => {
    const out = runTest({ seed: 8, duration: 300, markets: [M], truth: { plugin: ou, config: { kappa: 0.01, sigma: 0.003 } }, venues: [{ plugin: nullVenue }] });
    const direct = buildTruth<OuTruth>(ou, { kappa: 0.01, sigma: 0.003 }, { seed: 8, duration: 300, markets: [M] });
    const latent = out.record.truth.latent as ArrayLike<number>;
    const ts = out.record.truth.t as ArrayLike<number>;
    expect(latent.length).toBe(300);
    for (let i = 0; i < latent.length; i++) expect(latent[i]).toBe(direct.latentAt('M', ts[i]!));
  });
});
