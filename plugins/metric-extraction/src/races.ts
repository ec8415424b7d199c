/**
 * Latency races: after each truth move, was a stale resting quote hit before its owner's cancel or
 * requote reached the venue?
 * @module
 */
import type { MetricScope, RunRecord } from '@venuelab/kernel';
import { Action, legAgentToOrderAgent, legView, lowerBound, orderView, truthMoves, type LegView, type OrderView, type RowSink } from '@venuelab/analysis';

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
  const { Q, rowOfQuote, cancelAt, fillStart, fillLegs, liveEnd } = quoteIndex(legs, o);
  const firstRequote = requoteIndex(o);
  // Quotes of each market in arrival order.
  const byMarket: number[][] = o.market.levels.map(() => []);
  for (let q = 0; q < Q; q++) byMarket[o.market.codes[rowOfQuote[q]!]!]!.push(q);
  // Live quotes by side: a down move can only make bids stale, an up move only asks.
  const activeBids = new Int32Array(Q);
  const activeAsks = new Int32Array(Q);
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
      const tNext = e + 1 < ev.times.length ? ev.times[e + 1]! : Infinity;
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
      for (let a = 0; a < nActive; a++) {
        const q = active[a]!;
        // cancelled (or refused a cancel) before te, or fully filled at a tick before te
        if (liveEnd[q]! < te) continue;
        active[kept++] = q;
        const r = rowOfQuote[q]!;
        const price = o.price[r]!;
        const stale = bids
          ? price > fair + staleMargin && !(price > before + staleMargin)
          : price < fair - staleMargin && !(price < before - staleMargin);
        if (!stale) continue;
        const response = Math.min(cancelAt[q]!, firstRequote(r, te));
        let value = 0;
        let hits = 0;
        const end = fillStart[q + 1]!;
        let j = fillStart[q]!;
        while (j < end && legs.t[fillLegs[j]!]! < te) j++;
        for (; j < end; j++) {
          const i = fillLegs[j]!;
          const t = legs.t[i]!;
          if (t > response || t >= tNext) break;
          hits++;
          value -= legs.sign[i]! * (legs.truth.at(tg, t) - legs.price[i]!) * legs.qty[i]!;
        }
        visit(r, te, hits > 0 ? LOST : response < tNext && Number.isFinite(response) ? WON : UNRESOLVED, value);
      }
      if (bids) nBids = kept;
      else nAsks = kept;
    }
  }
}

/** Quotes (accepted limit orders with a price), the arrival of their owner's first cancel, their fill legs in time order and the end of their life. */
function quoteIndex(legs: LegView, o: OrderView) {
  // Quotes: accepted limit orders with a price.
  const quoteOfRow = new Int32Array(o.n).fill(-1);
  let Q = 0;
  for (let i = 0; i < o.n; i++) {
    if (o.action[i] === Action.Limit && !o.rejected[i] && Number.isFinite(o.price[i]!)) quoteOfRow[i] = Q++;
  }
  const rowOfQuote = new Int32Array(Q);
  for (let i = 0; i < o.n; i++) if (quoteOfRow[i]! >= 0) rowOfQuote[quoteOfRow[i]!] = i;
  // cancelAt: arrival of the owner's first cancel of the quote, accepted or refused (a refused
  // cancel means the quote was already filled or removed, e.g. by self-trade prevention): the quote
  // is not live after it, and it is the owner's response.
  const cancelAt = new Float64Array(Q).fill(Infinity);
  for (let i = 0; i < o.n; i++) {
    if (o.action[i] !== Action.Cancel) continue;
    const r = o.rowOf(o.orderId[i]!);
    const q = r >= 0 ? quoteOfRow[r]! : -1;
    if (q < 0 || o.agent.codes[i] !== o.agent.codes[r]) continue;
    const at = o.arrivedAt[i]!;
    if (at < cancelAt[q]!) cancelAt[q] = at;
  }
  // Fill legs of each quote from its owner's side, in time order (compressed rows: fillStart[q] .. fillStart[q + 1]).
  const agentMap = legAgentToOrderAgent(legs, o);
  const byTime = timeOrder(legs.t);
  const legQuote = new Int32Array(legs.n).fill(-1);
  const fillStart = new Int32Array(Q + 1);
  for (let i = 0; i < legs.n; i++) {
    const r = o.rowOf(legs.orderId[i]!);
    if (r < 0) continue;
    const q = quoteOfRow[r]!;
    if (q < 0 || agentMap[legs.agent.codes[i]!] !== o.agent.codes[r]) continue;
    legQuote[i] = q;
    fillStart[q + 1]!++;
  }
  for (let q = 0; q < Q; q++) fillStart[q + 1]! += fillStart[q]!;
  const fillLegs = new Int32Array(fillStart[Q]!);
  {
    const pos = fillStart.slice(0, Q);
    for (let j = 0; j < byTime.length; j++) {
      const i = byTime[j]!;
      const q = legQuote[i]!;
      if (q >= 0) fillLegs[pos[q]!++] = i;
    }
  }
  // A quote is live at t while not cancelled before t and not fully filled by fills before t.
  const liveEnd = new Float64Array(Q);
  for (let q = 0; q < Q; q++) {
    let filled = 0;
    let full = Infinity;
    const need = o.qty[rowOfQuote[q]!]!;
    for (let j = fillStart[q]!; j < fillStart[q + 1]!; j++) {
      filled += legs.qty[fillLegs[j]!]!;
      if (filled >= need) {
        // live at ticks up to and including this fill's tick (fills before t end it from t + 1 on)
        full = legs.t[fillLegs[j]!]!;
        break;
      }
    }
    liveEnd[q] = Math.min(cancelAt[q]!, full === Infinity ? Infinity : full + 0.5);
  }
  return { Q, rowOfQuote, cancelAt, fillStart, fillLegs, liveEnd };
}

