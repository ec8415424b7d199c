import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { asConfigSchema, asQuotes, reservationPrice, totalSpread } from '../src/index.js';

describe('Avellaneda-Stoikov quote formulas', () => {
  it('reservation price and total spread for the paper-style inputs (s 100, q 2, gamma 0.1, sigma 2, T - t 0.5, k 1.5)', () => {
    // r = 100 - 2 * 0.1 * 4 * 0.5 = 99.6; spread = 0.1 * 4 * 0.5 + 20 ln(16 / 15) = 0.2 + 1.2907704227514...
    expect(reservationPrice(100, 2, 0.1, 2, 0.5)).toBeCloseTo(99.6, 13);
    expect(totalSpread(0.1, 2, 0.5, 1.5)).toBeCloseTo(1.4907704227514234, 13);
    const q = asQuotes({ s: 100, q: 2, gamma: 0.1, sigma: 2, tau: 0.5, k: 1.5 });
    expect(q.center).toBeCloseTo(99.6, 13);
    expect(q.bid).toBeCloseTo(98.85461478862429, 12);
    expect(q.ask).toBeCloseTo(100.3453852113757, 12);
  });

  it('in venuelab units (s 10,000 ticks, q -3 lots, gamma 0.01 per tick-lot, sigma 1.2 ticks/sqrt tick, T - t 250 ticks, k 1.5 per tick)', () => {
    const inv = asQuotes({ s: 10_000, q: -3, gamma: 0.01, sigma: 1.2, tau: 250, k: 1.5 });
    expect(inv.reservation).toBeCloseTo(10_010.8, 10);
    expect(inv.spread).toBeCloseTo(4.928908543733702, 12);
    expect(inv.bid).toBeCloseTo(10_008.335545728132, 9);
    expect(inv.ask).toBeCloseTo(10_013.264454271866, 9);
    // the symmetric benchmark: the same spread around the mid
    const sym = asQuotes({ s: 10_000, q: -3, gamma: 0.01, sigma: 1.2, tau: 250, k: 1.5, mode: 'symmetric' });
    expect(sym.spread).toBe(inv.spread);
    expect(sym.bid).toBeCloseTo(9_997.535545728133, 9);
    expect(sym.ask).toBeCloseTo(10_002.464454271867, 9);
  });

  it('at the horizon the spread is (2 / gamma) ln(1 + gamma / k) around s; as gamma -> 0 it tends to 2 / k', () => {
    const end = asQuotes({ s: 500, q: 7, gamma: 0.2, sigma: 3, tau: 0, k: 2 });
    expect(end.reservation).toBe(500);
    expect(end.spread).toBeCloseTo(10 * Math.log(1.1), 14);
    expect(totalSpread(1e-12, 1, 0, 1.5)).toBeCloseTo(2 / 1.5, 9);
    expect(totalSpread(0, 1, 0, 1.5)).toBe(2 / 1.5);
  });

  it('a drift estimate shifts the reservation price by its expected move (inventory mode only)', () => {
    const base = { s: 1_000, q: 1, gamma: 0.05, sigma: 0.5, tau: 100, k: 1 };
    const d = asQuotes({ ...base, expectedMove: 2.5 });
    expect(d.reservation - asQuotes(base).reservation).toBeCloseTo(2.5, 12);
    expect(asQuotes({ ...base, mode: 'symmetric', expectedMove: 2.5 }).center).toBe(1_000);
  });

  it('quotes skew against inventory and keep a positive spread (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.integer({ min: -50, max: 50 }),
        fc.double({ min: 1e-4, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: 0.01, max: 20, noNaN: true }),
        (s, q, gamma, sigma, tau, k) => {
          const a = asQuotes({ s, q, gamma, sigma, tau, k });
          const b = asQuotes({ s, q: q + 1, gamma, sigma, tau, k });
          expect(a.ask - a.bid).toBeGreaterThan(0);
          // Same spread whatever the inventory, up to rounding of quotes computed around different centres.
          const scale = Math.max(1, Math.abs(a.ask) + Math.abs(a.bid) + Math.abs(b.ask) + Math.abs(b.bid));
          expect(Math.abs(b.ask - b.bid - (a.ask - a.bid))).toBeLessThanOrEqual(1e-12 * scale);
          expect(b.center).toBeLessThanOrEqual(a.center);
          if (q > 0) expect(a.center).toBeLessThanOrEqual(s);
          if (q < 0) expect(a.center).toBeGreaterThanOrEqual(s);
        },
      ),
    );
  });

  it('has a strict, described config schema with the documented defaults', () => {
    const c = asConfigSchema.parse({});
    expect(c).toMatchObject({ mode: 'inventory', gamma: 0.01, maxInventory: 10, quoteSize: 1, volatility: { estimator: 'fixed', sigma: 1 }, intensity: { estimator: 'fixed', k: 1.5 } });
    expect(asConfigSchema.safeParse({ gama: 1 }).success).toBe(false);
    expect(asConfigSchema.safeParse({ volatility: { estimator: 'garch' } }).success).toBe(false);
    expect(asConfigSchema.safeParse({ gamma: 0 }).success).toBe(false);
    for (const [k, v] of Object.entries(asConfigSchema.shape)) expect((v as { description?: string }).description, k).toBeTruthy();
  });
});
