import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { RejectReason, type Fill, type MarketSpec } from '@venuelab/kernel';
import { runTest, venueHarness } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import amm, { ConstantProductCurve, type AmmVenue } from '@venuelab/plugin-venue-amm';
import noise from '@venuelab/plugin-agent-noise';
import walk from '@venuelab/plugin-truth-random-walk';
import hybrid, { HybridVenue } from '../src/index.js';

// one price tick = 1 currency unit; the pool opens at 50 ticks
const X: MarketSpec = { id: 'X', tickSize: 1, lotSize: 1, openingMid: 50, kind: 'price' };

function make(pool: Record<string, unknown> = { curve: 'constantProduct', reserveLots: 100 }, book: Record<string, unknown> = {}) {
  return venueHarness<HybridVenue>(hybrid, { pool, book }, { markets: [X], id: 'hy' });
}

let nextId = 1;
type H = { venue: { submitLimitOrder: HybridVenue['submitLimitOrder'] }; now: number };
const limit = (h: H, agentId: string, side: 'buy' | 'sell', price: number, qty: number) =>
  h.venue.submitLimitOrder({ orderId: nextId++, agentId, market: 'X', side, price, qty, submittedAt: h.now });
const market = (h: { venue: { submitMarketOrder: HybridVenue['submitMarketOrder'] }; now: number }, agentId: string, side: 'buy' | 'sell', qty: number) =>
  h.venue.submitMarketOrder({ orderId: nextId++, agentId, market: 'X', side, qty, submittedAt: h.now });

