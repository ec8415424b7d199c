import { describe, expect, it } from 'vitest';
import {
  correlationToCovariance,
  covarianceToCorrelation,
  effectiveInventory,
  EwmaCovariance,
  fitBetas,
  portfolioReservation,
  portfolioRisk,
  zeroFeatures,
  type BetaObservation,
} from '../src/index.js';
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

describe('shared covariance from mid paths', () => {
  it('recovers a known correlation (0.6 and -0.3, within 0.04) from correlated mid paths sampled at irregular intervals, whatever the volatilities', () => {
    const g = rng(11);
    for (const rho of [0.6, -0.3]) {
      // Three mids in price ticks: per-tick volatilities 1, 4 and 0.5; corr(1, 2) = rho, asset 3 independent.
      const c = new EwmaCovariance({ assets: 3, halfLife: 1e9, priorVariance: [1, 16, 0.25], priorWeight: 10 });
      const mid = [10_000, 5_000, 2_000];
      let prev = [...mid];
      for (let k = 0; k < 6000; k++) {
        const dt = 1 + Math.floor(g.u() * 8);
        for (let s = 0; s < dt; s++) {
          const z1 = g.n();
          const z2 = rho * z1 + Math.sqrt(1 - rho * rho) * g.n();
          mid[0] += z1;
          mid[1] += 4 * z2;
          mid[2] += 0.5 * g.n();
        }
        c.observe(
          mid.map((x, i) => x - prev[i]!),
          dt,
        );
        prev = [...mid];
      }
      const R = c.correlation();
      expect(Math.abs(R[0]![1]! - rho)).toBeLessThan(0.04);
      expect(Math.abs(R[0]![2]!)).toBeLessThan(0.04);
      expect(R[1]![0]).toBe(R[0]![1]);
      expect(R[2]![2]).toBe(1);
      expect(Math.sqrt(c.matrix()[1]![1]!)).toBeCloseTo(4, 0);
    }
  });

  it('the prior shrinks the correlation towards 0 when evidence is scarce', () => {
    const c = new EwmaCovariance({ assets: 2, priorVariance: 1, priorWeight: 10 });
    for (let i = 0; i < 10; i++) c.observe([1, 1]);
    // Sum r r' = 10 in every cell, prior 10 on the diagonal: correlation 10 / 20.
    expect(c.correlation()[0]![1]).toBeCloseTo(0.5, 1);
    expect(() => new EwmaCovariance({ assets: 2, priorVariance: [1] })).toThrow(RangeError);
  });

  it('the effective inventory gives the portfolio reservation price through the single-asset formula', () => {
    const sig = [2, 0.5, 1];
    const R = [
      [1, 0.8, -0.2],
      [0.8, 1, 0],
      [-0.2, 0, 1],
    ];
    const S = correlationToCovariance(R, sig);
    expect(covarianceToCorrelation(S)[0]![1]).toBeCloseTo(0.8, 12);
    const q = [3, -1, 2];
    const gamma = 0.1;
    for (let i = 0; i < 3; i++) {
      const T = 7 + i;
      // Single-asset reservation shift with the effective inventory: -q_eff gamma sigma_i^2 T.
      const single = -effectiveInventory(i, q, sig, R) * gamma * sig[i]! * sig[i]! * T;
      const multi = portfolioReservation([0, 0, 0], q, S, gamma, T)[i]!;
      expect(single).toBeCloseTo(multi, 12);
    }
    // With zero correlation it is the own position.
    expect(effectiveInventory(1, q, sig, [[1, 0, 0], [0, 1, 0], [0, 0, 1]])).toBe(-1);
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
