/**
 * Markouts of fill legs against the truth and mid paths, and spreads of fills.
 * @module
 */
import type { Metric, MetricRow, MetricScope, RunRecord } from '@venuelab/kernel';
import { addRolled, ALL_SCOPES, cellSums, legCells, legMarkouts, legView, midAtHorizon, rollup, RowSink, scratch, type LegView } from '@venuelab/analysis';
import type { MarkoutConfig } from './schema.js';

const perGroupScopes = new Set<MetricScope>(['role', 'agent']);

/**
 * Markout rows of one basis and horizon: `markout_<basis>` (sum over the group's legs, tick-lots)
 * and `markout_<basis>_per_lot` for `role` and `agent` (over both legs of every fill the total is
 * zero, so `all`, `venue` and `market` get no such row), and `markout_<basis>_maker` /
 * `markout_<basis>_taker` (sums over the group's maker or taker legs) for every scope.
 */
export function markoutRows(sink: RowSink, legs: LegView, scopes: readonly MetricScope[], basis: 'truth' | 'mid', horizon: number, work?: Float64Array): void {
  const cells = legCells(legs);
  const sums = cellSums(cells, legMarkouts(legs, basis, horizon, work), legs.qty);
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
    es[i] = m0 > 0 && Number.isFinite(m0) ? (2 * Math.abs(legs.price[i]! - m0)) / m0 : NaN;
  }
  const emit = (metric: string, horizon: number | null, values: Float64Array) => {
    const sums = cellSums(cells, values, legs.qty);
    for (const scope of scopes) {
      const r = rollup(legs, cells, sums, scope, 'fills');
      addRolled(sink, metric, horizon, r, (k) => r.weighted[k]! / r.weight[k]!);
    }
  };
  emit('effective_spread', null, es);
  const rs = scratch(legs, 1);
  const pi = scratch(legs, 2);
  const md = scratch(legs, 3);
  for (const d of horizons) {
    midAtHorizon(legs, d, md);
    for (let i = 0; i < n; i++) {
      const m0 = legs.midBefore[i]!;
      const m = md[i]!;
      const ok = m0 > 0 && Number.isFinite(m0) && Number.isFinite(m);
      const s = legs.takerSign[i]!;
      rs[i] = ok ? (2 * s * (legs.price[i]! - m)) / m0 : NaN;
      pi[i] = ok ? (2 * s * (m - m0)) / m0 : NaN;
    }
    emit('realised_spread', d, rs);
    emit('price_impact', d, pi);
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
    const work = scratch(legs, 0);
    for (const basis of this.config.bases) for (const d of horizons) markoutRows(sink, legs, scopes, basis, d, work);
    if (this.config.spreads) spreadRows(sink, legs, scopes, horizons);
    return sink.rows;
  }
}
