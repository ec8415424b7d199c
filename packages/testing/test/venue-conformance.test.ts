import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  definePlugin,
  RejectReason,
  z,
  type CancelRequest,
  type Fill,
  type LimitOrderRequest,
  type MarketOrderRequest,
  type OrderResult,
  type RejectReasonCode,
  type Side,
  type Venue,
  type VenueContext,
  type VenueState,
} from '@venuelab/kernel';
import { ConformanceViolation, runConformanceStream, venueConformance, venueConformanceProperties, venueHarness, type ConformanceCheck } from '../src/index.js';

/** Deliberate defects a toy venue can be built with; each must be caught by the named check. */
const BUGS = {
  acceptsZeroQty: 'results',
  badReasonCode: 'results',
  rejectionChangesBook: 'results',
  cancelsForeignOrders: 'results',
  cancelReportsRemaining: 'results',
  restsUnmatched: 'book',
  unsortedDepth: 'book',
  overcountsResting: 'book',
  forgetsPartialFill: 'conservation',
  tradesThroughLimit: 'conservation',
  wrongLegSide: 'conservation',
  misreportsFilledQty: 'conservation',
  pushesTwice: 'fills',
  mutatesAfterPush: 'fills',
  staleTimestamp: 'fills',
  nondeterministic: 'determinism',
  throwsOnEmptyMarketOrder: 'results',
  rejectsSells: 'results',
} as const satisfies Record<string, ConformanceCheck>;

type Bug = keyof typeof BUGS | 'none';

interface Order {
  id: number;
  agentId: string;
  side: Side;
  price: number;
  qty: number;
  submittedAt: number;
  seq: number;
}

/** Shared across toy venues on purpose: the `nondeterministic` bug reads it. */
let globalCounter = 0;

/** A deliberately naive price-time order book (sorted arrays), correct unless a bug is switched on. */
class ToyVenue implements Venue {
  readonly id: string;
  readonly markets = ['M'];
  readonly capabilities = { mechanism: 'continuous' as const, limitOrders: true, marketOrders: true, prefersLimitForInformed: false, batchInterval: 0 };
  private bids: Order[] = [];
  private asks: Order[] = [];
  private readonly used = new Set<number>();
  private seq = 0;
  private lastFill: Fill | null = null;

  constructor(
    private readonly ctx: VenueContext,
    private readonly bug: Bug,
  ) {
    this.id = ctx.id;
  }

  private reject(orderId: number, reason: RejectReasonCode): OrderResult {
    return { orderId, status: 'rejected', filledQty: 0, remainingQty: 0, reason: this.bug === 'badReasonCode' ? ('nope' as RejectReasonCode) : reason };
  }

  private check(orderId: number, market: string, qty: number): OrderResult | null {
    if (market !== 'M') return this.reject(orderId, RejectReason.UnknownMarket);
    if (this.used.has(orderId)) return this.reject(orderId, RejectReason.DuplicateId);
    const zeroOk = this.bug === 'acceptsZeroQty' && qty === 0;
    if (!zeroOk && !(Number.isSafeInteger(qty) && qty > 0)) return this.reject(orderId, RejectReason.BadQuantity);
    return null;
  }

  private mutateLast(): void {
    if (this.bug === 'mutatesAfterPush' && this.lastFill) this.lastFill.midAfter = -1;
  }

  submitLimitOrder(o: LimitOrderRequest): OrderResult {
    this.mutateLast();
    const bad = this.check(o.orderId, o.market, o.qty);
    if (bad) return bad;
    if (this.bug === 'rejectsSells' && o.side === 'sell') return this.reject(o.orderId, RejectReason.BadQuantity);
    if (!Number.isFinite(o.price) || o.price <= 0) return this.reject(o.orderId, RejectReason.BadPrice);
    if (!Number.isInteger(o.price)) return this.reject(o.orderId, RejectReason.OffTick);
    this.used.add(o.orderId);
    const limit = this.bug === 'restsUnmatched' ? (o.side === 'buy' ? -Infinity : Infinity) : o.price;
    const filled = this.match(o.orderId, o.agentId, o.side, limit, o.qty, o.submittedAt);
    const remaining = o.qty - filled;
    if (remaining > 0) {
      const book = o.side === 'buy' ? this.bids : this.asks;
      book.push({ id: o.orderId, agentId: o.agentId, side: o.side, price: o.price, qty: remaining, submittedAt: o.submittedAt, seq: this.seq++ });
      this.sort();
    }
    const reported = this.bug === 'misreportsFilledQty' && filled > 0 ? filled - 1 : filled;
    if (remaining === 0) return { orderId: o.orderId, status: 'filled', filledQty: reported, remainingQty: 0 };
    return { orderId: o.orderId, status: filled > 0 ? 'partial' : 'resting', filledQty: reported, remainingQty: remaining };
  }