describe('hybrid: hand-computed splits', () => {
  // pool x = 100, y = 5000: lots cost 50.505, 51.536, 52.598, 53.694, ... ; book asks 3 @ 51, 2 @ 53
  function setup(book: Record<string, unknown> = {}) {
    const h = make({ curve: 'constantProduct', reserveLots: 100 }, book);
    // resting asks sit above the pool's first lot, so they rest (the pool lot at 50.505 <= 51 would
    // be taken by a marketable sell ... but these are sells: a sell limit at 51 is marketable only
    // against bids, and the pool's one-lot bid is 49.505 < 51)
    expect(limit(h, 'm', 'sell', 51, 3)).toMatchObject({ status: 'resting', remainingQty: 3 });
    expect(limit(h, 'm', 'sell', 53, 2)).toMatchObject({ status: 'resting', remainingQty: 2 });
    h.drain();
    return h;
  }

  it('buys 6: 1 pool lot below 51, the 3 lots at 51, then 2 pool lots below 53', () => {
    const h = setup();
    expect(h.venue.getState('X').mid).toBeCloseTo((5000 / 101 + 5000 / 99) / 2, 12);
    const r = market(h, 't', 'buy', 6);
    expect(r).toMatchObject({ status: 'filled', filledQty: 6, remainingQty: 0 });
    const fills = h.drain();
    expect(fills).toHaveLength(2);
    const [book, pool] = fills as [Fill, Fill];
    expect(book).toMatchObject({ price: 51, qty: 3 });
    expect(book.maker.agentId).toBe('m');
    expect(pool.qty).toBe(3);
    expect(pool.price).toBeCloseTo(51.546391752577314, 12); // 5000 * 3 / 97 / 3
    expect(pool.maker).toMatchObject({ agentId: 'hy:pool', orderId: -1, side: 'sell', liquidity: 'maker' });
    expect(pool.taker).toMatchObject({ agentId: 't', side: 'buy', liquidity: 'taker' });
    // one incoming order, one pair of mids on every fill
    for (const f of fills) {
      expect(f.midBefore).toBeCloseTo(50.00500050005, 10);
      expect(f.midAfter).toBeCloseTo(52.79917946560067, 10);
    }
    // the marginal prices met: pool at 53.14, book at 53
    expect(h.venue.pool('X')!.marginal()).toBeCloseTo(53.14061005420342, 10);
    expect(h.venue.book.getState('X').bestAsk).toBe(53);
    // cheaper than the pool alone (319.149) and the book alone cannot fill 6
    expect(book.price * 3 + pool.price * 3).toBeCloseTo(307.63917525773195, 9);
  });

  it('a marketable limit sell takes the pool lot above 49, the book bid at 49, and rests the rest', () => {
    const h = make();
    expect(limit(h, 'm', 'buy', 49, 2)).toMatchObject({ status: 'resting' });
    const r = limit(h, 't', 'sell', 49, 10);
    // pool sells: lot 1 pays 49.505 (> 49), lot 2 pays 48.534 (< 49): one pool lot, then 2 at 49, 7 rest
    expect(r).toMatchObject({ status: 'partial', filledQty: 3, remainingQty: 7 });
    const fills = h.drain();
    expect(fills.map((f) => [f.maker.agentId, f.qty])).toEqual([
      ['m', 2],
      ['hy:pool', 1],
    ]);
    expect(fills[1]!.price).toBeCloseTo(49.504950495049506, 12);
    const s = h.venue.getState('X', 3);
    expect(h.venue.book.getState('X').bestAsk).toBe(49);
    expect(s.bestAsk).toBe(49);
    expect(s.bestBid).toBeLessThan(49); // the pool's one-lot bid: never crossed
    expect(h.venue.restingOrderCount()).toBe(1);
  });

  it('a market order beyond what book and pool hold fills what they hold and cancels the rest', () => {
    const h = make({ curve: 'constantProduct', reserveLots: 10 });
    limit(h, 'm', 'sell', 80, 4);
    const r = market(h, 't', 'buy', 30);
    // the pool sells at most 9 of its 10 lots; the book 4
    expect(r).toEqual({ orderId: nextId - 1, status: 'partial', filledQty: 13, remainingQty: 0 });
  });

  it('selfTradePrevention cancelResting: the taker’s own asks at prices its order reaches are cancelled, not traded', () => {
    const h = setup({ selfTradePrevention: 'cancelResting' });
    expect(limit(h, 't', 'sell', 51, 4)).toMatchObject({ status: 'resting' }); // behind m's 3 lots at 51
    const reached = nextId - 1;
    expect(limit(h, 't', 'sell', 53, 1)).toMatchObject({ status: 'resting' }); // beside m's 2 lots at 53
    const beyond = nextId - 1;
    // the same split as without own orders: 1 pool lot, m's 3 at 51, 2 pool lots below 53; the order
    // reaches 52.598 (its last pool lot), so t's ask at 51 is cancelled and t's ask at 53 stays
    expect(market(h, 't', 'buy', 6)).toMatchObject({ status: 'filled', filledQty: 6 });
    const fills = h.drain();
    expect(fills.map((f) => [f.maker.agentId, f.qty])).toEqual([
      ['m', 3],
      ['hy:pool', 3],
    ]);
    expect(h.venue.cancelOrder({ orderId: reached, agentId: 't', submittedAt: 0 })).toMatchObject({ status: 'rejected', reason: RejectReason.UnknownOrder });
    expect(h.venue.cancelOrder({ orderId: beyond, agentId: 't', submittedAt: 0 })).toMatchObject({ status: 'cancelled' });
  });

  it('selfTradePrevention cancelResting: an order that trades through its own resting order on the pool cancels it', () => {
    const h = make({ curve: 'constantProduct', reserveLots: 100 }, { selfTradePrevention: 'cancelResting' });
    expect(limit(h, 't', 'buy', 49, 1)).toMatchObject({ status: 'resting' });
    // t sells 3 to the pool at 49.505, 48.534, 47.592: through its own bid at 49, which is cancelled
    expect(market(h, 't', 'sell', 3)).toMatchObject({ status: 'filled', filledQty: 3 });
    expect(h.drain().map((f) => f.maker.agentId)).toEqual(['hy:pool']);
    expect(h.venue.restingOrderCount()).toBe(0);
    const s = h.venue.getState('X');
    expect(s.bestBid).toBeLessThan(s.bestAsk);
  });

  it('selfTradePrevention cancelIncoming: neither source trades at or beyond the taker’s own price; the rest is cancelled', () => {
    const h = setup({ selfTradePrevention: 'cancelIncoming' });
    limit(h, 't', 'sell', 52, 4);
    // 1 pool lot < 51, m's 3 at 51, then pool lots below 52 only: lot 2 (51.536); lot 3 (52.598) is beyond t's ask
    const r = market(h, 't', 'buy', 6);
    expect(r).toMatchObject({ status: 'partial', filledQty: 5, remainingQty: 0, reason: RejectReason.SelfTrade });
    const fills = h.drain();
    expect(fills.map((f) => [f.maker.agentId, f.qty])).toEqual([
      ['m', 3],
      ['hy:pool', 2],
    ]);
    expect(fills[1]!.price).toBeCloseTo((5000 * 2) / 98 / 2, 12);
    expect(h.venue.restingOrderCount()).toBe(2); // m @ 53 and t @ 52 untouched
    // a limit buy stopped the same way does not rest
    const r2 = limit(h, 't', 'buy', 60, 5);
    expect(r2).toMatchObject({ status: 'cancelled', remainingQty: 0, reason: RejectReason.SelfTrade });
    expect(h.venue.restingOrderCount()).toBe(2);
  });

  it('rejects bad orders with coded reasons before touching book or pool', () => {
    const h = make({ curve: 'constantProduct', reserveLots: 100 }, { tickSize: 2, lotSize: 5 });
    const before = JSON.stringify(h.venue.getState('X', 4));
    const o = { agentId: 'a', market: 'X', side: 'buy' as const, submittedAt: 0 };
    expect(h.venue.submitMarketOrder({ ...o, orderId: 1, qty: 3 }).reason).toBe(RejectReason.BadQuantity);
    expect(h.venue.submitMarketOrder({ ...o, orderId: 2, qty: 5, market: 'Q' }).reason).toBe(RejectReason.UnknownMarket);
    expect(h.venue.submitLimitOrder({ ...o, orderId: 3, qty: 5, price: 51 }).reason).toBe(RejectReason.OffTick);
    expect(h.venue.submitLimitOrder({ ...o, orderId: 4, qty: 5, price: NaN }).reason).toBe(RejectReason.BadPrice);
    expect(h.venue.cancelOrder({ orderId: 99, agentId: 'a', submittedAt: 0 }).reason).toBe(RejectReason.UnknownOrder);
    expect(JSON.stringify(h.venue.getState('X', 4))).toBe(before);
    expect(h.fills).toHaveLength(0);
    expect(h.venue.submitMarketOrder({ ...o, orderId: 5, qty: 5 })).toMatchObject({ status: 'filled' });
    expect(h.venue.submitMarketOrder({ ...o, orderId: 5, qty: 5 }).reason).toBe(RejectReason.DuplicateId);
    // a pool-only fill in a lot size of 5: one block of 5 lots
    expect(h.fills.map((f) => f.qty)).toEqual([5]);
  });

  it('works with an LMSR pool on an event contract', () => {
    const E: MarketSpec = { id: 'E', tickSize: 0.01, lotSize: 1, openingMid: 0.5, kind: 'probability' };
    const h = venueHarness<HybridVenue>(hybrid, { pool: { curve: 'lmsr', b: 50 } }, { markets: [E], id: 'hy' });
    h.venue.submitLimitOrder({ orderId: 1, agentId: 'm', market: 'E', side: 'sell', price: 52, qty: 10, submittedAt: 0 });
    const r = h.venue.submitMarketOrder({ orderId: 2, agentId: 't', market: 'E', side: 'buy', qty: 20, submittedAt: 0 });
    expect(r).toMatchObject({ status: 'filled', filledQty: 20 });
    const fills = h.drain();
    expect(fills.find((f) => f.maker.agentId === 'm')?.qty).toBe(10);
    expect(h.venue.pool('E')!.marginal()).toBeGreaterThan(51);
    expect(h.venue.participants()).toEqual([{ id: 'hy:pool', role: 'pool' }]);
  });
});

