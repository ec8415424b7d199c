/**
 * Truth and mid paths as step functions of time: the value at `s` is the last sample at or before
 * `s`. Mid paths skip samples without a mid (an empty book side): the value carries the last
 * finite mid forward.
 * @module
 */
import { rowCount, type RunRecord } from '@venuelab/kernel';
import { columnFactor, factorizePair } from './factor.js';
import { toFloat64, upperBound } from './numeric.js';

/** What {@link PathSet.at} reads for an unknown group (an array entry: see `padded`). */
const NO_PATH = Float64Array.of(NaN);

// Loops over a path are module functions, not closures made in the constructor: V8 keeps a module
// function's optimised code from run to run, while a closure made afresh for each run's paths is
// compiled again every few runs (measured in a sweep worker).

/**
 * The filled values of `v` after one leading entry (see `PathSet.padded`). Carries the last finite
 * value forward through the array itself: a double carried in a loop variable is boxed on every
 * change when the loop runs as on-stack-replaced code.
 */
function padded(v: Float64Array, clampStart: boolean): Float64Array {
  const f = new Float64Array(v.length + 1);
  f[0] = NaN;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    f[i + 1] = Number.isFinite(x) ? x : f[i]!;
  }
  if (clampStart && v.length > 0) f[0] = f[1]!;
  return f;
}

/** The step of regularly spaced sample times (t_i = t_0 + i * step); 0 if they are not, 1 for fewer than two samples. */
function regularStep(t: Float64Array): number {
  let step = t.length > 1 ? t[1]! - t[0]! : 1;
  if (!(step > 0)) step = 0;
  for (let i = 1; i < t.length && step > 0; i++) if (t[i]! !== t[0]! + i * step) step = 0;
  return step;
}

/** Sampled paths, one per key (a market for truth; a `venue|market` pair for mids). */
export class PathSet {
  /** Keys, by group index. */
  readonly keys: string[];
  /** Group index of each key. */
  readonly index: Map<string, number>;
  /** Sample times per group (non-decreasing). */
  readonly times: Float64Array[];
  /** Raw sampled values per group (may contain NaN). */
  readonly raw: Float64Array[];
  /** Values with NaN replaced by the last finite value before it (NaN before the first). */
  readonly filled: Float64Array[];
  /**
   * Per group, the filled values after one leading entry: what a time before the first sample
   * reads (the first sample when `clampStart`, else NaN). `filled[g]` is a view of it from index 1.
   * {@link PathSet.at} reads only array entries, never a `NaN` literal: in an optimised per-row loop
   * a returned `NaN` literal merged with a loaded double is boxed, one heap number per row.
   */
  private readonly padded: Float64Array[];
  private readonly start: Float64Array;
  private readonly step: Float64Array;

  /**
   * @param keys - group keys
   * @param times - sample times per group
   * @param raw - sample values per group
   * @param clampStart - whether a time before the first sample reads the first sample (truth) or NaN (mids)
   * @param parts - the ids a key is made of, per group (e.g. `[venue, market]` for mids)
   */
  constructor(
    keys: string[],
    times: Float64Array[],
    raw: Float64Array[],
    readonly clampStart: boolean,
    readonly parts: string[][] = keys.map((k) => [k]),
  ) {
    this.keys = keys;
    this.index = new Map(keys.map((k, i) => [k, i]));
    this.times = times;
    this.raw = raw;
    this.padded = raw.map((v) => padded(v, clampStart));
    this.filled = this.padded.map((f) => f.subarray(1));
    this.start = new Float64Array(keys.length);
    this.step = new Float64Array(keys.length);
    // A regularly sampled path (t_i = t_0 + i * step) is read by direct index.
    for (let g = 0; g < times.length; g++) {
      const t = times[g]!;
      this.start[g] = t.length > 0 ? t[0]! : 0;
      this.step[g] = regularStep(t);
    }
  }

  /** Index of the last sample at or before `s` in group `g` (-1 if none). */
  sampleIndex(g: number, s: number): number {
    const t = this.times[g]!;
    const n = t.length;
    if (n === 0) return -1;
    const step = this.step[g]!;
    if (step > 0) {
      const i = Math.floor((s - this.start[g]!) / step);
      return i < 0 ? -1 : i >= n ? n - 1 : i;
    }
    return upperBound(t, s) - 1;
  }

  /**
   * Value of group `g` at time `s`: the last (finite, for mids) sample at or before `s`; the last
   * sample for times after the path's end; before the first sample, the first sample if
   * `clampStart`, else NaN.
   */
  at(g: number, s: number): number {
    if (g < 0) return NO_PATH[0]!;
    return this.padded[g]![this.sampleIndex(g, s) + 1]!;
  }

  /** The last finite value of group `g` (NaN if none). */
  last(g: number): number {
    if (g < 0) return NaN;
    const f = this.filled[g]!;
    return f.length > 0 ? f[f.length - 1]! : NaN;
  }

  /** Group index of a key (-1 if unknown). */
  group(key: string): number {
    return this.index.get(key) ?? -1;
  }
}

function buildPaths(codes: Int32Array, levels: string[], t: Float64Array, v: Float64Array, clampStart: boolean, parts?: string[][]): PathSet {
  const g = levels.length;
  const counts = new Int32Array(g);
  for (let i = 0; i < codes.length; i++) counts[codes[i]!]!++;
  const times = [...counts].map((c) => new Float64Array(c));
  const raw = [...counts].map((c) => new Float64Array(c));
  const pos = new Int32Array(g);
  let sorted = true;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    const k = pos[c]!++;
    times[c]![k] = t[i]!;
    raw[c]![k] = v[i]!;
    if (k > 0 && times[c]![k - 1]! > t[i]!) sorted = false;
  }
  if (!sorted) {
    for (let c = 0; c < g; c++) {
      const order = [...times[c]!.keys()].sort((a, b) => times[c]![a]! - times[c]![b]! || a - b);
      const tc = times[c]!;
      const rc = raw[c]!;
      const ts = new Float64Array(order.length);
      const rs = new Float64Array(order.length);
      for (let j = 0; j < order.length; j++) {
        ts[j] = tc[order[j]!]!;
        rs[j] = rc[order[j]!]!;
      }
      times[c] = ts;
      raw[c] = rs;
    }
  }
  return new PathSet(levels, times, raw, clampStart, parts);
}

/** The truth path of each market (fair value in price ticks), keyed by market id. */
export function truthPaths(record: RunRecord): PathSet {
  const n = rowCount(record.truth);
  const market = columnFactor(record.truth, 'market', n);
  return buildPaths(market.codes, market.levels, toFloat64(record.truth.t as ArrayLike<number>, n), toFloat64(record.truth.fair as ArrayLike<number>, n), true);
}

/** The mid path of each venue and market, keyed by `venue|market` (see {@link joinKey}). */
export function midPaths(record: RunRecord): PathSet {
  const n = rowCount(record.mids);
  const venue = columnFactor(record.mids, 'venue', n);
  const market = columnFactor(record.mids, 'market', n);
  const vm = factorizePair(venue, market);
  const parts: string[][] = new Array<string[]>(vm.levels.length);
  for (let i = 0; i < n; i++) parts[vm.codes[i]!] ??= [venue.levels[venue.codes[i]!]!, market.levels[market.codes[i]!]!];
  return buildPaths(vm.codes, vm.levels, toFloat64(record.mids.t as ArrayLike<number>, n), toFloat64(record.mids.mid as ArrayLike<number>, n), false, parts);
}
