/**
 * Per-book PnL paths of an agent, sampled on a regular grid, from a run record.
 * @module
 */
import type { Columns, RunRecord } from '@venuelab/kernel';

/** Sampled paths of one agent on one book. */
export interface BookPath {
  /** Market id. */
  market: string;
  /** Sample ticks `0, Delta, ..., K Delta` and, when the duration is not a multiple, the duration. */
  t: number[];
  /** Mark-to-market PnL `cash(t) + q(t) * m(t)` at each sample tick (tick-lots). */
  pnl: number[];
  /** Inventory `q(t)` in lots at each sample tick. */
  inventory: number[];
  /** Mark `m(t)` in price ticks at each sample tick (NaN before the first recorded mark). */
  mark: number[];
  /** Lots traded by the agent on the book. */
  volume: number;
}

/** Sample ticks of a run: multiples of `interval` up to `duration`, plus `duration` itself. */
export function sampleTicks(duration: number, interval: number): number[] {
  const ts: number[] = [];
  for (let t = 0; t <= duration; t += interval) ts.push(t);
  if (ts[ts.length - 1] !== duration) ts.push(duration);
  return ts;
}

/** The last recorded mark of each market at or before each sample tick, from a `truth` (fair) or `mids` (mid) table. */
export function marksAt(table: Columns, valueColumn: 'fair' | 'mid', market: string, ticks: readonly number[]): number[] {
  const tc = table.t as ArrayLike<number> | undefined;
  const mc = table.market as ArrayLike<string> | undefined;
  const vc = table[valueColumn] as ArrayLike<number> | undefined;
  const pts: { t: number; v: number }[] = [];
  if (tc && mc && vc) for (let i = 0; i < tc.length; i++) if (mc[i] === market && Number.isFinite(vc[i]!)) pts.push({ t: tc[i]!, v: vc[i]! });
  pts.sort((a, b) => a.t - b.t);
  const out: number[] = [];
  let j = -1;
  for (const t of ticks) {
    while (j + 1 < pts.length && pts[j + 1]!.t <= t) j++;
    out.push(j >= 0 ? pts[j]!.v : NaN);
  }
  return out;
}

/**
 * Paths of an agent on every market of the run: fill legs with `t <= sample tick` accumulate into
 * cash (`-sign * price * qty - fee`) and inventory (`sign * qty`); the PnL marks the inventory at
 * the latest mark (an inventory of 0 needs no mark; a non-zero one before any mark uses the fill
 * prices seen so far, else 0).
 */
export function bookPaths(record: RunRecord, agent: string, interval: number, mark: 'truth' | 'mid'): BookPath[] {
  const tr = record.trades;
  const ag = tr.agent as ArrayLike<string>;
  const mk = tr.market as ArrayLike<string>;
  const ts = tr.t as ArrayLike<number>;
  const sd = tr.side as ArrayLike<string>;
  const px = tr.price as ArrayLike<number>;
  const qt = tr.qty as ArrayLike<number>;
  const fe = tr.fee as ArrayLike<number>;
  const legs = new Map<string, number[]>();
  for (let i = 0; i < (ag?.length ?? 0); i++) {
    if (ag[i] !== agent) continue;
    let l = legs.get(mk[i]!);
    if (!l) legs.set(mk[i]!, (l = []));
    l.push(i);
  }
  const ticks = sampleTicks(record.duration, interval);
  return record.markets.map((spec) => {
    const idx = (legs.get(spec.id) ?? []).sort((a, b) => ts[a]! - ts[b]! || a - b);
    const marks = mark === 'truth' ? marksAt(record.truth, 'fair', spec.id, ticks) : marksAt(record.mids, 'mid', spec.id, ticks);
    const pnl: number[] = [];
    const inventory: number[] = [];
    let cash = 0;
    let q = 0;
    let volume = 0;
    let lastPrice = NaN;
    let j = 0;
    for (let k = 0; k < ticks.length; k++) {
      while (j < idx.length && ts[idx[j]!]! <= ticks[k]!) {
        const i = idx[j++]!;
        const s = sd[i] === 'buy' ? 1 : -1;
        cash += -s * px[i]! * qt[i]! - fe[i]!;
        q += s * qt[i]!;
        volume += qt[i]!;
        lastPrice = px[i]!;
      }
      const m = Number.isFinite(marks[k]!) ? marks[k]! : lastPrice;
      pnl.push(q === 0 ? cash : cash + q * (Number.isFinite(m) ? m : 0));
      inventory.push(q);
    }
    while (j < idx.length) volume += qt[idx[j++]!]!;
    return { market: spec.id, t: ticks, pnl, inventory, mark: marks, volume };
  });
}
