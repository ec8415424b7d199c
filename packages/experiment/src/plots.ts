/**
 * Plots of a sweep, as vega-lite specs rendered to SVG headless (no browser, no network).
 * @module
 */
import type * as vl from 'vega-lite';
import { z } from '@venuelab/kernel';
import { describe, tQuantile, type CellStat, type PairedStat } from './stats.js';
import type { Axis, Cell } from './sweep-spec.js';

/** Selects one metric row per cell: metric name, scope, key and horizon. */
export const MetricRefSchema = z.strictObject({
  metric: z.string(),
  scope: z.enum(['all', 'role', 'agent', 'venue', 'market']).default('all'),
  key: z.string().default(''),
  horizon: z.number().int().nullable().default(null),
  label: z.string().optional().describe('axis title'),
});

/** A metric selector. */
export type MetricRef = z.output<typeof MetricRefSchema>;

const scopeEnum = z.enum(['all', 'role', 'agent', 'venue', 'market']);

/**
 * A distribution plot: the distribution of one metric across the keys of a scope (e.g. the books
 * of a multi-market run), one box per arm and cell, with a paired summary table beside it.
 *
 * ```yaml
 * report:
 *   distributions:
 *     - metric: arena_book_sharpe      # rows of scope market, key "<agent>@<book>"
 *       scope: market
 *       by: agent                      # arms = the part of the key before `separator`
 *       groups: [reference, naive]     # arms shown, in this order (default: every arm found)
 *       control: naive                 # paired differences are arm - control (default: first arm)
 *       summary: { metric: arena_score, scope: agent }   # score per arm (key = the arm)
 * ```
 * `by: cell` makes every cell an arm (keys are the items of the distribution, e.g. every agent of a
 * role) and pairs each cell with its control cell of the sweep's `comparisons`.
 */
export const DistributionSpecSchema = z.strictObject({
  metric: z.string().min(1).describe('metric whose distribution across keys is plotted'),
  scope: scopeEnum.default('market').describe('scope of its rows (must be one of sweep.scopes)'),
  horizon: z.number().int().nullable().default(null).describe('horizon of its rows (null = none)'),
  by: z
    .enum(['agent', 'cell'])
    .default('agent')
    .describe('agent: keys are "<arm><separator><item>" and the arms of one run sit side by side in every cell; cell: every cell is an arm, the whole key is the item'),
  separator: z.string().min(1).default('@').describe('by agent: separator between the arm and the item in a key'),
  groups: z.array(z.string().min(1)).min(1).optional().describe('by agent: the arms shown, in order (default: every arm found, sorted)'),
  control: z.string().optional().describe('by agent: the arm others are paired against (default: the first arm)'),
  summary: z
    .strictObject({
      metric: z.string().min(1),
      scope: scopeEnum.default('agent'),
      key: z.string().optional().describe('row key (default: the arm with by agent, "" with by cell)'),
      horizon: z.number().int().nullable().default(null),
      label: z.string().optional(),
    })
    .optional()
    .describe('a per-run score shown beside the plot: mean +- SEM across seeds and the paired difference against the control'),
  label: z.string().optional().describe('title of the value axis'),
});

/** A distribution plot's spec. */
export type DistributionSpec = z.output<typeof DistributionSpecSchema>;

/** The `sweep.report` section: what the report plots. */
export const ReportSpecSchema = z.strictObject({
  piCurve: z
    .strictObject({
      axis: z.string().describe('the mechanism axis of the grid'),
      tau: z.record(z.string(), z.number().nonnegative()).describe('batch interval of each label on the curve (the continuous anchor is 0)'),
      references: z.array(z.string()).default([]).describe('labels drawn as horizontal reference lines (e.g. amm, hybrid)'),
      protection: MetricRefSchema.describe('the LP-side metric (higher = more protected), e.g. LP truth markout'),
      cost: MetricRefSchema.describe('the immediacy cost metric (higher = worse), e.g. mean submit-to-fill wait'),
      weight: z.number().nonnegative().default(1).describe('weight of the cost in the trade-off protection - weight * cost'),
    })
    .optional(),
  metrics: z.array(MetricRefSchema).default([]).describe('metrics plotted against a 1-D grid, or as heat maps (mean and SEM per cell) over a 2-D grid'),
  distributions: z
    .array(DistributionSpecSchema)
    .default([])
    .describe('distribution plots of a metric across keys (e.g. per-book Sharpe), per arm and cell, with a paired summary table'),
});

