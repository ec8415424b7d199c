import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { bookImbalance, imbalanceConfigSchema, imbalanceQuotes, microprice, weightedImbalance } from '../src/index.js';

const L = (xs: [number, number][]) => xs.map(([price, qty]) => ({ price, qty }));
const bids = L([
  [99, 6],
  [98, 2],
  [97, 4],
]);
const asks = L([
  [101, 2],
  [102, 2],
  [103, 8],
]);

describe('imbalance signals', () => {
  it('imbalance at several depths (hand-computed)', () => {
    expect(bookImbalance(bids, asks, 1)).toBeCloseTo((6 - 2) / 8, 15);
    expect(bookImbalance(bids, asks, 2)).toBeCloseTo((8 - 4) / 12, 15);
    expect(bookImbalance(bids, asks, 3)).toBeCloseTo((12 - 12) / 24, 15);
    expect(bookImbalance(bids, asks, 10)).toBe(0);
    expect(bookImbalance([], [], 3)).toBe(0);
    expect(bookImbalance(bids, [], 2)).toBe(1);
    // weights 1, 2, 1 on depths 1, 2, 3: (0.5 + 2/3 + 0) / 4
    expect(weightedImbalance(bids, asks, [1, 2, 3], [1, 2, 1])).toBeCloseTo((0.5 + (2 * 1) / 3) / 4, 15);
  });

  it('microprice weights the touch by the opposite side size (hand-computed)', () => {
    // (99 * 2 + 101 * 6) / 8 = 100.5: a heavy bid pulls the fair value towards the ask
    expect(microprice(99, 6, 101, 2)).toBe(100.5);
    expect(microprice(99, 1, 101, 1)).toBe(100);
    expect(microprice(99, 0, 101, 1)).toBeNaN();
    expect(microprice(NaN, 1, 101, 1)).toBeNaN();
  });
});

describe('imbalance quote rule', () => {
  const base = { fair: 100.5, sigma: 0.5, imbalance: 0.4, inventory: 0, maxInventory: 10, targetSpread: 4, baselineVol: 1, imbalanceSkew: 0.5, inventorySkew: 0.5, minEdge: 1 };

  it('volatility-scaled spread, imbalance and inventory skew (hand-computed)', () => {
    // half = 2 * (1 + 0.5) = 3; centre = 100.5 + 0.5 * 0.4 * 3 = 101.1
    const q = imbalanceQuotes(base);
    expect(q.halfSpread).toBe(3);
    expect(q.center).toBeCloseTo(101.1, 13);
    expect(q.bid).toBeCloseTo(98.1, 13);
    expect(q.ask).toBeCloseTo(104.1, 13);
    // long 5 of 10: u = 0.5, centre = 100.5 + (0.2 - 0.25) * 3 = 100.35
    const long = imbalanceQuotes({ ...base, inventory: 5 });
    expect(long.inventoryRatio).toBe(0.5);
    expect(long.center).toBeCloseTo(100.35, 13);
    // beyond the cap the ratio saturates at -1
    expect(imbalanceQuotes({ ...base, inventory: -30 }).inventoryRatio).toBe(-1);
  });

  it('keeps at least minEdge from the fair value', () => {
    // a strong skew would put the bid 0.2 from the fair value; minEdge 1 pushes it to 99.5
    const q = imbalanceQuotes({ ...base, sigma: 0, targetSpread: 2, imbalance: 1, imbalanceSkew: 0.8, minEdge: 1 });
    expect(q.center).toBeCloseTo(101.3, 13);
    expect(q.bid).toBeCloseTo(99.5, 13);
    expect(q.ask).toBeCloseTo(102.3, 13);
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.integer({ min: -40, max: 40 }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (imbalance, inventory, sigma, minEdge) => {
          const r = imbalanceQuotes({ ...base, imbalance, inventory, sigma, minEdge, imbalanceSkew: 2, inventorySkew: 2 });
          expect(r.bid).toBeLessThanOrEqual(base.fair - minEdge + 1e-12);
          expect(r.ask).toBeGreaterThanOrEqual(base.fair + minEdge - 1e-12);
          expect(r.ask - r.bid).toBeGreaterThanOrEqual(2 * r.halfSpread - 1e-9);
        },
      ),
    );
  });

  it('has a strict, described config schema with the documented defaults', () => {
    const c = imbalanceConfigSchema.parse({});
    expect(c).toMatchObject({ targetSpread: 4, inventorySkew: 0.5, maxInventoryShare: 0.3, minEdge: 1, depths: [1, 3, 5, 10], depthWeights: [1, 1.2, 1.5, 2] });
    expect(imbalanceConfigSchema.safeParse({ depths: [1, 2], depthWeights: [1] }).success).toBe(false);
    expect(imbalanceConfigSchema.safeParse({ maxInventoryShare: 1.5 }).success).toBe(false);
  });
});

describe('imbalance config', () => {
  it('describes every field', () => {
    for (const [k, v] of Object.entries(imbalanceConfigSchema.shape)) expect((v as { description?: string }).description, k).toBeTruthy();
  });
});
