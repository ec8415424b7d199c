/**
 * Paired statistics across seeds. Every comparison pairs a treatment cell with its control cell
 * (the same cell but for the compared axis) seed by seed, so per-seed noise shared by both arms
 * (common random numbers) cancels out.
 * @module
 */
import { createRequire } from 'node:module';
import type { MetricRow } from '@venuelab/kernel';
import type { Axis, Cell, SweepSpec } from './sweep-spec.js';

/** The metric rows of one run. */
export interface RunRows {
  /** Cell id. */
  cell: string;
  /** Seed. */
  seed: number;
  /** Metric rows. */
  rows: MetricRow[];
}

/** Mean and spread of one metric in one cell. */
export interface CellStat {
  cell: string;
  metric: string;
  scope: string;
  key: string;
  horizon: number | null;
  /** Seeds with a value. */
  n: number;
  mean: number;
  /** Sample standard deviation (NaN when n < 2). */
  sd: number;
  /** Standard error of the mean (NaN when n < 2). */
  sem: number;
}

/** One paired comparison of one metric. */
export interface PairedStat {
  comparison: string;
  axis: string;
  control: string;
  treatment: string;
  /** Cell of the treatment. */
  cell: string;
  /** Cell of the control. */
  controlCell: string;
  metric: string;
  scope: string;
  key: string;
  horizon: number | null;
  /** Seeds present in both arms. */
  n: number;
  meanTreatment: number;
  meanControl: number;
  /** Mean of (treatment - control) over seeds. */
  meanDiff: number;
  /** Standard deviation of the paired differences. */
  sdDiff: number;
  /** Standard error of the mean difference. */
  sem: number;
  /** meanDiff / sem. */
  t: number;
  /** 95% confidence interval of the mean difference (Student t, n - 1 degrees of freedom). */
  ciLow: number;
  ciHigh: number;
  /** Share of seeds whose difference is an improvement (direction from `sweep.better`, default higher). */
  shareImproved: number;
  /** Direction used. */
  better: 'higher' | 'lower';
}

let quantile: ((p: number, df: number) => number) | undefined;

/**
 * The `p` quantile of Student's t distribution with `df` degrees of freedom
 * (`@stdlib/stats-base-dists-t-quantile`, loaded on first use: its modules take about 0.2 s to
 * load, which a sweep needs only once its runs are done).
 */
export function tQuantile(p: number, df: number): number {
  quantile ??= createRequire(import.meta.url)('@stdlib/stats-base-dists-t-quantile') as (p: number, df: number) => number;
  return quantile(p, df);
}

const rowKey = (r: RowKey) => `${r.metric}\u0000${r.scope}\u0000${r.key}\u0000${r.horizon ?? ''}`;

/** Mean, standard deviation and SEM of a sample. */
export function describe(xs: ArrayLike<number>): { n: number; mean: number; sd: number; sem: number } {
  return describeRange(xs, 0, xs.length);
}

