import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createStream } from '@venuelab/kernel';
import { EwmaVolatility, RealisedVolatility } from '../src/index.js';

/** A Gaussian random walk in price ticks sampled every `every` ticks. */
function walk(seed: number, sigma: number, n: number, every = 1): { t: number; x: number }[] {
  const r = createStream(seed, 'test:walk');
  const out = [{ t: 0, x: 1000 }];
  for (let i = 1; i <= n; i++) out.push({ t: i * every, x: out[i - 1]!.x + r.normal(0, sigma * Math.sqrt(every)) });
  return out;
}

describe('RealisedVolatility', () => {
  it('is sum dx^2 / sum dt over the window (hand-computed)', () => {
    const all = new RealisedVolatility();
    const two = new RealisedVolatility({ window: 2 });
    // increments: (+1 over 1), (-2 over 2), (0 over 1), and a same-tick replacement that adds nothing
    for (const [t, x] of [
      [0, 100],
      [1, 101],
      [3, 99],
      [4, 99],
      [4, 99],
    ] as const) {
      all.observe(t, x);
      two.observe(t, x);
    }
    expect(all.count).toBe(3);
    expect(all.variancePerTick()).toBe(5 / 4);
    expect(two.count).toBe(2);
    expect(two.variancePerTick()).toBeCloseTo(4 / 3, 15);
    expect(two.sigma()).toBeCloseTo(Math.sqrt(4 / 3), 15);
    expect(new RealisedVolatility().variancePerTick()).toBeNaN();
    expect(() => all.observe(2, 100)).toThrow(/before/);
  });

  it('recovers sigma of a random walk sampled at irregular spacing (within 4 standard errors of the variance)', () => {
    for (const [seed, sigma, every] of [
      [1, 2, 3],
      [2, 0.5, 1],
      [3, 7, 10],
    ] as const) {
      const n = 20_000;
      const rv = new RealisedVolatility();
      for (const p of walk(seed, sigma, n, every)) rv.observe(p.t, p.x);
      expect(Math.abs(rv.variancePerTick() - sigma * sigma)).toBeLessThan(4 * sigma * sigma * Math.sqrt(2 / n));
    }
  });

  it('a rolling window forgets an old regime; re-summing once per lap keeps it equal to a direct sum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 200 }), (w, dxs) => {
        const rv = new RealisedVolatility({ window: w });
        dxs.forEach((dx, i) => rv.addIncrement(dx, 1 + (i % 3)));
        const last = dxs.map((dx, i) => ({ dx, dt: 1 + (i % 3) })).slice(-w);
        const direct = last.reduce((a, b) => a + b.dx * b.dx, 0) / last.reduce((a, b) => a + b.dt, 0);
        expect(rv.count).toBe(Math.min(w, dxs.length));
        expect(rv.variancePerTick()).toBeCloseTo(direct, 6);
      }),
    );
    const rv = new RealisedVolatility({ window: 500 });
    const r = createStream(9, 'test:regime');
    for (let i = 0; i < 5000; i++) rv.addIncrement(r.normal(0, 1), 1);
    for (let i = 0; i < 500; i++) rv.addIncrement(r.normal(0, 3), 1);
    expect(rv.sigma()).toBeGreaterThan(2.6);
    expect(rv.sigma()).toBeLessThan(3.4);
  });
});

describe('EwmaVolatility', () => {
  it('follows S <- 2^(-dt/h) S + dx^2, D <- 2^(-dt/h) D + dt (hand-computed)', () => {
    const e = new EwmaVolatility({ halfLife: 2 });
    e.observe(0, 10);
    e.observe(1, 11); // S = 1, D = 1
    expect(e.variancePerTick()).toBe(1);
    e.observe(3, 13); // decay 2^(-1): S = 0.5 + 4 = 4.5, D = 0.5 + 2 = 2.5
    expect(e.variancePerTick()).toBeCloseTo(1.8, 15);
    expect(e.count).toBe(2);
    expect(() => new EwmaVolatility({ halfLife: 0 })).toThrow();
  });

  it('recovers a constant sigma and adapts to a new regime within a few half-lives', () => {
    const sigma = 1.5;
    const e = new EwmaVolatility({ halfLife: 2000 });
    for (const p of walk(4, sigma, 40_000, 2)) e.observe(p.t, p.x);
    // effective sample about 2 * halfLife / (dt * ln 2) increments
    const nEff = (2 * 2000) / (2 * Math.LN2);
    expect(Math.abs(e.variancePerTick() - sigma * sigma)).toBeLessThan(4 * sigma * sigma * Math.sqrt(2 / nEff));
    const fast = new EwmaVolatility({ halfLife: 50 });
    const r = createStream(5, 'test:ewma-regime');
    for (let i = 0; i < 2000; i++) fast.addIncrement(r.normal(0, 1), 1);
    for (let i = 0; i < 500; i++) fast.addIncrement(r.normal(0, 4), 1);
    expect(fast.sigma()).toBeGreaterThan(3);
    expect(fast.sigma()).toBeLessThan(5);
  });
});
