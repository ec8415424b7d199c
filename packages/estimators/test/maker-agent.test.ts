import { describe, it, expect } from 'vitest';
import { definePlugin, emptyVenueState, z, type AgentContext, type MarketSpec, type Venue } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import rw from '@venuelab/plugin-truth-random-walk';
import { FillIntensityEstimator, MakerAgent, makerBaseShape, type MakerBaseConfig, type MakerView, type QuotePair } from '../src/index.js';
import { auditVenue, captureAgents, scriptedOrders } from './helpers/audit-venue.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };

type Script = (t: number, view: MakerView) => QuotePair;

class ScriptMaker extends MakerAgent {
  views: MakerView[] = [];
  constructor(
    ctx: AgentContext,
    base: MakerBaseConfig,
    private readonly script: Script,
    private readonly limit: number,
    intensity: FillIntensityEstimator | null,
  ) {
    super(ctx, base, intensity);
  }
  protected override quotes(view: MakerView): QuotePair {
    this.views.push(view);
    return this.script(view.t, view);
  }
  protected override inventoryLimit(): number {
    return this.limit;
  }
}

function scriptMaker(script: Script, limit = Infinity, intensity: FillIntensityEstimator | null = null) {
  return captureAgents<ScriptMaker>(
    definePlugin({
      id: 'script-maker',
      kind: 'agent',
      version: '0.1.0',
      kernel: '^0.1.0',
      configSchema: z.strictObject({ ...makerBaseShape }),
      register(ctx) {
        ctx.registerAgent((a) => new ScriptMaker(a, ctx.config, script, limit, intensity));
      },
    }),
  );
}

function orderRows(orders: Record<string, ArrayLike<unknown>>, agent: string) {
  const n = orders.t!.length;
  const out: { t: number; arrived: number; action: string; id: number; side: string; price: number; status: string }[] = [];
  for (let i = 0; i < n; i++) {
    if (orders.agent![i] !== agent) continue;
    out.push({
      t: orders.t![i] as number,
      arrived: orders.arrived_at![i] as number,
      action: orders.action![i] as string,
      id: orders.order_id![i] as number,
      side: orders.side![i] as string,
      price: orders.price![i] as number,
      status: orders.status![i] as string,
    });
  }
  return out;
}

const flat = { plugin: rw, config: { q: 0 } };

