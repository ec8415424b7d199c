import { describe, it, expect } from 'vitest';
import { definePlugin, z, ticksToLatent, type MarketSpec } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import { LatentFactorModelToken, type LatentFactorModel } from '@venuelab/models';
import frozen, { FrozenFactorTruth, frozenConfigSchema } from '../src/index.js';
import { buildTruth, moments, nullVenue } from './helpers.js';

const A: MarketSpec = { id: 'A', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const B: MarketSpec = { id: 'B', tickSize: 0.01, lotSize: 1, openingMid: 50, kind: 'price' };
const C: MarketSpec = { id: 'C', tickSize: 0.01, lotSize: 1, openingMid: 20, kind: 'price' };
const P: MarketSpec = { id: 'P', tickSize: 0.01, lotSize: 1, openingMid: 0.3, kind: 'probability' };

describe('truth-frozen', () => {
  it('draws x_m = anchor_m + beta_m . f + e_m once and never moves', () => {
    const t = buildTruth<FrozenFactorTruth>(frozen, { factors: 2 }, { seed: 5, duration: 1000, markets: [A, B] });
    const m = t.model;
    expect(t.space).toBe('log');
    for (const id of ['A', 'B']) {
      const spec = id === 'A' ? A : B;
      expect(m.anchors[id]).toBe(Math.log(spec.openingMid));
      const x = m.anchors[id]! + m.idiosyncratic[id]! + m.loadings[id]![0]! * m.factors[0]! + m.loadings[id]![1]! * m.factors[1]!;
      expect(t.latentAt(id, 0)).toBeCloseTo(x, 14);
      for (const tick of [1, 17, 999, 1000, 5000]) expect(t.latentAt(id, tick)).toBe(t.latentAt(id, 0));
      expect(t.fairAt(id, 3)).toBeCloseTo(Math.exp(t.latentAt(id, 0)) / 0.01, 9);
      expect(t.toLatent(id, t.fairAt(id, 3))).toBeCloseTo(t.latentAt(id, 3), 12);
    }
    expect(m.factors).toHaveLength(2);
    expect(m.factorVariance).toEqual([1e-4, 1e-4]);
    expect(() => t.latentAt('Z', 0)).toThrow(/unknown market/);
  });

  it('is deterministic per seed, differs across seeds, and keeps each market on its own streams', () => {
    const cfg = { factors: 1 };
    const a = buildTruth<FrozenFactorTruth>(frozen, cfg, { seed: 9, markets: [A, B] });
    const b = buildTruth<FrozenFactorTruth>(frozen, cfg, { seed: 9, markets: [A, B] });
    const c = buildTruth<FrozenFactorTruth>(frozen, cfg, { seed: 10, markets: [A, B] });
    expect(b.model).toEqual(a.model);
    expect(c.latentAt('A', 0)).not.toBe(a.latentAt('A', 0));
    // adding a market leaves the factors and market A's loading and idiosyncratic draw unchanged
    const d = buildTruth<FrozenFactorTruth>(frozen, cfg, { seed: 9, markets: [A, B, C] });
    expect(d.latentAt('A', 0)).toBe(a.latentAt('A', 0));
    expect(d.latentAt('B', 0)).toBe(a.latentAt('B', 0));
  });

  it('uses explicit loadings and per-market idiosyncratic variances', () => {
    const t = buildTruth<FrozenFactorTruth>(frozen, { factors: 1, betas: { A: [1], B: [-2] }, factorVariance: [0.01], idioVariance: { A: 0, B: 0 } }, { seed: 3, markets: [A, B] });
    const f = t.model.factors[0]!;
    expect(f).not.toBe(0);
    expect(t.latentAt('A', 0)).toBe(Math.log(100) + f);
    expect(t.latentAt('B', 0)).toBe(Math.log(50) - 2 * f);
    expect(t.model.idiosyncratic).toEqual({ A: 0, B: 0 });
    expect(() => buildTruth(frozen, { factors: 1, betas: { A: [1] } }, { markets: [A, B] })).toThrow(/no loadings for market B/);
    expect(() => buildTruth(frozen, { factors: 1, betas: { A: [1], B: [1], Q: [1] } }, { markets: [A, B] })).toThrow(/unknown market/);
    expect(() => buildTruth(frozen, { idioVariance: { A: 1, B: 1, Q: 1 } }, { markets: [A, B] })).toThrow(/idioVariance names unknown market/);
    expect(() => buildTruth(frozen, { idioVariance: { A: 1 } }, { markets: [A, B] })).toThrow(/no variance for market B/);
  });

  it('reproduces the model covariance across seeds (Var and Cov within 4 standard errors)', () => {
    const fv = 0.01;
    const iv = 0.002;
    const xa: number[] = [];
    const xb: number[] = [];
    const n = 3000;
    for (let s = 1; s <= n; s++) {
      const t = buildTruth<FrozenFactorTruth>(frozen, { factors: 1, betas: { A: [1], B: [2] }, factorVariance: fv, idioVariance: iv }, { seed: s, markets: [A, B] });
      xa.push(t.latentAt('A', 0) - Math.log(100));
      xb.push(t.latentAt('B', 0) - Math.log(50));
    }
    const ma = moments(xa);
    const mb = moments(xb);
    const varA = fv + iv;
    const varB = 4 * fv + iv;
    const cov = 2 * fv;
    expect(Math.abs(ma.mean)).toBeLessThan(3 * Math.sqrt(varA / n));
    expect(Math.abs(ma.variance - varA)).toBeLessThan(4 * varA * Math.sqrt(2 / (n - 1)));
    expect(Math.abs(mb.variance - varB)).toBeLessThan(4 * varB * Math.sqrt(2 / (n - 1)));
    let c = 0;
    for (let i = 0; i < n; i++) c += (xa[i]! - ma.mean) * (xb[i]! - mb.mean);
    c /= n - 1;
    // Var of a sample covariance of bivariate normals: (varA varB + cov^2) / n
    expect(Math.abs(c - cov)).toBeLessThan(4 * Math.sqrt((varA * varB + cov * cov) / n));
  });

  it('draws loadings from N(betaMean, betaSd^2) when none are given', () => {
    const bs: number[] = [];
    for (let s = 1; s <= 500; s++) bs.push(...buildTruth<FrozenFactorTruth>(frozen, { factors: 3, betaMean: 0.7, betaSd: 0.2 }, { seed: s, markets: [A] }).model.loadings.A!);
    const m = moments(bs);
    expect(Math.abs(m.mean - 0.7)).toBeLessThan(3 * 0.2 / Math.sqrt(m.n));
    expect(Math.abs(m.variance - 0.04)).toBeLessThan(4 * 0.04 * Math.sqrt(2 / (m.n - 1)));
  });

  it('works in log-odds for probability markets and refuses auto over mixed kinds', () => {
    const t = buildTruth<FrozenFactorTruth>(frozen, { factorVariance: 0, idioVariance: 0 }, { markets: [P] });
    expect(t.space).toBe('logodds');
    expect(t.latentAt('P', 0)).toBeCloseTo(Math.log(0.3 / 0.7), 14);
    expect(t.fairAt('P', 0)).toBeCloseTo(30, 9);
    expect(() => buildTruth(frozen, {}, { markets: [A, P] })).toThrow(/space "auto"/);
    const lin = buildTruth<FrozenFactorTruth>(frozen, { space: 'linear', factorVariance: 0, idioVariance: 0 }, { markets: [A, P] });
    expect(lin.latentAt('A', 0)).toBe(ticksToLatent('linear', 0.01, 10000));
  });

  it('rejects loadings or factor variances of the wrong length at validation', () => {
    expect(frozenConfigSchema.safeParse({ factors: 2, factorVariance: [1] }).success).toBe(false);
    expect(frozenConfigSchema.safeParse({ factors: 2, betas: { A: [1, 2, 3] } }).success).toBe(false);
    expect(frozenConfigSchema.safeParse({ factors: 2, betas: { A: [1, 2] }, factorVariance: [1, 2] }).success).toBe(true);
    expect(frozenConfigSchema.safeParse({ factor: 2 }).success).toBe(false);
  });

  it('provides the factor model to agents through LatentFactorModelToken, and the run is deterministic', () => {
    const seen: LatentFactorModel[] = [];
    const probe = definePlugin({
      id: 'probe',
      kind: 'agent',
      version: '0.1.0',
      kernel: '^0.1.0',
      configSchema: z.strictObject({}),
      register(ctx) {
        ctx.registerAgent((a) => ({
          id: a.id,
          role: a.role,
          start() {
            const m = a.resolve(LatentFactorModelToken);
            seen.push(m);
            // the model agrees with the truth process the agent sees
            for (const id of m.markets) {
              let x = m.anchors[id]! + m.idiosyncratic[id]!;
              m.loadings[id]!.forEach((b, k) => (x += b * m.factors[k]!));
              expect(a.truth.latentAt(id, 0)).toBeCloseTo(x, 14);
            }
          },
        }));
      },
    });
    const run = (seed: number) =>
      runTest({ seed, duration: 50, markets: [A, B], truth: { plugin: frozen, config: { factors: 2 } }, venues: [{ plugin: nullVenue }], agents: [{ plugin: probe }] });
    const r1 = run(4);
    const r2 = run(4);
    expect(seen).toHaveLength(2);
    expect(seen[0]!.factorCount).toBe(2);
    expect(seen[0]!.loadings.B).toHaveLength(2);
    expect(seen[1]).toEqual(seen[0]);
    expect(Object.isFrozen(seen[0]!.loadings.A)).toBe(true);
    expect(Array.from(r2.record.truth.latent as ArrayLike<number>)).toEqual(Array.from(r1.record.truth.latent as ArrayLike<number>));
    const latent = r1.record.truth.latent as ArrayLike<number>;
    const market = r1.record.truth.market as ArrayLike<string>;
    // the recorded truth path is flat: one value per market over the whole run
    expect(latent.length).toBe(100);
    expect(new Set(Array.from(latent).filter((_, i) => market[i] === 'A')).size).toBe(1);
    expect(new Set(Array.from(latent).filter((_, i) => market[i] === 'B')).size).toBe(1);
  });
});
