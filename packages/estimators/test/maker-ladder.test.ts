import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { definePlugin, z, type AgentContext, type MarketSpec } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import rw from '@venuelab/plugin-truth-random-walk';
import noise from '@venuelab/plugin-agent-noise';
import { MakerAgent, makerBaseShape, type MakerBaseConfig, type MakerView, type QuoteLadder, type QuotePair } from '../src/index.js';
import { auditVenue, captureAgents } from './helpers/audit-venue.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const flat = { plugin: rw, config: { q: 0 } };

type Script = (t: number, view: MakerView) => QuotePair | QuoteLadder;

class ScriptMaker extends MakerAgent {
  constructor(
    ctx: AgentContext,
    base: MakerBaseConfig,
    private readonly script: Script,
    private readonly limit: number,
  ) {
    super(ctx, base);
  }
  protected override quotes(view: MakerView): QuotePair | QuoteLadder {
    return this.script(view.t, view);
  }
  protected override inventoryLimit(): number {
    return this.limit;
  }
}

function scriptMaker(script: Script, limit = Infinity) {
  return captureAgents<ScriptMaker>(
    definePlugin({
      id: 'script-maker',
      kind: 'agent',
      version: '0.1.0',
      kernel: '^0.1.0',
      configSchema: z.strictObject({ ...makerBaseShape }),
      register(ctx) {
        ctx.registerAgent((a) => new ScriptMaker(a, ctx.config, script, limit));
      },
    }),
  );
}

interface Row {
  t: number;
  action: string;
  id: number;
  side: string;
  price: number;
  qty: number;
  status: string;
}

function rowsOf(orders: Record<string, ArrayLike<unknown>>, agent: string): Row[] {
  const out: Row[] = [];
  for (let i = 0; i < orders.t!.length; i++) {
    if (orders.agent![i] !== agent) continue;
    out.push({
      t: orders.t![i] as number,
      action: orders.action![i] as string,
      id: orders.order_id![i] as number,
      side: orders.side![i] as string,
      price: orders.price![i] as number,
      qty: orders.qty![i] as number,
      status: orders.status![i] as string,
    });
  }
  return out;
}

const ladder = (bids: [number, number][], asks: [number, number][]): QuoteLadder => ({
  bids: bids.map(([price, size]) => ({ price, size })),
  asks: asks.map(([price, size]) => ({ price, size })),
});

