import { describe, expect, it } from 'vitest';
import { KappaPosterior, NigVolatility } from '../src/index.js';
import { rng } from './rng.js';

describe('NigVolatility', () => {
  it('matches the conjugate closed form on a small sample', () => {
    const v = new NigVolatility({ m0: 0.5, k0: 2, a0: 3, sigma2: 1.5 });
    const data: [number, number][] = [
      [1.2, 1],
      [-0.4, 2],
      [2.5, 3],
    ];
    for (const [r, dt] of data) v.observe(r, dt);
    const b0 = 1.5 * 2;
    let sxx = 0;
    let sxy = 0;
    let syy = 0;
    for (const [r, dt] of data) {
      sxx += dt;
      sxy += r;
      syy += (r * r) / dt;
    }
    const k = 2 + sxx;
    const m = (2 * 0.5 + sxy) / k;
    const a = 3 + 1.5;
    const b = b0 + (syy + 2 * 0.25 - k * m * m) / 2;
    const s = v.summary();
    expect(s.mu).toBeCloseTo(m, 12);
    expect(s.sigma2).toBeCloseTo(b / (a - 1), 12);
    expect(s.sigma2Sd).toBeCloseTo(b / (a - 1) / Math.sqrt(a - 2), 12);
    expect(s.correction).toBe(1);
  });
  it('recovers drift and variance of returns over mixed intervals', () => {
    const r = rng(3);
    const v = new NigVolatility({ sigma2: 1 });
    const mu = 0.05;
    const sigma = 2;
    for (let i = 0; i < 20000; i++) {
      const dt = 1 + (i % 3);
      v.observe(mu * dt + sigma * Math.sqrt(dt) * r.n(), dt);
    }
    const s = v.summary();
    expect(Math.abs(s.sigma2 / 4 - 1)).toBeLessThan(0.03);
    expect(Math.abs(s.mu - mu)).toBeLessThan(0.03);
  });
  it('the realised-vs-predicted correction is near 1 in a stable regime and follows a volatility jump faster than the posterior', () => {
    const r = rng(5);
    const v = new NigVolatility({ sigma2: 1, correctionHalfLife: 50 });
    for (let i = 0; i < 5000; i++) v.observe(r.n(), 1);
    expect(Math.abs(v.summary().correction - 1)).toBeLessThan(0.3);
    for (let i = 0; i < 200; i++) v.observe(3 * r.n(), 1);
    const s = v.summary();
    expect(s.sigma2).toBeLessThan(2); // the long memory barely moved
    expect(s.correction).toBeGreaterThan(4);
    expect(Math.abs(s.sigma2Corrected - 9)).toBeLessThan(Math.abs(s.sigma2 - 9));
  });
});

describe('KappaPosterior', () => {
  it('returns the priors before any data', () => {
    const k = new KappaPosterior({ kappa: 1.5, A: 0.7, kappaShape: 4, AShape: 4 });
    const s = k.summary();
    expect(s.kappa / 1.5 - 1).toBeLessThan(0.01);
    expect(Math.abs(s.kappa / 1.5 - 1)).toBeLessThan(0.01);
    expect(Math.abs(s.A / 0.7 - 1)).toBeLessThan(1e-9);
    expect(Math.abs(s.kappaSd / (1.5 / 2) - 1)).toBeLessThan(0.02);
  });
  it('recovers A and kappa from Poisson fills against quote distance', () => {
    const r = rng(11);
    const A = 0.8;
    const kappa = 1.2;
    const post = new KappaPosterior({ kappa: 3, A: 0.2 });
    for (let j = 0; j < 9; j++) {
      const d = j * 0.5;
      const E = 4000;
      post.addExposure(d, E);
      post.addFill(d, r.poisson(A * Math.exp(-kappa * d) * E));
    }
    const s = post.summary();
    expect(Math.abs(s.kappa / kappa - 1)).toBeLessThan(0.05);
    expect(Math.abs(s.A / A - 1)).toBeLessThan(0.05);
    expect(s.kappaSd).toBeLessThan(0.05 * kappa);
    expect(s.kappaShape).toBeCloseTo((s.kappa / s.kappaSd) ** 2, 6);
  });
});