describe('MakerAgent', () => {
  it('cancels its previous quotes by id and reposts at every review', () => {
    const m = scriptMaker(() => ({ bid: 9_990, ask: 10_010 }));
    const out = runTest({ duration: 35, markets: [M], truth: flat, venues: [{ plugin: clob }], agents: [{ plugin: m.plugin, id: 'mm', latency: { reviewInterval: 10 } }] });
    const rows = orderRows(out.record.orders, 'mm');
    const limits = rows.filter((r) => r.action === 'limit');
    expect(limits.map((r) => [r.t, r.side, r.price])).toEqual([
      [0, 'buy', 9_990],
      [0, 'sell', 10_010],
      [10, 'buy', 9_990],
      [10, 'sell', 10_010],
      [20, 'buy', 9_990],
      [20, 'sell', 10_010],
      [30, 'buy', 9_990],
      [30, 'sell', 10_010],
    ]);
    const cancels = rows.filter((r) => r.action === 'cancel');
    // each review cancels exactly the two ids of the review before, and they were live
    expect(cancels.map((r) => [r.t, r.id, r.status])).toEqual(limits.slice(0, 6).map((l) => [l.t + 10, l.id, 'cancelled']));
    expect(m.agents[0]!.openOrders).toBe(2);
    expect(m.agents[0]!.stats).toMatchObject({ reviews: 4, quotesSent: 8, cancelsSent: 6, deferred: 0 });
  });

  it('keeps unchanged quotes with keepUnchanged and replaces only the side that moved', () => {
    const m = scriptMaker((t) => ({ bid: 9_990, ask: t < 20 ? 10_010 : 10_012 }));
    const out = runTest({
      duration: 35,
      markets: [M],
      truth: flat,
      venues: [{ plugin: clob }],
      agents: [{ plugin: m.plugin, id: 'mm', config: { keepUnchanged: true }, latency: { reviewInterval: 10 } }],
    });
    const rows = orderRows(out.record.orders, 'mm');
    expect(rows.map((r) => [r.t, r.action, r.side, r.price])).toEqual([
      [0, 'limit', 'buy', 9_990],
      [0, 'limit', 'sell', 10_010],
      [20, 'cancel', '', NaN],
      [20, 'limit', 'sell', 10_012],
    ]);
  });

  it('holds back a quote that would cross its own order until that order is confirmed dead (order latency 3)', () => {
    const m = scriptMaker((t) => (t < 10 ? { bid: 9_990, ask: 10_010 } : { bid: 10_020, ask: 10_040 }));
    const audit = auditVenue(clob);
    const out = runTest({
      duration: 30,
      markets: [M],
      truth: flat,
      venues: [{ plugin: audit.plugin }],
      agents: [{ plugin: m.plugin, id: 'mm', latency: { reviewInterval: 10, orderLatency: 3 } }],
    });
    const rows = orderRows(out.record.orders, 'mm');
    const newBid = rows.find((r) => r.action === 'limit' && r.price === 10_020)!;
    const oldAskCancel = rows.find((r) => r.action === 'cancel' && r.id === rows[1]!.id)!;
    expect(oldAskCancel).toMatchObject({ t: 10, arrived: 13, status: 'cancelled' });
    // the new ask does not cross anything and goes at once; the new bid waits for the cancel's answer
    expect(rows.find((r) => r.action === 'limit' && r.price === 10_040)).toMatchObject({ t: 10, arrived: 13 });
    expect(newBid).toMatchObject({ t: 13, arrived: 16 });
    expect(audit.records.some((r) => r.crossesOwn)).toBe(false);
    expect(m.agents[0]!.stats.deferred).toBeGreaterThanOrEqual(1);
  });

  it('never sends a marketable quote: a bid above the best ask is lowered below it', () => {
    const m = scriptMaker(() => ({ bid: 10_010, ask: 10_030 }));
    const audit = auditVenue(clob);
    const out = runTest({
      duration: 12,
      markets: [M],
      truth: flat,
      venues: [{ plugin: audit.plugin }],
      agents: [
        { plugin: scriptedOrders([{ t: 0, kind: 'limit', side: 'sell', price: 10_005, qty: 2 }]), id: 'other' },
        { plugin: m.plugin, id: 'mm', latency: { reviewInterval: 5 } },
      ],
      tiePolicy: 'fifo',
    });
    const mine = audit.records.filter((r) => r.agentId === 'mm');
    expect(mine.filter((r) => r.side === 'buy').map((r) => r.price)).toEqual([10_004, 10_004, 10_004]);
    expect(mine.some((r) => r.marketable)).toBe(false);
    expect(out.record.trades.agent!.length).toBe(0);
  });

  it('stops bidding at its inventory bound and accounts inventory and cash from fills', () => {
    const m = scriptMaker(() => ({ bid: 9_990, ask: 10_010 }), 1);
    const out = runTest({
      duration: 40,
      markets: [M],
      truth: flat,
      venues: [{ plugin: clob }],
      agents: [
        { plugin: m.plugin, id: 'mm', latency: { reviewInterval: 10 } },
        { plugin: scriptedOrders([{ t: 5, kind: 'market', side: 'sell', qty: 1 }]), id: 'seller' },
      ],
      tiePolicy: 'fifo',
    });
    const a = m.agents[0]!;
    expect(a.inventory).toBe(1);
    expect(a.cash).toBe(-9_990);
    const rows = orderRows(out.record.orders, 'mm').filter((r) => r.action === 'limit');
    expect(rows.filter((r) => r.t >= 10).every((r) => r.side === 'sell')).toBe(true);
    expect(a.stats.skipped).toBe(3);
  });

  it('records quote exposure and fills by distance for the intensity estimator', () => {
    const est = new FillIntensityEstimator({ binWidth: 1 });
    const m = scriptMaker(() => ({ bid: 9_990, ask: 10_010 }), Infinity, est);
    runTest({
      duration: 45,
      markets: [M],
      truth: flat,
      venues: [{ plugin: clob }],
      agents: [
        { plugin: m.plugin, id: 'mm', latency: { reviewInterval: 10 } },
        { plugin: scriptedOrders([{ t: 15, kind: 'market', side: 'sell', qty: 1 }]), id: 'seller' },
      ],
      tiePolicy: 'fifo',
    });
    // quotes live 10 ticks each (posted at 0..30, cancelled at 10..40): 8 quotes, except the bid
    // posted at 10 that was filled at 15; the quotes posted at 40 are still live at the end.
    expect(est.fills).toBe(1);
    expect(est.exposure).toBe(7 * 10 + 5);
    const e = est.estimate()!;
    expect(e.A).toBeCloseTo(1 / 75 / Math.exp(-e.k * 10), 9);
  });

  it('does nothing on a venue whose limit orders do not rest (an AMM pool)', () => {
    const pool = definePlugin({
      id: 'pool',
      kind: 'venue',
      version: '0.1.0',
      kernel: '^0.1.0',
      configSchema: z.strictObject({}),
      register(ctx) {
        ctx.registerVenue(
          (v): Venue => ({
            id: v.id,
            capabilities: { mechanism: 'pool', limitOrders: true, marketOrders: true, prefersLimitForInformed: false, batchInterval: 0 },
            markets: ['M'],
            submitLimitOrder: (o) => ({ orderId: o.orderId, status: 'expired', filledQty: 0, remainingQty: 0 }),
            submitMarketOrder: (o) => ({ orderId: o.orderId, status: 'expired', filledQty: 0, remainingQty: 0 }),
            cancelOrder: (c) => ({ orderId: c.orderId, status: 'rejected', filledQty: 0, remainingQty: 0, reason: 'VL_REJECT_UNKNOWN_ORDER' }),
            getState: (mk) => ({ ...emptyVenueState(mk, v.now()), mid: 10_000, bestBid: 9_999, bestAsk: 10_001 }),
            estimateImpact: () => 0,
            tick: () => {},
            restingOrderCount: () => 0,
          }),
        );
      },
    });
    const m = scriptMaker(() => ({ bid: 9_990, ask: 10_010 }));
    const out = runTest({ duration: 50, markets: [M], truth: flat, venues: [{ plugin: pool }], agents: [{ plugin: m.plugin, id: 'mm' }] });
    expect(out.record.orders.t!.length).toBe(0);
    expect(m.agents[0]!.quoting).toBe(false);
  });

  it('rejects a venue or market it may not trade, naming the agent', () => {
    const m = scriptMaker(() => ({ bid: NaN, ask: NaN }));
    expect(() => runTest({ markets: [M], truth: flat, venues: [{ plugin: clob }], agents: [{ plugin: m.plugin, id: 'mm', config: { venue: 'nope' } }] })).toThrow(/mm.*nope/);
    expect(() => runTest({ markets: [M], truth: flat, venues: [{ plugin: clob }], agents: [{ plugin: m.plugin, id: 'mm', config: { market: 'X' } }] })).toThrow(/mm.*"X"/);
  });
});