  submitMarketOrder(o: MarketOrderRequest): OrderResult {
    this.mutateLast();
    const bad = this.check(o.orderId, o.market, o.qty);
    if (bad) return bad;
    const opp = o.side === 'buy' ? this.asks : this.bids;
    if (this.bug === 'throwsOnEmptyMarketOrder' && opp.length === 0) throw new Error('empty book');
    this.used.add(o.orderId);
    const filled = this.match(o.orderId, o.agentId, o.side, o.side === 'buy' ? Infinity : -Infinity, o.qty, o.submittedAt);
    return { orderId: o.orderId, status: filled === o.qty ? 'filled' : 'expired', filledQty: filled, remainingQty: 0 };
  }

  cancelOrder(c: CancelRequest): OrderResult {
    this.mutateLast();
    for (const book of [this.bids, this.asks]) {
      const i = book.findIndex((x) => x.id === c.orderId);
      if (i < 0) continue;
      const o = book[i]!;
      if (o.agentId !== c.agentId && this.bug !== 'cancelsForeignOrders') {
        if (this.bug === 'rejectionChangesBook') book.splice(i, 1);
        return this.reject(c.orderId, RejectReason.ForeignOrder);
      }
      book.splice(i, 1);
      return { orderId: c.orderId, status: 'cancelled', filledQty: 0, remainingQty: this.bug === 'cancelReportsRemaining' ? o.qty : 0 };
    }
    return this.reject(c.orderId, RejectReason.UnknownOrder);
  }

  private sort(): void {
    this.bids.sort((a, b) => b.price - a.price || a.seq - b.seq);
    this.asks.sort((a, b) => a.price - b.price || a.seq - b.seq);
  }

  private mid(): number {
    return this.bids.length > 0 && this.asks.length > 0 ? (this.bids[0]!.price + this.asks[0]!.price) / 2 : NaN;
  }

  private match(orderId: number, agentId: string, side: Side, limit: number, qty: number, submittedAt: number): number {
    const opp = side === 'buy' ? this.asks : this.bids;
    const midBefore = this.mid();
    const out: Omit<Fill, 'midAfter'>[] = [];
    let left = qty;
    while (left > 0 && opp.length > 0) {
      let k = 0;
      if (this.bug === 'nondeterministic' && opp.length > 1 && globalCounter++ % 2 === 1) k = 1;
      const m = opp[k]!;
      const crosses = side === 'buy' ? m.price <= limit : m.price >= limit;
      if (!crosses && this.bug !== 'tradesThroughLimit') break;
      if (!crosses && out.length > 0) break;
      const q = Math.min(m.qty, left);
      const makerSide: Side = this.bug === 'wrongLegSide' ? side : side === 'buy' ? 'sell' : 'buy';
      out.push({
        venue: this.id,
        market: 'M',
        t: this.bug === 'staleTimestamp' ? 0 : this.ctx.now(),
        price: m.price,
        qty: q,
        maker: { agentId: m.agentId, orderId: m.id, side: makerSide, fee: 0, liquidity: 'maker', submittedAt: m.submittedAt },
        taker: { agentId, orderId, side, fee: 0, liquidity: 'taker', submittedAt },
        midBefore,
        batchId: -1,
      });
      left -= q;
      if (this.bug !== 'forgetsPartialFill' || q === m.qty) m.qty -= q;
      if (m.qty === 0) opp.splice(k, 1);
      if (!crosses) break;
    }
    const midAfter = this.mid();
    for (const f of out) {
      const fill: Fill = { ...f, midAfter };
      this.ctx.fills.push(fill);
      if (this.bug === 'pushesTwice') this.ctx.fills.push(fill);
      this.lastFill = fill;
    }
    return qty - left;
  }

