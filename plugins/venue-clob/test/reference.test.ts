/**
 * Property tests of the optimised CLOB against a deliberately naive reference book (sorted arrays,
 * linear scans), and of its id structures against Map and Set.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RejectReason, type Fill, type OrderResult, type Side } from '@venuelab/kernel';
import { venueHarness } from '@venuelab/testing';
import clob, { type ClobVenue } from '../src/index.js';
import { IdTable } from '../src/id-table.js';
import { SeenIds } from '../src/seen-ids.js';

type Stp = 'none' | 'cancelResting' | 'cancelIncoming';

interface RefOrder {
  id: number;
  agentId: string;
  side: Side;
  price: number;
  qty: number;
  submittedAt: number;
}

/** Price-time priority written the obvious way. */
class ReferenceBook {
  bids: RefOrder[] = [];
  asks: RefOrder[] = [];
  used = new Set<number>();
  last = NaN;
  fills: Fill[] = [];

  constructor(
    private readonly stp: Stp,
    private readonly makerBps: number,
    private readonly takerBps: number,
  ) {}

  private mid(): number {
    return this.bids.length && this.asks.length ? (this.bids[0]!.price + this.asks[0]!.price) / 2 : NaN;
  }

  private rest(o: RefOrder): void {
    // Stable sort keeps arrival order within a price.
    if (o.side === 'buy') this.bids = [...this.bids, o].sort((a, b) => b.price - a.price);
    else this.asks = [...this.asks, o].sort((a, b) => a.price - b.price);
  }

  submit(kind: 'limit' | 'market', id: number, agentId: string, side: Side, price: number, qty: number, t: number): OrderResult {
    if (this.used.has(id)) return { orderId: id, status: 'rejected', filledQty: 0, remainingQty: 0, reason: RejectReason.DuplicateId };
    this.used.add(id);
    const opp = side === 'buy' ? this.asks : this.bids;
    const crosses = (p: number) => kind === 'market' || (side === 'buy' ? p <= price : p >= price);
    const midBefore = this.mid();
    const made: Omit<Fill, 'midAfter'>[] = [];
    let left = qty;
    let stopped = false;
    while (left > 0 && opp.length > 0 && crosses(opp[0]!.price)) {
      const m = opp[0]!;
      if (m.agentId === agentId && this.stp === 'cancelResting') {
        opp.shift();
        continue;
      }
      if (m.agentId === agentId && this.stp === 'cancelIncoming') {
        stopped = true;
        break;
      }
      const q = Math.min(m.qty, left);
      const notional = m.price * q;
      made.push({
        venue: 'venue-clob',
        market: 'M',
        t,
        price: m.price,
        qty: q,
        maker: { agentId: m.agentId, orderId: m.id, side: m.side, fee: this.makerBps === 0 ? 0 : (notional * this.makerBps) / 1e4, liquidity: 'maker', submittedAt: m.submittedAt },
        taker: { agentId, orderId: id, side, fee: this.takerBps === 0 ? 0 : (notional * this.takerBps) / 1e4, liquidity: 'taker', submittedAt: t },
        midBefore,
        batchId: -1,
      });
      m.qty -= q;
      left -= q;
      if (m.qty === 0) opp.shift();
    }
    const filled = qty - left;
    if (kind === 'limit' && left > 0 && !stopped) this.rest({ id, agentId, side, price, qty: left, submittedAt: t });
    const midAfter = this.mid();
    for (const f of made) this.fills.push({ ...f, midAfter });
    if (made.length) this.last = made[made.length - 1]!.price;
    if (left === 0) return { orderId: id, status: 'filled', filledQty: filled, remainingQty: 0 };
    if (stopped) return { orderId: id, status: 'cancelled', filledQty: filled, remainingQty: 0, reason: RejectReason.SelfTrade };
    if (kind === 'market') return { orderId: id, status: filled > 0 ? 'partial' : 'expired', filledQty: filled, remainingQty: 0 };
    return { orderId: id, status: filled > 0 ? 'partial' : 'resting', filledQty: filled, remainingQty: left };
  }

  cancel(id: number, agentId: string): OrderResult {
    for (const side of [this.bids, this.asks]) {
      const i = side.findIndex((o) => o.id === id);
      if (i < 0) continue;
      if (side[i]!.agentId !== agentId) return { orderId: id, status: 'rejected', filledQty: 0, remainingQty: 0, reason: RejectReason.ForeignOrder };
      side.splice(i, 1);
      return { orderId: id, status: 'cancelled', filledQty: 0, remainingQty: 0 };
    }
    return { orderId: id, status: 'rejected', filledQty: 0, remainingQty: 0, reason: RejectReason.UnknownOrder };
  }

