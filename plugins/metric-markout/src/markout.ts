/**
 * Markouts of fill legs against the truth and mid paths, and spreads of fills.
 * @module
 */
import type { Metric, MetricRow, MetricScope, RunRecord } from '@venuelab/kernel';
import { addRolled, ALL_SCOPES, cellSums, legCells, legView, markoutCellSums, midAtHorizon, rollup, RowSink, scratch, type CellSums, type LegView } from '@venuelab/analysis/core';
import type { MarkoutConfig } from './schema.js';

const perGroupScopes = new Set<MetricScope>(['role', 'agent']);

/**
 * Markout rows of one basis and horizon: `markout_<basis>` (sum over the group's legs, tick-lots)
 * and `markout_<basis>_per_lot` for `role` and `agent` (over both legs of every fill the total is
 * zero, so `all`, `venue` and `market` get no such row), and `markout_<basis>_maker` /
 * `markout_<basis>_taker` (sums over the group's maker or taker legs) for every scope.
 */
export function markoutRows(sink: RowSink, legs: LegView, scopes: readonly MetricScope[], basis: 'truth' | 'mid', horizon: number): void {
  const cells = legCells(legs);
  const sums = markoutCellSums(legs, basis, horizon);
  const name = `markout_${basis}`;
  for (const scope of scopes) {
    if (perGroupScopes.has(scope)) {
      const r = rollup(legs, cells, sums, scope);
      addRolled(sink, name, horizon, r, (k) => r.sum[k]!);
      addRolled(sink, `${name}_per_lot`, horizon, r, (k) => r.sum[k]! / r.weight[k]!);
    }
    const mk = rollup(legs, cells, sums, scope, 'maker');
    const tk = rollup(legs, cells, sums, scope, 'taker');
    addRolled(sink, `${name}_maker`, horizon, mk, (k) => mk.sum[k]!);
    addRolled(sink, `${name}_taker`, horizon, tk, (k) => tk.sum[k]!);
  }
}

/**
 * Spread rows: effective spread `2 |p - m0| / m0` (no horizon), realised spread
 * `2 s (p - m_D) / m0` and price impact `2 s (m_D - m0) / m0` at each horizon, where `m0` is the
 * fill's `mid_before`, `m_D` the mid at `t + D` and `s` the taker's sign. Quantity-weighted means
 * over the fills of a group: for `all`, `venue` and `market` each fill once (its taker leg); for
 * `role` and `agent` every leg of the group (a fill counts for both of its participants).
 */
export function spreadRows(sink: RowSink, legs: LegView, scopes: readonly MetricScope[], horizons: readonly number[]): void {
  const n = legs.n;
  const cells = legCells(legs);
  const es = scratch(legs, 0);
  for (let i = 0; i < n; i++) {
    const m0 = legs.midBefore[i]!;
    // Statements, not `cond ? x : NaN` (which boxes a number per row: see @venuelab/analysis markouts).
    if (m0 > 0 && Number.isFinite(m0)) es[i] = (2 * Math.abs(legs.price[i]! - m0)) / m0;
    else es[i] = NaN;
  }
  const emitSums = (metric: string, horizon: number | null, sums: CellSums) => {
    for (const scope of scopes) {
      const r = rollup(legs, cells, sums, scope, 'fills');
      addRolled(sink, metric, horizon, r, (k) => r.weighted[k]! / r.weight[k]!);
    }
  };
  emitSums('effective_spread', null, cellSums(cells, es, legs.qty));
  // Realised spread and price impact: one pass per horizon sums both into the cells (they are
  // defined, and weighted, on the same legs).
  const md = scratch(legs, 1);
  const S = cells.size;
  const cellOf = cells.cellOf;
  for (const d of horizons) {
    midAtHorizon(legs, d, md);
    const count = new Float64Array(S);
    const weight = new Float64Array(S);
    const rsSum = new Float64Array(S);
    const rsWeighted = new Float64Array(S);
    const piSum = new Float64Array(S);
    const piWeighted = new Float64Array(S);
    for (let i = 0; i < n; i++) {
      const m0 = legs.midBefore[i]!;
      const m = md[i]!;
      if (!(m0 > 0 && Number.isFinite(m0) && Number.isFinite(m))) continue;
      const s = legs.takerSign[i]!;
      const rs = (2 * s * (legs.price[i]! - m)) / m0;
      const pi = (2 * s * (m - m0)) / m0;
      const w = legs.qty[i]!;
      const c = cellOf[i]!;
      count[c]!++;
      weight[c]! += w;
      rsSum[c]! += rs;
      rsWeighted[c]! += w * rs;
      piSum[c]! += pi;
      piWeighted[c]! += w * pi;
    }
    emitSums('realised_spread', d, { count, weight, sum: rsSum, weighted: rsWeighted });
    emitSums('price_impact', d, { count, weight, sum: piSum, weighted: piWeighted });
  }
}

/** The markout metric. */
export class MarkoutMetric implements Metric {
  /**
   * @param id - component id
   * @param config - validated config
   */
  constructor(
    readonly id: string,
    private readonly config: MarkoutConfig,
  ) {}

  compute(record: RunRecord): MetricRow[] {
    const legs = legView(record);
    const scopes = ALL_SCOPES.filter((s) => this.config.scopes.includes(s));
    const sink = new RowSink();
    const horizons = [...new Set(this.config.horizons)].sort((a, b) => a - b);
    for (const basis of this.config.bases) for (const d of horizons) markoutRows(sink, legs, scopes, basis, d);
    if (this.config.spreads) spreadRows(sink, legs, scopes, horizons);
    return sink.rows;
  }
}
