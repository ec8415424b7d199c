/**
 * Leg cells: every distinct (agent, role, venue, market, liquidity) combination of a trade log.
 * Per-leg values are summed into cells in one pass; any scope (`all`, `role`, `agent`, `venue`,
 * `market`) and leg selection (all legs, maker or taker legs) is then a roll-up over the few cells
 * instead of another pass over millions of legs.
 * @module
 */
import type { MetricScope } from '@venuelab/kernel';
import { scratch, type LegView } from './legs.js';
import { legMarkouts, type MarkoutBasis } from './markouts.js';
import type { RowSink } from './scopes.js';

/** The cells of a leg view. */
export interface LegCells {
  /** Number of cells. */
  readonly size: number;
  /** Cell of each leg. */
  readonly cellOf: Int32Array;
  /** Agent code (into `legs.agent.levels`) of each cell. */
  readonly agent: Int32Array;
  /** Role code of each cell. */
  readonly role: Int32Array;
  /** Venue code of each cell. */
  readonly venue: Int32Array;
  /** Market code of each cell. */
  readonly market: Int32Array;
  /** 1 for maker cells. */
  readonly maker: Uint8Array;
}

const cache = new WeakMap<LegView, LegCells>();

/** The cells of a leg view (memoised). */
export function legCells(legs: LegView): LegCells {
  const hit = cache.get(legs);
  if (hit) return hit;
  const n = legs.n;
  const R = legs.role.levels.length;
  const V = legs.venue.levels.length;
  const M = legs.market.levels.length;
  const A = legs.agent.levels.length;
  const cellOf = new Int32Array(n);
  const space = A * R * V * M * 2;
  const agent: number[] = [];
  const role: number[] = [];
  const venue: number[] = [];
  const market: number[] = [];
  const maker: number[] = [];
  const add = (i: number) => {
    agent.push(legs.agent.codes[i]!);
    role.push(legs.role.codes[i]!);
    venue.push(legs.venue.codes[i]!);
    market.push(legs.market.codes[i]!);
    maker.push(legs.isMaker[i]!);
    return agent.length - 1;
  };
  const key = (i: number) => (((legs.agent.codes[i]! * R + legs.role.codes[i]!) * V + legs.venue.codes[i]!) * M + legs.market.codes[i]!) * 2 + legs.isMaker[i]!;
  if (space <= 4 * n + 65_536) {
    const table = new Int32Array(space).fill(-1);
    for (let i = 0; i < n; i++) {
      const k = key(i);
      let c = table[k]!;
      if (c < 0) table[k] = c = add(i);
      cellOf[i] = c;
    }
  } else {
    const table = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const k = key(i);
      let c = table.get(k);
      if (c === undefined) table.set(k, (c = add(i)));
      cellOf[i] = c;
    }
  }
  const cells: LegCells = {
    size: agent.length,
    cellOf,
    agent: Int32Array.from(agent),
    role: Int32Array.from(role),
    venue: Int32Array.from(venue),
    market: Int32Array.from(market),
    maker: Uint8Array.from(maker),
  };
  cache.set(legs, cells);
  return cells;
}

/** Per-cell sums of {@link cellSums}. */
export interface CellSums {
  /** Legs included per cell. */
  readonly count: Float64Array;
  /** Sum of weights per cell. */
  readonly weight: Float64Array;
  /** Sum of values per cell. */
  readonly sum: Float64Array;
  /** Sum of weight times value per cell. */
  readonly weighted: Float64Array;
}

/** One pass over the legs: count, weight, value and weighted-value sums per cell (NaN values are skipped). */
export function cellSums(cells: LegCells, values: Float64Array, weights: Float64Array | null = null): CellSums {
  const S = cells.size;
  const count = new Float64Array(S);
  const weight = new Float64Array(S);
  const sum = new Float64Array(S);
  const weighted = new Float64Array(S);
  const cellOf = cells.cellOf;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    const c = cellOf[i]!;
    const w = weights === null ? 1 : weights[i]!;
    count[c]!++;
    weight[c]! += w;
    sum[c]! += v;
    weighted[c]! += w * v;
  }
  return { count, weight, sum, weighted };
}

const markoutCache = new WeakMap<LegView, Map<string, CellSums>>();

/**
 * Per-cell sums of the leg markouts at a basis and horizon (see `legMarkouts`), weighted by
 * quantity, memoised on the leg view: the markout and extraction metrics of a run share them.
 * Overwrites `scratch(legs, 0)`.
 */
export function markoutCellSums(legs: LegView, basis: MarkoutBasis, horizon: number): CellSums {
  let m = markoutCache.get(legs);
  if (!m) markoutCache.set(legs, (m = new Map()));
  const key = `${basis}:${horizon}`;
  let sums = m.get(key);
  if (!sums) m.set(key, (sums = cellSums(legCells(legs), legMarkouts(legs, basis, horizon, scratch(legs, 0)), legs.qty)));
  return sums;
}

/** Which legs a roll-up takes: all, maker or taker legs, or `fills` (taker legs for all / venue / market: each fill once; every leg for role / agent). */
export type LegSelection = 'all' | 'maker' | 'taker' | 'fills';

/** Group totals of a roll-up, per group of one scope. */
export interface Rolled {
  /** Scope. */
  readonly scope: MetricScope;
  /** Group keys. */
  readonly keys: string[];
  /** Legs per group. */
  readonly count: Float64Array;
  /** Sum of weights. */
  readonly weight: Float64Array;
  /** Sum of values. */
  readonly sum: Float64Array;
  /** Sum of weight times value. */
  readonly weighted: Float64Array;
}

/** Rolls cell sums up to the groups of a scope, over the selected legs. */
export function rollup(legs: LegView, cells: LegCells, sums: CellSums, scope: MetricScope, select: LegSelection = 'all'): Rolled {
  const [codes, keys] =
    scope === 'all'
      ? [null, ['']]
      : scope === 'role'
        ? [cells.role, legs.role.levels]
        : scope === 'agent'
          ? [cells.agent, legs.agent.levels]
          : scope === 'venue'
            ? [cells.venue, legs.venue.levels]
            : [cells.market, legs.market.levels];
  const sel = select === 'fills' ? (scope === 'role' || scope === 'agent' ? 'all' : 'taker') : select;
  const G = keys.length;
  const out: Rolled = { scope, keys, count: new Float64Array(G), weight: new Float64Array(G), sum: new Float64Array(G), weighted: new Float64Array(G) };
  for (let c = 0; c < cells.size; c++) {
    if ((sel === 'maker' && !cells.maker[c]) || (sel === 'taker' && cells.maker[c])) continue;
    const k = codes === null ? 0 : codes[c]!;
    out.count[k]! += sums.count[c]!;
    out.weight[k]! += sums.weight[c]!;
    out.sum[k]! += sums.sum[c]!;
    out.weighted[k]! += sums.weighted[c]!;
  }
  return out;
}

/** Adds one row per group of a roll-up with at least one leg: `value(k)` for group index `k`. */
export function addRolled(sink: RowSink, metric: string, horizon: number | null, r: Rolled, value: (k: number) => number): void {
  for (let k = 0; k < r.keys.length; k++) if (r.count[k]! > 0) sink.add(metric, r.scope, r.keys[k]!, horizon, value(k));
}
