/**
 * Latency races: after each truth move, was a stale resting quote hit before its owner's cancel or
 * requote reached the venue?
 * @module
 */
import type { MetricScope, RunRecord } from '@venuelab/kernel';
import { Action, legAgentToOrderAgent, legView, orderView, truthMoves, type LegView, type OrderView, type RowSink } from '@venuelab/analysis/core';

/** One race: a stale quote at a truth move and its outcome. */
export interface Race {
  /** Tick of the truth move. */
  t: number;
  /** Order id of the stale quote. */
  orderId: number;
  /** Owner. */
  agent: string;
  /** Owner's role. */
  role: string;
  /** Venue. */
  venue: string;
  /** Market. */
  market: string;
  /** `lost`, `won` or `unresolved`. */
  outcome: 'lost' | 'won' | 'unresolved';
  /** Value taken (tick-lots). */
  value: number;
}

/**
 * Scans every race. At a truth move at `t_e` (see `truthMoves`) with new fair value `f`, a quote
 * is a limit order that reached its venue before `t_e`, had no cancel (accepted or refused) arrive
 * before `t_e` and was not
 * fully filled at ticks before `t_e`. The move made it stale when it now lets its counterparty
 * trade at a profit against `f` (a bid above `f + staleMargin`, an ask below `f - staleMargin`)
 * but did not against the fair value before the move (the previous move's fair value); quotes
 * that were already on the wrong side of truth are not a race this move created. The owner's
 * response is the earliest arrival of a cancel of that quote or of a new order by the owner on the
 * same venue and market sent at or after `t_e` (a requote). The race is lost when the quote is hit
 * at a tick in `[t_e, response]` (a fill in the tick the cancel arrived must have come first,
 * since a cancelled order cannot fill) and before the next move; won when the response arrives
 * first, before the next move; unresolved otherwise.
 */
export function scanRaces(record: RunRecord, moveThreshold: number, staleMargin: number, visit: RaceVisitor): void {
  const legs = legView(record);
  const o = orderView(record);
  const moves = truthMoves(legs.truth, moveThreshold);
  const { Q, rowOfQuote, cancelAt, liveEnd, firstFill, nextFill } = quoteIndex(legs, o);
  const requotes = new RequoteSweep(o);
  // Quotes of each market in arrival order.
  const byMarket: number[][] = o.market.levels.map(() => []);
  for (let q = 0; q < Q; q++) byMarket[o.market.codes[rowOfQuote[q]!]!]!.push(q);
  // Live quotes by side: a down move can only make bids stale, an up move only asks.
  const activeBids = new Int32Array(Q);
  const activeAsks = new Int32Array(Q);
  const stale = new Int32Array(Q);
  for (let mc = 0; mc < byMarket.length; mc++) {
    const quotes = byMarket[mc]!;
    const market = o.market.levels[mc]!;
    const tg = legs.truth.group(market);
    if (tg < 0 || quotes.length === 0) continue;
    const arrival = (q: number) => o.arrivedAt[rowOfQuote[q]!]!;
    let sorted = true;
    for (let j = 1; j < quotes.length; j++) if (arrival(quotes[j]!) < arrival(quotes[j - 1]!)) sorted = false;
    if (!sorted) quotes.sort((a, b) => arrival(a) - arrival(b) || a - b);
    const ev = moves[tg]!;
    let nBids = 0;
    let nAsks = 0;
    let next = 0;
    for (let e = 0; e < ev.times.length; e++) {
      const te = ev.times[e]!;
      let tNext = Infinity;
      if (e + 1 < ev.times.length) tNext = ev.times[e + 1]!;
      const fair = ev.fair[e]!;
      const before = fair - ev.size[e]!;
      while (next < quotes.length && arrival(quotes[next]!) < te) {
        const q = quotes[next++]!;
        if (o.sign[rowOfQuote[q]!]! > 0) activeBids[nBids++] = q;
        else activeAsks[nAsks++] = q;
      }
      // A bid is stale after the move, and made so by it, when fair + margin < price <= before + margin
      // (so only when fair < before); an ask when before - margin <= price < fair - margin.
      const bids = fair < before;
      if (!bids && !(fair > before)) continue;
      const active = bids ? activeBids : activeAsks;
      const nActive = bids ? nBids : nAsks;
      let kept = 0;
      let nStale = 0;
      for (let a = 0; a < nActive; a++) {
        const q = active[a]!;
        // cancelled (or refused a cancel) before te, or fully filled at a tick before te
        if (liveEnd[q]! < te) continue;
        active[kept++] = q;
        const price = o.price[rowOfQuote[q]!]!;
        const isStale = bids
          ? price > fair + staleMargin && !(price > before + staleMargin)
          : price < fair - staleMargin && !(price < before - staleMargin);
        if (isStale) stale[nStale++] = q;
      }
      if (bids) nBids = kept;
      else nAsks = kept;
      if (nStale === 0) continue;
      // The owners' requotes, where they can decide an outcome: before the next move and before
      // the quote's own cancel.
      let limit = 0;
      for (let k = 0; k < nStale; k++) limit = Math.max(limit, Math.min(cancelAt[stale[k]!]!, tNext));
      requotes.find(te, limit, stale, nStale, rowOfQuote);
      for (let k = 0; k < nStale; k++) {
        const q = stale[k]!;
        const r = rowOfQuote[q]!;
        const response = Math.min(cancelAt[q]!, requotes.arrival(r));
        // Hits: the owner's fill legs of the quote at ticks in [te, response], before the next move.
        let value = 0;
        let hits = 0;
        for (let i = firstFill[q]!; i >= 0; i = nextFill[i]!) {
          const t = legs.t[i]!;
          if (t < te) continue;
          if (t > response || t >= tNext) break;
          hits++;
          value -= legs.sign[i]! * (legs.truth.at(tg, t) - legs.price[i]!) * legs.qty[i]!;
        }
        visit(r, te, hits > 0 ? LOST : response < tNext && Number.isFinite(response) ? WON : UNRESOLVED, value);
      }
    }
  }
}