  getState(market: string, depth = 1): VenueState {
    const levels = (xs: Order[]) => {
      const out: { price: number; qty: number }[] = [];
      for (const o of xs) {
        const last = out[out.length - 1];
        if (last && last.price === o.price) last.qty += o.qty;
        else out.push({ price: o.price, qty: o.qty });
      }
      return out.slice(0, depth);
    };
    const bids = levels(this.bids);
    const asks = levels(this.asks);
    if (this.bug === 'unsortedDepth' && bids.length > 1) bids.reverse();
    return {
      market,
      t: this.ctx.now(),
      bestBid: bids[0]?.price ?? NaN,
      bestAsk: asks[0]?.price ?? NaN,
      bidQty: bids[0]?.qty ?? 0,
      askQty: asks[0]?.qty ?? 0,
      mid: this.mid(),
      last: NaN,
      bids,
      asks,
    };
  }

  estimateImpact(): number {
    return 0;
  }

  tick(): void {}

  restingOrderCount(): number {
    return this.bids.length + this.asks.length + (this.bug === 'overcountsResting' && this.bids.length > 0 ? 1 : 0);
  }
}

const toy = definePlugin({
  id: 'venue-toy',
  kind: 'venue',
  version: '0.0.0',
  kernel: '*',
  configSchema: z.strictObject({ bug: z.string().default('none') }),
  register(ctx) {
    ctx.registerVenue((vctx) => new ToyVenue(vctx, ctx.config.bug as Bug));
  },
});

const makeToy = (bug: Bug) => (seed: number) => venueHarness(toy, { bug }, { seed });

describe('venueConformance on a correct toy venue', () => {
  it('passes every property', () => {
    for (const p of venueConformanceProperties(makeToy('none'), { numRuns: 60 })) {
      const out = fc.check(p.property, { numRuns: 60 });
      expect(out.failed, `${p.check}: ${out.counterexample ? JSON.stringify(out.counterexample) : ''} ${String(out.errorInstance)}`).toBe(false);
    }
  });

  it('generates streams that trade, cancel, rest and get rejected', () => {
    let fills = 0;
    let cancels = 0;
    let rejections = 0;
    let resting = 0;
    let maxResting = 0;
    const arb = fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('limit' as const), agent: fc.nat({ max: 2 }), side: fc.constantFrom<Side>('buy', 'sell'), level: fc.integer({ min: -8, max: 8 }), lots: fc.integer({ min: 1, max: 5 }) }),
        fc.record({ kind: fc.constant('cancel' as const), agent: fc.nat({ max: 2 }), pick: fc.nat() }),
      ),
      { minLength: 20, maxLength: 40 },
    );
    for (const stream of fc.sample(arb, { numRuns: 50, seed: 3 })) {
      const trace = runConformanceStream(makeToy('none'), 1, stream);
      for (const s of trace.steps) {
        fills += s.fills.length;
        if (s.result?.status === 'cancelled') cancels++;
        if (s.result?.status === 'rejected') rejections++;
        if (s.result?.status === 'resting') resting++;
      }
      maxResting = Math.max(maxResting, trace.resting);
    }
    expect(fills).toBeGreaterThan(100);
    expect(cancels).toBeGreaterThan(20);
    expect(resting).toBeGreaterThan(100);
    expect(maxResting).toBeGreaterThan(3);
    // Cancels of orders that filled in the meantime are rejected.
    expect(rejections).toBeGreaterThan(0);
  });

  it('replays a hand-written stream and returns its trace', () => {
    const trace = runConformanceStream(makeToy('none'), 5, [
      { kind: 'limit', agent: 0, side: 'sell', level: 1, lots: 2 },
      { kind: 'limit', agent: 1, side: 'buy', level: 2, lots: 3 },
      { kind: 'advance', ticks: 2 },
      { kind: 'invalid', variant: 'cancelForeign', agent: 0, side: 'buy', pick: 0 },
      { kind: 'cancel', agent: 1, pick: 0 },
      { kind: 'invalid', variant: 'cancelDone', agent: 2, side: 'buy', pick: 0 },
    ]);
    expect(trace.steps.map((s) => s.result?.status ?? 'advance')).toEqual(['resting', 'partial', 'advance', 'rejected', 'cancelled', 'rejected']);
    expect(trace.steps[1]!.fills.map((f) => [f.price, f.qty, f.maker.agentId, f.taker.agentId])).toEqual([[10_001, 2, 'agent0', 'agent1']]);
    expect(trace.steps[3]!.result!.reason).toBe(RejectReason.ForeignOrder);
    expect(trace.resting).toBe(0);
  });
});

