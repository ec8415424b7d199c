/**
 * Numerics: compensated (Neumaier) sums, grouped sums, means, standard deviations and quantiles.
 * @module
 */

/** Neumaier-compensated sum of an array (exact to about one rounding for ordinary inputs). */
export function accurateSum(values: ArrayLike<number>): number {
  // A typed array (a column of millions of legs) takes a loop of its own: see float64Sum.
  return values instanceof Float64Array ? float64Sum(values) : genericSum(values);
}

function float64Sum(values: Float64Array): number {
  // Sum and compensation live in an array, not loop variables: a long loop runs as on-stack-replaced
  // code on its first call, where a double carried in a loop variable is boxed on every iteration.
  const acc = new Float64Array(2);
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    const s = acc[0]!;
    const t = s + x;
    acc[1]! += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    acc[0] = t;
  }
  return acc[0]! + acc[1]!;
}

function genericSum(values: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

/** A set of compensated running sums, one per group. */
export class GroupSums {
  /** Running sums. */
  private readonly s: Float64Array;
  /** Compensations. */
  private readonly c: Float64Array;
  /** Number of values added per group. */
  readonly count: Float64Array;

  /** @param groups - number of groups */
  constructor(readonly groups: number) {
    this.s = new Float64Array(groups);
    this.c = new Float64Array(groups);
    this.count = new Float64Array(groups);
  }

  /** Adds `x` to group `g`. */
  add(g: number, x: number): void {
    const s = this.s[g]!;
    const t = s + x;
    this.c[g]! += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    this.s[g] = t;
    this.count[g]!++;
  }

  /** The compensated sum of group `g`. */
  sum(g: number): number {
    return this.s[g]! + this.c[g]!;
  }
}

/** Mean and sample standard deviation (n - 1); `sd` is NaN for fewer than two values. */
export function meanSd(values: ArrayLike<number>): { mean: number; sd: number; n: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN, n };
  const mean = accurateSum(values) / n;
  if (n < 2) return { mean, sd: NaN, n };
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    ss += d * d;
  }
  return { mean, sd: Math.sqrt(ss / (n - 1)), n };
}

/**
 * Weighted quantile: the smallest value `v` such that the weight of values `<= v` is at least
 * `p` times the total weight (the lower quantile; for unit weights and p = 0.5 with an even count,
 * the lower middle value). NaN when there is no positive weight.
 */
export function weightedQuantile(values: ArrayLike<number>, weights: ArrayLike<number>, p: number): number {
  const n = values.length;
  const idx = new Uint32Array(n);
  let total = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (weights[i]! > 0 && Number.isFinite(values[i]!)) {
      idx[m++] = i;
      total += weights[i]!;
    }
  }
  if (m === 0 || !(total > 0)) return NaN;
  const used = idx.subarray(0, m).sort((a, b) => values[a]! - values[b]! || a - b);
  const target = p * total;
  let acc = 0;
  for (let k = 0; k < m; k++) {
    acc += weights[used[k]!]!;
    if (acc >= target - 1e-12 * total) return values[used[k]!]!;
  }
  return values[used[m - 1]!]!;
}

/** First index `i` of a sorted array with `a[i] >= x` (`a.length` if none). */
export function lowerBound(a: ArrayLike<number>, x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index `i` of a sorted array with `a[i] > x` (`a.length` if none). */
export function upperBound(a: ArrayLike<number>, x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Copies a numeric column into a Float64Array (without copying when it already is one). */
export function toFloat64(col: ArrayLike<number> | ArrayLike<string> | undefined, n: number): Float64Array {
  if (col instanceof Float64Array) return col;
  const out = new Float64Array(n);
  if (!col) return out.fill(NaN);
  for (let i = 0; i < n; i++) out[i] = Number(col[i]);
  return out;
}

/**
 * Indices of the finite values in ascending order of value (ties by index). Non-negative integer
 * values (ticks) are sorted by counting, otherwise by comparison.
 */
export function sortedIndex(values: ArrayLike<number>, mask?: ArrayLike<number>): Uint32Array {
  const n = values.length;
  let m = 0;
  let max = 0;
  let integral = true;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v) || (mask && !mask[i])) continue;
    m++;
    if (v < 0 || !Number.isInteger(v)) integral = false;
    else if (v > max) max = v;
  }
  const out = new Uint32Array(m);
  if (integral && max <= 4 * n + 1_000_000) {
    const counts = new Uint32Array(max + 2);
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (Number.isFinite(v) && (!mask || mask[i])) counts[v + 1]!++;
    }
    for (let k = 1; k < counts.length; k++) counts[k]! += counts[k - 1]!;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (Number.isFinite(v) && (!mask || mask[i])) out[counts[v]!++] = i;
    }
    return out;
  }
  let k = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(values[i]!) && (!mask || mask[i])) out[k++] = i;
  return out.sort((a, b) => values[a]! - values[b]! || a - b);
}
