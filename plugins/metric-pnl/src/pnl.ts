/**
 * PnL (cash plus inventory marked at terminal truth and at terminal mid), Sharpe of per-interval
 * truth-marked PnL, per-market consistency, volume, fees, activity and the conservation check.
 *
 * Everything is summed per leg cell (agent, role, venue, market, liquidity) in one pass over the
 * legs and rolled up to scopes; cash uses compensated sums so the conservation residual measures
 * the record, not the summation.
 * @module
 */
import type { Metric, MetricRow, MetricScope, RunRecord } from '@venuelab/kernel';
import {
  accurateSum,
  Action,
  addRolled,
  ALL_SCOPES,
  cellSums,
  GroupSums,
  legCells,
  legView,
  meanSd,
  orderCells,
  orderScopeKeys,
  orderView,
  rollup,
  RowSink,
  scratch,
  sumByCode,
  type LegCells,
  type LegView,
} from '@venuelab/analysis/core';
import type { PnlConfig } from './schema.js';

const perGroupScopes = new Set<MetricScope>(['role', 'agent']);

/** Terminal mark prices: truth per market level, mid per venue-market level (last finite mid, else last fill price). */
export function terminalMarks(legs: LegView): { truth: Float64Array; mid: Float64Array } {
  const truth = Float64Array.from(legs.truthGroupOfMarket, (g) => legs.truth.last(g));
  const mid = Float64Array.from(legs.midGroupOfVenueMarket, (g) => legs.mids.last(g));
  const lastPrice = new Float64Array(legs.venueMarket.levels.length).fill(NaN);
  for (let i = 0; i < legs.n; i++) lastPrice[legs.venueMarket.codes[i]!] = legs.price[i]!;
  for (let k = 0; k < mid.length; k++) if (!Number.isFinite(mid[k]!)) mid[k] = lastPrice[k]!;
  return { truth, mid };
}

/** Traded notional over every fill, counted once (its taker leg): the scale of the conservation residual. */
function grossNotional(legs: LegView): number {
  // An array accumulator: a double carried in a loop variable is boxed on every iteration while
  // the loop runs as on-stack-replaced code (its first call).
  const acc = new Float64Array(1);
  for (let i = 0; i < legs.n; i++) if (!legs.isMaker[i]) acc[0]! += Math.abs(legs.price[i]! * legs.qty[i]!);
  return acc[0]!;
}

/** Cash, inventory and marked PnL of every leg cell. */
export interface CellPnl {
  /** Cash per cell (tick-lots): minus price times signed quantity, minus fees; compensated sums. */
  cash: Float64Array;
  /** Net position per cell (lots). */
  inventory: Float64Array;
  /** Inventory value at terminal truth per cell. */
  truthValue: Float64Array;
  /** Inventory value at the terminal mid of the cell's venue and market. */
  midValue: Float64Array;
  /** Legs per cell. */
  legs: Float64Array;
}

/** Computes {@link CellPnl} in one pass over the legs. */
export function cellPnl(legs: LegView, cells: LegCells): CellPnl {
  const S = cells.size;
  const cash = new GroupSums(S);
  const inventory = new Float64Array(S);
  for (let i = 0; i < legs.n; i++) {
    const c = cells.cellOf[i]!;
    const s = legs.sign[i]!;
    cash.add(c, -s * legs.price[i]! * legs.qty[i]! - legs.fee[i]!);
    inventory[c]! += s * legs.qty[i]!;
  }
  const marks = terminalMarks(legs);
  const vmOf = new Map(legs.venueMarket.levels.map((k, i) => [k, i]));
  const truthValue = new Float64Array(S);
  const midValue = new Float64Array(S);
  for (let c = 0; c < S; c++) {
    const inv = inventory[c]!;
    if (inv === 0) continue;
    truthValue[c] = inv * marks.truth[cells.market[c]!]!;
    const vm = vmOf.get(`${legs.venue.levels[cells.venue[c]!]}|${legs.market.levels[cells.market[c]!]}`)!;
    midValue[c] = inv * marks.mid[vm]!;
  }
  const cashSum = new Float64Array(S);
  for (let c = 0; c < S; c++) cashSum[c] = cash.sum(c);
  return { cash: cashSum, inventory, truthValue, midValue, legs: Float64Array.from(cash.count) };
}

