import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Matrix, choleskySolve, dot } from '../src/index.js';

describe('Matrix', () => {
  it('multiplies, transposes and adds (hand-computed)', () => {
    const a = Matrix.fromRows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = Matrix.fromRows([
      [7, 8],
      [9, 10],
      [11, 12],
    ]);
    expect(a.mul(b).toRows()).toEqual([
      [58, 64],
      [139, 154],
    ]);
    expect(a.transpose().toRows()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(Array.from(a.mulVec([1, 0, -1]))).toEqual([-2, -2]);
    expect(a.add(a, -2).toRows()).toEqual([
      [-1, -2, -3],
      [-4, -5, -6],
    ]);
    expect(Matrix.identity(2).scale(3).diag()).toEqual([3, 3]);
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
    expect(() => a.mul(a)).toThrow(RangeError);
  });

  it('factors, solves and inverts a symmetric positive definite matrix (hand-computed)', () => {
    const a = Matrix.fromRows([
      [4, 2],
      [2, 3],
    ]);
    const L = a.cholesky();
    expect(L.get(0, 0)).toBe(2);
    expect(L.get(0, 1)).toBe(0);
    expect(L.get(1, 0)).toBe(1);
    expect(L.get(1, 1)).toBeCloseTo(Math.SQRT2, 15);
    // inverse = [[3, -2], [-2, 4]] / 8
    const inv = a.inverseSpd().toRows();
    expect(inv[0]![0]).toBeCloseTo(3 / 8, 15);
    expect(inv[0]![1]).toBeCloseTo(-2 / 8, 15);
    expect(inv[1]![1]).toBeCloseTo(4 / 8, 15);
    const x = a.solveSpd([8, 7]); // 4x + 2y = 8, 2x + 3y = 7 -> x = 1.25, y = 1.5
    expect(x[0]).toBeCloseTo(1.25, 14);
    expect(x[1]).toBeCloseTo(1.5, 14);
    expect(a.logDetSpd()).toBeCloseTo(Math.log(8), 14);
    expect(() => Matrix.fromRows([[1, 2], [2, 1]]).cholesky()).toThrow(/positive definite/);
  });

  it('A * inverse(A) = I for random SPD matrices (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 36, maxLength: 36 }), (n, xs) => {
        const b = new Matrix(n, n, xs.slice(0, n * n));
        const a = b.mul(b.transpose()).add(Matrix.identity(n), 0.5);
        const p = a.mul(a.inverseSpd());
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(Math.abs(p.get(i, j) - (i === j ? 1 : 0))).toBeLessThan(1e-9);
        const rhs = Array.from({ length: n }, (_, i) => i + 1);
        const sol = choleskySolve(a.cholesky(), rhs);
        const back = a.mulVec(sol);
        for (let i = 0; i < n; i++) expect(back[i]).toBeCloseTo(rhs[i]!, 8);
      }),
    );
  });
});
