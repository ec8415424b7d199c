/**
 * Paired statistics across seeds. Every comparison pairs a treatment cell with its control cell
 * (the same cell but for the compared axis) seed by seed, so per-seed noise shared by both arms
 * (common random numbers) cancels out.
 * @module
 */
import quantile from '@stdlib/stats-base-dists-t-quantile';
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

const rowKey = (r: { metric: string; scope: string; key: string; horizon: number | null }) => `${r.metric}\u0000${r.scope}\u0000${r.key}\u0000${r.horizon ?? ''}`;

/** Mean, standard deviation and SEM of a sample. */
export function describe(xs: number[]): { n: number; mean: number; sd: number; sem: number } {
  const n = xs.length;
  if (n === 0) return { n, mean: NaN, sd: NaN, sem: NaN };
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / n;
  if (n < 2) return { n, mean, sd: NaN, sem: NaN };
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  return { n, mean, sd, sem: sd / Math.sqrt(n) };
}

/** Per-cell mean and SEM of every metric row key. */
export function cellStats(runs: RunRows[]): CellStat[] {
  const groups = new Map<string, { cell: string; row: MetricRow; values: number[] }>();
  for (const r of runs) {
    for (const m of r.rows) {
      const k = `${r.cell}\u0001${rowKey(m)}`;
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { cell: r.cell, row: m, values: [] }));
      g.values.push(m.value);
    }
  }
  return [...groups.values()].map(({ cell, row, values }) => ({
    cell,
    metric: row.metric,
    scope: row.scope,
    key: row.key,
    horizon: row.horizon,
    ...describe(values),
  }));
}

/** Paired statistics of every comparison of a sweep. */
export function pairedStats(runs: RunRows[], cells: Cell[], axes: Axis[], spec: SweepSpec): PairedStat[] {
  const byCellSeed = new Map<string, Map<number, Map<string, MetricRow>>>();
  for (const r of runs) {
    let bySeed = byCellSeed.get(r.cell);
    if (!bySeed) byCellSeed.set(r.cell, (bySeed = new Map()));
    bySeed.set(r.seed, new Map(r.rows.map((m) => [rowKey(m), m])));
  }
  const out: PairedStat[] = [];
  for (const [ci, c] of spec.comparisons.entries()) {
    const axis = axes.find((a) => a.name === c.axis)!;
    const treatments = c.treatments ?? axis.values.map((v) => v.label).filter((l) => l !== c.control);
    const name = c.name ?? `${c.axis}: vs ${c.control}`;
    for (const cell of cells) {
      const lab = cell.labels[c.axis];
      if (lab === undefined || !treatments.includes(lab)) continue;
      const controlCell = cells.find((o) => o.labels[c.axis] === c.control && Object.entries(cell.labels).every(([a, l]) => a === c.axis || o.labels[a] === l));
      if (!controlCell) continue;
      const tSeeds = byCellSeed.get(cell.id);
      const cSeeds = byCellSeed.get(controlCell.id);
      if (!tSeeds || !cSeeds) continue;
      const diffs = new Map<string, { row: MetricRow; t: number[]; c: number[] }>();
      for (const [seed, tRows] of [...tSeeds.entries()].sort((a, b) => a[0] - b[0])) {
        const cRows = cSeeds.get(seed);
        if (!cRows) continue;
        for (const [k, tr] of tRows) {
          const cr = cRows.get(k);
          if (!cr) continue;
          let d = diffs.get(k);
          if (!d) diffs.set(k, (d = { row: tr, t: [], c: [] }));
          d.t.push(tr.value);
          d.c.push(cr.value);
        }
      }
      for (const { row, t, c: cv } of diffs.values()) {
        const better = spec.better[row.metric] ?? 'higher';
        const d = t.map((x, i) => x - cv[i]!);
        const s = describe(d);
        const tstat = s.sem > 0 ? s.mean / s.sem : s.mean === 0 ? 0 : NaN;
        const q = s.n >= 2 ? quantile(0.975, s.n - 1) : NaN;
        const improved = d.filter((x) => (better === 'higher' ? x > 0 : x < 0)).length;
        out.push({
          comparison: name,
          axis: c.axis,
          control: c.control,
          treatment: lab,
          cell: cell.id,
          controlCell: controlCell.id,
          metric: row.metric,
          scope: row.scope,
          key: row.key,
          horizon: row.horizon,
          n: s.n,
          meanTreatment: describe(t).mean,
          meanControl: describe(cv).mean,
          meanDiff: s.mean,
          sdDiff: s.sd,
          sem: s.sem,
          t: tstat,
          ciLow: s.mean - q * s.sem,
          ciHigh: s.mean + q * s.sem,
          shareImproved: s.n > 0 ? improved / s.n : NaN,
          better,
        });
      }
      void ci;
    }
  }
  return out;
}
