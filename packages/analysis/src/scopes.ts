/**
 * Scopes and tidy rows: grouping legs (or any rows) by `all`, `role`, `agent`, `venue` or
 * `market`, compensated sums per group, and a sink that keeps only finite values (an empty group
 * gives no row rather than NaN).
 * @module
 */
import { z, type MetricRow, type MetricScope } from '@venuelab/kernel';
import type { Factor } from './factor.js';
import type { LegView } from './legs.js';
import { sortedIndex } from './numeric.js';

/** Every scope, in report order. */
export const ALL_SCOPES: readonly MetricScope[] = ['all', 'role', 'agent', 'venue', 'market'];

/** Config field: which scopes a metric reports (default: all five). */
export function scopesField(scopes: readonly MetricScope[] = ALL_SCOPES) {
  return z
    .array(z.enum(['all', 'role', 'agent', 'venue', 'market']))
    .default([...scopes])
    .describe('scopes to report: all, role, agent, venue, market');
}

/** Config field: a list of horizons in ticks. */
export function horizonsField(defaults: number[]) {
  return z.array(z.number().int().nonnegative()).min(1).default(defaults).describe('horizons D in ticks');
}

/** Rows grouped for one scope: `codes` null means one group (`all`, key ''). */
export interface Grouping {
  /** The scope. */
  readonly scope: MetricScope;
  /** Group of each row, or null for the single group of scope `all`. */
  readonly codes: Int32Array | null;
  /** Key of each group. */
  readonly levels: string[];
}

/** A grouping from a factor. */
export function groupingOf(scope: MetricScope, factor: Factor | null): Grouping {
  return factor ? { scope, codes: factor.codes, levels: factor.levels } : { scope, codes: null, levels: [''] };
}

/** Groupings of the legs for the given scopes. */
export function legGroupings(legs: LegView, scopes: readonly MetricScope[]): Grouping[] {
  const of: Record<MetricScope, Factor | null> = { all: null, role: legs.role, agent: legs.agent, venue: legs.venue, market: legs.market };
  return ALL_SCOPES.filter((s) => scopes.includes(s)).map((s) => groupingOf(s, of[s]));
}

/** Sums and counts per group. */
export interface GroupTotals {
  /** Number of rows included per group. */
  readonly count: Float64Array;
  /** Sum of the included values per group. */
  readonly total: Float64Array;
  /** Sum of group `g`. */
  sum(g: number): number;
}

/**
 * Plain sums of `values[c]` into `groups` bins by `codes[c]` (over the first `codes.length` entries):
 * rolls per-cell totals up to the groups of a scope. A module function, so a metric that calls it
 * once per scope does not make (and V8 does not recompile, run after run) a closure for it.
 */
export function sumByCode(values: ArrayLike<number>, codes: ArrayLike<number>, groups: number): Float64Array {
  const out = new Float64Array(groups);
  for (let c = 0; c < codes.length; c++) out[codes[c]!]! += values[c]!;
  return out;
}

/**
 * Sums of `values` per group over rows where the value is not NaN and (when given) `mask[i]` is
 * non-zero. Plain double sums (use `GroupSums` where cancellation matters).
 */
export function sumBy(g: Grouping, values: Float64Array, mask?: Uint8Array): GroupTotals {
  const G = g.levels.length;
  const total = new Float64Array(G);
  const count = new Float64Array(G);
  const codes = g.codes;
  const n = values.length;
  if (codes === null) {
    let s = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (v !== v || (mask !== undefined && mask[i] === 0)) continue;
      s += v;
      c++;
    }
    total[0] = s;
    count[0] = c;
  } else {
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (v !== v || (mask !== undefined && mask[i] === 0)) continue;
      const k = codes[i]!;
      total[k]! += v;
      count[k]!++;
    }
  }
  return { count, total, sum: (k) => total[k]! };
}

/** Collects metric rows, dropping non-finite values (so empty groups give no row). */
export class RowSink {
  /** Rows collected. */
  readonly rows: MetricRow[] = [];

  /** Adds one row if the value is finite. */
  add(metric: string, scope: MetricScope, key: string, horizon: number | null, value: number): void {
    if (Number.isFinite(value)) this.rows.push({ metric, scope, key, horizon, value: value === 0 ? 0 : value });
  }