// ---- properties ----------------------------------------------------------------------------

interface Scenario {
  reserve: number;
  feeBps: number;
  takerFeeBps: number;
  levels: { offset: number; qty: number }[];
  qty: number;
  side: 'buy' | 'sell';
}

const scenario = fc.record({
  reserve: fc.integer({ min: 20, max: 3000 }),
  feeBps: fc.integer({ min: 0, max: 50 }),
  takerFeeBps: fc.integer({ min: 0, max: 50 }),
  levels: fc.array(fc.record({ offset: fc.integer({ min: 1, max: 25 }), qty: fc.integer({ min: 1, max: 40 }) }), { maxLength: 12 }),
  qty: fc.integer({ min: 1, max: 400 }),
  side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
});

/** Places the scenario's book: resting orders on the side the taker hits, `offset` ticks beyond the opening mid of 50. */
function place(v: { submitLimitOrder: HybridVenue['submitLimitOrder'] }, s: Scenario): void {
  let id = 1_000_000;
  for (const l of s.levels) {
    const makerSide = s.side === 'buy' ? 'sell' : 'buy';
    const price = s.side === 'buy' ? 50 + l.offset : 50 - l.offset;
    v.submitLimitOrder({ orderId: id++, agentId: `m${l.offset % 3}`, market: 'X', side: makerSide, price, qty: l.qty, submittedAt: 0 });
  }
}