/**
 * Quotes (accepted limit orders with a price), the arrival of their owner's first cancel, their
 * owner's fill legs in time order (a list per quote: `firstFill[q]`, then `nextFill[leg]`, -1 at
 * the end) and the end of their life (the cancel, or the tick they were fully filled plus a half).
 *
 * Each step is its own function with one loop: a function run once over millions of rows is
 * compiled while its loop runs (on-stack replacement), and a second loop in the same function
 * would throw that code away on reaching it (no type feedback yet) and start over.
 */
function quoteIndex(legs: LegView, o: OrderView) {
  const { Q, quoteOfRow, rowOfQuote } = findQuotes(o);
  const cancelAt = firstCancels(o, quoteOfRow, Q);
  const { firstFill, nextFill } = fillLists(legs, o, quoteOfRow, Q);
  const liveEnd = liveEnds(legs, o, rowOfQuote, cancelAt, firstFill, nextFill);
  return { Q, rowOfQuote, cancelAt, liveEnd, firstFill, nextFill };
}

/** Quotes: accepted limit orders with a price, numbered in log order. */
function findQuotes(o: OrderView): { Q: number; quoteOfRow: Int32Array; rowOfQuote: Int32Array } {
  const quoteOfRow = new Int32Array(o.n);
  const rows = new Int32Array(o.n);
  let Q = 0;
  for (let i = 0; i < o.n; i++) {
    if (o.action[i] === Action.Limit && !o.rejected[i] && Number.isFinite(o.price[i]!)) {
      rows[Q] = i;
      quoteOfRow[i] = Q++;
    } else quoteOfRow[i] = -1;
  }
  return { Q, quoteOfRow, rowOfQuote: rows.subarray(0, Q) };
}

/**
 * Arrival of the owner's first cancel of each quote, accepted or refused (a refused cancel means
 * the quote was already filled or removed, e.g. by self-trade prevention): the quote is not live
 * after it, and it is the owner's response. Infinity without one.
 */
function firstCancels(o: OrderView, quoteOfRow: Int32Array, Q: number): Float64Array {
  const cancelAt = new Float64Array(Q).fill(Infinity);
  for (let i = 0; i < o.n; i++) {
    if (o.action[i] !== Action.Cancel) continue;
    const r = o.rowOf(o.orderId[i]!);
    const q = r >= 0 ? quoteOfRow[r]! : -1;
    if (q < 0 || o.agent.codes[i] !== o.agent.codes[r]) continue;
    const at = o.arrivedAt[i]!;
    if (at < cancelAt[q]!) cancelAt[q] = at;
  }
  return cancelAt;
}