  /** Adds one row per group with at least one value: `value(g)` for each group index `g`. */
  addGroups(metric: string, grouping: Grouping, horizon: number | null, counts: ArrayLike<number>, value: (g: number) => number): void {
    for (let g = 0; g < grouping.levels.length; g++) {
      if (counts[g]! > 0) this.add(metric, grouping.scope, grouping.levels[g]!, horizon, value(g));
    }
  }
}

/** Weighted means per group. */
export interface GroupMeans {
  /** Number of rows included per group. */
  readonly count: Float64Array;
  /** Weighted mean of group `g` (NaN when its weight is zero). */
  mean(g: number): number;
  /** Total weight of group `g`. */
  weight(g: number): number;
}

/**
 * Weighted means of `values` per group: `sum(w * v) / sum(w)` over rows where the value is not NaN
 * and (when given) `mask[i]` is non-zero.
 */
export function weightedMeanBy(g: Grouping, values: Float64Array, weights: Float64Array, mask?: Uint8Array): GroupMeans {
  const G = g.levels.length;
  const num = new Float64Array(G);
  const den = new Float64Array(G);
  const count = new Float64Array(G);
  const codes = g.codes;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== v || (mask !== undefined && mask[i] === 0)) continue;
    const k = codes === null ? 0 : codes[i]!;
    const w = weights[i]!;
    num[k]! += w * v;
    den[k]! += w;
    count[k]!++;
  }
  return {
    count,
    mean: (k) => (den[k]! > 0 ? num[k]! / den[k]! : NaN),
    weight: (k) => den[k]!,
  };
}

/** Indices of the rows of each group (for quantiles), skipping rows where `mask[i]` is zero. */
export function rowsBy(g: Grouping, n: number, mask?: ArrayLike<number>): Int32Array[] {
  const counts = new Int32Array(g.levels.length);
  const codes = g.codes;
  for (let i = 0; i < n; i++) if (!mask || mask[i]) counts[codes ? codes[i]! : 0]!++;
  const out = Array.from(counts, (c) => new Int32Array(c));
  const pos = new Int32Array(g.levels.length);
  for (let i = 0; i < n; i++) {
    if (mask && !mask[i]) continue;
    const k = codes ? codes[i]! : 0;
    out[k]![pos[k]!++] = i;
  }
  return out;
}

/**
 * Weighted quantiles per group (the lower quantile, as {@link weightedQuantile}) from the indices
 * of the rows in ascending order of value ({@link sortedIndex}). Returns one array per `p`, with
 * NaN for groups without weight.
 */
export function quantilesBy(g: Grouping, values: ArrayLike<number>, weights: ArrayLike<number>, order: ArrayLike<number>, ps: readonly number[]): Float64Array[] {
  const G = g.levels.length;
  const P = ps.length;
  const codes = g.codes;
  const total = new Float64Array(G);
  for (let j = 0; j < order.length; j++) {
    const i = order[j]!;
    total[codes === null ? 0 : codes[i]!]! += weights[i]!;
  }
  const rank = ps.map((p, k) => ({ p, k })).sort((a, b) => a.p - b.p);
  // thresholds[k * P + r]: cumulative weight at which the r-th smallest quantile of group k is reached.
  const thresholds = new Float64Array(G * P);
  for (let k = 0; k < G; k++) for (let r = 0; r < P; r++) thresholds[k * P + r] = rank[r]!.p * total[k]! - 1e-12 * total[k]!;
  const found = new Float64Array(G * P).fill(NaN);
  const acc = new Float64Array(G);
  const next = new Int32Array(G);
  for (let j = 0; j < order.length; j++) {
    const i = order[j]!;
    const w = weights[i]!;
    if (!(w > 0)) continue;
    const k = codes === null ? 0 : codes[i]!;
    const a = (acc[k]! += w);
    let r = next[k]!;
    if (r >= P) continue;
    while (r < P && a >= thresholds[k * P + r]!) found[k * P + r++] = values[i]!;
    next[k] = r;
  }
  const out = ps.map(() => new Float64Array(G).fill(NaN));
  for (let k = 0; k < G; k++) for (let r = 0; r < P; r++) out[rank[r]!.k]![k] = found[k * P + r]!;
  return out;
}