describe('venueConformance catches broken venues', () => {
  for (const [bug, check] of Object.entries(BUGS) as [keyof typeof BUGS, ConformanceCheck][]) {
    it(`${bug} fails the ${check} check`, () => {
      const p = venueConformanceProperties(makeToy(bug), { numRuns: 200 }).find((x) => x.check === check)!;
      const out = fc.check(p.property, { numRuns: 200, seed: 42 });
      expect(out.failed).toBe(true);
      expect(out.errorInstance).toBeInstanceOf(ConformanceViolation);
      expect((out.errorInstance as ConformanceViolation).check).toBe(check);
    });
  }
});

describe('venueConformance options', () => {
  it('treats order types the venue does not take as messages it must reject', () => {
    // The toy takes limit orders; declaring that it does not makes accepting one a violation.
    const p = venueConformanceProperties(makeToy('none'), { limitOrders: false }).find((x) => x.check === 'results')!;
    const out = fc.check(p.property, { numRuns: 50, seed: 1 });
    expect(out.failed).toBe(true);
    expect(String(out.errorInstance)).toMatch(/unsupported limit order/);
  });

  it('lets a venue declare the reasons for which it may refuse well-formed orders', () => {
    const results = (acceptableRejections?: string[]) =>
      venueConformanceProperties(makeToy('rejectsSells'), { acceptableRejections: acceptableRejections as never }).find((x) => x.check === 'results')!;
    expect(fc.check(results().property, { numRuns: 100, seed: 2 }).failed).toBe(true);
    expect(fc.check(results([RejectReason.BadQuantity]).property, { numRuns: 100, seed: 2 }).failed).toBe(false);
    // The default tolerates no-liquidity, guardrail and unsupported; [] tolerates nothing.
    const strict = venueConformanceProperties(makeToy('none'), { acceptableRejections: [] }).find((x) => x.check === 'results')!;
    expect(fc.check(strict.property, { numRuns: 50, seed: 2 }).failed).toBe(false);
  });

  it('rejects fill legs without an order unless the participant is a declared pool', () => {
    const stream = [
      { kind: 'limit', agent: 0, side: 'sell', level: 0, lots: 1 },
      { kind: 'limit', agent: 1, side: 'buy', level: 0, lots: 1 },
    ] as const;
    const poolLike = (seed: number) => {
      const h = makeToy('none')(seed);
      const push = h.venue.submitLimitOrder.bind(h.venue);
      // Relabel the maker leg as a pool without an order after the fact (a wrapper venue).
      h.venue.submitLimitOrder = (o) => {
        const n = h.fills.length;
        const r = push(o);
        for (const f of h.fills.slice(n)) f.maker = { ...f.maker, agentId: 'pool', orderId: -1 };
        return r;
      };
      return h;
    };
    expect(() => runConformanceStream(poolLike, 1, [...stream], {}, ['conservation'])).toThrow(/not a declared pool/);
    expect(() => runConformanceStream(poolLike, 1, [...stream], { poolIds: ['pool'] }, ['conservation'])).not.toThrow();
  });
});

// The registering entry point itself, on the correct toy.
venueConformance('venue-toy', makeToy('none'), { numRuns: 30 });