/** Fill legs of each quote from its owner's side, linked in time order (built back to front). */
function fillLists(legs: LegView, o: OrderView, quoteOfRow: Int32Array, Q: number): { firstFill: Int32Array; nextFill: Int32Array } {
  const agentMap = legAgentToOrderAgent(legs, o);
  const order = timeOrder(legs.t);
  const firstFill = new Int32Array(Q).fill(-1);
  const nextFill = new Int32Array(legs.n);
  for (let j = legs.n - 1; j >= 0; j--) {
    const i = order === null ? j : order[j]!;
    const r = o.rowOf(legs.orderId[i]!);
    if (r < 0) continue;
    const q = quoteOfRow[r]!;
    if (q < 0 || agentMap[legs.agent.codes[i]!] !== o.agent.codes[r]) continue;
    nextFill[i] = firstFill[q]!;
    firstFill[q] = i;
  }
  return { firstFill, nextFill };
}

/** A quote is live at t while not cancelled before t and not fully filled by fills before t. */
function liveEnds(legs: LegView, o: OrderView, rowOfQuote: Int32Array, cancelAt: Float64Array, firstFill: Int32Array, nextFill: Int32Array): Float64Array {
  const Q = rowOfQuote.length;
  const liveEnd = cancelAt.slice();
  for (let q = 0; q < Q; q++) {
    let filled = 0;
    const need = o.qty[rowOfQuote[q]!]!;
    for (let i = firstFill[q]!; i >= 0; i = nextFill[i]!) {
      filled += legs.qty[i]!;
      if (filled >= need) {
        // live at ticks up to and including this fill's tick (fills before t end it from t + 1 on)
        const end = legs.t[i]! + 0.5;
        if (end < liveEnd[q]!) liveEnd[q] = end;
        break;
      }
    }
  }
  return liveEnd;
}

/**
 * Requotes: for the quotes made stale by one move at `te`, the earliest arrival of an order (limit
 * or market, not a cancel) that each quote's owner sent on the same venue and market at or after
 * `te`. One sweep of the order log in arrival order from `te` answers every owner of the move at
 * once (the first such order met is the earliest); it stops at `limit`, past which no answer
 * changes an outcome. The sweeps of successive moves of a market cover disjoint windows, so all the
 * sweeps of a run read each order-log row about once per market.
 */
class RequoteSweep {
  private readonly order: Uint32Array | null;
  private readonly V: number;
  private readonly M: number;
  /** Dense per-key state when the key space is small, else maps. */
  private readonly dense: boolean;
  private readonly wanted: Int32Array;
  private readonly found: Float64Array;
  private readonly wantedSet = new Set<number>();
  private readonly foundMap = new Map<number, number>();
  private stamp = 0;

  constructor(private readonly o: OrderView) {
    this.order = timeOrder(o.arrivedAt);
    this.V = o.venue.levels.length;
    this.M = o.market.levels.length;
    const space = o.agent.levels.length * this.V * this.M;
    this.dense = space <= 1 << 20;
    this.wanted = new Int32Array(this.dense ? space : 0);
    this.found = new Float64Array(this.dense ? space : 0);
  }

  private key(row: number): number {
    const o = this.o;
    return (o.agent.codes[row]! * this.V + o.venue.codes[row]!) * this.M + o.market.codes[row]!;
  }

  /** Sweeps for the owners of `stale[0..n)` (quote numbers; `rowOfQuote` gives their rows). */
  find(te: number, limit: number, stale: Int32Array, n: number, rowOfQuote: Int32Array): void {
    const o = this.o;
    const stamp = ++this.stamp;
    let pending = 0;
    this.wantedSet.clear();
    this.foundMap.clear();
    for (let k = 0; k < n; k++) {
      const key = this.key(rowOfQuote[stale[k]!]!);
      if (this.dense) {
        if (this.wanted[key] === stamp) continue;
        this.wanted[key] = stamp;
        this.found[key] = Infinity;
      } else {
        if (this.wantedSet.has(key)) continue;
        this.wantedSet.add(key);
      }
      pending++;
    }
    const order = this.order;
    for (let j = lowerBound(o.arrivedAt, te, 0, o.n, order); j < o.n && pending > 0; j++) {
      const i = order === null ? j : order[j]!;
      const at = o.arrivedAt[i]!;
      if (!(at < limit)) break;
      if (o.action[i] === Action.Cancel || o.t[i]! < te) continue;
      const key = this.key(i);
      if (this.dense) {
        if (this.wanted[key] !== stamp || this.found[key] !== Infinity) continue;
        this.found[key] = at;
      } else {
        if (!this.wantedSet.has(key) || this.foundMap.has(key)) continue;
        this.foundMap.set(key, at);
      }
      pending--;
    }
  }

