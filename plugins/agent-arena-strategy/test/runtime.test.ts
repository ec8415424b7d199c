import { describe, it, expect } from 'vitest';
import { z, type MarketSpec } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import rw from '@venuelab/plugin-truth-random-walk';
import noise from '@venuelab/plugin-agent-noise';
import trend, { defineArenaStrategy, trendFollowerStrategy, type ArenaOrder, type BookState } from '../src/index.js';

const markets: MarketSpec[] = ['A', 'B', 'C'].map((id) => ({ id, tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' }));
const crowd = markets.map((m) => ({ plugin: noise, id: `noise-${m.id}`, count: 3, config: { market: m.id, arrivalRatePerUnit: 0.05, marketShare: 0.3, minOffset: 0, maxOffset: 5, orderLifetime: 60 } }));

/** A probe strategy: records what it sees and quotes mid -/+ 3 on every book. */
function probe() {
  const seen: { t: number; states: BookState[] }[] = [];
  const plugin = defineArenaStrategy({
    id: 'probe',
    version: '0.0.0',
    description: 'probe',
    shape: { spread: z.number().default(3).describe('distance of the quotes from the mid') },
    create(c) {
      return {
        onBooks(states, info) {
          seen.push({ t: info.t, states: states.map((s) => ({ ...s })) });
          const out: ArenaOrder[] = [];
          for (const b of states) {
            const m = Number.isFinite(b.mid) ? b.mid : 10_000;
            out.push({ kind: 'quote', market: b.market, side: 'buy', price: m - c.spread, qty: 1 });
            out.push({ kind: 'quote', market: b.market, side: 'sell', price: m + c.spread, qty: 1 });
          }
          return out;
        },
      };
    },
  });
  return { plugin, seen };
}

describe('arena runtime', () => {
  it('decides on the cadence over every book and delays its messages by the response time', () => {
    const p = probe();
    const out = runTest({
      seed: 4,
      duration: 400,
      markets,
      truth: { plugin: rw, config: { q: 1e-8 } },
      venues: [{ plugin: clob }],
      agents: [...crowd, { plugin: p.plugin, id: 'mm', config: { cadence: 20, responseTime: 7 } }],
    });
    expect(p.seen.map((s) => s.t)).toEqual(Array.from({ length: 20 }, (_, i) => i * 20));
    expect(p.seen.every((s) => s.states.map((b) => b.market).join() === 'A,B,C')).toBe(true);
    const o = out.record.orders;
    const rows = Array.from({ length: (o.agent as string[]).length }, (_, i) => i).filter((i) => (o.agent as string[])[i] === 'mm');
    expect(rows.length).toBeGreaterThan(0);
    // every message of the strategy is sent 7 ticks after a decision (order latency 0)
    for (const i of rows) expect(((o.t as number[])[i]! - 7) % 20).toBe(0);
    // limit prices are on the grid, bids below asks
    for (const i of rows) if ((o.action as string[])[i] === 'limit') expect(Number.isInteger((o.price as number[])[i])).toBe(true);
  });

  it('shows books without its own quotes and keeps unchanged quotes (no cancel-replace churn)', () => {
    const p = probe();
    const out = runTest({
      seed: 2,
      duration: 200,
      markets,
      truth: { plugin: rw, config: { q: 0 } },
      venues: [{ plugin: clob }],
      agents: [{ plugin: p.plugin, id: 'mm', config: { cadence: 10 } }],
    });
    // alone on the venue: its view of every book stays empty although its own quotes rest there
    for (const s of p.seen) for (const b of s.states) expect([b.bids.length, b.asks.length, Number.isNaN(b.mid)]).toEqual([0, 0, true]);
    const lastBook = p.seen[p.seen.length - 1]!.states[0]!;
    expect([lastBook.ownBidQty, lastBook.ownAskQty]).toEqual([1, 1]);
    // the same wanted quotes every decision: 6 limit orders sent once, never cancelled
    const actions = (out.record.orders.action as string[]).filter((_, i) => (out.record.orders.agent as string[])[i] === 'mm');
    expect(actions.filter((a) => a === 'limit').length).toBe(6);
    expect(actions.filter((a) => a === 'cancel').length).toBe(0);
  });

  it('books inventory and cash from its fills, per book', () => {
    const p = probe();
    const out = runTest({
      seed: 9,
      duration: 1500,
      markets,
      truth: { plugin: rw, config: { q: 1e-8 } },
      venues: [{ plugin: clob }],
      agents: [...crowd, { plugin: p.plugin, id: 'mm', config: { cadence: 10, spread: 1 } }],
    });
    const tr = out.record.trades;
    const n = (tr.agent as string[]).length;
    const last = p.seen[p.seen.length - 1]!;
    for (const b of last.states) {
      let q = 0;
      let cash = 0;
      for (let i = 0; i < n; i++) {
        if ((tr.agent as string[])[i] !== 'mm' || (tr.market as string[])[i] !== b.market || (tr.t as number[])[i]! >= last.t) continue;
        const s = (tr.side as string[])[i] === 'buy' ? 1 : -1;
        q += s * (tr.qty as number[])[i]!;
        cash += -s * (tr.price as number[])[i]! * (tr.qty as number[])[i]! - (tr.fee as number[])[i]!;
      }
      expect(b.inventory).toBe(q);
      expect(b.cash).toBeCloseTo(cash, 6);
    }
    expect(p.seen.flatMap((s) => s.states.map((b) => b.inventory)).some((x) => x !== 0)).toBe(true);
  });
});

describe('trend follower strategy', () => {
  const book = (market: string, mid: number, inventory = 0): BookState => ({
    venue: 'v', market, spec: markets[0]!, t: 0, increment: 1, bestBid: mid - 1, bestAsk: mid + 1, bidQty: 1, askQty: 1,
    mid, last: NaN, bids: [], asks: [], inventory, cash: 0, ownBidQty: 0, ownAskQty: 0,
  });
  const cfg = { fastHalfLife: 5, slowHalfLife: 100, threshold: 2, participation: 1, qty: 1, maxPosition: 3 };
  const env = { rng: () => ({ bernoulli: (p: number) => p >= 1 }) as never };

  it('buys a rising book, sells a falling one, holds a flat one, and stops at maxPosition', () => {
    const s = trendFollowerStrategy(cfg, env);
    const at = (t: number, a: number, b: number, c: number, inv = 0) => s.onBooks([book('A', a, inv), book('B', b), book('C', c)], { t, duration: 100, decision: t });
    expect(at(0, 10_000, 10_000, 10_000)).toEqual([]);
    const out = at(10, 10_020, 9_980, 10_000);
    expect(out).toEqual([
      { kind: 'take', market: 'A', side: 'buy', qty: 1 },
      { kind: 'take', market: 'B', side: 'sell', qty: 1 },
    ]);
    expect(at(20, 10_040, 9_960, 10_000, 3).filter((o) => o.market === 'A')).toEqual([]);
  });
});