/**
 * Several groupings of the same rows fused for one-pass accumulation: group `k` of grouping `j`
 * has the flat index `offsets[j] + k`; `codes[j]` is that grouping's code per row (zeros for `all`).
 */
export interface FusedGroupings {
  /** The groupings. */
  readonly groupings: Grouping[];
  /** Code per row, per grouping. */
  readonly codes: Int32Array[];
  /** Flat index of each grouping's first group. */
  readonly offsets: Int32Array;
  /** Total number of groups. */
  readonly size: number;
}

/** Fuses groupings of `n` rows. */
export function fuseGroupings(groupings: Grouping[], n: number): FusedGroupings {
  let zeros: Int32Array | undefined;
  const codes = groupings.map((g) => g.codes ?? (zeros ??= new Int32Array(n)));
  const offsets = new Int32Array(groupings.length);
  let size = 0;
  groupings.forEach((g, j) => {
    offsets[j] = size;
    size += g.levels.length;
  });
  return { groupings, codes, offsets, size };
}

/** Flat per-group accumulators of {@link fusedMeans}. */
export interface FusedMeans {
  /** Rows included per flat group. */
  readonly count: Float64Array;
  /** Sum of weights per flat group. */
  readonly weight: Float64Array;
  /** Sum of weight times value per flat group. */
  readonly sum: Float64Array;
}

/**
 * One pass over the rows accumulating, for every group of every fused grouping, the count, the
 * sum of weights and the weighted sum of `values` (rows with NaN values, or a zero in the
 * grouping's mask, are skipped). `masks[j]` (optional per grouping) selects rows for grouping `j`.
 */
export function fusedMeans(f: FusedGroupings, values: Float64Array, weights: Float64Array | null, masks?: readonly (Uint8Array | undefined)[]): FusedMeans {
  const count = new Float64Array(f.size);
  const weight = new Float64Array(f.size);
  const sum = new Float64Array(f.size);
  const J = f.codes.length;
  const n = values.length;
  const anyMask = masks !== undefined && masks.some((m) => m !== undefined);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    const w = weights === null ? 1 : weights[i]!;
    for (let j = 0; j < J; j++) {
      if (anyMask) {
        const m = masks![j];
        if (m !== undefined && m[i] === 0) continue;
      }
      const k = f.offsets[j]! + f.codes[j]![i]!;
      count[k]!++;
      weight[k]! += w;
      sum[k]! += w * v;
    }
  }
  return { count, weight, sum };
}

/** Adds one row per group of every fused grouping with a positive count: `value(flatIndex)`. */
export function addFused(sink: RowSink, f: FusedGroupings, metric: string, horizon: number | null, count: Float64Array, value: (k: number) => number): void {
  f.groupings.forEach((g, j) => {
    const off = f.offsets[j]!;
    for (let k = 0; k < g.levels.length; k++) if (count[off + k]! > 0) sink.add(metric, g.scope, g.levels[k]!, horizon, value(off + k));
  });
}

/**
 * {@link quantilesBy} for several groupings in one pass over the sorted rows. Returns, per
 * grouping, one array per `p`.
 */