/**
 * Per group of a scope: the compensated sum over the group's cells of `cash` plus `value` (a
 * module function rather than a closure made per run, so V8 keeps its optimised code).
 */
function groupSums(legs: LegView, cells: LegCells, scope: MetricScope, cash: Float64Array, value: Float64Array): { keys: string[]; values: number[] } {
  const { codes, keys } = cellGroups(legs, cells, scope);
  const parts: number[][] = keys.map(() => []);
  for (let c = 0; c < cells.size; c++) parts[codes[c]!]!.push(cash[c]!, value[c]!);
  return { keys, values: parts.map((x) => accurateSum(x)) };
}

/** Group of each cell for a scope, and the group keys. */
export function cellGroups(legs: LegView, cells: LegCells, scope: MetricScope): { codes: Int32Array; keys: string[] } {
  switch (scope) {
    case 'all':
      return { codes: new Int32Array(cells.size), keys: [''] };
    case 'role':
      return { codes: cells.role, keys: legs.role.levels };
    case 'agent':
      return { codes: cells.agent, keys: legs.agent.levels };
    case 'venue':
      return { codes: cells.venue, keys: legs.venue.levels };
    case 'market':
      return { codes: cells.market, keys: legs.market.levels };
  }
}

/** Interval boundaries of the Sharpe ratio: `I, 2I, ...` and the run's end. */
export function boundaries(duration: number, interval: number, maxIntervals: number): Float64Array {
  let step = interval;
  if (Math.ceil(duration / step) > maxIntervals) step = Math.ceil(duration / maxIntervals);
  const k = Math.max(1, Math.ceil(duration / step));
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) out[i] = Math.min((i + 1) * step, duration);
  return out;
}

/**
 * Truth-marked PnL of each leg cell at each boundary `b`: cash and inventory of the fills at ticks
 * `< b`, inventory marked at the fair value at `b` (the last truth sample for `b` past the path).
 * Index `cell * K + k`.
 */
export function cellPaths(legs: LegView, cells: LegCells, bounds: Float64Array): Float64Array {
  const S = cells.size;
  const K = bounds.length;
  const out = new Float64Array(S * K);
  const cash = new Float64Array(S);
  const inv = new Float64Array(S);
  const order = timeOrder(legs);
  const fair = new Float64Array(legs.market.levels.length);
  let p = 0;
  for (let k = 0; k < K; k++) {
    const b = bounds[k]!;
    while (p < order.length && legs.t[order[p]!]! < b) {
      const i = order[p++]!;
      const c = cells.cellOf[i]!;
      const s = legs.sign[i]!;
      cash[c]! += -s * legs.price[i]! * legs.qty[i]! - legs.fee[i]!;
      inv[c]! += s * legs.qty[i]!;
    }
    for (let m = 0; m < fair.length; m++) fair[m] = legs.truth.at(legs.truthGroupOfMarket[m]!, b);
    for (let c = 0; c < S; c++) out[c * K + k] = cash[c]! + (inv[c] !== 0 ? inv[c]! * fair[cells.market[c]!]! : 0);
  }
  return out;
}

function timeOrder(legs: LegView): Uint32Array {
  const order = new Uint32Array(legs.n);
  let sorted = true;
  for (let i = 0; i < legs.n; i++) {
    order[i] = i;
    if (i > 0 && legs.t[i]! < legs.t[i - 1]!) sorted = false;
  }
  return sorted ? order : order.sort((a, b) => legs.t[a]! - legs.t[b]! || a - b);
}