  /** The answer of the last sweep for the owner of order-log row `r` (Infinity if none before the limit). */
  arrival(r: number): number {
    const key = this.key(r);
    if (this.dense) return this.found[key]!;
    return this.foundMap.get(key) ?? Infinity;
  }
}

/** Index (in the order of `perm`, or of the array when null) of the first value `>= x`. */
function lowerBound(a: Float64Array, x: number, lo: number, hi: number, perm: Uint32Array | null): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[perm === null ? mid : perm[mid]!]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Row indices in time order, ties by index; null when the rows already are (the kernel's logs are). */
function timeOrder(t: Float64Array): Uint32Array | null {
  let sorted = true;
  for (let i = 1; i < t.length && sorted; i++) if (t[i]! < t[i - 1]!) sorted = false;
  if (sorted) return null;
  const order = new Uint32Array(t.length);
  for (let i = 0; i < t.length; i++) order[i] = i;
  return order.sort((a, b) => t[a]! - t[b]! || a - b);
}

const LOST = 0;
const WON = 1;
const UNRESOLVED = 2;
const OUTCOMES = ['lost', 'won', 'unresolved'] as const;

/** Receives each race: the quote's order-log row, the move's tick, the outcome (0 lost, 1 won, 2 unresolved) and the value taken. */
export type RaceVisitor = (row: number, t: number, outcome: 0 | 1 | 2, value: number) => void;

/** Every race as an object (see {@link scanRaces}); for tests and exploration. */
export function findRaces(record: RunRecord, moveThreshold: number, staleMargin: number): Race[] {
  const o = orderView(record);
  const races: Race[] = [];
  scanRaces(record, moveThreshold, staleMargin, (r, t, outcome, value) => {
    races.push({
      t,
      orderId: o.orderId[r]!,
      agent: o.agent.levels[o.agent.codes[r]!]!,
      role: o.role.levels[o.role.codes[r]!]!,
      venue: o.venue.levels[o.venue.codes[r]!]!,
      market: o.market.levels[o.market.codes[r]!]!,
      outcome: OUTCOMES[outcome],
      value,
    });
  });
  return races;
}

/**
 * Race rows per scope: counts, loss rate and value taken, grouped by the quote owner's role and
 * id, venue and market.
 */
export function raceRows(sink: RowSink, record: RunRecord, moveThreshold: number, staleMargin: number, scopes: readonly MetricScope[]): void {
  const o = orderView(record);
  const factors = { agent: o.agent, role: o.role, venue: o.venue, market: o.market };
  const tallies = scopes.map((scope) => {
    const f = scope === 'all' ? null : factors[scope];
    const G = f ? f.levels.length : 1;
    return { scope, f, G, counts: new Float64Array(G * 4), value: new Float64Array(G) };
  });
  scanRaces(record, moveThreshold, staleMargin, (r, _t, outcome, value) => {
    for (const x of tallies) {
      const k = x.f ? x.f.codes[r]! : 0;
      x.counts[k * 4 + outcome]!++;
      x.counts[k * 4 + 3]!++;
      x.value[k]! += value;
    }
  });
  for (const x of tallies) {
    for (let k = 0; k < x.G; k++) {
      const stale = x.counts[k * 4 + 3]!;
      if (stale === 0 && x.scope !== 'all') continue;
      const key = x.f ? x.f.levels[k]! : '';
      const lost = x.counts[k * 4 + LOST]!;
      const won = x.counts[k * 4 + WON]!;
      sink.add('race_stale_quotes', x.scope, key, null, stale);
      sink.add('races_lost', x.scope, key, null, lost);
      sink.add('races_won', x.scope, key, null, won);
      sink.add('races_unresolved', x.scope, key, null, x.counts[k * 4 + UNRESOLVED]!);
      sink.add('race_value_taken', x.scope, key, null, x.value[k]!);
      if (lost + won > 0) sink.add('race_loss_rate', x.scope, key, null, lost / (lost + won));
    }
  }
}
