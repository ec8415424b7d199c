import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { activityFactor, arenaScore, bookCorrelation, increments, median, outlierPenalty, portfolioSharpe, sharpe, winRate } from '../src/index.js';

describe('scoring formulas on hand-computed PnL series', () => {
  it('sharpe: mean over sample sd of the increments', () => {
    // increments 10, -5, 20, 15: mean 10, deviations 0, -15, 10, 5 -> ss 350, sd sqrt(350 / 3)
    const pnl = [0, 10, 5, 25, 40];
    expect(increments(pnl)).toEqual([10, -5, 20, 15]);
    expect(sharpe(pnl)).toBeCloseTo(10 / Math.sqrt(350 / 3), 12);
    expect(sharpe(pnl, 2)).toBeCloseTo(20 / Math.sqrt(350 / 3), 12);
    // constant increments or fewer than two increments: 0
    expect(sharpe([0, 5, 10, 15])).toBe(0);
    expect(sharpe([0, 7])).toBe(0);
    expect(sharpe([0, 0, 0, 0])).toBe(0);
    // a losing series has a negative Sharpe: increments -4, -2 -> mean -3, sd sqrt(2)
    expect(sharpe([10, 6, 4])).toBeCloseTo(-3 / Math.sqrt(2), 12);
  });

  it('book correlation: mean pairwise correlation of the increments; portfolio Sharpe: Sharpe of the summed PnL', () => {
    // A: d = 1, 2, -1 (centred 1/3, 4/3, -5/3); B: d = 2, 2, -2 (centred 4/3, 4/3, -8/3)
    // corr(A, B) = (60/9) / sqrt(42/9 * 96/9) = 60 / sqrt(4032); D = -A: corr(A, D) = -1, corr(B, D) = -corr(A, B)
    const A = [0, 1, 3, 2];
    const B = [0, 2, 4, 2];
    const C = [5, 5, 5, 5]; // constant: skipped
    const D = [0, -1, -3, -2];
    expect(bookCorrelation([A, B])).toBeCloseTo(60 / Math.sqrt(4032), 12);
    expect(bookCorrelation([A, B, C, D])).toBeCloseTo(-1 / 3, 12);
    expect(bookCorrelation([A, A, A])).toBeCloseTo(1, 12);
    expect(bookCorrelation([A])).toBe(0);
    expect(bookCorrelation([A, C])).toBe(0);
    // A + B = 0, 3, 7, 4: d = 3, 4, -3, mean 4/3, ss = (25 + 64 + 169) / 9 -> Sharpe = 4 / sqrt(129)
    expect(portfolioSharpe([A, B])).toBeCloseTo(4 / Math.sqrt(129), 12);
    expect(portfolioSharpe([A, B], 3)).toBeCloseTo(12 / Math.sqrt(129), 12);
    expect(portfolioSharpe([A, D])).toBe(0); // the books hedge each other exactly
    expect(portfolioSharpe([])).toBe(0);
  });

  it('activity factor: volume over the reference, capped', () => {
    expect(activityFactor(30, 40, 2)).toBe(0.75);
    expect(activityFactor(100, 40, 2)).toBe(2);
    expect(activityFactor(0, 40, 2)).toBe(0);
  });

  it('outlier penalty: mean shortfall below median - k * 1.4826 * MAD', () => {
    // x = [1, 1.2, 0.8, 1, -3]: median 1, |x - 1| = [0, .2, .2, 0, 4] -> MAD 0.2, s = 0.29652
    // floor (k = 2) = 1 - 0.59304 = 0.40696; only -3 is below: shortfall 3.40696, over 5 books
    const x = [1, 1.2, 0.8, 1, -3];
    expect(median(x)).toBe(1);
    expect(outlierPenalty(x, 2, 1)).toBeCloseTo((1 - 2 * 1.4826 * 0.2 + 3) / 5, 12);
    expect(outlierPenalty(x, 2, 0.5)).toBeCloseTo((0.5 * (1 - 2 * 1.4826 * 0.2 + 3)) / 5, 12);
    // high outliers are not penalised
    expect(outlierPenalty([1, 1.2, 0.8, 1, 9], 2, 1)).toBe(0);
    // identical books: no penalty
    expect(outlierPenalty([0.5, 0.5, 0.5], 2, 1)).toBe(0);
  });

  it('win rate: positive share of the non-zero increments, pooled', () => {
    // book 1 increments 10, -5, 0, 5; book 2 increments -1, -1 -> 2 positive of 5 non-zero
    expect(winRate([[0, 10, 5, 5, 10], [0, -1, -2]])).toBeCloseTo(2 / 5, 12);
    expect(winRate([[3, 3, 3]])).toBe(0);
  });

  it('arena score: mean of Sharpe x activity minus the outlier penalty', () => {
    const books = [
      { market: 'A', pnl: [0, 10, 5, 25, 40], volume: 60 }, // S = 10 / sqrt(350/3), a = 1.5
      { market: 'B', pnl: [0, 2, 6, 8], volume: 20 }, // increments 2, 4, 2: mean 8/3, sd sqrt(4/3) ; a = 0.5
      { market: 'C', pnl: [0, -10, -10, -30], volume: 200 }, // increments -10, 0, -20: mean -10, sd 10 ; a = 2 (cap)
    ];
    const s = arenaScore(books, { sharpeScale: 1, referenceVolume: 40, activityCap: 2, outlierK: 2, outlierWeight: 1 });
    const sA = 10 / Math.sqrt(350 / 3);
    const sB = 8 / 3 / Math.sqrt(4 / 3);
    const sC = -1;
    expect(s.books.map((b) => b.sharpe)).toEqual([expect.closeTo(sA, 12), expect.closeTo(sB, 12), expect.closeTo(sC, 12)]);
    expect(s.books.map((b) => b.activity)).toEqual([1.5, 0.5, 2]);
    const x = [sA * 1.5, sB * 0.5, sC * 2];
    // x = 1.389, 1.155, -2: median sB * 0.5; MAD = median(|x - m|) = |sA * 1.5 - m| = 0.2338
    const m = sB * 0.5;
    const mad = median(x.map((v) => Math.abs(v - m)));
    const floor = m - 2 * 1.4826 * mad;
    const penalty = Math.max(0, floor - sC * 2) / 3;
    expect(s.penalty).toBeCloseTo(penalty, 12);
    expect(s.penalty).toBeGreaterThan(0);
    expect(s.score).toBeCloseTo((x[0]! + x[1]! + x[2]!) / 3 - penalty, 12);
    expect(s.sharpeMean).toBeCloseTo((sA + sB + sC) / 3, 12);
    expect(s.sharpeMedian).toBeCloseTo(sA, 12); // sorted: -1, 0.926, 2.309
    expect(s.activity).toBeCloseTo(4 / 3, 12);
    expect(s.pnl).toBe(40 + 8 - 30);
    // win rate: A 10, -5, 20, 15 (3 of 4); B 3 of 3; C 0 of 2 non-zero -> 6 / 9
    expect(s.winRate).toBeCloseTo(6 / 9, 12);
  });

  it('properties: the score never exceeds the mean book score, and scaling PnL leaves Sharpe unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 12 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 50 }), (series, k) => {
        const books = series.map((pnl, i) => ({ market: `M${i}`, pnl, volume: 10 * (i + 1) }));
        const p = { sharpeScale: 1, referenceVolume: 40, activityCap: 2, outlierK: 2, outlierWeight: 1 };
        const s = arenaScore(books, p);
        const meanX = s.books.reduce((a, b) => a + b.score, 0) / s.books.length;
        expect(s.score).toBeLessThanOrEqual(meanX + 1e-12);
        for (const b of books) expect(sharpe(b.pnl.map((v) => v * k))).toBeCloseTo(sharpe(b.pnl), 9);
      }),
    );
  });
});
