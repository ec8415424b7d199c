/**
 * The race scan (indexed quotes, one requote sweep per move, fill lists per quote) against a direct
 * reading of its definition (see `scanRaces`), on random records: same races, outcomes and values.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildRecord, legView, truthMoves, type FillSpec, type OrderSpec } from '@venuelab/analysis';
import type { RunRecord } from '@venuelab/kernel';
import { findRaces, type Race } from '../src/index.js';

const AGENTS = ['lp', 'inf', 'noise'];
const ROLES: Record<string, string> = { lp: 'LP', inf: 'informed', noise: 'noise' };
const MARKETS = ['M', 'N'];
const D = 40;

interface Draw {
  steps: number[][];
  orders: { t: number; lat: number; agent: number; market: number; kind: number; side: boolean; offset: number; qty: number; target: number }[];
  fills: { order: number; delay: number; qty: number; taker: number }[];
}

const draw: fc.Arbitrary<Draw> = fc.record({
  steps: fc.array(fc.array(fc.integer({ min: -6, max: 6 }), { minLength: D, maxLength: D }), { minLength: 2, maxLength: 2 }),
  orders: fc.array(
    fc.record({
      t: fc.integer({ min: 0, max: D - 1 }),
      lat: fc.integer({ min: 0, max: 3 }),
      agent: fc.integer({ min: 0, max: 2 }),
      market: fc.integer({ min: 0, max: 1 }),
      kind: fc.integer({ min: 0, max: 9 }),
      side: fc.boolean(),
      offset: fc.integer({ min: -12, max: 12 }),
      qty: fc.integer({ min: 1, max: 3 }),
      target: fc.nat(),
    }),
    { maxLength: 60 },
  ),
  fills: fc.array(fc.record({ order: fc.nat(), delay: fc.integer({ min: 0, max: 8 }), qty: fc.integer({ min: 1, max: 3 }), taker: fc.integer({ min: 0, max: 2 }) }), { maxLength: 25 }),
});

function makeRecord(d: Draw): RunRecord {
  const truth = MARKETS.flatMap((market, m) => {
    let f = 100;
    return d.steps[m]!.map((s, t) => ({ t, market, fair: (f += s) }));
  });
  const fairAt = (market: number, t: number) => truth[market * D + Math.min(t, D - 1)]!.fair;
  // Orders in arrival order; ids in send order; cancels target an earlier limit order of anyone.
  const sent = d.orders.map((o, k) => ({ ...o, id: k + 1, arrivedAt: Math.min(D - 1, o.t + o.lat) })).sort((a, b) => a.arrivedAt - b.arrivedAt || a.id - b.id);
  const limits: (typeof sent)[number][] = [];
  const orders: OrderSpec[] = [];
  for (const o of sent) {
    const agent = AGENTS[o.agent]!;
    if (o.kind < 6) {
      limits.push(o);
      const price = Math.round(fairAt(o.market, o.t)) + o.offset;
      orders.push({ t: o.t, arrivedAt: o.arrivedAt, agent, venue: 'V', market: MARKETS[o.market]!, action: 'limit', orderId: o.id, side: o.side ? 'buy' : 'sell', price, qty: o.qty, status: o.kind === 5 ? 'rejected' : 'resting' });
    } else if (o.kind < 8 || limits.length === 0) {
      orders.push({ t: o.t, arrivedAt: o.arrivedAt, agent, venue: 'V', market: MARKETS[o.market]!, action: 'market', orderId: o.id, side: o.side ? 'buy' : 'sell', qty: o.qty, status: 'filled', filledQty: o.qty });
    } else {
      const target = limits[o.target % limits.length]!;
      orders.push({ t: o.t, arrivedAt: o.arrivedAt, agent, venue: 'V', action: 'cancel', orderId: target.id, status: o.target % 3 === 0 ? 'rejected' : 'cancelled' });
    }
  }
  // Fills of limit orders at or after their arrival, at their price.
  const quotes = orders.filter((o) => o.action === 'limit');
  const fills: FillSpec[] = [];
  if (quotes.length > 0) {
    for (const f of d.fills) {
      const q = quotes[f.order % quotes.length]!;
      // Some fills land on the tick a cancel of the quote arrives (the race is lost only if the fill came first).
      const cancel = orders.find((o) => o.action === 'cancel' && o.orderId === q.orderId);
      const t = f.delay === 8 && cancel ? cancel.arrivedAt! : Math.min(D - 1, (q.arrivedAt ?? q.t) + f.delay);
      if (t < (q.arrivedAt ?? q.t)) continue;
      const taker = AGENTS[f.taker]!;
      fills.push({ venue: 'V', market: q.market!, t, price: q.price!, qty: f.qty, maker: { agent: q.agent, side: q.side!, orderId: q.orderId, submittedAt: q.t }, taker: { agent: taker, side: q.side === 'buy' ? 'sell' : 'buy', submittedAt: t } });
    }
    fills.sort((a, b) => a.t - b.t);
  }
  return buildRecord({ duration: D, markets: MARKETS.map((id) => ({ id, tickSize: 0.01, lotSize: 1, openingMid: 1, kind: 'price' as const })), participants: AGENTS.map((id) => ({ id, role: ROLES[id]! })), truth, orders, fills });
}

/** The definition of `scanRaces`, read directly: every quote checked at every move. */
function referenceRaces(record: RunRecord, threshold: number, margin: number, spec: OrderSpec[], fills: FillSpec[]): Race[] {
  const legs = legView(record);
  const moves = truthMoves(legs.truth, threshold);
  const out: Race[] = [];
  const rowsOf = (id: number) => spec.filter((o) => o.action !== 'cancel' && o.orderId === id);
  for (const q of spec) {
    if (q.action !== 'limit' || q.status === 'rejected') continue;
    const g = legs.truth.group(q.market!);
    const ev = moves[g]!;
    const own = rowsOf(q.orderId).length === 1; // ids are unique here
    expect(own).toBe(true);
    const cancels = spec.filter((c) => c.action === 'cancel' && c.orderId === q.orderId && c.agent === q.agent).map((c) => c.arrivedAt!);
    const cancelAt = Math.min(Infinity, ...cancels);
    const myFills = fills.filter((f) => f.maker.orderId === q.orderId && f.maker.agent === q.agent);
    for (let e = 0; e < ev.times.length; e++) {
      const te = ev.times[e]!;
      const tNext = e + 1 < ev.times.length ? ev.times[e + 1]! : Infinity;
      const fair = ev.fair[e]!;
      const before = fair - ev.size[e]!;
      if (!(q.arrivedAt! < te) || cancelAt < te) continue;
      const filledBefore = myFills.filter((f) => f.t < te).reduce((s, f) => s + f.qty, 0);
      if (filledBefore >= q.qty!) continue;
      const p = q.price!;
      const stale = q.side === 'buy' ? fair < before && p > fair + margin && !(p > before + margin) : fair > before && p < fair - margin && !(p < before - margin);
      if (!stale) continue;
      const requotes = spec.filter((o) => o.action !== 'cancel' && o.agent === q.agent && o.venue === q.venue && o.market === q.market && o.t >= te).map((o) => o.arrivedAt!);
      const response = Math.min(cancelAt, ...requotes);
      const hits = myFills.filter((f) => f.t >= te && f.t <= response && f.t < tNext);
      let value = 0;
      for (const f of hits) value -= (q.side === 'buy' ? 1 : -1) * (legs.truth.at(g, f.t) - f.price) * f.qty;
      const outcome = hits.length > 0 ? 'lost' : response < tNext ? 'won' : 'unresolved';
      out.push({ t: te, orderId: q.orderId, agent: q.agent, role: ROLES[q.agent]!, venue: 'V', market: q.market!, outcome, value });
    }
  }
  return out;
}

