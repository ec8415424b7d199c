import { describe, expect, it } from 'vitest';
import { fitHawkes, hawkesLogLikelihood, HawkesIntensity, type HawkesParams } from '../src/index.js';
import { rng } from './rng.js';

/** Ogata thinning. */
function simulate(p: HawkesParams, T: number, seed: number): number[] {
  const r = rng(seed);
  const out: number[] = [];
  let t = 0;
  let ex = 0; // excitation sum at t
  while (true) {
    const bound = p.mu + p.n * p.beta * ex;
    const w = -Math.log(1 - r.u()) / bound;
    ex *= Math.exp(-p.beta * w);
    t += w;
    if (t > T) break;
    if (r.u() * bound <= p.mu + p.n * p.beta * ex) {
      out.push(t);
      ex += 1;
    }
  }
  return out;
}

describe('Hawkes', () => {
  it('keeps the exponential-kernel intensity online', () => {
    const h = new HawkesIntensity({ mu: 0.1, n: 0.5, beta: 0.2 });
    expect(h.intensity(0)).toBe(0.1);
    h.addEvent(0);
    h.addEvent(1);
    expect(h.intensity(3)).toBeCloseTo(0.1 + 0.5 * 0.2 * (Math.exp(-0.6) + Math.exp(-0.4)), 12);
    expect(h.ratio(3)).toBeCloseTo(h.intensity(3) / 0.1, 12);
  });
  it('recovers mu, n and beta from a simulated path by EM', () => {
    const truth = { mu: 0.5, n: 0.6, beta: 2 };
    const T = 20000;
    const times = simulate(truth, T, 21);
    const fit = fitHawkes(times, T);
    expect(Math.abs(fit.mu / truth.mu - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.n - truth.n)).toBeLessThan(0.05);
    expect(Math.abs(fit.beta / truth.beta - 1)).toBeLessThan(0.15);
    // EM is a likelihood ascent: the fit beats the starting point.
    expect(fit.logLikelihood).toBeGreaterThan(hawkesLogLikelihood(times, T, { mu: times.length / T / 2, n: 0.5, beta: (10 * times.length) / T }));
  });
  it('finds no excitation in a Poisson process', () => {
    const times = simulate({ mu: 1, n: 0, beta: 1 }, 10000, 4);
    const fit = fitHawkes(times, 10000);
    expect(fit.n).toBeLessThan(0.05);
    expect(Math.abs(fit.mu - 1)).toBeLessThan(0.06);
  });
});
