import { describe, expect, it } from 'vitest';
import { EwmaCovariance, fitBetas, portfolioReservation, portfolioRisk, zeroFeatures, type BetaObservation } from '../src/index.js';
import { rng } from './rng.js';

describe('multi-asset reservation prices', () => {
  it('reduce to the single-asset s - q gamma sigma^2 T with a diagonal covariance', () => {
    const r = portfolioReservation([100, 50], [2, -3], [[4, 0], [0, 1]], 0.1, 10);
    expect(r[0]).toBeCloseTo(100 - 2 * 0.1 * 4 * 10, 12);
    expect(r[1]).toBeCloseTo(50 + 3 * 0.1 * 1 * 10, 12);
  });
  it('a long position in one asset lowers the reservation price of a positively correlated asset', () => {
    const S = [[4, 1.5], [1.5, 1]];
    const r = portfolioReservation([100, 50], [5, 0], S, 0.1, 10);
    expect(r[1]).toBeCloseTo(50 - 0.1 * 10 * 1.5 * 5, 12);
    expect(portfolioRisk([5, -2], S)).toBeCloseTo(25 * 4 + 4 * 1 - 2 * 5 * 2 * 1.5, 12);
  });
  it('the shared covariance estimate recovers a known covariance', () => {
    const g = rng(9);
    const c = new EwmaCovariance({ assets: 2, halfLife: 1e9, priorWeight: 1 });
    for (let i = 0; i < 40000; i++) {
      const a = g.n();
      const b = g.n();
      c.observe([2 * a, 0.6 * a + 0.8 * b]);
    }
    const S = c.matrix();
    expect(S[0]![0]).toBeCloseTo(4, 0);
    expect(Math.abs(S[0]![1]! / 1.2 - 1)).toBeLessThan(0.05);
    expect(Math.abs(S[1]![1]! - 1)).toBeLessThan(0.05);
  });
});

describe('fitBetas', () => {
  it('recovers the signs and ratio of the feature effects on the markout loss, and 0 for a constant feature', () => {
    const g = rng(2);
    const obs: BetaObservation[] = [];
    for (let i = 0; i < 5000; i++) {
      const x = zeroFeatures();
      x.toxicity = g.n();
      x.continuation = g.n();
      x.depth = 0.3;
      obs.push({ x, loss: 2 + 0.8 * x.toxicity - 0.4 * x.continuation + 0.5 * g.n() });
    }
    const f = fitBetas(obs);
    expect(f.betas.toxicity).toBeGreaterThan(0);
    expect(f.betas.continuation).toBeLessThan(0);
    expect(Math.abs(f.betas.toxicity / f.betas.continuation + 2)).toBeLessThan(0.2);
    // In loss standard deviations: 0.8 / sqrt(0.8^2 + 0.4^2 + 0.5^2).
    expect(Math.abs(f.betas.toxicity - 0.8 / Math.sqrt(1.05))).toBeLessThan(0.05);
    expect(f.betas.depth).toBe(0);
    expect(f.r2).toBeGreaterThan(0.7);
  });
});
