import { describe, it, expect } from 'vitest';
import { createStream } from '@venuelab/kernel';
import { KalmanDriftFilter } from '../src/index.js';

describe('KalmanDriftFilter', () => {
  it('with theta = 0 and no drift diffusion it is the conjugate posterior of a constant drift', () => {
    const m0 = 0.3;
    const P0 = 0.5;
    const R = 4;
    const f = new KalmanDriftFilter({ theta: 0, driftVariance: 0, priorMean: m0, priorVariance: P0 });
    const obs = [
      [0, 100],
      [2, 101],
      [3, 100.5],
      [7, 103],
    ] as const;
    for (const [t, x] of obs) f.observe(t, x, R);
    // precision 1/P0 + sum dt / R; mean (m0 / P0 + sum dx / R) / precision
    const prec = 1 / P0 + 7 / R;
    const mean = (m0 / P0 + 3 / R) / prec;
    expect(f.variance).toBeCloseTo(1 / prec, 14);
    expect(f.mean).toBeCloseTo(mean, 14);
    expect(f.expectedMove(10)).toBeCloseTo(10 * mean, 12);
  });

  it('predicts with the OU transition (mean decays, variance moves towards sigma_mu^2 / (2 theta))', () => {
    const f = new KalmanDriftFilter({ theta: 0.1, driftVariance: 0.02, priorMean: 2, priorVariance: 0 });
    f.predict(5);
    expect(f.mean).toBeCloseTo(2 * Math.exp(-0.5), 14);
    expect(f.variance).toBeCloseTo((0.02 * (1 - Math.exp(-1))) / 0.2, 14);
    expect(new KalmanDriftFilter({ theta: 0.1, driftVariance: 0.02 }).variance).toBeCloseTo(0.1, 14);
    expect(f.expectedMove(3)).toBeCloseTo((f.mean * (1 - Math.exp(-0.3))) / 0.1, 14);
  });

  it('recovers a constant drift within 3 posterior standard deviations', () => {
    const r = createStream(3, 'test:drift');
    const mu = 0.02;
    const sigma = 1;
    const f = new KalmanDriftFilter({ theta: 0, driftVariance: 0, priorVariance: 1 });
    let x = 0;
    for (let t = 0; t <= 50_000; t++) {
      f.observe(t, x, sigma * sigma);
      x += mu + r.normal(0, sigma);
    }
    expect(Math.abs(f.mean - mu)).toBeLessThan(3 * Math.sqrt(f.variance));
    expect(Math.sqrt(f.variance)).toBeCloseTo(sigma / Math.sqrt(50_000), 4);
  });

  it('is calibrated on a simulated OU drift: mean normalised squared error near 1, and far below the prior variance', () => {
    const r = createStream(11, 'test:ou');
    const theta = 0.001;
    const q = 1e-6;
    const sigma = 0.1;
    const f = new KalmanDriftFilter({ theta, driftVariance: q });
    const a = Math.exp(-theta);
    const sd = Math.sqrt((q * (1 - a * a)) / (2 * theta));
    let mu = r.normal(0, Math.sqrt(q / (2 * theta)));
    let x = 0;
    let z2 = 0;
    let se = 0;
    let n = 0;
    const T = 300_000;
    for (let t = 0; t <= T; t++) {
      f.observe(t, x, sigma * sigma);
      if (t > 5000) {
        z2 += (f.mean - mu) ** 2 / f.variance;
        se += (f.mean - mu) ** 2;
        n++;
      }
      // the increment over (t, t + 1] uses the drift at t + 1, as the filter's predict-then-update assumes
      mu = a * mu + r.normal(0, sd);
      x += mu + r.normal(0, sigma);
    }
    expect(z2 / n).toBeGreaterThan(0.85);
    expect(z2 / n).toBeLessThan(1.15);
    expect(se / n).toBeLessThan(0.4 * (q / (2 * theta)));
  });
});