export function quantilesByAll(groupings: readonly Grouping[], values: ArrayLike<number>, weights: ArrayLike<number>, order: ArrayLike<number>, ps: readonly number[]): Float64Array[][] {
  const J = groupings.length;
  const P = ps.length;
  const offsets = new Int32Array(J + 1);
  groupings.forEach((g, j) => (offsets[j + 1] = offsets[j]! + g.levels.length));
  const S = offsets[J]!;
  const codes = groupings.map((g) => g.codes);
  const total = new Float64Array(S);
  for (let x = 0; x < order.length; x++) {
    const i = order[x]!;
    const w = weights[i]!;
    for (let j = 0; j < J; j++) total[offsets[j]! + (codes[j] === null ? 0 : codes[j]![i]!)]! += w;
  }
  const rank = ps.map((p, k) => ({ p, k })).sort((a, b) => a.p - b.p);
  const thresholds = new Float64Array(S * P);
  for (let k = 0; k < S; k++) for (let r = 0; r < P; r++) thresholds[k * P + r] = rank[r]!.p * total[k]! - 1e-12 * total[k]!;
  const found = new Float64Array(S * P).fill(NaN);
  const acc = new Float64Array(S);
  const next = new Int32Array(S);
  for (let x = 0; x < order.length; x++) {
    const i = order[x]!;
    const w = weights[i]!;
    if (!(w > 0)) continue;
    const v = values[i]!;
    for (let j = 0; j < J; j++) {
      const k = offsets[j]! + (codes[j] === null ? 0 : codes[j]![i]!);
      const a = (acc[k]! += w);
      let r = next[k]!;
      if (r >= P) continue;
      while (r < P && a >= thresholds[k * P + r]!) found[k * P + r++] = v;
      next[k] = r;
    }
  }
  return groupings.map((g, j) =>
    ps.map((_p, pi) => {
      const r = rank.findIndex((x) => x.k === pi);
      return Float64Array.from({ length: g.levels.length }, (_, k) => found[(offsets[j]! + k) * P + r]!);
    }),
  );
}

/** Largest histogram (groups x distinct values, summed over groupings) {@link weightedQuantilesByAll} builds. */
const HISTOGRAM_CELLS = 4_000_000;

/**
 * Weighted lower quantiles (as {@link quantilesBy}) of `values` per group of every grouping, over
 * the rows with a finite value, a positive weight and (when given) a non-zero `mask`. Returns, per
 * grouping, one array per `p` (NaN for groups without weight).
 *
 * When the values are non-negative integers (ticks, lots) with a small range, it counts weight per
 * (group, value) in one sequential pass and reads the quantiles off the cumulative histograms;
 * otherwise it sorts the rows ({@link sortedIndex}) and uses {@link quantilesByAll}. Both give the
 * same quantiles (exactly so for integer weights, whose sums are exact).
 */
export function weightedQuantilesByAll(groupings: readonly Grouping[], values: ArrayLike<number>, weights: ArrayLike<number>, ps: readonly number[], mask?: ArrayLike<number>): Float64Array[][] {
  const n = values.length;
  let max = 0;
  let integral = true;
  for (let i = 0; i < n && integral; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v) || (mask && !mask[i])) continue;
    if (v < 0 || !Number.isInteger(v)) integral = false;
    else if (v > max) max = v;
  }
  const V = max + 1;
  let cells = 0;
  for (const g of groupings) cells += g.levels.length * V;
  if (!integral || cells > HISTOGRAM_CELLS) return quantilesByAll(groupings, values, weights, sortedIndex(values, mask), ps);
  return groupings.map((g) => histogramQuantiles(g, values, weights, ps, V, mask));
}

/**
 * {@link weightedQuantilesByAll} for one grouping of integer values in [0, V): counts weight per
 * (group, value), then reads the quantiles off the cumulative histograms. A module function rather
 * than a closure made per call, so V8 keeps its optimised code from run to run.
 */
function histogramQuantiles(g: Grouping, values: ArrayLike<number>, weights: ArrayLike<number>, ps: readonly number[], V: number, mask?: ArrayLike<number>): Float64Array[] {
  const n = values.length;
  const P = ps.length;
  const G = g.levels.length;
  const hist = new Float64Array(G * V);
  const codes = g.codes;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const w = weights[i]!;
    if (!(w > 0) || !Number.isFinite(v) || (mask && !mask[i])) continue;
    hist[(codes === null ? 0 : codes[i]!) * V + v]! += w;
  }
  const out = ps.map(() => new Float64Array(G).fill(NaN));
  const order = ps.map((p, k) => ({ p, k })).sort((a, b) => a.p - b.p);
  for (let k = 0; k < G; k++) {
    let total = 0;
    for (let v = 0; v < V; v++) total += hist[k * V + v]!;
    if (!(total > 0)) continue;
    let acc = 0;
    let r = 0;
    for (let v = 0; v < V && r < P; v++) {
      const w = hist[k * V + v]!;
      if (w === 0) continue;
      acc += w;
      while (r < P && acc >= order[r]!.p * total - 1e-12 * total) out[order[r++]!.k]![k] = v;
    }
  }
  return out;
}