describe('MakerAgent multi-level mode', () => {
  it('posts every level of a ladder with its size, rounded onto the grid, bids then asks innermost first', () => {
    const m = scriptMaker(() => ladder([[9_990.5, 1], [9_989.2, 2], [9_985, 3]], [[10_010.2, 1], [10_012, 4]]));
    const out = runTest({ duration: 5, markets: [M], truth: flat, venues: [{ plugin: clob }], agents: [{ plugin: m.plugin, id: 'mm', latency: { reviewInterval: 10 } }] });
    const limits = rowsOf(out.record.orders, 'mm').filter((r) => r.action === 'limit');
    expect(limits.map((r) => [r.side, r.price, r.qty, r.status])).toEqual([
      ['buy', 9_990, 1, 'resting'],
      ['buy', 9_989, 2, 'resting'],
      ['buy', 9_985, 3, 'resting'],
      ['sell', 10_011, 1, 'resting'],
      ['sell', 10_012, 4, 'resting'],
    ]);
    expect(m.agents[0]!.ladderLevels).toEqual([
      { side: 'buy', price: 9_990, size: 1 },
      { side: 'buy', price: 9_989, size: 2 },
      { side: 'buy', price: 9_985, size: 3 },
      { side: 'sell', price: 10_011, size: 1 },
      { side: 'sell', price: 10_012, size: 4 },
    ]);
    expect(m.agents[0]!.openOrders).toBe(5);
  });

  it('merges levels that round onto the same price and skips NaN levels', () => {
    const m = scriptMaker(() => ladder([[9_990.7, 1], [9_990.1, 2], [NaN, 1]], [[10_011, 1]]));
    const out = runTest({ duration: 5, markets: [M], truth: flat, venues: [{ plugin: clob }], agents: [{ plugin: m.plugin, id: 'mm', latency: { reviewInterval: 10 } }] });
    const limits = rowsOf(out.record.orders, 'mm').filter((r) => r.action === 'limit');
    expect(limits.map((r) => [r.side, r.price, r.qty])).toEqual([
      ['buy', 9_990, 3],
      ['sell', 10_011, 1],
    ]);
    expect(m.agents[0]!.stats.skipped).toBe(1);
  });

  it('with keepUnchanged, a requote with an unchanged ladder sends no messages; a changed level is cancelled and replaced alone', () => {
    const m = scriptMaker((t) =>
      ladder(
        [
          [9_990, 1],
          [9_988, 2],
        ],
        [
          [10_010, 1],
          [t < 20 ? 10_012 : 10_013, 2],
        ],
      ),
    );
    const out = runTest({
      duration: 35,
      markets: [M],
      truth: flat,
      venues: [{ plugin: clob }],
      agents: [{ plugin: m.plugin, id: 'mm', config: { keepUnchanged: true }, latency: { reviewInterval: 10 } }],
    });
    const rows = rowsOf(out.record.orders, 'mm');
    const outer = rows.find((r) => r.action === 'limit' && r.price === 10_012)!;
    expect(rows.filter((r) => r.t === 10)).toEqual([]);
    expect(rows.filter((r) => r.t === 30)).toEqual([]);
    expect(rows.filter((r) => r.t === 20).map((r) => [r.action, r.id === outer.id, r.side, r.price, r.qty])).toEqual([
      ['cancel', true, '', NaN, 0],
      ['limit', false, 'sell', 10_013, 2],
    ]);
    expect(m.agents[0]!.stats).toMatchObject({ reviews: 4, quotesSent: 5, cancelsSent: 1 });
  });

  it('a level whose size changed is replaced even at the same price', () => {
    const m = scriptMaker((t) => ladder([[9_990, t < 10 ? 1 : 2]], []));
    const out = runTest({
      duration: 15,
      markets: [M],
      truth: flat,
      venues: [{ plugin: clob }],
      agents: [{ plugin: m.plugin, id: 'mm', config: { keepUnchanged: true }, latency: { reviewInterval: 10 } }],
    });
    const rows = rowsOf(out.record.orders, 'mm');
    expect(rows.map((r) => [r.t, r.action, r.price, r.qty])).toEqual([
      [0, 'limit', 9_990, 1],
      [10, 'cancel', NaN, 0],
      [10, 'limit', 9_990, 2],
    ]);
  });

  it('keeps levels innermost first while a fill of all of them stays within the inventory bound', () => {
    const m = scriptMaker(() => ladder([[9_990, 2], [9_989, 2], [9_988, 1], [9_987, 1]], [[10_010, 3], [10_011, 3]]), 4);
    const out = runTest({ duration: 5, markets: [M], truth: flat, venues: [{ plugin: clob }], agents: [{ plugin: m.plugin, id: 'mm', latency: { reviewInterval: 10 } }] });
    const limits = rowsOf(out.record.orders, 'mm').filter((r) => r.action === 'limit');
    // bids: 2 + 2 = 4 reaches the bound; 1 more would pass it. asks: 3, then 3 more would pass it.
    expect(limits.map((r) => [r.side, r.price, r.qty])).toEqual([
      ['buy', 9_990, 2],
      ['buy', 9_989, 2],
      ['sell', 10_010, 3],
    ]);
    expect(m.agents[0]!.stats.skipped).toBe(3);
  });

  it('widens ask levels at or below the best bid to one increment above it', () => {
    const m = scriptMaker(() => ladder([[10_000, 1]], [[9_999, 1], [10_001, 1], [10_003, 1]]));
    const out = runTest({ duration: 5, markets: [M], truth: flat, venues: [{ plugin: clob }], agents: [{ plugin: m.plugin, id: 'mm', latency: { reviewInterval: 10 } }] });
    const limits = rowsOf(out.record.orders, 'mm').filter((r) => r.action === 'limit');
    expect(limits.map((r) => [r.side, r.price, r.qty])).toEqual([
      ['buy', 10_000, 1],
      ['sell', 10_001, 2],
      ['sell', 10_003, 1],
    ]);
  });

  it('never sends a marketable (order latency 0) or self-crossing (order latency 0 and 2) ladder order against live flow', () => {
    for (const orderLatency of [0, 2]) {
      const audit = auditVenue(clob);
      const m = scriptMaker((_t, v) => {
        const s = v.reference;
        return ladder([[s - 0.5, 1], [s - 2, 2], [s - 4, 1]], [[s + 0.5, 1], [s + 2, 2], [s + 4, 1]]);
      }, 6);
      const crowd = { plugin: noise, id: 'noise', count: 8, config: { arrivalRatePerUnit: 0.08, marketShare: 0.5, maxOffset: 3, orderLifetime: 30 } };
      runTest({
        seed: 3,
        duration: 2000,
        markets: [M],
        truth: { plugin: rw, config: { q: 1e-8 } },
        venues: [{ plugin: audit.plugin }],
        agents: [{ plugin: m.plugin, id: 'mm', config: { keepUnchanged: true }, latency: { reviewInterval: 5, orderLatency } }, crowd],
      });
      const mine = audit.records.filter((r) => r.agentId === 'mm');
      expect(mine.length).toBeGreaterThan(100);
      if (orderLatency === 0) expect(mine.some((r) => r.marketable)).toBe(false);
      expect(mine.some((r) => r.crossesOwn)).toBe(false);
      expect(m.agents[0]!.stats.fills).toBeGreaterThan(10);
      expect(Math.abs(m.agents[0]!.inventory)).toBeLessThanOrEqual(6);
    }
  });

  it('a ladder of one level of quoteSize per side sends exactly the messages of the equal quote pair', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.boolean(), fc.integer({ min: 1, max: 3 }), (seed, keep, limit) => {
        const pair = (_t: number, v: MakerView): QuotePair => ({ bid: v.reference - 1.3 + (v.inventory > 0 ? -1 : 0), ask: v.reference + 1.3 - (v.inventory < 0 ? -1 : 0) });
        const asLadder = (t: number, v: MakerView): QuoteLadder => {
          const p = pair(t, v);
          return { bids: [{ price: p.bid, size: 2 }], asks: [{ price: p.ask, size: 2 }] };
        };
        const run = (script: Script) => {
          const mk = scriptMaker(script, limit * 2);
          const crowd = { plugin: noise, id: 'noise', count: 6, config: { arrivalRatePerUnit: 0.08, marketShare: 0.5, maxOffset: 3, orderLifetime: 30 } };
          const out = runTest({
            seed,
            duration: 400,
            markets: [M],
            truth: { plugin: rw, config: { q: 1e-8 } },
            venues: [{ plugin: clob }],
            agents: [{ plugin: mk.plugin, id: 'mm', config: { keepUnchanged: keep, quoteSize: 2 }, latency: { reviewInterval: 3, orderLatency: 1 } }, crowd],
          });
          return { orders: out.record.orders, trades: out.record.trades, stats: mk.agents[0]!.stats };
        };
        const a = run(pair);
        const b = run(asLadder);
        expect(b.orders).toEqual(a.orders);
        expect(b.trades).toEqual(a.trades);
        expect(b.stats).toEqual(a.stats);
      }),
      { numRuns: 8 },
    );
  });
});
