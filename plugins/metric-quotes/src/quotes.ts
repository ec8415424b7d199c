/**
 * Quoted spread: how wide the two-sided quotes of quoting agents are, read from the order log.
 * @module
 */
import type { Columns, Metric, MetricRow, MetricScope, RunRecord } from '@venuelab/kernel';
import { rowCount } from '@venuelab/kernel';
import type { QuotesConfig } from './schema.js';

/** One two-sided quote: the bids and asks an agent sent to one venue and market in one tick. */
export interface QuotePair {
  /** Tick the orders were sent. */
  t: number;
  /** Agent id. */
  agent: string;
  /** Agent role. */
  role: string;
  /** Venue id. */
  venue: string;
  /** Market id. */
  market: string;
  /** Highest bid price sent in that tick (price ticks). */
  bid: number;
  /** Lowest ask price sent in that tick (price ticks). */
  ask: number;
}

/**
 * Two-sided quotes of a run: for every agent, venue, market and send tick, the highest limit bid
 * and the lowest limit ask sent in that tick, when both exist. Rejected orders are left out;
 * market orders and cancels are ignored. A tick with only one side quoted is counted in
 * `oneSided` (by agent) and yields no pair.
 */
export function quotePairs(record: RunRecord, roles?: readonly string[]): { pairs: QuotePair[]; oneSided: Map<string, number> } {
  const o: Columns = record.orders;
  const n = rowCount(o);
  const roleOf = new Map(record.participants.map((p) => [p.id, p.role]));
  const keep = roles ? new Set(roles) : null;
  const t = o.t as ArrayLike<number>;
  const agent = o.agent as ArrayLike<string>;
  const venue = o.venue as ArrayLike<string>;
  const market = o.market as ArrayLike<string>;
  const action = o.action as ArrayLike<string>;
  const side = o.side as ArrayLike<string>;
  const price = o.price as ArrayLike<number>;
  const status = o.status as ArrayLike<string>;
  const open = new Map<string, QuotePair>();
  const pairs: QuotePair[] = [];
  const oneSided = new Map<string, number>();
  const flush = (key: string) => {
    const q = open.get(key)!;
    open.delete(key);
    if (Number.isFinite(q.bid) && Number.isFinite(q.ask)) pairs.push(q);
    else oneSided.set(q.agent, (oneSided.get(q.agent) ?? 0) + 1);
  };
  for (let i = 0; i < n; i++) {
    if (action[i] !== 'limit' || status[i] === 'rejected') continue;
    const p = price[i]!;
    if (!Number.isFinite(p)) continue;
    const a = agent[i]!;
    const role = roleOf.get(a) ?? 'unknown';
    if (keep && !keep.has(role)) continue;
    const key = `${a}\u0000${venue[i]}\u0000${market[i]}`;
    const cur = open.get(key);
    if (cur && cur.t !== t[i]) flush(key);
    let q = open.get(key);
    if (!q) {
      q = { t: t[i]!, agent: a, role, venue: venue[i]!, market: market[i]!, bid: -Infinity, ask: Infinity };
      open.set(key, q);
    }
    if (side[i] === 'buy') q.bid = Math.max(q.bid, p);
    else q.ask = Math.min(q.ask, p);
  }
  for (const key of [...open.keys()]) flush(key);
  return { pairs, oneSided };
}

/**
 * The quotes metric. For each group of two-sided quotes (see {@link quotePairs}):
 * `quoted_spread_mean` (mean of ask - bid, price ticks), `quoted_half_spread_mean` (half of it),
 * `quoted_spread_median`, `quote_pairs` (how many), and for `agent` and `role` scopes
 * `quote_one_sided_fraction` (ticks quoting one side only over all quoting ticks).
 */
export class QuotesMetric implements Metric {
  /**
   * @param id component id
   * @param config validated config
   */
  constructor(
    readonly id: string,
    private readonly config: QuotesConfig,
  ) {}

  /** Computes the rows from a finished run. */
  compute(record: RunRecord): MetricRow[] {
    const { pairs, oneSided } = quotePairs(record, this.config.roles);
    const rows: MetricRow[] = [];
    const keyOf: Record<MetricScope, (q: QuotePair) => string> = {
      all: () => '',
      role: (q) => q.role,
      agent: (q) => q.agent,
      venue: (q) => q.venue,
      market: (q) => q.market,
    };
    const roleOf = new Map(record.participants.map((p) => [p.id, p.role]));
    for (const scope of this.config.scopes) {
      const groups = new Map<string, number[]>();
      for (const q of pairs) {
        const k = keyOf[scope](q);
        let g = groups.get(k);
        if (!g) groups.set(k, (g = []));
        g.push(q.ask - q.bid);
      }
      for (const [key, spreads] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        let s = 0;
        for (const x of spreads) s += x;
        const mean = s / spreads.length;
        const sorted = Float64Array.from(spreads).sort();
        const m = sorted.length;
        const median = m % 2 ? sorted[(m - 1) / 2]! : (sorted[m / 2 - 1]! + sorted[m / 2]!) / 2;
        rows.push({ metric: 'quoted_spread_mean', scope, key, horizon: null, value: mean });
        rows.push({ metric: 'quoted_half_spread_mean', scope, key, horizon: null, value: mean / 2 });
        rows.push({ metric: 'quoted_spread_median', scope, key, horizon: null, value: median });
        rows.push({ metric: 'quote_pairs', scope, key, horizon: null, value: m });
        if (scope === 'agent' || scope === 'role') {
          let one = 0;
          for (const [a, c] of oneSided) if ((scope === 'agent' ? a : roleOf.get(a) ?? 'unknown') === key) one += c;
          rows.push({ metric: 'quote_one_sided_fraction', scope, key, horizon: null, value: one / (one + m) });
        }
      }
    }
    return rows;
  }
}
