import { describe, expect, it } from 'vitest';
import { MeasuredVariance, OuDriftKalman } from '../src/index.js';
import { rng } from './rng.js';

describe('MeasuredVariance', () => {
  it('recovers the noise variance from prediction errors, net of the excess variance', () => {
    const r = rng(1);
    const m = new MeasuredVariance({ prior: 100, priorWeight: 10 });
    for (let i = 0; i < 20000; i++) m.add(Math.sqrt(4 + 1) * r.n(), 1);
    expect(m.value).toBeGreaterThan(4 * 0.95);
    expect(m.value).toBeLessThan(4 * 1.05);
  });
  it('returns the prior before any evidence and never goes below its floor', () => {
    const m = new MeasuredVariance({ prior: 2, floor: 0.5 });
    expect(m.value).toBe(2);
    for (let i = 0; i < 100; i++) m.add(0, 10);
    expect(m.value).toBe(0.5);
  });
});

describe('OuDriftKalman', () => {
  it('predicts with the OU closed forms', () => {
    const k = new OuDriftKalman({ theta: 0.1, q: 0.02, mean: 2, variance: 0.3 });
    k.predict(3);
    expect(k.mean).toBeCloseTo(2 * Math.exp(-0.3), 12);
    expect(k.variance).toBeCloseTo(0.3 * Math.exp(-0.6) + (0.02 * (1 - Math.exp(-0.6))) / 0.2, 12);
  });
  it('with theta = q = 0 reduces to the static precision-weighted update', () => {
    const k = new OuDriftKalman({ theta: 0, q: 0, mean: 1, variance: 2 });
    k.predict(10);
    const s = k.update(4, 3);
    expect(s.gain).toBeCloseTo(2 / 5, 15);
    expect(k.mean).toBeCloseTo((1 / 2 + 4 / 3) / (1 / 2 + 1 / 3), 12);
    expect(k.variance).toBeCloseTo(1 / (1 / 2 + 1 / 3), 12);
  });
  it('measures a misspecified observation variance and tracks the drift as well as the oracle filter', () => {
    const r = rng(7);
    const theta = 0.02;
    const q = 0.001;
    const R = 0.25;
    const learned = new OuDriftKalman({ theta, q });
    learned.addSource('z', 25); // 100x too large a prior
    const oracle = new OuDriftKalman({ theta, q });
    let mu = 0;
    let se1 = 0;
    let se2 = 0;
    const n = 40000;
    for (let t = 0; t < n; t++) {
      mu = mu * Math.exp(-theta) + Math.sqrt(learned.processVariance(1)) * r.n();
      const z = mu + Math.sqrt(R) * r.n();
      learned.predict(1);
      oracle.predict(1);
      learned.observe('z', z);
      oracle.update(z, R);
      if (t > n / 2) {
        se1 += (learned.mean - mu) ** 2;
        se2 += (oracle.mean - mu) ** 2;
      }
    }
    expect(learned.sourceVariance('z')).toBeGreaterThan(R * 0.85);
    expect(learned.sourceVariance('z')).toBeLessThan(R * 1.15);
    expect(se1 / se2).toBeLessThan(1.05);
  });
  it('scales a return observation by its span: a return over dt ticks has noise variance R / dt', () => {
    const k = new OuDriftKalman({ theta: 0, q: 0, mean: 0, variance: 1 });
    k.addSource('ret', 4, 1e9);
    const s = k.observe('ret', 1, 4);
    expect(s.r).toBeCloseTo(1, 9);
    expect(s.gain).toBeCloseTo(0.5, 9);
  });
});