/** {@link describe} of `xs[from .. to)`. */
function describeRange(xs: ArrayLike<number>, from: number, to: number): { n: number; mean: number; sd: number; sem: number } {
  const n = to - from;
  if (n === 0) return { n, mean: NaN, sd: NaN, sem: NaN };
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i]!;
  const mean = s / n;
  if (n < 2) return { n, mean, sd: NaN, sem: NaN };
  let ss = 0;
  for (let i = from; i < to; i++) ss += (xs[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  return { n, mean, sd, sem: sd / Math.sqrt(n) };
}

/** Which metric row: metric, scope, key and horizon (a metric row without its value). */
export type RowKey = Omit<MetricRow, 'value'>;

/** One treatment cell paired with its control cell under one comparison. */
interface Pair {
  comparison: string;
  axis: string;
  control: string;
  treatment: string;
  t: number;
  c: number;
}

/**
 * Cell and paired statistics of a sweep, fed one metric row key at a time, so a sweep of millions
 * of metric rows is summarised without holding them: each {@link SweepStats.add} gets the values
 * of one row key in every cell and seed, ordered by cell (in the sweep's order) and then seed.
 * Sums run over seeds in ascending order, so the results do not depend on the order in which runs
 * finished.
 */
export class SweepStats {
  private readonly pairs: Pair[] = [];
  private readonly perCell: CellStat[][];
  private readonly perPair: PairedStat[][];
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private d = new Float64Array(64);
  private tv = new Float64Array(64);
  private cv = new Float64Array(64);

  /**
   * @param cells - the sweep's cells, in order (cell indices passed to `add` index this array)
   * @param axes - the sweep's axes
   * @param spec - the sweep's comparisons and better-directions
   */
  constructor(
    private readonly cells: readonly Pick<Cell, 'id' | 'labels'>[],
    axes: readonly Axis[],
    private readonly spec: Pick<SweepSpec, 'comparisons' | 'better'>,
  ) {
    for (const c of spec.comparisons) {
      const axis = axes.find((a) => a.name === c.axis)!;
      const treatments = c.treatments ?? axis.values.map((v) => v.label).filter((l) => l !== c.control);
      const name = c.name ?? `${c.axis}: vs ${c.control}`;
      for (const [t, cell] of cells.entries()) {
        const lab = cell.labels[c.axis];
        if (lab === undefined || !treatments.includes(lab)) continue;
        const ctl = cells.findIndex((o) => o.labels[c.axis] === c.control && Object.entries(cell.labels).every(([a, l]) => a === c.axis || o.labels[a] === l));
        if (ctl >= 0) this.pairs.push({ comparison: name, axis: c.axis, control: c.control, treatment: lab, t, c: ctl });
      }
    }
    this.perCell = cells.map(() => []);
    this.perPair = this.pairs.map(() => []);
    this.from = new Int32Array(cells.length);
    this.to = new Int32Array(cells.length);
  }

  /**
   * Adds the values of one row key.
   * @param row - the row key
   * @param cell - cell index of each value
   * @param seed - seed of each value
   * @param value - the values
   * @param n - how many values (entries `0 .. n-1` of the three arrays), ordered by cell index,
   *   then seed; where a seed repeats within a cell, the last of its values is the one paired
   */
  add(row: RowKey, cell: ArrayLike<number>, seed: ArrayLike<number>, value: ArrayLike<number>, n: number): void {
    const { from, to } = this;
    from.fill(0);
    to.fill(0);
    for (let i = 0; i < n; ) {
      const c = cell[i]!;
      let j = i + 1;
      while (j < n && cell[j] === c) j++;
      from[c] = i;
      to[c] = j;
      i = j;
    }
    for (let c = 0; c < this.cells.length; c++) {
      if (to[c]! > from[c]!) this.perCell[c]!.push({ cell: this.cells[c]!.id, ...rowOf(row), ...describeRange(value, from[c]!, to[c]!) });
    }
    for (let p = 0; p < this.pairs.length; p++) {
      const pair = this.pairs[p]!;
      const k = this.pairSeeds(pair, seed, value);
      if (k > 0) this.perPair[p]!.push(this.pairedStat(pair, row, k)); // no row where no seed is in both arms
    }
  }

  /**
   * Fills tv / cv / d with the values of the seeds present in both arms (ascending seed, the last
   * value of a repeated seed) and returns how many.
   */
  private pairSeeds(pair: Pair, seed: ArrayLike<number>, value: ArrayLike<number>): number {
    let i = this.from[pair.t]!;
    const iEnd = this.to[pair.t]!;
    let j = this.from[pair.c]!;
    const jEnd = this.to[pair.c]!;
    if (this.d.length < iEnd - i) {
      const size = Math.max(iEnd - i, this.d.length * 2);
      this.d = new Float64Array(size);
      this.tv = new Float64Array(size);
      this.cv = new Float64Array(size);
    }
    let k = 0;
    while (i < iEnd && j < jEnd) {
      const st = seed[i]!;
      const sc = seed[j]!;
      if (st < sc) i++;
      else if (sc < st) j++;
      else {
        while (i + 1 < iEnd && seed[i + 1] === st) i++;
        while (j + 1 < jEnd && seed[j + 1] === sc) j++;
        const t = value[i]!;
        const c = value[j]!;
        this.tv[k] = t;
        this.cv[k] = c;
        this.d[k++] = t - c;
        i++;
        j++;
      }
    }
    return k;
  }

  private pairedStat(pair: Pair, row: RowKey, k: number): PairedStat {
    const better = this.spec.better[row.metric] ?? 'higher';
    const s = describeRange(this.d, 0, k);
    const tstat = s.sem > 0 ? s.mean / s.sem : s.mean === 0 ? 0 : NaN;
    const q = s.n >= 2 ? tQuantile(0.975, s.n - 1) : NaN;
    let improved = 0;
    for (let i = 0; i < k; i++) if (better === 'higher' ? this.d[i]! > 0 : this.d[i]! < 0) improved++;
    return {
      comparison: pair.comparison,
      axis: pair.axis,
      control: pair.control,
      treatment: pair.treatment,
      cell: this.cells[pair.t]!.id,
      controlCell: this.cells[pair.c]!.id,
      ...rowOf(row),
      n: s.n,
      meanTreatment: describeRange(this.tv, 0, k).mean,
      meanControl: describeRange(this.cv, 0, k).mean,
      meanDiff: s.mean,
      sdDiff: s.sd,
      sem: s.sem,
      t: tstat,
      ciLow: s.mean - q * s.sem,
      ciHigh: s.mean + q * s.sem,
      shareImproved: s.n > 0 ? improved / s.n : NaN,
      better,
    };
  }

  /** Per-cell statistics: by cell (sweep order), then row key (the order of `add` calls). */
  cellStats(): CellStat[] {
    return this.perCell.flat();
  }

  /** Paired statistics: by comparison, then treatment cell (sweep order), then row key (the order of `add` calls). */
  pairedStats(): PairedStat[] {
    return this.perPair.flat();
  }
}

const rowOf = (r: RowKey): RowKey => ({ metric: r.metric, scope: r.scope, key: r.key, horizon: r.horizon });

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Orders row keys by metric, scope, key, then horizon (none first). */
export function compareRowKeys(a: RowKey, b: RowKey): number {
  return cmpStr(a.metric, b.metric) || cmpStr(a.scope, b.scope) || cmpStr(a.key, b.key) || (a.horizon === null ? (b.horizon === null ? 0 : -1) : b.horizon === null ? 1 : a.horizon - b.horizon);
}

/** Feeds runs held in memory to a {@link SweepStats}, row key by row key in {@link compareRowKeys} order. */
function feed(stats: SweepStats, runs: readonly RunRows[], cellIndex: ReadonlyMap<string, number>): void {
  const groups = new Map<string, { row: RowKey; entries: { cell: number; seed: number; value: number }[] }>();
  for (const r of runs) {
    const cell = cellIndex.get(r.cell);
    if (cell === undefined) continue;
    for (const m of r.rows) {
      const k = rowKey(m);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { row: m, entries: [] }));
      g.entries.push({ cell, seed: r.seed, value: m.value });
    }
  }
  for (const g of [...groups.values()].sort((a, b) => compareRowKeys(a.row, b.row))) {
    const e = g.entries.sort((a, b) => a.cell - b.cell || a.seed - b.seed); // stable: a repeated seed keeps its order
    stats.add(
      g.row,
      e.map((x) => x.cell),
      e.map((x) => x.seed),
      e.map((x) => x.value),
      e.length,
    );
  }
}

/** Per-cell mean and SEM of every metric row key (cells in order of first appearance in `runs`). */
export function cellStats(runs: RunRows[]): CellStat[] {
  const ids = [...new Set(runs.map((r) => r.cell))];
  const stats = new SweepStats(
    ids.map((id) => ({ id, labels: {} })),
    [],
    { comparisons: [], better: {} },
  );
  feed(stats, runs, new Map(ids.map((id, i) => [id, i])));
  return stats.cellStats();
}

/** Paired statistics of every comparison of a sweep. */
export function pairedStats(runs: RunRows[], cells: Cell[], axes: Axis[], spec: SweepSpec): PairedStat[] {
  const stats = new SweepStats(cells, axes, spec);
  feed(stats, runs, new Map(cells.map((c, i) => [c.id, i])));
  return stats.pairedStats();
}