/** Signed cash of the taker over its fills, fees included: what a buyer pays, or minus what a seller receives. */
function takerCost(fills: Fill[], taker: string): { cost: number; qty: number } {
  let cost = 0;
  let qty = 0;
  for (const f of fills) {
    if (f.taker.agentId !== taker) continue;
    cost += (f.taker.side === 'buy' ? 1 : -1) * f.price * f.qty + f.taker.fee;
    qty += f.qty;
  }
  return { cost, qty };
}

/** The obvious reference: lot by lot, take whichever source is cheaper after fees (ties to the book). */
function naiveGreedy(s: Scenario, bookLevels: { price: number; qty: number }[]): { cost: number; qty: number } {
  const curve = new ConstantProductCurve(s.reserve, 50);
  const buy = s.side === 'buy';
  const fp = s.feeBps / 1e4;
  const ft = s.takerFeeBps / 1e4;
  const levels = bookLevels.map((l) => ({ ...l }));
  let li = 0;
  let n = 0; // pool lots taken
  let cost = 0;
  let qty = 0;
  for (let k = 0; k < s.qty; k++) {
    while (li < levels.length && levels[li]!.qty === 0) li++;
    const bookP = li < levels.length ? levels[li]!.price : NaN;
    const poolNotional = buy ? curve.buyCost(n + 1) - curve.buyCost(n) : curve.sellProceeds(n + 1) - curve.sellProceeds(n);
    const poolOk = Number.isFinite(poolNotional) && (!buy || n + 1 < s.reserve);
    const bookEff = buy ? bookP * (1 + ft) : -bookP * (1 - ft);
    const poolEff = buy ? poolNotional * (1 + fp) : -poolNotional * (1 - fp);
    if (bookP === bookP && (!poolOk || bookEff <= poolEff)) {
      cost += bookEff;
      levels[li]!.qty--;
    } else if (poolOk) {
      cost += poolEff;
      n++;
    } else break;
    qty++;
  }
  return { cost, qty };
}

