import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { glftConfigSchema, glftHalfSpread, glftOffsets, glftOmega } from '../src/index.js';

describe('GLFT closed-form quotes', () => {
  it('bid and ask offsets for (q 0, gamma 0.1, sigma 2, A 140, k 1.5)', () => {
    // half = 10 ln(16/15) = 0.64538521137571...; omega = sqrt(4 * 0.1 / 420 * (16/15)^16) = 0.0517172161219...
    expect(glftHalfSpread(0.1, 1.5)).toBeCloseTo(0.6453852113757116, 14);
    expect(glftOmega(0.1, 2, 140, 1.5)).toBeCloseTo(0.051717216121965996, 14);
    const o = glftOffsets({ q: 0, gamma: 0.1, sigma: 2, A: 140, k: 1.5 });
    expect(o.bid).toBeCloseTo(0.6712438194366945, 13);
    expect(o.ask).toBeCloseTo(0.6712438194366945, 13);
  });

  it('bid and ask offsets with inventory: (q 3, gamma 0.1, sigma 2, A 140, k 1.5) and (q -2, gamma 0.01, sigma 1, A 0.7, k 1.5)', () => {
    const long = glftOffsets({ q: 3, gamma: 0.1, sigma: 2, A: 140, k: 1.5 });
    expect(long.bid).toBeCloseTo(0.8263954678025925, 13);
    expect(long.ask).toBeCloseTo(0.5160921710707966, 13);
    const short = glftOffsets({ q: -2, gamma: 0.01, sigma: 1, A: 0.7, k: 1.5 });
    expect(short.bid).toBeCloseTo(0.4935113694086738, 13);
    expect(short.ask).toBeCloseTo(0.9493591092971465, 13);
  });

  it('with a drift mu (q 1, gamma 0.05, sigma 0.8, A 0.3, k 0.9, mu 0.002)', () => {
    const o = glftOffsets({ q: 1, gamma: 0.05, sigma: 0.8, A: 0.3, k: 0.9, mu: 0.002 });
    expect(o.bid).toBeCloseTo(1.666210422595376, 12);
    expect(o.ask).toBeCloseTo(0.9033417306086018, 12);
  });

  it('spread is 2 half + omega for every q, and each extra lot of inventory moves both quotes down by omega (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -30, max: 30 }),
        fc.double({ min: 1e-3, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        fc.double({ min: 0.01, max: 200, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (q, gamma, sigma, A, k) => {
          const a = glftOffsets({ q, gamma, sigma, A, k });
          const b = glftOffsets({ q: q + 1, gamma, sigma, A, k });
          const om = glftOmega(gamma, sigma, A, k);
          const tol = 1e-9 * (1 + Math.abs(q) * om + glftHalfSpread(gamma, k));
          expect(Math.abs(a.bid + a.ask - (2 * glftHalfSpread(gamma, k) + om))).toBeLessThan(tol);
          expect(Math.abs(b.bid - a.bid - om)).toBeLessThan(tol);
          expect(Math.abs(a.ask - b.ask - om)).toBeLessThan(tol);
        },
      ),
    );
  });

  it('has a strict, described config schema with the documented defaults', () => {
    const c = glftConfigSchema.parse({});
    expect(c).toMatchObject({ gamma: 0.01, maxInventory: 10, intensity: { estimator: 'fixed', A: 0.7, k: 1.5 }, drift: { estimator: 'none' } });
    expect(glftConfigSchema.safeParse({ horizon: 5 }).success).toBe(false);
    for (const [k, v] of Object.entries(glftConfigSchema.shape)) expect((v as { description?: string }).description, k).toBeTruthy();
  });
});
