/**
 * Immediacy cost: how long fills wait, how much is never filled, and how far fills land from the
 * mid at submission.
 * @module
 */
import type { Metric, MetricRow, MetricScope, RunRecord } from '@venuelab/kernel';
import {
  Action,
  addRolled,
  ALL_SCOPES,
  cellSums,
  filledByOrder,
  legCells,
  legGroupings,
  legView,
  orderCells,
  orderScopeKeys,
  orderView,
  weightedQuantilesByAll,
  rollup,
  RowSink,
  scratch,
  sumByCode,
  sortedIndex,
  type LegView,
} from '@venuelab/analysis/core';
import type { ImmediacyConfig } from './schema.js';

/** Name of a quantile metric suffix: 0.5 -> `p50`, 0.95 -> `p95`, 0.999 -> `p99.9`. */
export function quantileName(p: number): string {
  return `p${Number((p * 100).toFixed(6))}`;
}

/**
 * Wait rows: the submit-to-fill wait of a leg is `t - submitted_at` in ticks (from the moment the
 * agent sent the order, so it includes order latency, batch waits and queueing). Quantity-weighted
 * mean and quantiles: `fill_wait_*` over every leg of a group, `taker_wait_*` over its taker legs.
 */
export function waitRows(sink: RowSink, legs: LegView, scopes: readonly MetricScope[], ps: readonly number[]): void {
  const n = legs.n;
  const wait = scratch(legs, 0);
  const taker = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    wait[i] = legs.t[i]! - legs.submittedAt[i]!;
    taker[i] = legs.isMaker[i] ? 0 : 1;
  }
  const cells = legCells(legs);
  const sums = cellSums(cells, wait, legs.qty);
  const groupings = legGroupings(legs, scopes);
  for (const [prefix, select, mask] of [
    ['fill_wait', 'all', undefined],
    ['taker_wait', 'taker', taker],
  ] as const) {
    const qs = weightedQuantilesByAll(groupings, wait, legs.qty, ps, mask);
    groupings.forEach((g, j) => {
      const r = rollup(legs, cells, sums, g.scope, select);
      addRolled(sink, `${prefix}_mean`, null, r, (k) => r.weighted[k]! / r.weight[k]!);
      ps.forEach((p, pi) => addRolled(sink, `${prefix}_${quantileName(p)}`, null, r, (k) => qs[j]![pi]![k]!));
    });
  }
}

/**
 * Price concession of a leg: `sign * (price - m_s)` where `m_s` is the venue mid at the tick the
 * order was sent (the mid path sample of that tick, before agents acted; the last finite mid
 * before it). `price_concession` is its quantity-weighted mean in price ticks per lot,
 * `price_concession_rel` the mean of `sign * (price - m_s) / m_s`. Positive = paid away from the
 * mid. Scopes `role` and `agent` use the group's legs; `all`, `venue` and `market` the taker legs.
 */
export function concessionRows(sink: RowSink, legs: LegView, scopes: readonly MetricScope[]): void {
  const n = legs.n;
  const abs = scratch(legs, 0);
  const rel = scratch(legs, 1);
  const vm = legs.venueMarket.codes;
  for (let i = 0; i < n; i++) {
    const m = legs.mids.at(legs.midGroupOfVenueMarket[vm[i]!]!, legs.submittedAt[i]!);
    const ok = Number.isFinite(m) && m > 0;
    // Statements, not `ok ? x : NaN` (which boxes a number per row: see @venuelab/analysis markouts).
    if (ok) {
      const x = legs.sign[i]! * (legs.price[i]! - m);
      abs[i] = x;
      rel[i] = x / m;
    } else {
      abs[i] = NaN;
      rel[i] = NaN;
    }
  }
  const cells = legCells(legs);
  const a = cellSums(cells, abs, legs.qty);
  const r = cellSums(cells, rel, legs.qty);
  for (const scope of scopes) {
    const ra = rollup(legs, cells, a, scope, 'fills');
    const rr = rollup(legs, cells, r, scope, 'fills');
    addRolled(sink, 'price_concession', null, ra, (k) => ra.weighted[k]! / ra.weight[k]!);
    addRolled(sink, 'price_concession_rel', null, rr, (k) => rr.weighted[k]! / rr.weight[k]!);
  }
}

/**
 * Unfilled fraction: over the limit and market orders a group sent that the venue accepted,
 * `1 - filled lots / ordered lots` at the end of the run (orders still resting count as unfilled).
 * `unfilled_fraction_market` counts market orders only (the remainder a venue cancelled or let
 * expire).
 */
export function unfilledRows(sink: RowSink, record: RunRecord, legs: LegView, scopes: readonly MetricScope[]): void {
  const o = orderView(record);
  if (o.n === 0) return;
  const filled = filledByOrder(legs, o);
  const oc = orderCells(o);
  const S = oc.size;
  // Per cell: lots ordered and filled, over all accepted orders and over market orders only.
  const ordered = new Float64Array(S);
  const done = new Float64Array(S);
  const count = new Float64Array(S);
  const orderedMkt = new Float64Array(S);
  const doneMkt = new Float64Array(S);
  const countMkt = new Float64Array(S);
  for (let i = 0; i < o.n; i++) {
    if (o.action[i] === Action.Cancel || o.rejected[i]) continue;
    const c = oc.cellOf[i]!;
    const q = o.qty[i]!;
    const f = Math.min(filled[i]!, q);
    ordered[c]! += q;
    done[c]! += f;
    count[c]!++;
    if (o.action[i] === Action.Market) {
      orderedMkt[c]! += q;
      doneMkt[c]! += f;
      countMkt[c]!++;
    }
  }
  for (const scope of scopes) {
    const keys = orderScopeKeys(o, scope);
    const codes = oc.codes[scope];
    const roll = (x: Float64Array) => sumByCode(x, codes, keys.length);
    for (const [name, q, f, n] of [
      ['unfilled_fraction', roll(ordered), roll(done), roll(count)],
      ['unfilled_fraction_market', roll(orderedMkt), roll(doneMkt), roll(countMkt)],
    ] as const) {
      for (let g = 0; g < keys.length; g++) if (n[g]! > 0 && q[g]! > 0) sink.add(name, scope, keys[g]!, null, 1 - f[g]! / q[g]!);
    }
  }
}

/** The immediacy metric. */
export class ImmediacyMetric implements Metric {
  /**
   * @param id - component id
   * @param config - validated config
   */
  constructor(
    readonly id: string,
    private readonly config: ImmediacyConfig,
  ) {}

  compute(record: RunRecord): MetricRow[] {
    const legs = legView(record);
    const scopes = ALL_SCOPES.filter((x) => this.config.scopes.includes(x));
    const sink = new RowSink();
    waitRows(sink, legs, scopes, this.config.quantiles);
    unfilledRows(sink, record, legs, scopes);
    concessionRows(sink, legs, scopes);
    return sink.rows;
  }
}