/** Sharpe ratio of the increments of a value path starting from 0 (NaN with fewer than two intervals or no variation). */
export function sharpeOfPath(values: ArrayLike<number>): number {
  const K = values.length;
  if (K < 2) return NaN;
  const r = new Float64Array(K);
  let prev = 0;
  let scale = 0;
  for (let k = 0; k < K; k++) {
    r[k] = values[k]! - prev;
    prev = values[k]!;
    scale = Math.max(scale, Math.abs(r[k]!));
  }
  const { mean, sd } = meanSd(r);
  return scale > 0 && sd > 1e-12 * scale ? mean / sd : NaN;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/**
 * Sharpe rows of one scope (`role` or `agent`): per group, the Sharpe ratio of its truth-marked PnL
 * path over all markets, the minimum and median of its per-market Sharpe ratios, and the share of
 * its markets with a positive final PnL.
 */
function sharpeRows(sink: RowSink, scope: MetricScope, legs: LegView, cells: LegCells, pnl: CellPnl, paths: Float64Array, K: number, interval: number): void {
  const nM = legs.market.levels.length;
  const { codes, keys } = cellGroups(legs, cells, scope);
  const G = keys.length;
  // Per (group, market): path, final truth-marked PnL parts, legs.
  const gm = new Float64Array(G * nM * K);
  const finalParts: number[][] = Array.from({ length: G * nM }, () => []);
  const legCount = new Float64Array(G * nM);
  for (let c = 0; c < cells.size; c++) {
    const slot = codes[c]! * nM + cells.market[c]!;
    for (let j = 0; j < K; j++) gm[slot * K + j]! += paths[c * K + j]!;
    finalParts[slot]!.push(pnl.cash[c]!, pnl.truthValue[c]!);
    legCount[slot]! += pnl.legs[c]!;
  }
  for (let g = 0; g < G; g++) {
    const total = new Float64Array(K);
    const perMarket: number[] = [];
    const pnlMarkets: number[] = [];
    for (let m = 0; m < nM; m++) {
      const slot = g * nM + m;
      const path = gm.subarray(slot * K, slot * K + K);
      for (let j = 0; j < K; j++) total[j]! += path[j]!;
      if (legCount[slot]! > 0) {
        pnlMarkets.push(accurateSum(finalParts[slot]!));
        const s = sharpeOfPath(path);
        if (Number.isFinite(s)) perMarket.push(s);
      }
    }
    const key = keys[g]!;
    sink.add('sharpe_truth', scope, key, interval, sharpeOfPath(total));
    if (perMarket.length > 0) {
      sink.add('sharpe_truth_market_min', scope, key, interval, Math.min(...perMarket));
      sink.add('sharpe_truth_market_median', scope, key, interval, median(perMarket));
    }
    if (pnlMarkets.length > 0) {
      sink.add('pnl_truth_positive_market_share', scope, key, null, pnlMarkets.filter((x) => x > 0).length / pnlMarkets.length);
    }
  }
}

/** The PnL metric. */
export class PnlMetric implements Metric {
  /**
   * @param id - component id
   * @param config - validated config
   */
  constructor(
    readonly id: string,
    private readonly config: PnlConfig,
  ) {}

  compute(record: RunRecord): MetricRow[] {
    const legs = legView(record);
    const sink = new RowSink();
    const scopes = ALL_SCOPES.filter((s) => this.config.scopes.includes(s));
    this.volumeRows(sink, legs, scopes);
    this.pnlRows(sink, record, legs, scopes);
    this.activityRows(sink, record, legs, scopes);
    return sink.rows;
  }

  private volumeRows(sink: RowSink, legs: LegView, scopes: readonly MetricScope[]): void {
    const cells = legCells(legs);
    const notional = scratch(legs, 0);
    for (let i = 0; i < legs.n; i++) notional[i] = legs.price[i]! * legs.qty[i]!;
    const vol = cellSums(cells, legs.qty);
    const not = cellSums(cells, notional);
    const fees = cellSums(cells, legs.fee);
    for (const scope of scopes) {
      // all / venue / market count each fill once (its taker leg); role / agent count their legs.
      const v = rollup(legs, cells, vol, scope, 'fills');
      const nt = rollup(legs, cells, not, scope, 'fills');
      const f = rollup(legs, cells, fees, scope);
      addRolled(sink, 'volume', null, v, (k) => v.sum[k]!);
      addRolled(sink, 'notional', null, nt, (k) => nt.sum[k]!);
      addRolled(sink, 'fill_count', null, v, (k) => v.count[k]!);
      addRolled(sink, 'fees_paid', null, f, (k) => f.sum[k]!);
    }
  }

  private pnlRows(sink: RowSink, record: RunRecord, legs: LegView, scopes: readonly MetricScope[]): void {
    const cells = legCells(legs);
    const pnl = cellPnl(legs, cells);
    // Per-group PnL: compensated sums over the group's cells of cash and inventory value.
    const groupPnl = (scope: MetricScope, value: Float64Array) => groupSums(legs, cells, scope, pnl.cash, value);
    // Conservation: truth-marked PnL over every participant (pools and bootstrap included, i.e.
    // every id in the trade log) equals minus the fees paid to venues.
    const agents = groupPnl('agent', pnl.truthValue);
    const residual = accurateSum([...agents.values, accurateSum(legs.fee)]);
    const gross = grossNotional(legs);
    sink.add('conservation_residual', 'all', '', null, residual);
    sink.add('conservation_residual_relative', 'all', '', null, gross > 0 ? residual / gross : 0);

    const bounds = boundaries(record.duration, this.config.sharpeInterval, this.config.maxIntervals);
    const interval = bounds.length > 1 ? bounds[1]! - bounds[0]! : bounds[0]!;
    const K = bounds.length;
    let paths: Float64Array | undefined;
    for (const scope of scopes) {
      if (scope !== 'all' && !perGroupScopes.has(scope)) continue;
      const truth = scope === 'agent' ? agents : groupPnl(scope, pnl.truthValue);
      const mid = groupPnl(scope, pnl.midValue);
      for (let k = 0; k < truth.keys.length; k++) {
        sink.add('pnl_truth', scope, truth.keys[k]!, null, truth.values[k]!);
        sink.add('pnl_mid', scope, mid.keys[k]!, null, mid.values[k]!);
      }
      if (scope === 'all') continue; // the whole population's PnL path is minus the fees: no Sharpe
      paths ??= cellPaths(legs, cells, bounds);
      sharpeRows(sink, scope, legs, cells, pnl, paths, K, interval);
    }
    // Participants without fills made and lost nothing.
    for (const scope of ['agent', 'role'] as const) {
      if (!scopes.includes(scope)) continue;
      const seen = new Set(scope === 'agent' ? legs.agent.levels : legs.role.levels);
      for (const pt of record.participants) {
        const key = scope === 'agent' ? pt.id : pt.role;
        if (seen.has(key)) continue;
        seen.add(key);
        sink.add('pnl_truth', scope, key, null, 0);
        sink.add('pnl_mid', scope, key, null, 0);
      }
    }
  }

  private activityRows(sink: RowSink, record: RunRecord, legs: LegView, scopes: readonly MetricScope[]): void {
    const o = orderView(record);
    if (o.n === 0) return;
    const oc = orderCells(o);
    const S = oc.size;
    const msgs = new Float64Array(S);
    const lim = new Float64Array(S);
    const mkt = new Float64Array(S);
    const can = new Float64Array(S);
    const rej = new Float64Array(S);
    for (let i = 0; i < o.n; i++) {
      const c = oc.cellOf[i]!;
      msgs[c]!++;
      const a = o.action[i];
      if (a === Action.Limit) lim[c]!++;
      else if (a === Action.Market) mkt[c]!++;
      else can[c]!++;
      rej[c]! += o.rejected[i]!;
    }
    const cells = legCells(legs);
    const fillSums = cellSums(cells, legs.qty);
    for (const scope of scopes) {
      const keys = orderScopeKeys(o, scope);
      const codes = oc.codes[scope];
      const G = keys.length;
      const [m, l, k, cn, rj] = [sumByCode(msgs, codes, G), sumByCode(lim, codes, G), sumByCode(mkt, codes, G), sumByCode(can, codes, G), sumByCode(rej, codes, G)];
      // Orders per fill (legs for role / agent, fills otherwise), where the group filled anything.
      const fr = rollup(legs, cells, fillSums, scope, 'fills');
      const fillsByKey = new Map(fr.keys.map((key, j) => [key, fr.count[j]!]));
      for (let g = 0; g < G; g++) {
        if (m[g]! === 0) continue;
        const key = keys[g]!;
        sink.add('messages', scope, key, null, m[g]!);
        sink.add('orders_limit', scope, key, null, l[g]!);
        sink.add('orders_market', scope, key, null, k[g]!);
        sink.add('cancels', scope, key, null, cn[g]!);
        sink.add('rejections', scope, key, null, rj[g]!);
        const f = fillsByKey.get(key) ?? 0;
        if (f > 0) sink.add('order_to_trade_ratio', scope, key, null, (l[g]! + k[g]!) / f);
      }
    }
  }
}