/**
 * Requotes: the orders (limit or market) of each owner, venue and market, by send time, with the
 * earliest arrival among the orders sent at or after each one. Returns a lookup: for the quote at
 * order-log row `r` and a tick `te`, the earliest arrival of an order its owner sent on the same
 * venue and market at or after `te` (Infinity if none).
 */
function requoteIndex(o: OrderView): (r: number, te: number) => number {
  const nV = o.venue.levels.length;
  const nM = o.market.levels.length;
  const agentCodes = o.agent.codes;
  const venueCodes = o.venue.codes;
  const marketCodes = o.market.codes;
  const action = o.action;
  const n = o.n;
  const keySpace = o.agent.levels.length * nV * nM;
  const dense = new Int32Array(keySpace <= 4 * n + 65_536 ? keySpace : 0).fill(-1);
  const useDense = dense.length > 0 || keySpace === 0;
  const keyIndex = new Map<number, number>();
  let K = 0;
  const keyOfRow = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (action[i] === Action.Cancel) continue;
    const k = (agentCodes[i]! * nV + venueCodes[i]!) * nM + marketCodes[i]!;
    let c = useDense ? dense[k]! : (keyIndex.get(k) ?? -1);
    if (c < 0) {
      c = K++;
      if (useDense) dense[k] = c;
      else keyIndex.set(k, c);
    }
    keyOfRow[i] = c;
  }
  const keyStart = new Int32Array(K + 1);
  for (let i = 0; i < n; i++) if (keyOfRow[i]! >= 0) keyStart[keyOfRow[i]! + 1]!++;
  for (let k = 0; k < K; k++) keyStart[k + 1]! += keyStart[k]!;
  const keyRows = new Int32Array(keyStart[K]!);
  const pos = keyStart.slice(0, K);
  for (let i = 0; i < n; i++) if (keyOfRow[i]! >= 0) keyRows[pos[keyOfRow[i]!]!++] = i;
  const sent = new Float64Array(keyRows.length);
  const minArrival = new Float64Array(keyRows.length);
  const t = o.t;
  const arrivedAt = o.arrivedAt;
  for (let k = 0; k < K; k++) {
    const a = keyStart[k]!;
    const b = keyStart[k + 1]!;
    sortNearlySorted(keyRows.subarray(a, b), t);
    let m = Infinity;
    for (let j = b - 1; j >= a; j--) {
      const r = keyRows[j]!;
      sent[j] = t[r]!;
      const x = arrivedAt[r]!;
      if (x < m) m = x;
      minArrival[j] = m;
    }
  }
  return (r, te) => {
    const k = keyOfRow[r]!;
    const a = keyStart[k]!;
    const b = keyStart[k + 1]!;
    const j = lowerBound(sent, te, a, b);
    return j < b ? minArrival[j]! : Infinity;
  };
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
 * Sorts row indices by a key, ties by index. Insertion sort, since the order log is in arrival
 * order and send times differ from it only by latency; falls back to a comparison sort when the
 * rows are far from sorted.
 */
function sortNearlySorted(rows: Int32Array, key: Float64Array): void {
  const n = rows.length;
  let moves = 0;
  for (let i = 1; i < n; i++) {
    const r = rows[i]!;
    const k = key[r]!;
    let j = i - 1;
    while (j >= 0 && (key[rows[j]!]! > k || (key[rows[j]!]! === k && rows[j]! > r))) {
      rows[j + 1] = rows[j]!;
      j--;
      if (++moves > 32 * n + 1024) {
        rows[j + 1] = r;
        rows.sort((x, y) => key[x]! - key[y]! || x - y);
        return;
      }
    }
    rows[j + 1] = r;
  }
}

function timeOrder(t: Float64Array): Uint32Array {
  const order = new Uint32Array(t.length);
  let sorted = true;
  for (let i = 0; i < t.length; i++) {
    order[i] = i;
    if (i > 0 && t[i]! < t[i - 1]!) sorted = false;
  }
  return sorted ? order : order.sort((a, b) => t[a]! - t[b]! || a - b);
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