const key = (r: Race) => `${r.market} ${String(r.t).padStart(4)} ${String(r.orderId).padStart(4)}`;
const sorted = (rs: Race[]) => [...rs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

describe('metric-extraction: latency races match their definition', () => {
  it('on random records (quotes, cancels, refused cancels, requotes, partial fills, two markets)', () => {
    fc.assert(
      fc.property(draw, fc.integer({ min: 1, max: 8 }), fc.constantFrom(0, 0.5, 2), (d, threshold, margin) => {
        const record = makeRecord(d);
        const orders = record.orders;
        // Rebuild the specs from the record's own order log and legs, so both sides read the same data.
        const spec: OrderSpec[] = [];
        const n = orders.t!.length as number;
        const col = (c: string) => orders[c] as ArrayLike<number | string>;
        for (let i = 0; i < n; i++) {
          spec.push({
            t: col('t')[i] as number,
            arrivedAt: col('arrived_at')[i] as number,
            agent: col('agent')[i] as string,
            venue: col('venue')[i] as string,
            market: col('market')[i] as string,
            action: col('action')[i] as OrderSpec['action'],
            orderId: col('order_id')[i] as number,
            side: (col('side')[i] as OrderSpec['side']) || undefined,
            price: col('price')[i] as number,
            qty: col('qty')[i] as number,
            status: col('status')[i] as OrderSpec['status'],
          });
        }
        // A cancel takes the market of its target.
        for (const c of spec) if (c.action === 'cancel') c.market = spec.find((o) => o.action === 'limit' && o.orderId === c.orderId)?.market ?? '';
        const legs = legView(record);
        const fills: FillSpec[] = [];
        for (let i = 0; i < legs.n; i++) {
          if (!legs.isMaker[i]) continue;
          fills.push({ t: legs.t[i]!, price: legs.price[i]!, qty: legs.qty[i]!, maker: { agent: legs.agent.levels[legs.agent.codes[i]!]!, side: legs.sign[i]! > 0 ? 'buy' : 'sell', orderId: legs.orderId[i]! }, taker: { agent: '', side: 'buy' } });
        }
        expect(sorted(findRaces(record, threshold, margin))).toEqual(sorted(referenceRaces(record, threshold, margin, spec, fills)));
      }),
      { numRuns: 1500 },
    );
  });
});