/** The report section. */
export type ReportSpec = z.output<typeof ReportSpecSchema>;

/** Renders a vega-lite spec to an SVG string (vega and vega-lite load on first use: about 0.5 s). */
export async function renderSvg(spec: vl.TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const matches = (s: { metric: string; scope: string; key: string; horizon: number | null }, r: MetricRef) =>
  s.metric === r.metric && s.scope === r.scope && s.key === r.key && (s.horizon ?? null) === r.horizon;

const title = (r: MetricRef) => r.label ?? `${r.metric}${r.horizon !== null ? ` @${r.horizon}` : ''}${r.scope !== 'all' ? ` (${r.scope} ${r.key})` : ''}`;

/** One point of the pi-curve. */
export interface PiPoint {
  label: string;
  tau: number;
  protection: number;
  protectionSem: number;
  cost: number;
  costSem: number;
  /** Paired (vs the tau = 0 anchor) protection gain, cost increase and trade-off score, where available. */
  gain: number;
  costIncrease: number;
  score: number;
}

/** The pi-curve's data and the best tau. */
export interface PiCurve {
  points: PiPoint[];
  references: { label: string; protection: number; cost: number }[];
  best: PiPoint | null;
  anchor: string | null;
}

/**
 * Builds the pi-curve from per-cell means and the paired table: for each labelled tau, the
 * protection and cost means with SEM; the trade-off score is the paired protection gain minus
 * `weight` times the paired cost increase against the tau = 0 anchor; the best tau maximises it.
 * Only cells whose other axes sit at their first value are used.
 */
export function piCurveData(spec: NonNullable<ReportSpec['piCurve']>, axes: Axis[], cells: Cell[], stats: CellStat[], paired: PairedStat[]): PiCurve {
  const others = axes.filter((a) => a.name !== spec.axis);
  const onSlice = (c: Cell) => others.every((a) => c.labels[a.name] === a.values[0]!.label);
  const cellOf = (label: string) => cells.find((c) => c.labels[spec.axis] === label && onSlice(c));
  const stat = (cell: Cell | undefined, r: MetricRef) => (cell ? stats.find((s) => s.cell === cell.id && matches(s, r)) : undefined);
  const anchor = Object.entries(spec.tau).find(([, t]) => t === 0)?.[0] ?? null;
  const anchorCell = anchor ? cellOf(anchor) : undefined;
  const pairedFor = (cell: Cell | undefined, r: MetricRef) =>
    cell && anchorCell ? paired.find((p) => p.cell === cell.id && p.controlCell === anchorCell.id && matches(p, r)) : undefined;
  const points: PiPoint[] = [];
  for (const [label, tau] of Object.entries(spec.tau)) {
    const cell = cellOf(label);
    const p = stat(cell, spec.protection);
    const c = stat(cell, spec.cost);
    if (!p || !c) continue;
    const pg = pairedFor(cell, spec.protection);
    const pc = pairedFor(cell, spec.cost);
    const gain = tau === 0 ? 0 : pg ? pg.meanDiff : NaN;
    const costIncrease = tau === 0 ? 0 : pc ? pc.meanDiff : NaN;
    points.push({ label, tau, protection: p.mean, protectionSem: p.sem, cost: c.mean, costSem: c.sem, gain, costIncrease, score: gain - spec.weight * costIncrease });
  }
  points.sort((a, b) => a.tau - b.tau);
  const references = spec.references.flatMap((label) => {
    const cell = cellOf(label);
    const p = stat(cell, spec.protection);
    const c = stat(cell, spec.cost);
    return p && c ? [{ label, protection: p.mean, cost: c.mean }] : [];
  });
  let best: PiPoint | null = null;
  for (const pt of points) if (pt.tau > 0 && Number.isFinite(pt.score) && (!best || pt.score > best.score)) best = pt;
  return { points, references, best, anchor };
}

/** The pi-curve plot: protection and immediacy cost against tau (symlog axis), SEM bars, reference lines, best tau marked. */
export function piCurveSpec(spec: NonNullable<ReportSpec['piCurve']>, curve: PiCurve): vl.TopLevelSpec {
  const panel = (field: 'protection' | 'cost', sem: 'protectionSem' | 'costSem', ytitle: string, color: string): Record<string, unknown> => ({
    width: 520,
    height: 220,
    layer: [
      {
        data: { values: curve.points.map((p) => ({ ...p, lo: p[field] - (Number.isFinite(p[sem]) ? p[sem] : 0), hi: p[field] + (Number.isFinite(p[sem]) ? p[sem] : 0) })) },
        layer: [
          { mark: { type: 'line', color, point: { color, size: 50 } }, encoding: { x: { field: 'tau', type: 'quantitative', scale: { type: 'symlog' }, axis: { values: curve.points.map((p) => p.tau), labelFlush: true }, title: 'batch interval tau (ticks, symlog scale; 0 = continuous CLOB)' }, y: { field, type: 'quantitative', title: ytitle, scale: { zero: false } }, tooltip: [{ field: 'label' }, { field: 'tau' }, { field }, { field: sem }] } },
          { mark: { type: 'rule', color }, encoding: { x: { field: 'tau', type: 'quantitative' }, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
        ],
      },
      ...(curve.references.length > 0
        ? [
            {
              data: { values: curve.references.map((r) => ({ label: r.label, value: r[field] })) },
              layer: [
                { mark: { type: 'rule' as const, strokeDash: [6, 4], color: '#888' }, encoding: { y: { field: 'value', type: 'quantitative' as const } } },
                { mark: { type: 'text' as const, align: 'left' as const, dx: 4, dy: -6, color: '#555' }, encoding: { x: { value: 0 }, y: { field: 'value', type: 'quantitative' as const }, text: { field: 'label' } } },
              ],
            },
          ]
        : []),
      ...(curve.best
        ? [
            {
              data: { values: [{ tau: curve.best.tau, label: `best tau = ${curve.best.tau}` }] },
              layer: [
                { mark: { type: 'rule' as const, color: '#2a9d8f', strokeWidth: 2 }, encoding: { x: { field: 'tau', type: 'quantitative' as const } } },
                { mark: { type: 'text' as const, color: '#2a9d8f', dx: 4, align: 'left' as const }, encoding: { x: { field: 'tau', type: 'quantitative' as const }, y: { value: 10 }, text: { field: 'label' } } },
              ],
            },
          ]
        : []),
    ],
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'pi-curve: protection and immediacy cost against the batch interval', subtitle: `best tau maximises paired protection gain - ${spec.weight} x cost increase (vs tau = 0)` },
    vconcat: [panel('protection', 'protectionSem', title(spec.protection), '#1d3557'), panel('cost', 'costSem', title(spec.cost), '#e76f51')],
    resolve: { scale: { x: 'shared' } },
  } as unknown as vl.TopLevelSpec;
}

/** Mean +- SEM of one metric against the labels of a 1-D axis. */
export function axisMetricSpec(axis: Axis, ref: MetricRef, cells: Cell[], stats: CellStat[]): vl.TopLevelSpec | null {
  const values = axis.values.flatMap((v, i) => {
    const cell = cells.find((c) => c.labels[axis.name] === v.label);
    const s = cell ? stats.find((x) => x.cell === cell.id && matches(x, ref)) : undefined;
    if (!s) return [];
    const sem = Number.isFinite(s.sem) ? s.sem : 0;
    return [{ label: v.label, order: i, mean: s.mean, lo: s.mean - sem, hi: s.mean + sem }];
  });
  if (values.length === 0) return null;
  const x = { field: 'label', type: 'ordinal' as const, sort: { field: 'order' }, title: axis.name };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${title(ref)} by ${axis.name} (mean +- SEM)`,
    width: 520,
    height: 220,
    data: { values },
    layer: [
      { mark: { type: 'line', point: true }, encoding: { x, y: { field: 'mean', type: 'quantitative', title: title(ref), scale: { zero: false } } } },
      { mark: 'rule', encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
    ],
  } as unknown as vl.TopLevelSpec;
}

/** One cell of a metric surface over a 2-D grid. */
export interface SurfacePoint {
  /** Label of the row axis (the grid's first axis). */
  row: string;
  /** Label of the column axis (the grid's second axis). */
  col: string;
  /** Mean across seeds. */
  mean: number;
  /** Standard error of the mean (NaN with one seed). */
  sem: number;
  /** Seeds. */
  n: number;
}

/**
 * One metric's mean and SEM in every cell of a 2-D grid: rows are the labels of `rows` (the first
 * axis), columns those of `cols`. Cells without the metric are left out.
 */
export function surfaceData(rows: Axis, cols: Axis, ref: MetricRef, cells: Cell[], stats: CellStat[]): SurfacePoint[] {
  return rows.values.flatMap((r) =>
    cols.values.flatMap((c) => {
      const cell = cells.find((x) => x.labels[rows.name] === r.label && x.labels[cols.name] === c.label);
      const st = cell ? stats.find((x) => x.cell === cell.id && matches(x, ref)) : undefined;
      return st ? [{ row: r.label, col: c.label, mean: st.mean, sem: st.sem, n: st.n }] : [];
    }),
  );
}

/**
 * A heat map of one metric over a 2-D grid (the score surface of a parameter sweep): one square per
 * cell coloured by the mean across seeds, labelled with the mean and its SEM; the best cell (by
 * `better`) is outlined.
 */
export function surfaceSpec(rows: Axis, cols: Axis, ref: MetricRef, points: SurfacePoint[], better: 'higher' | 'lower' = 'higher'): vl.TopLevelSpec | null {
  if (points.length === 0) return null;
  const means = points.map((p) => p.mean).filter(Number.isFinite);
  const lo = Math.min(...means);
  const hi = Math.max(...means);
  const best = means.length > 0 ? (better === 'higher' ? hi : lo) : NaN;
  const fmt = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(3)).toString() : '-');
  const values = points.map((p) => ({
    ...p,
    rowOrder: rows.values.findIndex((v) => v.label === p.row),
    colOrder: cols.values.findIndex((v) => v.label === p.col),
    text: `${fmt(p.mean)} (${fmt(p.sem)})`,
    best: p.mean === best,
    // viridis runs from dark (low) to light (high): black text on the upper half, white below
    light: hi > lo && p.mean > (lo + hi) / 2,
  }));
  const x = { field: 'col', type: 'ordinal' as const, sort: { field: 'colOrder' }, title: cols.name, axis: { labelAngle: 0 } };
  const y = { field: 'row', type: 'ordinal' as const, sort: { field: 'rowOrder' }, title: rows.name };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${title(ref)} over ${rows.name} x ${cols.name} (mean (SEM) across seeds)`,
    width: Math.max(240, 90 * cols.values.length),
    height: Math.max(160, 50 * rows.values.length),
    data: { values },
    layer: [
      { mark: 'rect', encoding: { x, y, color: { field: 'mean', type: 'quantitative', title: 'mean', scale: { scheme: 'viridis' } } } },
      {
        transform: [{ filter: 'datum.best' }],
        mark: { type: 'rect', fill: null, stroke: '#e4572e', strokeWidth: 3 },
        encoding: { x, y },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: { x, y, text: { field: 'text' }, color: { condition: { test: 'datum.light', value: 'black' }, value: 'white' } },
      },
    ],
  } as unknown as vl.TopLevelSpec;
}

/** One stored metric row of one run (a row of a sweep's `results.csv`). */
export interface ResultRow {
  cell: string;
  seed: number;
  metric: string;
  scope: string;
  key: string;
  horizon: number | null;
  value: number;
}

/** Tukey box statistics of one (cell, arm). */
export interface DistributionBox {
  /** Cell id. */
  cell: string;
  /** Cell label shown on the plot: its label on each axis, joined by ` / `. */
  cellLabel: string;
  /** Arm: the agent (by agent) or the cell label (by cell). */
  arm: string;
  /** Values (keys x seeds). */
  n: number;
  /** Seeds with at least one value. */
  seeds: number;
  /** Distinct items (e.g. books). */
  items: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  /** Whiskers: the most extreme values within 1.5 IQR of the quartiles. */
  lo: number;
  hi: number;
  /** Mean over every value. */
  mean: number;
  /** Share of values below zero. */
  shareNegative: number;
}

/** A paired difference across seeds (arm - control). */
export interface PairedDiff {
  /** Seeds present in both arms. */
  n: number;
  meanDiff: number;
  sem: number;
  t: number;
  ciLow: number;
  ciHigh: number;
}

/** One row of the summary table beside a distribution plot. */
export interface DistributionSummaryRow {
  cell: string;
  arm: string;
  /** The arm it is paired against (null for the control itself or without one). */
  control: string | null;
  /** Per-seed mean of the distribution metric over the items: mean and SEM across seeds. */
  itemMean: number;
  itemMeanSem: number;
  /** Paired difference of the per-seed item means against the control. */
  itemMeanDiff: PairedDiff | null;
  /** The summary metric: mean and SEM across seeds (NaN without a summary). */
  summaryMean: number;
  summarySem: number;
  /** Paired difference of the summary metric against the control. */
  summaryDiff: PairedDiff | null;
}

/** The data of one distribution plot. */
export interface Distribution {
  boxes: DistributionBox[];
  /** Values beyond the whiskers, drawn as points. */
  outliers: { cell: string; cellLabel: string; arm: string; value: number; item: string; seed: number }[];
  summary: DistributionSummaryRow[];
  /** Arms in plot order. */
  arms: string[];
  /** Cell labels in plot order. */
  cellLabels: string[];
}

/** Quantile of sorted values, linear interpolation between order statistics (R type 7). */
export function quantileSorted(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const h = (xs.length - 1) * p;
  const i = Math.floor(h);
  const j = Math.min(xs.length - 1, i + 1);
  return xs[i]! + (h - i) * (xs[j]! - xs[i]!);
}

/** Paired difference (treatment - control) over the seeds both have, with a Student-t 95% CI. */
export function pairedDiff(treatment: Map<number, number>, control: Map<number, number>): PairedDiff | null {
  const d: number[] = [];
  for (const seed of [...treatment.keys()].sort((a, b) => a - b)) {
    const c = control.get(seed);
    if (c !== undefined) d.push(treatment.get(seed)! - c);
  }
  if (d.length === 0) return null;
  const s = describe(d);
  const q = s.n >= 2 ? tQuantile(0.975, s.n - 1) : NaN;
  return { n: s.n, meanDiff: s.mean, sem: s.sem, t: s.sem > 0 ? s.mean / s.sem : s.mean === 0 ? 0 : NaN, ciLow: s.mean - q * s.sem, ciHigh: s.mean + q * s.sem };
}

/**
 * The data of a distribution plot from a sweep's per-run rows: Tukey boxes of the metric's values
 * (items x seeds) per cell and arm, the outliers, and per (cell, arm) the per-seed item mean and the
 * summary metric with their paired differences against the control arm (by agent: the control
 * agent in the same runs; by cell: the control cell of the sweep's comparisons, seed by seed).
 */
export function distributionData(
  spec: DistributionSpec,
  axes: Axis[],
  cells: Cell[],
  comparisons: { axis: string; control: string; treatments?: string[] | undefined }[],
  rows: ResultRow[],
): Distribution {
  // a cell's labels, one per axis ("2 / 0.5" on a 2-D grid; the plot's header names the axes)
  const cellLabel = (c: Cell) => (axes.length === 0 ? c.id : axes.map((a) => c.labels[a.name]!).join(' / '));
  const cellById = new Map(cells.map((c) => [c.id, c]));
  // values[cell][arm] -> { item, seed, value }[]
  const values = new Map<string, Map<string, { item: string; seed: number; value: number }[]>>();
  const found = new Set<string>();
  for (const r of rows) {
    if (r.metric !== spec.metric || r.scope !== spec.scope || (r.horizon ?? null) !== spec.horizon || !cellById.has(r.cell)) continue;
    let arm: string;
    let item: string;
    if (spec.by === 'agent') {
      const i = r.key.indexOf(spec.separator);
      if (i <= 0) continue;
      arm = r.key.slice(0, i);
      item = r.key.slice(i + spec.separator.length);
      if (spec.groups && !spec.groups.includes(arm)) continue;
    } else {
      arm = cellLabel(cellById.get(r.cell)!);
      item = r.key;
    }
    if (!Number.isFinite(r.value)) continue;
    found.add(arm);
    let byArm = values.get(r.cell);
    if (!byArm) values.set(r.cell, (byArm = new Map()));
    let list = byArm.get(arm);
    if (!list) byArm.set(arm, (list = []));
    list.push({ item, seed: r.seed, value: r.value });
  }
  const arms = spec.by === 'agent' ? (spec.groups ?? [...found].sort()) : cells.filter((c) => values.has(c.id)).map(cellLabel);
  const plotted = cells.filter((c) => values.has(c.id));
  const boxes: DistributionBox[] = [];
  const outliers: Distribution['outliers'] = [];
  for (const c of plotted) {
    for (const arm of arms) {
      const list = values.get(c.id)!.get(arm);
      if (!list || list.length === 0) continue;
      const xs = list.map((v) => v.value).sort((a, b) => a - b);
      const q1 = quantileSorted(xs, 0.25);
      const q3 = quantileSorted(xs, 0.75);
      const iqr = q3 - q1;
      const inside = xs.filter((x) => x >= q1 - 1.5 * iqr && x <= q3 + 1.5 * iqr);
      const lo = inside[0]!;
      const hi = inside[inside.length - 1]!;
      let sum = 0;
      for (const x of xs) sum += x;
      boxes.push({
        cell: c.id, cellLabel: cellLabel(c), arm, n: xs.length, seeds: new Set(list.map((v) => v.seed)).size, items: new Set(list.map((v) => v.item)).size,
        min: xs[0]!, q1, median: quantileSorted(xs, 0.5), q3, max: xs[xs.length - 1]!, lo, hi, mean: sum / xs.length,
        shareNegative: xs.filter((x) => x < 0).length / xs.length,
      });
      for (const v of list) if (v.value < lo || v.value > hi) outliers.push({ cell: c.id, cellLabel: cellLabel(c), arm, value: v.value, item: v.item, seed: v.seed });
    }
  }

  // Per-seed series: the item mean of each (cell, arm) and the summary metric.
  const itemMeans = (cell: string, arm: string) => {
    const sums = new Map<number, { s: number; n: number }>();
    for (const v of values.get(cell)?.get(arm) ?? []) {
      const a = sums.get(v.seed) ?? { s: 0, n: 0 };
      a.s += v.value;
      a.n++;
      sums.set(v.seed, a);
    }
    return new Map([...sums].map(([seed, a]) => [seed, a.s / a.n]));
  };
  const sm = spec.summary;
  const summaryIndex = new Map<string, Map<number, number>>();
  if (sm) {
    for (const r of rows) {
      if (r.metric !== sm.metric || r.scope !== sm.scope || (r.horizon ?? null) !== sm.horizon) continue;
      const k = `${r.cell}\u0000${r.key}`;
      let m = summaryIndex.get(k);
      if (!m) summaryIndex.set(k, (m = new Map()));
      m.set(r.seed, r.value);
    }
  }
  const summaryOf = (cell: string, arm: string) => summaryIndex.get(`${cell}\u0000${sm?.key ?? (spec.by === 'agent' ? arm : '')}`) ?? new Map<number, number>();
  const controlOf = (c: Cell, arm: string): { cell: string; arm: string } | null => {
    if (spec.by === 'agent') {
      const control = spec.control ?? arms[0];
      return control === undefined || control === arm ? null : { cell: c.id, arm: control };
    }
    for (const cmp of comparisons) {
      const lab = c.labels[cmp.axis];
      if (lab === undefined || lab === cmp.control || (cmp.treatments && !cmp.treatments.includes(lab))) continue;
      const ctl = cells.find((o) => o.labels[cmp.axis] === cmp.control && Object.entries(c.labels).every(([a, l]) => a === cmp.axis || o.labels[a] === l));
      if (ctl && values.has(ctl.id)) return { cell: ctl.id, arm: cellLabel(ctl) };
    }
    return null;
  };
  const summary: DistributionSummaryRow[] = boxes.map((b) => {
    const c = cellById.get(b.cell)!;
    const im = itemMeans(b.cell, b.arm);
    const ims = describe([...im.values()]);
    const sv = summaryOf(b.cell, b.arm);
    const ss = describe([...sv.values()]);
    const ctl = controlOf(c, b.arm);
    return {
      cell: b.cell,
      arm: b.arm,
      control: ctl ? ctl.arm : null,
      itemMean: ims.mean,
      itemMeanSem: ims.sem,
      itemMeanDiff: ctl ? pairedDiff(im, itemMeans(ctl.cell, ctl.arm)) : null,
      summaryMean: sm ? ss.mean : NaN,
      summarySem: sm ? ss.sem : NaN,
      summaryDiff: ctl && sm ? pairedDiff(sv, summaryOf(ctl.cell, ctl.arm)) : null,
    };
  });
  return { boxes, outliers, summary, arms, cellLabels: plotted.map(cellLabel) };
}

const isFacetted = (spec: DistributionSpec, data: Distribution) => spec.by === 'agent' && data.cellLabels.length > 1;
// Facetted plots name the arm axis once, in the column title, to keep the columns narrow.
const facettedTitle = (spec: DistributionSpec, data: Distribution, title: string) => (isFacetted(spec, data) ? null : title);

const PALETTE = ['#1d3557', '#e76f51', '#2a9d8f', '#e9c46a', '#6d597a', '#8d99ae', '#f4a261', '#264653'];

/**
 * The distribution plot: a Tukey box (quartiles, median tick, whiskers at 1.5 IQR, mean diamond,
 * outlier points) per arm, arms side by side within each cell (by agent: one column per cell).
 * One data set holds `kind: 'box'` rows (one per box) and `kind: 'outlier'` rows.
 */
export function distributionSpec(spec: DistributionSpec, data: Distribution, axisName: string): vl.TopLevelSpec | null {
  if (data.boxes.length === 0) return null;
  const ytitle = spec.label ?? `${spec.metric}${spec.horizon !== null ? ` @${spec.horizon}` : ''} (${spec.scope})`;
  const values = [
    ...data.boxes.map((b) => ({ kind: 'box', ...b })),
    ...data.outliers.map((o) => ({ kind: 'outlier', ...o })),
  ];
  const armTitle = spec.by === 'agent' ? 'agent' : axisName;
  const x = { field: 'arm', type: 'nominal' as const, sort: data.arms, title: facettedTitle(spec, data, armTitle), axis: { labelAngle: -40 } };
  const color = { field: 'arm', type: 'nominal' as const, sort: data.arms, scale: { domain: data.arms, range: data.arms.map((_, i) => PALETTE[i % PALETTE.length]!) }, legend: null };
  const box = (t: string) => [{ filter: `datum.kind === '${t}'` }];
  const y = (field: string) => ({ field, type: 'quantitative' as const, title: ytitle, scale: { zero: false } });
  const layer = [
    { transform: box('box'), mark: { type: 'rule', color: '#444' }, encoding: { x, y: y('lo'), y2: { field: 'hi' } } },
    {
      name: 'quartiles',
      transform: box('box'),
      mark: { type: 'bar', size: 22, stroke: '#222', strokeWidth: 0.8, opacity: 0.85 },
      encoding: {
        x, y: y('q1'), y2: { field: 'q3' }, color,
        tooltip: [{ field: 'cellLabel', title: 'cell' }, { field: 'arm' }, { field: 'n' }, { field: 'min' }, { field: 'q1' }, { field: 'median' }, { field: 'q3' }, { field: 'max' }, { field: 'mean' }],
      },
    },
    { transform: box('box'), mark: { type: 'tick', color: '#fff', size: 22, thickness: 2 }, encoding: { x, y: y('median') } },
    { transform: box('box'), mark: { type: 'point', shape: 'diamond', filled: true, color: '#111', size: 30 }, encoding: { x, y: y('mean') } },
    { transform: box('outlier'), mark: { type: 'point', size: 14, opacity: 0.7 }, encoding: { x, y: y('value'), color, tooltip: [{ field: 'item' }, { field: 'seed' }, { field: 'value' }] } },
  ];
  const subtitle = 'box: quartiles, white tick: median, diamond: mean, whiskers: 1.5 IQR, points: outliers; values pooled over keys and seeds';
  const facetted = isFacetted(spec, data);
  const common = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title: { text: `Distribution of ${ytitle} across keys`, subtitle }, data: { values } };
  const width = Math.max(56, 28 * data.arms.length);
  if (facetted) {
    return {
      ...common,
      facet: { column: { field: 'cellLabel', type: 'nominal', sort: data.cellLabels, title: `${axisName} (x: ${armTitle})`, header: { labelAngle: 0 } } },
      spacing: 8,
      spec: { width, height: 260, layer },
      resolve: { scale: { x: 'independent' } },
    } as unknown as vl.TopLevelSpec;
  }
  return { ...common, width: Math.max(width, 60), height: 260, layer } as unknown as vl.TopLevelSpec;
}