describe('hybrid: properties', () => {
  it('the taker pays what the lot-by-lot cheapest-first reference pays, and never more than on the book or the pool alone', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const hy = make({ curve: 'constantProduct', reserveLots: s.reserve, feeBps: s.feeBps }, { takerFeeBps: s.takerFeeBps });
        place(hy.venue, s);
        const bookLevels = (s.side === 'buy' ? hy.venue.book.getState('X', 100).asks : hy.venue.book.getState('X', 100).bids).map((l) => ({ ...l }));
        hy.venue.submitMarketOrder({ orderId: 1, agentId: 'T', market: 'X', side: s.side, qty: s.qty, submittedAt: 0 });
        const got = takerCost(hy.drain(), 'T');
        const ref = naiveGreedy(s, bookLevels);
        expect(got.qty).toBe(ref.qty);
        expect(got.cost).toBeCloseTo(ref.cost, 6);

        // the book alone (the CLOB plugin) with the same resting orders
        const bk = venueHarness(clob, { takerFeeBps: s.takerFeeBps }, { markets: [X] });
        place(bk.venue, s);
        bk.drain();
        bk.venue.submitMarketOrder({ orderId: 1, agentId: 'T', market: 'X', side: s.side, qty: s.qty, submittedAt: 0 });
        const bookAlone = takerCost(bk.drain(), 'T');
        if (bookAlone.qty === s.qty) expect(got.cost).toBeLessThanOrEqual(bookAlone.cost + 1e-9);

        // the pool alone (the AMM plugin)
        const pl = venueHarness<AmmVenue>(amm, { curve: 'constantProduct', reserveLots: s.reserve, feeBps: s.feeBps }, { markets: [X] });
        const pr = pl.venue.submitMarketOrder({ orderId: 1, agentId: 'T', market: 'X', side: s.side, qty: s.qty, submittedAt: 0 });
        if (pr.status === 'filled') {
          expect(got.qty).toBe(s.qty);
          expect(got.cost).toBeLessThanOrEqual(takerCost(pl.drain(), 'T').cost + 1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the split equalises marginal prices: pool marginal and book touch end within one tick on a dense book', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 20000 }),
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 10, maxLength: 10 }),
        fc.integer({ min: 1, max: 600 }),
        fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
        (reserve, sizes, qty, side) => {
          const h = make({ curve: 'constantProduct', reserveLots: reserve });
          // a dense book: one level on every tick from 51 up (asks) or 49 down (bids)
          sizes.forEach((q, i) => {
            const price = side === 'buy' ? 51 + i : 49 - i;
            h.venue.submitLimitOrder({ orderId: 5000 + i, agentId: 'm', market: 'X', side: side === 'buy' ? 'sell' : 'buy', price, qty: q, submittedAt: 0 });
          });
          h.drain();
          const total = sizes.reduce((a, b) => a + b, 0);
          h.venue.submitMarketOrder({ orderId: 1, agentId: 'T', market: 'X', side, qty: Math.min(qty, total), submittedAt: 0 });
          const fills = h.drain();
          const usedBook = fills.some((f) => f.maker.agentId === 'm');
          const usedPool = fills.some((f) => f.maker.agentId === 'hy:pool');
          const b = h.venue.book.getState('X');
          const touch = side === 'buy' ? b.bestAsk : b.bestBid;
          if (!(usedBook && usedPool) || touch !== touch) return;
          const pool = h.venue.pool('X')!;
          const step = pool.blockPrice('buy', 1, 1) - pool.blockPrice('sell', 1, 1); // the pool's one-lot spread
          expect(Math.abs(pool.marginal() - touch)).toBeLessThanOrEqual(1 + step);
          checked++;
        },
      ),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(50); // most cases use both sources
  });

  it('no lot left behind is cheaper than a lot taken (greedy optimality, any book)', () => {
    fc.assert(
      fc.property(scenario, (s0) => {
        const s = { ...s0, feeBps: 0, takerFeeBps: 0 };
        const h = make({ curve: 'constantProduct', reserveLots: s.reserve });
        place(h.venue, s);
        h.drain();
        const pool = h.venue.pool('X')!;
        h.venue.submitMarketOrder({ orderId: 1, agentId: 'T', market: 'X', side: s.side, qty: s.qty, submittedAt: 0 });
        const fills = h.drain();
        const buy = s.side === 'buy';
        const bookPrices = fills.filter((f) => f.maker.agentId !== 'hy:pool').map((f) => f.price);
        const worstBook = bookPrices.length ? (buy ? Math.max(...bookPrices) : Math.min(...bookPrices)) : NaN;
        const b = h.venue.book.getState('X');
        const nextBook = buy ? b.bestAsk : b.bestBid;
        const nextPool = pool.canTrade(s.side, 1) ? pool.blockPrice(s.side, 1, 1) : NaN;
        // every book lot taken is no worse than the pool's next lot
        if (worstBook === worstBook && nextPool === nextPool) expect(buy ? worstBook <= nextPool + 1e-9 : worstBook >= nextPool - 1e-9).toBe(true);
        // the pool's last lot taken (priced from before the trade) is no worse than the book's next level
        const poolFill = fills.find((f) => f.maker.agentId === 'hy:pool');
        if (poolFill && nextBook === nextBook) {
          const prev = new ConstantProductCurve(s.reserve, 50);
          const n = poolFill.qty;
          const last = buy ? prev.buyCost(n) - prev.buyCost(n - 1) : prev.sellProceeds(n) - prev.sellProceeds(n - 1);
          expect(buy ? last < nextBook + 1e-9 : last > nextBook - 1e-9).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('hybrid: in a run', () => {
  it('runs noise traders on book and pool, with the pool as a participant', () => {
    const { record } = runTest({
      seed: 9,
      duration: 3000,
      markets: [{ id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' }],
      truth: { plugin: walk, config: { q: 1e-8 } },
      venues: [{ plugin: hybrid, id: 'hy', config: { pool: { curve: 'constantProduct', reserveLots: 50_000, feeBps: 5 }, book: { takerFeeBps: 5 } } }],
      agents: [{ plugin: noise, count: 6, config: { arrivalRatePerUnit: 0.05, marketShare: 0.4, minOffset: -2, maxOffset: 6 } }],
    });
    expect(record.participants).toContainEqual(expect.objectContaining({ id: 'hy:pool', role: 'pool' }));
    const t = record.trades as unknown as { agent: ArrayLike<string>; liquidity: ArrayLike<string> };
    let pool = 0;
    let book = 0;
    for (let i = 0; i < t.agent.length; i++) {
      if (t.liquidity[i] !== 'maker') continue;
      if (t.agent[i] === 'hy:pool') pool++;
      else book++;
    }
    expect(pool).toBeGreaterThan(0);
    expect(book).toBeGreaterThan(0);
  });
});
