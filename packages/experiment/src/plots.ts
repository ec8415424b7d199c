/**
 * Plots of a sweep, as vega-lite specs rendered to SVG headless (no browser, no network).
 * @module
 */
import * as vega from 'vega';
import * as vl from 'vega-lite';
import { z } from '@venuelab/kernel';
import type { CellStat, PairedStat } from './stats.js';
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
  metrics: z.array(MetricRefSchema).default([]).describe('metrics plotted against each 1-D axis'),
});

/** The report section. */
export type ReportSpec = z.output<typeof ReportSpecSchema>;

/** Renders a vega-lite spec to an SVG string. */
export async function renderSvg(spec: vl.TopLevelSpec): Promise<string> {
  const compiled = vl.compile(spec).spec;
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
