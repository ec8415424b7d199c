import { describe, it, expect } from 'vitest';
import { createStream, type MarketSpec } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import jd, { JumpDiffusionTruth, drawJumpSize, jumpDiffusionConfigSchema, jumpMoments, type JumpSize } from '../src/index.js';
import { buildTruth, moments, nullVenue } from './helpers.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const N: MarketSpec = { id: 'N', tickSize: 0.01, lotSize: 1, openingMid: 10, kind: 'price' };
const P: MarketSpec = { id: 'P', tickSize: 0.01, lotSize: 1, openingMid: 0.5, kind: 'probability' };

describe('truth-jump-diffusion', () => {
  it('is deterministic per seed, starts at the opening mid, and keeps markets independent', () => {
    const cfg = { q: 1e-6, jumpRate: 0.01 };
    const a = buildTruth<JumpDiffusionTruth>(jd, cfg, { seed: 6, duration: 2000, markets: [M, N] });
    const b = buildTruth<JumpDiffusionTruth>(jd, cfg, { seed: 6, duration: 2000, markets: [M, N] });
    const c = buildTruth<JumpDiffusionTruth>(jd, cfg, { seed: 7, duration: 2000, markets: [M, N] });
    const d = buildTruth<JumpDiffusionTruth>(jd, cfg, { seed: 6, duration: 2000, markets: [M] });
    expect(a.latentAt('M', 0)).toBe(Math.log(100));
    expect(a.jumps('M')).toEqual(b.jumps('M'));
    expect(d.jumps('M')).toEqual(a.jumps('M'));
    for (let t = 0; t <= 2000; t += 7) {
      expect(b.latentAt('M', t)).toBe(a.latentAt('M', t));
      expect(d.latentAt('M', t)).toBe(a.latentAt('M', t));
    }
    expect(c.latentAt('M', 1500)).not.toBe(a.latentAt('M', 1500));
    expect(a.jumps('N')).not.toEqual(a.jumps('M'));
  });

  it('with q = 0 is a step function of its recorded jumps', () => {
    const t = buildTruth<JumpDiffusionTruth>(jd, { q: 0, jumpRate: 0.02, jump: { dist: 'fixed', size: 0.01, pUp: 0.5 } }, { seed: 1, duration: 5000, markets: [M] });
    const jumps = t.jumps('M');
    expect(jumps.length).toBeGreaterThan(50);
    let x = Math.log(100);
    let j = 0;
    for (let tick = 0; tick <= 5000; tick++) {
      while (j < jumps.length && jumps[j]!.t === tick) x += jumps[j++]!.size;
      expect(t.latentAt('M', tick)).toBeCloseTo(x, 12);
    }
    for (const jmp of jumps) {
      expect(Math.abs(jmp.size)).toBe(0.01);
      expect(jmp.t).toBeGreaterThanOrEqual(1);
      expect(jmp.t).toBeLessThanOrEqual(5000);
    }
    for (let i = 1; i < jumps.length; i++) expect(jumps[i]!.t).toBeGreaterThanOrEqual(jumps[i - 1]!.t);
  });

  it('jump counts match the rate within 3 standard errors, per market and in windows', () => {
    const rate = 0.004;
    const T = 5000;
    const seeds = 60;
    let total = 0;
    const perWindow: number[] = [];
    for (let s = 1; s <= seeds; s++) {
      const t = buildTruth<JumpDiffusionTruth>(jd, { jumpRate: rate }, { seed: s, duration: T, markets: [M] });
      const js = t.jumps('M');
      total += js.length;
      for (let w = 0; w < T; w += 500) perWindow.push(js.filter((j) => j.t > w && j.t <= w + 500).length);
    }
    const expected = rate * T * seeds;
    expect(Math.abs(total - expected)).toBeLessThan(3 * Math.sqrt(expected));
    // Poisson counts: variance equals the mean (index of dispersion 1)
    const m = moments(perWindow);
    expect(Math.abs(m.mean - rate * 500)).toBeLessThan(3 * Math.sqrt((rate * 500) / m.n));
    expect(Math.abs(m.variance / m.mean - 1)).toBeLessThan(4 * Math.sqrt(2 / (m.n - 1)));
  });

  it('separates the diffusion (variance q per tick) from the jumps', () => {
    const q = 4e-6;
    const T = 40_000;
    const t = buildTruth<JumpDiffusionTruth>(jd, { q, jumpRate: 0.01, jump: { dist: 'normal', mean: 0.05, sd: 0.01 } }, { seed: 3, duration: T, markets: [M] });
    const jumpAt = new Float64Array(T + 1);
    for (const j of t.jumps('M')) jumpAt[j.t] = jumpAt[j.t]! + j.size;
    const inc = new Float64Array(T);
    for (let i = 1; i <= T; i++) inc[i - 1] = t.latentAt('M', i) - t.latentAt('M', i - 1) - jumpAt[i]!;
    const m = moments(inc);
    expect(Math.abs(m.mean)).toBeLessThan(3 * Math.sqrt(q / T));
    expect(Math.abs(m.variance - q)).toBeLessThan(4 * q * Math.sqrt(2 / (T - 1)));
    expect(t.varianceRate).toBeCloseTo(q + 0.01 * (0.0001 + 0.0025), 15);
  });

  it('draws jump sizes with the configured moments (normal, double-exponential, fixed)', () => {
    const dists: JumpSize[] = [
      { dist: 'normal', mean: -0.02, sd: 0.01 },
      { dist: 'doubleExponential', pUp: 0.3, meanUp: 0.02, meanDown: 0.01 },
      { dist: 'fixed', size: 0.03, pUp: 0.8 },
    ];
    for (const d of dists) {
      const rng = createStream(12, `test:${d.dist}`);
      const n = 20_000;
      const xs = Array.from({ length: n }, () => drawJumpSize(d, rng));
      const m = moments(xs);
      const th = jumpMoments(d);
      expect(Math.abs(m.mean - th.mean)).toBeLessThan(3 * Math.sqrt(th.variance / n));
      expect(Math.abs(m.variance - th.variance) / th.variance).toBeLessThan(0.08);
    }
    // hand-computed moments: double-exponential mean 0.3 * 0.02 - 0.7 * 0.01 = -0.001
    expect(jumpMoments(dists[1]!).mean).toBeCloseTo(-0.001, 15);
    // E[J^2] = 2 (0.3 * 0.0004 + 0.7 * 0.0001) = 0.00038
    expect(jumpMoments(dists[1]!).variance + 0.001 ** 2).toBeCloseTo(0.00038, 15);
    expect(jumpMoments(dists[2]!)).toEqual({ mean: (2 * 0.8 - 1) * 0.03, variance: 0.0009 - ((2 * 0.8 - 1) * 0.03) ** 2 });
  });

  it('keeps jump times when only the size distribution changes, and has no jumps at rate 0', () => {
    const a = buildTruth<JumpDiffusionTruth>(jd, { jumpRate: 0.01 }, { seed: 2, duration: 3000, markets: [M] });
    const b = buildTruth<JumpDiffusionTruth>(jd, { jumpRate: 0.01, jump: { dist: 'fixed' } }, { seed: 2, duration: 3000, markets: [M] });
    expect(b.jumps('M').map((j) => j.t)).toEqual(a.jumps('M').map((j) => j.t));
    const c = buildTruth<JumpDiffusionTruth>(jd, { jumpRate: 0, q: 1e-6 }, { seed: 2, duration: 3000, markets: [M] });
    expect(c.jumps('M')).toEqual([]);
  });

  it('works in log-odds, validates its config, and runs in a simulation', () => {
    const t = buildTruth<JumpDiffusionTruth>(jd, { q: 0, jumpRate: 0 }, { markets: [P], duration: 5 });
    expect(t.space).toBe('logodds');
    expect(t.latentAt('P', 5)).toBe(0);
    expect(t.fairAt('P', 5)).toBeCloseTo(50, 12);
    expect(jumpDiffusionConfigSchema.safeParse({ jump: { dist: 'cauchy' } }).success).toBe(false);
    expect(jumpDiffusionConfigSchema.safeParse({ jumpRate: -1 }).success).toBe(false);
    expect(jumpDiffusionConfigSchema.parse({ jump: { dist: 'doubleExponential' } }).jump).toEqual({ dist: 'doubleExponential', pUp: 0.5, meanUp: 0.01, meanDown: 0.01 });
    const out = runTest({ seed: 5, duration: 400, markets: [M], truth: { plugin: jd, config: { jumpRate: 0.02 } }, venues: [{ plugin: nullVenue }] });
    const direct = buildTruth<JumpDiffusionTruth>(jd, { jumpRate: 0.02 }, { seed: 5, duration: 400, markets: [M] });
    const latent = out.record.truth.latent as ArrayLike<number>;
    for (let i = 0; i < latent.length; i++) expect(latent[i]).toBe(direct.latentAt('M', i));
  });
});
