/**
 * Small dense linear algebra for beliefs over a handful of factors: a row-major matrix over a
 * `Float64Array`, products, Cholesky factorisation, SPD solves and inverses. Sizes are small
 * (tens), so plain O(n^3) loops are the right tool; no dependency is needed.
 * @module
 */

/** A dense row-major matrix of doubles. */
export class Matrix {
  /** Entries, row-major: entry (i, j) is `data[i * cols + j]`. */
  readonly data: Float64Array;

  /**
   * @param rows - number of rows
   * @param cols - number of columns
   * @param data - entries, row-major (copied if given; zeros otherwise)
   */
  constructor(
    readonly rows: number,
    readonly cols: number,
    data?: ArrayLike<number>,
  ) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new RangeError(`bad matrix shape ${rows}x${cols}`);
    }
    if (data && data.length !== rows * cols) throw new RangeError(`expected ${rows * cols} entries, got ${data.length}`);
    this.data = data ? Float64Array.from(data) : new Float64Array(rows * cols);
  }

  /** The n x n identity. */
  static identity(n: number): Matrix {
    const m = new Matrix(n, n);
    for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
    return m;
  }

  /** A square diagonal matrix with the given diagonal. */
  static diagonal(diag: ArrayLike<number>): Matrix {
    const n = diag.length;
    const m = new Matrix(n, n);
    for (let i = 0; i < n; i++) m.data[i * n + i] = diag[i]!;
    return m;
  }

  /** A matrix from an array of equal-length rows. */
  static fromRows(rows: readonly (readonly number[])[]): Matrix {
    const r = rows.length;
    const c = r === 0 ? 0 : rows[0]!.length;
    const m = new Matrix(r, c);
    for (let i = 0; i < r; i++) {
      if (rows[i]!.length !== c) throw new RangeError('rows must have equal length');
      for (let j = 0; j < c; j++) m.data[i * c + j] = rows[i]![j]!;
    }
    return m;
  }

  /** Entry (i, j). */
  get(i: number, j: number): number {
    return this.data[i * this.cols + j]!;
  }

  /** Sets entry (i, j). */
  set(i: number, j: number, v: number): void {
    this.data[i * this.cols + j] = v;
  }

  /** A copy. */
  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data);
  }

  /** The rows as plain arrays. */
  toRows(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }

  /** The diagonal as a plain array. */
  diag(): number[] {
    const n = Math.min(this.rows, this.cols);
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = this.data[i * this.cols + i]!;
    return out;
  }

  /** The transpose. */
  transpose(): Matrix {
    const t = new Matrix(this.cols, this.rows);
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < this.cols; j++) t.data[j * this.rows + i] = this.data[i * this.cols + j]!;
    return t;
  }

  /** `this + s * other` (new matrix). */
  add(other: Matrix, s = 1): Matrix {
    sameShape(this, other);
    const out = this.clone();
    for (let k = 0; k < out.data.length; k++) out.data[k] = out.data[k]! + s * other.data[k]!;
    return out;
  }

  /** `s * this` (new matrix). */
  scale(s: number): Matrix {
    const out = this.clone();
    for (let k = 0; k < out.data.length; k++) out.data[k] = s * out.data[k]!;
    return out;
  }

  /** The matrix product `this * other`. */
  mul(other: Matrix): Matrix {
    if (this.cols !== other.rows) throw new RangeError(`cannot multiply ${this.rows}x${this.cols} by ${other.rows}x${other.cols}`);
    const n = this.rows;
    const m = other.cols;
    const p = this.cols;
    const out = new Matrix(n, m);
    const a = this.data;
    const b = other.data;
    const c = out.data;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < p; k++) {
        const aik = a[i * p + k]!;
        if (aik === 0) continue;
        for (let j = 0; j < m; j++) c[i * m + j] = c[i * m + j]! + aik * b[k * m + j]!;
      }
    }
    return out;
  }

  /** The matrix-vector product `this * v`. */
  mulVec(v: ArrayLike<number>): Float64Array {
    if (v.length !== this.cols) throw new RangeError(`vector of length ${v.length} does not fit ${this.rows}x${this.cols}`);
    const out = new Float64Array(this.rows);
    for (let i = 0; i < this.rows; i++) {
      let s = 0;
      for (let j = 0; j < this.cols; j++) s += this.data[i * this.cols + j]! * v[j]!;
      out[i] = s;
    }
    return out;
  }

  /** Replaces the matrix by `(this + this^T) / 2` in place (square matrices); returns this. */
  symmetrize(): this {
    if (this.rows !== this.cols) throw new RangeError('symmetrize needs a square matrix');
    const n = this.rows;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const v = 0.5 * (this.data[i * n + j]! + this.data[j * n + i]!);
        this.data[i * n + j] = v;
        this.data[j * n + i] = v;
      }
    }
    return this;
  }

  /**
   * The lower-triangular Cholesky factor L with `this = L L^T`.
   * @throws RangeError when the matrix is not symmetric positive definite
   */
  cholesky(): Matrix {
    if (this.rows !== this.cols) throw new RangeError('cholesky needs a square matrix');
    const n = this.rows;
    const L = new Matrix(n, n);
    const a = this.data;
    const l = L.data;
    for (let j = 0; j < n; j++) {
      let d = a[j * n + j]!;
      for (let k = 0; k < j; k++) d -= l[j * n + k]! * l[j * n + k]!;
      if (!(d > 0)) throw new RangeError(`matrix is not positive definite (pivot ${j} = ${d})`);
      const ljj = Math.sqrt(d);
      l[j * n + j] = ljj;
      for (let i = j + 1; i < n; i++) {
        let s = a[i * n + j]!;
        for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
        l[i * n + j] = s / ljj;
      }
    }
    return L;
  }

  /** Solves `this * x = b` for a symmetric positive definite matrix (via Cholesky). */
  solveSpd(b: ArrayLike<number>): Float64Array {
    return choleskySolve(this.cholesky(), b);
  }

  /** The inverse of a symmetric positive definite matrix (via Cholesky); the result is symmetric. */
  inverseSpd(): Matrix {
    const n = this.rows;
    const L = this.cholesky();
    const inv = new Matrix(n, n);
    const e = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      e.fill(0);
      e[j] = 1;
      const col = choleskySolve(L, e);
      for (let i = 0; i < n; i++) inv.data[i * n + j] = col[i]!;
    }
    return inv.symmetrize();
  }

  /** Log-determinant of a symmetric positive definite matrix. */
  logDetSpd(): number {
    const L = this.cholesky();
    let s = 0;
    for (let i = 0; i < this.rows; i++) s += Math.log(L.get(i, i));
    return 2 * s;
  }
}

function sameShape(a: Matrix, b: Matrix): void {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new RangeError(`shape mismatch ${a.rows}x${a.cols} vs ${b.rows}x${b.cols}`);
}

/** Solves `L L^T x = b` given the lower Cholesky factor L. */
export function choleskySolve(L: Matrix, b: ArrayLike<number>): Float64Array {
  const n = L.rows;
  if (b.length !== n) throw new RangeError(`right-hand side of length ${b.length} does not fit ${n}x${n}`);
  const l = L.data;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!;
    y[i] = s / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

/** Dot product of two equal-length vectors. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`dot of lengths ${a.length} and ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