  depth(side: RefOrder[]) {
    const out: { price: number; qty: number }[] = [];
    for (const o of side) {
      const l = out[out.length - 1];
      if (l && l.price === o.price) l.qty += o.qty;
      else out.push({ price: o.price, qty: o.qty });
    }
    return out;
  }
}

type Op =
  | { k: 'limit'; agent: number; side: Side; price: number; qty: number }
  | { k: 'market'; agent: number; side: Side; qty: number }
  | { k: 'cancel'; agent: number; back: number }
  | { k: 'tick' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('limit' as const), agent: fc.nat({ max: 3 }), side: fc.constantFrom<Side>('buy', 'sell'), price: fc.integer({ min: 9_980, max: 10_020 }), qty: fc.integer({ min: 1, max: 9 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('market' as const), agent: fc.nat({ max: 3 }), side: fc.constantFrom<Side>('buy', 'sell'), qty: fc.integer({ min: 1, max: 25 }) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('cancel' as const), agent: fc.nat({ max: 3 }), back: fc.nat({ max: 30 }) }) },
  { weight: 1, arbitrary: fc.constant({ k: 'tick' as const }) },
);

describe('venue-clob against a naive reference book', () => {
  for (const stp of ['none', 'cancelResting', 'cancelIncoming'] as const) {
    it(`gives identical results, fills and depth (selfTradePrevention ${stp})`, () => {
      fc.assert(
        fc.property(fc.array(op, { minLength: 1, maxLength: 200 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 10 }), (ops, makerBps, takerBps) => {
          const h = venueHarness<ClobVenue>(clob, { selfTradePrevention: stp, makerFeeBps: makerBps, takerFeeBps: takerBps });
          const ref = new ReferenceBook(stp, makerBps, takerBps);
          let id = 0;
          for (const o of ops) {
            if (o.k === 'tick') {
              h.advance(h.now + 1);
              continue;
            }
            const agentId = `a${o.agent}`;
            let got: OrderResult;
            let want: OrderResult;
            if (o.k === 'cancel') {
              // Cancel one of the recent ids (own, foreign, filled or never used).
              const target = id - o.back;
              got = h.venue.cancelOrder({ orderId: target, agentId, submittedAt: h.now });
              want = ref.cancel(target, agentId);
            } else {
              id++;
              const price = o.k === 'limit' ? o.price : NaN;
              got =
                o.k === 'limit'
                  ? h.venue.submitLimitOrder({ orderId: id, agentId, market: 'M', side: o.side, price, qty: o.qty, submittedAt: h.now })
                  : h.venue.submitMarketOrder({ orderId: id, agentId, market: 'M', side: o.side, qty: o.qty, submittedAt: h.now });
              want = ref.submit(o.k, id, agentId, o.side, price, o.qty, h.now);
            }
            expect(got).toEqual(want);
          }
          expect(h.fills).toEqual(ref.fills);
          const s = h.venue.getState('M', 1000);
          expect(s.bids).toEqual(ref.depth(ref.bids));
          expect(s.asks).toEqual(ref.depth(ref.asks));
          expect(s.last).toEqual(ref.last);
          expect(h.venue.restingOrderCount()).toBe(ref.bids.length + ref.asks.length);
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe('IdTable', () => {
  it('behaves like a Map under random inserts, lookups and deletes', () => {
    // Ids from a few clustered ranges (probe-run collisions and wrap-around) and some wide ones.
    const key = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 2 ** 31 - 40, max: 2 ** 31 + 40 }), fc.constantFrom(-1, -(2 ** 31), 0.5, 1e15));
    const cmd = fc.tuple(fc.constantFrom('set', 'get', 'delete'), key);
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 600 }), (cmds) => {
        const t = new IdTable<number>(16);
        const m = new Map<number, number>();
        cmds.forEach(([c, k], i) => {
          if (c === 'set') {
            t.set(k, i);
            m.set(k, i);
          } else if (c === 'delete') expect(t.delete(k)).toBe(m.delete(k));
          else expect(t.get(k)).toBe(m.get(k));
          expect(t.size).toBe(m.size);
        });
        for (const [k, v] of m) expect(t.get(k)).toBe(v);
      }),
      { numRuns: 300 },
    );
  });
});

describe('SeenIds', () => {
  it('behaves like a Set of ids, including ones outside the bitset', () => {
    const id = fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 2 ** 27 - 3, max: 2 ** 27 + 3 }), fc.constantFrom(-7, 1.5, NaN, 2 ** 40));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), id), { maxLength: 300 }), (cmds) => {
        const s = new SeenIds();
        const ref = new Set<number>();
        for (const [add, x] of cmds) {
          if (add) {
            s.add(x);
            ref.add(x);
          }
          expect(s.has(x)).toBe(ref.has(x));
        }
      }),
      { numRuns: 200 },
    );
  });
});
