/** The venue-clock rule: per-tick for clocked venues or per-tick sampling, else only on sampling ticks. */
import { describe, expect, it } from 'vitest';
import { definePlugin, emptyVenueState, executeRun, RejectReason, z, type OrderResult, type RunSpec, type Venue, type VenueContext } from '../src/index.js';
import { flatTruth, randomTaker } from './fixtures.js';

const ticked: number[] = [];

class ClockVenue implements Venue {
  readonly capabilities;
  readonly markets: string[];
  readonly id: string;
  constructor(
    private readonly ctx: VenueContext,
    mechanism: 'continuous' | 'batch',
  ) {
    this.id = ctx.id;
    this.markets = ctx.markets.map((m) => m.id);
    this.capabilities = { mechanism, limitOrders: false, marketOrders: true, prefersLimitForInformed: false, batchInterval: mechanism === 'batch' ? 1 : 0 };
  }
  submitLimitOrder(o: { orderId: number }): OrderResult {
    return { orderId: o.orderId, status: 'rejected', filledQty: 0, remainingQty: 0, reason: RejectReason.Unsupported };
  }
  submitMarketOrder(o: { orderId: number; agentId: string; market: string; side: 'buy' | 'sell'; qty: number; submittedAt: number }): OrderResult {
    this.ctx.fills.push({
      venue: this.id,
      market: o.market,
      t: this.ctx.now(),
      price: 100,
      qty: o.qty,
      maker: { agentId: 'house', orderId: -1, side: o.side === 'buy' ? 'sell' : 'buy', fee: 0, liquidity: 'maker', submittedAt: 0 },
      taker: { agentId: o.agentId, orderId: o.orderId, side: o.side, fee: 0, liquidity: 'taker', submittedAt: o.submittedAt },
      midBefore: 100,
      midAfter: 100,
      batchId: -1,
    });
    return { orderId: o.orderId, status: 'filled', filledQty: o.qty, remainingQty: 0 };
  }
  cancelOrder(c: { orderId: number }): OrderResult {
    return { orderId: c.orderId, status: 'rejected', filledQty: 0, remainingQty: 0, reason: RejectReason.UnknownOrder };
  }
  getState(market: string) {
    return { ...emptyVenueState(market, this.ctx.now()), bestBid: 99, bestAsk: 101, mid: 100 };
  }
  estimateImpact() {
    return 0;
  }
  tick(t: number) {
    ticked.push(t);
  }
  restingOrderCount() {
    return 0;
  }
}

const clockVenue = definePlugin({
  id: 'venue-clock',
  kind: 'venue',
  version: '1.0.0',
  kernel: '^0.1.0',
  configSchema: z.strictObject({ mechanism: z.enum(['continuous', 'batch']) }),
  register(ctx) {
    ctx.registerVenue((v) => new ClockVenue(v, ctx.config.mechanism));
  },
});

const spec = (mechanism: 'continuous' | 'batch', recording: RunSpec['recording'], tiePolicy: RunSpec['tiePolicy'] = 'fifo'): RunSpec => ({
  seed: 11,
  duration: 300,
  tiePolicy,
  markets: [{ id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 1, kind: 'price' }],
  truth: { id: 'truth', plugin: flatTruth, packageName: 'test-truth', config: {}, path: 'truth' },
  venues: [{ id: 'v', plugin: clockVenue, packageName: 'test-venue', config: { mechanism }, path: 'venues[0]' }],
  agents: [{ id: 'taker', plugin: randomTaker, packageName: 'test-taker', config: { every: 4 }, count: 3, path: 'agents[0]', latency: { orderLatency: 1 } }],
  metrics: [],
  recording,
});

const run = (s: RunSpec) => {
  ticked.length = 0;
  const out = executeRun(s);
  return { record: out.record, ticks: [...ticked] };
};
const range = (n: number, keep: (t: number) => boolean) => Array.from({ length: n }, (_, t) => t).filter(keep);

describe('venue clock rule', () => {
  it('with only continuous venues and sampling every N > 1 ticks, the clock fires only on sampling ticks', () => {
    const { record, ticks } = run(spec('continuous', { midEvery: 7, truthEvery: 10 }));
    expect(ticks).toEqual(range(300, (t) => t % 7 === 0 || t % 10 === 0));
    expect([...(record.mids.t as ArrayLike<number>)]).toEqual(range(300, (t) => t % 7 === 0));
    expect([...(record.truth.t as ArrayLike<number>)]).toEqual(range(300, (t) => t % 10 === 0));
  });

  it('a venue whose mechanism is not continuous is ticked every tick', () => {
    expect(run(spec('batch', { midEvery: 7, truthEvery: 10 })).ticks).toEqual(range(300, () => true));
  });

  it('per-tick sampling keeps the per-tick clock (every existing config runs as before)', () => {
    expect(run(spec('continuous', { midEvery: 1, truthEvery: 50 })).ticks).toEqual(range(300, () => true));
    expect(run(spec('continuous', { midEvery: 50, truthEvery: 1 })).ticks).toEqual(range(300, () => true));
    expect(run(spec('continuous', {})).ticks).toEqual(range(300, () => true));
  });

  it('under fifo the sparse clock changes no trade, only the event count (by the skipped clock events)', () => {
    const sparse = run(spec('continuous', { midEvery: 7, truthEvery: 10 }));
    const dense = run(spec('batch', { midEvery: 7, truthEvery: 10 }));
    expect(JSON.stringify(sparse.record.trades)).toBe(JSON.stringify(dense.record.trades));
    expect(JSON.stringify(sparse.record.mids)).toBe(JSON.stringify(dense.record.mids));
    expect(sparse.record.trades.t!.length).toBeGreaterThan(100);
    expect(dense.record.stats.events - sparse.record.stats.events).toBe(dense.ticks.length - sparse.ticks.length);
  });
});
