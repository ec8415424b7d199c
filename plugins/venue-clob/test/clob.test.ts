import { describe, expect, it } from 'vitest';
import { RejectReason, type Fill, type OrderEvent, type OrderResult, type Side } from '@venuelab/kernel';
import { venueHarness, type VenueHarness } from '@venuelab/testing';
import clob, { type ClobVenue } from '../src/index.js';

/** A harness plus terse helpers; every order id is explicit so the expected fills read plainly. */
function setup(config: Record<string, unknown> = {}, markets?: Parameters<typeof venueHarness>[2]) {
  const h = venueHarness<ClobVenue>(clob, config, markets);
  const v = h.venue;
  return {
    h,
    v,
    limit: (orderId: number, agentId: string, side: Side, price: number, qty: number, market = 'M'): OrderResult =>
      v.submitLimitOrder({ orderId, agentId, market, side, price, qty, submittedAt: h.now }),
    market: (orderId: number, agentId: string, side: Side, qty: number, market = 'M'): OrderResult =>
      v.submitMarketOrder({ orderId, agentId, market, side, qty, submittedAt: h.now }),
    cancel: (orderId: number, agentId: string): OrderResult => v.cancelOrder({ orderId, agentId, submittedAt: h.now }),
    book: (depth = 50) => v.getState('M', depth),
  };
}

interface Expect {
  price: number;
  qty: number;
  /** [agent, order id, submittedAt] of the resting leg. */
  maker: [string, number, number?];
  /** [agent, order id, submittedAt] of the incoming leg. */
  taker: [string, number, number?];
  /** Side of the incoming (taker) leg. */
  takerSide: Side;
  midBefore: number;
  midAfter: number;
  makerFee?: number;
  takerFee?: number;
  t?: number;
  market?: string;
}

/** The exact fill the CLOB must produce. */
function fill(e: Expect): Fill {
  const makerSide: Side = e.takerSide === 'buy' ? 'sell' : 'buy';
  return {
    venue: 'venue-clob',
    market: e.market ?? 'M',
    t: e.t ?? 0,
    price: e.price,
    qty: e.qty,
    maker: { agentId: e.maker[0], orderId: e.maker[1], side: makerSide, fee: e.makerFee ?? 0, liquidity: 'maker', submittedAt: e.maker[2] ?? 0 },
    taker: { agentId: e.taker[0], orderId: e.taker[1], side: e.takerSide, fee: e.takerFee ?? 0, liquidity: 'taker', submittedAt: e.taker[2] ?? 0 },
    midBefore: e.midBefore,
    midAfter: e.midAfter,
    batchId: -1,
  };
}

const levels = (xs: [number, number][]) => xs.map(([price, qty]) => ({ price, qty }));

/** Everything a rejected message must leave unchanged. */
function snapshot(h: VenueHarness<ClobVenue>) {
  return {
    state: h.venue.getState('M', 1000),
    other: h.venue.getState('X', 1000),
    resting: h.venue.restingOrderCount(),
    fills: h.fills.length,
  };
}

describe('venue-clob: resting orders and getState', () => {
  it('shows depth best first, aggregates a level, and reports mid, touch sizes and last', () => {
    const { h, limit, book } = setup();
    expect(limit(1, 'A', 'buy', 9999, 2)).toEqual({ orderId: 1, status: 'resting', filledQty: 0, remainingQty: 2 });
    limit(2, 'B', 'buy', 9998, 3);
    limit(3, 'C', 'buy', 9998, 4);
    limit(4, 'A', 'buy', 9995, 1);
    limit(5, 'B', 'sell', 10002, 5);
    limit(6, 'C', 'sell', 10001, 6);
    expect(h.fills).toEqual([]);
    expect(h.venue.restingOrderCount()).toBe(6);
    expect(h.venue.getState('M')).toEqual({
      market: 'M',
      t: 0,
      bestBid: 9999,
      bestAsk: 10001,
      bidQty: 2,
      askQty: 6,
      mid: 10000,
      last: NaN,
      bids: levels([[9999, 2]]),
      asks: levels([[10001, 6]]),
    });
    const s = book(2);
    expect(s.bids).toEqual(levels([[9999, 2], [9998, 7]]));
    expect(s.asks).toEqual(levels([[10001, 6], [10002, 5]]));
    expect(book(10).bids).toEqual(levels([[9999, 2], [9998, 7], [9995, 1]]));
    expect(h.venue.restingQty('M')).toEqual({ bid: 10, ask: 11 });
    h.advance(7);
    expect(book().t).toBe(7);
    // An unknown market reads as empty.
    expect(h.venue.getState('nope', 5)).toEqual({ market: 'nope', t: 7, bestBid: NaN, bestAsk: NaN, bidQty: 0, askQty: 0, mid: NaN, last: NaN, bids: [], asks: [] });
  });
});

describe('venue-clob: matching', () => {
  it('gives price priority across levels (best price first, at the resting price)', () => {
    const { h, limit, book } = setup();
    limit(1, 'A', 'sell', 10002, 2);
    limit(2, 'B', 'sell', 10001, 2);
    limit(3, 'D', 'buy', 9998, 1);
    // mid before: (9998 + 10001) / 2 = 9999.5
    expect(limit(4, 'C', 'buy', 10002, 3)).toEqual({ orderId: 4, status: 'filled', filledQty: 3, remainingQty: 0 });
    // after: bid 9998, ask 10002 x 1 -> mid 10000
    expect(h.drain()).toEqual([
      fill({ price: 10001, qty: 2, maker: ['B', 2], taker: ['C', 4], takerSide: 'buy', midBefore: 9999.5, midAfter: 10000 }),
      fill({ price: 10002, qty: 1, maker: ['A', 1], taker: ['C', 4], takerSide: 'buy', midBefore: 9999.5, midAfter: 10000 }),
    ]);
    expect(book().asks).toEqual(levels([[10002, 1]]));
    expect(book().last).toBe(10002);
    expect(h.venue.restingOrderCount()).toBe(2);
  });

  it('is FIFO within a level and keeps a partially filled order at the front', () => {
    const { h, limit, market, book } = setup();
    limit(1, 'A', 'sell', 10001, 2);
    limit(2, 'B', 'sell', 10001, 2);
    limit(3, 'A', 'sell', 10001, 2);
    expect(market(4, 'C', 'buy', 3)).toEqual({ orderId: 4, status: 'filled', filledQty: 3, remainingQty: 0 });
    expect(h.drain()).toEqual([
      fill({ price: 10001, qty: 2, maker: ['A', 1], taker: ['C', 4], takerSide: 'buy', midBefore: NaN, midAfter: NaN }),
      fill({ price: 10001, qty: 1, maker: ['B', 2], taker: ['C', 4], takerSide: 'buy', midBefore: NaN, midAfter: NaN }),
    ]);
    expect(book().asks).toEqual(levels([[10001, 3]]));
    limit(5, 'D', 'sell', 10001, 1); // joins the back of the queue
    h.advance(3);
    expect(market(6, 'C', 'buy', 3)).toEqual({ orderId: 6, status: 'filled', filledQty: 3, remainingQty: 0 });
    expect(h.drain()).toEqual([
      fill({ t: 3, price: 10001, qty: 1, maker: ['B', 2], taker: ['C', 6, 3], takerSide: 'buy', midBefore: NaN, midAfter: NaN }),
      fill({ t: 3, price: 10001, qty: 2, maker: ['A', 3], taker: ['C', 6, 3], takerSide: 'buy', midBefore: NaN, midAfter: NaN }),
    ]);
    expect(book().asks).toEqual(levels([[10001, 1]]));
    expect(h.venue.restingOrderCount()).toBe(1);
  });

  it('fills an incoming limit order partially and rests the remainder at its limit', () => {
    const { h, limit, book } = setup();
    limit(1, 'A', 'buy', 9999, 1);
    limit(2, 'B', 'sell', 10001, 2);
    expect(limit(3, 'C', 'buy', 10001, 5)).toEqual({ orderId: 3, status: 'partial', filledQty: 2, remainingQty: 3 });
    // before: 9999 / 10001 -> 10000; after: bid 10001 x 3, no ask -> NaN
    expect(h.drain()).toEqual([fill({ price: 10001, qty: 2, maker: ['B', 2], taker: ['C', 3], takerSide: 'buy', midBefore: 10000, midAfter: NaN })]);
    const s = book();
    expect(s.bids).toEqual(levels([[10001, 3], [9999, 1]]));
    expect(s.asks).toEqual([]);
    expect(h.venue.restingOrderCount()).toBe(2);
  });

  it('walks the book with a market order and with a price-limited limit order', () => {
    const { h, limit, market, book } = setup();
    limit(1, 'A', 'buy', 9999, 1);
    limit(2, 'B', 'sell', 10001, 2);
    limit(3, 'C', 'sell', 10002, 3);
    limit(4, 'D', 'sell', 10004, 5);
    expect(h.venue.estimateImpact('M', 'buy', 6)).toBe(10004 - 10000);
    expect(market(5, 'E', 'buy', 6)).toEqual({ orderId: 5, status: 'filled', filledQty: 6, remainingQty: 0 });
    // after: bid 9999, ask 10004 x 4 -> 10001.5
    expect(h.drain()).toEqual([
      fill({ price: 10001, qty: 2, maker: ['B', 2], taker: ['E', 5], takerSide: 'buy', midBefore: 10000, midAfter: 10001.5 }),
      fill({ price: 10002, qty: 3, maker: ['C', 3], taker: ['E', 5], takerSide: 'buy', midBefore: 10000, midAfter: 10001.5 }),
      fill({ price: 10004, qty: 1, maker: ['D', 4], taker: ['E', 5], takerSide: 'buy', midBefore: 10000, midAfter: 10001.5 }),
    ]);
    expect(book().asks).toEqual(levels([[10004, 4]]));
    expect(book().last).toBe(10004);

    // A sell limit at 9998 walks the bids down to its limit only, then rests.
    limit(6, 'F', 'buy', 9998, 2);
    limit(7, 'G', 'buy', 9997, 2);
    expect(limit(8, 'E', 'sell', 9998, 5)).toEqual({ orderId: 8, status: 'partial', filledQty: 3, remainingQty: 2 });
    // before: 9999 / 10004 -> 10001.5; after: bid 9997, ask 9998 -> 9997.5
    expect(h.drain()).toEqual([
      fill({ price: 9999, qty: 1, maker: ['A', 1], taker: ['E', 8], takerSide: 'sell', midBefore: 10001.5, midAfter: 9997.5 }),
      fill({ price: 9998, qty: 2, maker: ['F', 6], taker: ['E', 8], takerSide: 'sell', midBefore: 10001.5, midAfter: 9997.5 }),
    ]);
    expect(book().bids).toEqual(levels([[9997, 2]]));
    expect(book().asks).toEqual(levels([[9998, 2], [10004, 4]]));
  });

  it('cancels the remainder of a market order (IOC) and never rests it', () => {
    const { h, limit, market, book } = setup();
    expect(market(1, 'A', 'buy', 3)).toEqual({ orderId: 1, status: 'expired', filledQty: 0, remainingQty: 0 });
    expect(h.fills).toEqual([]);
    limit(2, 'B', 'sell', 10001, 2);
    limit(3, 'C', 'buy', 9997, 1);
    expect(market(4, 'A', 'buy', 5)).toEqual({ orderId: 4, status: 'partial', filledQty: 2, remainingQty: 0 });
    expect(h.drain()).toEqual([fill({ price: 10001, qty: 2, maker: ['B', 2], taker: ['A', 4], takerSide: 'buy', midBefore: 9999, midAfter: NaN })]);
    expect(book().bids).toEqual(levels([[9997, 1]]));
    expect(book().asks).toEqual([]);
    expect(h.venue.restingOrderCount()).toBe(1);
    // The market order is not live: cancelling it is an unknown order.
    expect(h.venue.cancelOrder({ orderId: 4, agentId: 'A', submittedAt: 0 })).toEqual({ orderId: 4, status: 'rejected', filledQty: 0, remainingQty: 0, reason: RejectReason.UnknownOrder });
  });
});

describe('venue-clob: cancels', () => {
  it('cancels own live orders only, once, and not after a complete fill', () => {
    const { h, limit, market, cancel, book } = setup();
    limit(1, 'A', 'buy', 9999, 2);
    limit(2, 'B', 'buy', 9999, 3);
    limit(3, 'A', 'sell', 10001, 1);
    expect(cancel(2, 'A')).toEqual({ orderId: 2, status: 'rejected', filledQty: 0, remainingQty: 0, reason: RejectReason.ForeignOrder });
    expect(book().bids).toEqual(levels([[9999, 5]]));
    expect(cancel(1, 'A')).toEqual({ orderId: 1, status: 'cancelled', filledQty: 0, remainingQty: 0 });
    expect(book().bids).toEqual(levels([[9999, 3]]));
    expect(cancel(1, 'A')).toEqual({ orderId: 1, status: 'rejected', filledQty: 0, remainingQty: 0, reason: RejectReason.UnknownOrder });
    expect(cancel(99, 'A').reason).toBe(RejectReason.UnknownOrder);
    // Order 3 fills completely; cancelling it afterwards is refused.
    market(4, 'C', 'buy', 1);
    expect(cancel(3, 'A').reason).toBe(RejectReason.UnknownOrder);
    // Cancelling the only order of a level removes the level; queue order of the rest is kept.
    limit(5, 'D', 'buy', 9999, 4);
    expect(cancel(2, 'B').status).toBe('cancelled');
    expect(book().bids).toEqual(levels([[9999, 4]]));
    expect(cancel(5, 'D').status).toBe('cancelled');
    expect(book().bids).toEqual([]);
    expect(h.venue.restingOrderCount()).toBe(0);
    expect(book().mid).toBeNaN();
  });

  it('cancels a partially filled order; later flow skips it', () => {
    const { h, limit, market, cancel } = setup();
    limit(1, 'A', 'sell', 10001, 5);
    limit(2, 'B', 'sell', 10001, 5);
    market(3, 'C', 'buy', 2);
    h.drain();
    expect(cancel(1, 'A')).toEqual({ orderId: 1, status: 'cancelled', filledQty: 0, remainingQty: 0 });
    market(4, 'C', 'buy', 2);
    expect(h.drain()).toEqual([fill({ price: 10001, qty: 2, maker: ['B', 2], taker: ['C', 4], takerSide: 'buy', midBefore: NaN, midAfter: NaN })]);
  });
});

describe('venue-clob: self-trade prevention', () => {
  it('none: an agent may trade with itself', () => {
    const { h, limit } = setup({ selfTradePrevention: 'none' });
    limit(1, 'A', 'sell', 10001, 2);
    expect(limit(2, 'A', 'buy', 10001, 1)).toEqual({ orderId: 2, status: 'filled', filledQty: 1, remainingQty: 0 });
    expect(h.drain()).toEqual([fill({ price: 10001, qty: 1, maker: ['A', 1], taker: ['A', 2], takerSide: 'buy', midBefore: NaN, midAfter: NaN })]);
  });

  it('cancelResting: removes the own resting orders it meets, announces them, and keeps matching', () => {
    const { h, limit, book } = setup({ selfTradePrevention: 'cancelResting' });
    const cancelled: OrderEvent[] = [];
    const seenBid: number[] = [];
    h.bus.on('order.cancelled', (e) => {
      cancelled.push(e);
      seenBid.push(h.venue.getState('M').bestBid); // announced after the order was processed
    });
    limit(1, 'A', 'sell', 10001, 2);
    limit(2, 'B', 'sell', 10001, 2);
    limit(3, 'A', 'sell', 10002, 1);
    limit(4, 'C', 'sell', 10003, 1);
    limit(5, 'D', 'buy', 9997, 1);
    // A buys up to 10002: its order 1 is cancelled, B's 2 lots fill, its order 3 is cancelled, 1 lot rests at 10002.
    expect(limit(6, 'A', 'buy', 10002, 3)).toEqual({ orderId: 6, status: 'partial', filledQty: 2, remainingQty: 1 });
    // before: 9997 / 10001 -> 9999; after: bid 10002, ask 10003 -> 10002.5
    expect(h.drain()).toEqual([fill({ price: 10001, qty: 2, maker: ['B', 2], taker: ['A', 6], takerSide: 'buy', midBefore: 9999, midAfter: 10002.5 })]);
    expect(book().bids).toEqual(levels([[10002, 1], [9997, 1]]));
    expect(book().asks).toEqual(levels([[10003, 1]]));
    expect(h.venue.restingOrderCount()).toBe(3);
    expect(cancelled.map((e) => [e.agentId, e.result.orderId, e.result.status, e.result.reason])).toEqual([
      ['A', 1, 'cancelled', RejectReason.SelfTrade],
      ['A', 3, 'cancelled', RejectReason.SelfTrade],
    ]);
    expect(seenBid).toEqual([10002, 10002]);
    expect(h.fills.length).toBe(1);
    expect(h.venue.cancelOrder({ orderId: 1, agentId: 'A', submittedAt: 0 }).reason).toBe(RejectReason.UnknownOrder);
  });

  it('cancelIncoming: stops the incoming order at its own resting order; the resting order stays', () => {
    const { h, limit, market, book } = setup({ selfTradePrevention: 'cancelIncoming' });
    limit(1, 'B', 'sell', 10001, 2);
    limit(2, 'A', 'sell', 10001, 2);
    limit(3, 'B', 'sell', 10001, 2);
    expect(market(4, 'A', 'buy', 5)).toEqual({ orderId: 4, status: 'cancelled', filledQty: 2, remainingQty: 0, reason: RejectReason.SelfTrade });
    expect(h.drain()).toEqual([fill({ price: 10001, qty: 2, maker: ['B', 1], taker: ['A', 4], takerSide: 'buy', midBefore: NaN, midAfter: NaN })]);
    expect(book().asks).toEqual(levels([[10001, 4]]));
    // A limit order that would first meet its own order is cancelled whole and does not rest.
    expect(limit(5, 'A', 'buy', 10001, 1)).toEqual({ orderId: 5, status: 'cancelled', filledQty: 0, remainingQty: 0, reason: RejectReason.SelfTrade });
    expect(h.fills.length).toBe(1);
    expect(book().bids).toEqual([]);
    expect(h.venue.restingOrderCount()).toBe(2);
    // Another agent still trades with both, in time order.
    expect(market(6, 'C', 'buy', 3).filledQty).toBe(3);
    expect(h.drain().map((f) => [f.maker.orderId, f.qty])).toEqual([
      [2, 2],
      [3, 1],
    ]);
  });
});

describe('venue-clob: fees', () => {
  it('charges the taker and rebates the maker in basis points of notional (tick-lots)', () => {
    const { h, limit, market } = setup({ makerFeeBps: -2, takerFeeBps: 5 });
    limit(1, 'A', 'sell', 10000, 3);
    limit(2, 'B', 'sell', 10001, 2);
    h.advance(2);
    expect(market(3, 'C', 'buy', 5).filledQty).toBe(5);
    // notional 30000: maker -2 bps = -6, taker 5 bps = 15; notional 20002: -4.0004 and 10.001
    expect(h.drain()).toEqual([
      fill({ t: 2, price: 10000, qty: 3, maker: ['A', 1], taker: ['C', 3, 2], takerSide: 'buy', midBefore: NaN, midAfter: NaN, makerFee: -6, takerFee: 15 }),
      fill({ t: 2, price: 10001, qty: 2, maker: ['B', 2], taker: ['C', 3, 2], takerSide: 'buy', midBefore: NaN, midAfter: NaN, makerFee: -4.0004, takerFee: 10.001 }),
    ]);
  });

  it('charges a maker fee and no taker fee when so configured', () => {
    const { h, limit } = setup({ makerFeeBps: 10, takerFeeBps: 0 });
    limit(1, 'A', 'buy', 5000, 4);
    limit(2, 'B', 'sell', 5000, 4);
    const [f] = h.drain();
    expect(f!.maker.fee).toBe(20); // 20000 * 10 / 1e4
    expect(f!.taker.fee).toBe(0);
    expect(f!.maker.side).toBe('buy');
    expect(f!.taker.side).toBe('sell');
  });
});

describe('venue-clob: tick and lot size', () => {
  it('accepts prices on the grid and quantities in whole lots of the configured size', () => {
    const { h, limit, market, book } = setup({ tickSize: 5, lotSize: 10 });
    expect(limit(1, 'A', 'sell', 10005, 20).status).toBe('resting');
    expect(limit(2, 'B', 'sell', 10003, 10).reason).toBe(RejectReason.OffTick);
    expect(limit(3, 'B', 'sell', 10010, 15).reason).toBe(RejectReason.BadQuantity);
    expect(market(4, 'C', 'buy', 5).reason).toBe(RejectReason.BadQuantity);
    expect(market(5, 'C', 'buy', 10)).toEqual({ orderId: 5, status: 'filled', filledQty: 10, remainingQty: 0 });
    expect(h.fills.length).toBe(1);
    expect(book().asks).toEqual(levels([[10005, 10]]));
  });
});

describe('venue-clob: bad messages are rejected with a code and change nothing', () => {
  it('rejects every kind of bad order and leaves book, counts and fills as they were', () => {
    const markets = [
      { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' as const },
      { id: 'X', tickSize: 0.01, lotSize: 1, openingMid: 50, kind: 'price' as const },
    ];
    const { h, limit, market, cancel } = setup({ lotSize: 2 }, { markets });
    limit(1, 'A', 'buy', 9999, 4);
    limit(2, 'B', 'sell', 10001, 2);
    limit(3, 'B', 'sell', 10002, 2);
    limit(4, 'C', 'buy', 4999, 2, 'X');
    market(5, 'C', 'buy', 2); // fills order 2 completely
    cancel(3, 'B'); // order 3 cancelled
    const before = snapshot(h);
    const cases: [string, () => OrderResult, string][] = [
      ['qty 0', () => limit(10, 'A', 'buy', 9999, 0), RejectReason.BadQuantity],
      ['qty negative', () => limit(11, 'A', 'buy', 9999, -2), RejectReason.BadQuantity],
      ['qty fractional', () => limit(12, 'A', 'buy', 9999, 2.5), RejectReason.BadQuantity],
      ['qty not a whole lot', () => limit(13, 'A', 'buy', 9999, 3), RejectReason.BadQuantity],
      ['qty NaN', () => limit(14, 'A', 'buy', 9999, NaN), RejectReason.BadQuantity],
      ['qty infinite', () => limit(15, 'A', 'buy', 9999, Infinity), RejectReason.BadQuantity],
      ['price NaN', () => limit(16, 'A', 'buy', NaN, 2), RejectReason.BadPrice],
      ['price +inf', () => limit(17, 'A', 'buy', Infinity, 2), RejectReason.BadPrice],
      ['price -inf', () => limit(18, 'A', 'sell', -Infinity, 2), RejectReason.BadPrice],
      ['price 0', () => limit(19, 'A', 'sell', 0, 2), RejectReason.BadPrice],
      ['price negative', () => limit(20, 'A', 'sell', -5, 2), RejectReason.BadPrice],
      ['price off the grid', () => limit(21, 'A', 'buy', 10000.5, 2), RejectReason.OffTick],
      ['unknown market', () => limit(22, 'A', 'buy', 9999, 2, 'Q'), RejectReason.UnknownMarket],
      ['duplicate id of a live order', () => limit(1, 'A', 'buy', 9990, 2), RejectReason.DuplicateId],
      ['duplicate id of a filled order', () => limit(2, 'B', 'sell', 10005, 2), RejectReason.DuplicateId],
      ['duplicate id of a cancelled order', () => limit(3, 'B', 'sell', 10005, 2), RejectReason.DuplicateId],
      ['duplicate id of a market order', () => limit(5, 'C', 'sell', 10005, 2), RejectReason.DuplicateId],
      ['duplicate id of an order in another market', () => limit(4, 'C', 'buy', 9990, 2), RejectReason.DuplicateId],
      ['bad side', () => limit(23, 'A', 'hold' as Side, 9999, 2), RejectReason.Unsupported],
      ['market qty 0', () => market(24, 'A', 'sell', 0), RejectReason.BadQuantity],
      ['market qty not a whole lot', () => market(25, 'A', 'sell', 1), RejectReason.BadQuantity],
      ['market unknown market', () => market(26, 'A', 'sell', 2, 'Q'), RejectReason.UnknownMarket],
      ['market duplicate id', () => market(1, 'A', 'sell', 2), RejectReason.DuplicateId],
      ['cancel unknown id', () => cancel(999, 'A'), RejectReason.UnknownOrder],
      ['cancel foreign id', () => cancel(1, 'B'), RejectReason.ForeignOrder],
      ['cancel foreign id in another market', () => cancel(4, 'A'), RejectReason.ForeignOrder],
      ['cancel filled id', () => cancel(2, 'B'), RejectReason.UnknownOrder],
      ['cancel cancelled id', () => cancel(3, 'B'), RejectReason.UnknownOrder],
      ['cancel market order id', () => cancel(5, 'C'), RejectReason.UnknownOrder],
    ];
    for (const [what, send, reason] of cases) {
      const r = send();
      expect(r.status, what).toBe('rejected');
      expect(r.reason, what).toBe(reason);
      expect(r.filledQty, what).toBe(0);
      expect(r.remainingQty, what).toBe(0);
      expect(snapshot(h), what).toEqual(before);
    }
    // A rejected id was never accepted: it may be used again.
    expect(limit(10, 'A', 'buy', 9998, 2).status).toBe('resting');
    expect(h.venue.restingOrderCount()).toBe(before.resting + 1);
  });

  it('rejects a config with unknown keys or a non-positive tick', () => {
    expect(() => venueHarness(clob, { tick: 1 })).toThrow(/bad venue config/);
    expect(() => venueHarness(clob, { tickSize: 0 })).toThrow(/bad venue config/);
    expect(() => venueHarness(clob, { selfTradePrevention: 'maybe' })).toThrow(/bad venue config/);
  });
});

describe('venue-clob: markets', () => {
  it('keeps one book per market and matches only within a market', () => {
    const markets = [
      { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' as const },
      { id: 'X', tickSize: 0.01, lotSize: 1, openingMid: 50, kind: 'price' as const },
    ];
    const { h, limit, market } = setup({}, { markets });
    expect(h.venue.markets).toEqual(['M', 'X']);
    limit(1, 'A', 'sell', 5001, 2, 'X');
    expect(market(2, 'B', 'buy', 1, 'M').status).toBe('expired');
    expect(market(3, 'B', 'buy', 1, 'X').status).toBe('filled');
    expect(h.drain()).toEqual([fill({ market: 'X', price: 5001, qty: 1, maker: ['A', 1], taker: ['B', 3], takerSide: 'buy', midBefore: NaN, midAfter: NaN })]);
    expect(h.venue.getState('X').asks).toEqual(levels([[5001, 1]]));
    expect(h.venue.getState('M').asks).toEqual([]);
  });

  it('trades only the markets its config names', () => {
    const markets = [
      { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' as const },
      { id: 'X', tickSize: 0.01, lotSize: 1, openingMid: 50, kind: 'price' as const },
    ];
    const { limit, v } = setup({ markets: ['X'] }, { markets });
    expect(v.markets).toEqual(['X']);
    expect(limit(1, 'A', 'buy', 9999, 1, 'M').reason).toBe(RejectReason.UnknownMarket);
  });
});

describe('venue-clob: estimateImpact', () => {
  it('is the last level reached minus the mid, signed with the trade, infinite beyond the book', () => {
    const { v, limit } = setup();
    expect(v.estimateImpact('M', 'buy', 1)).toBe(Infinity);
    expect(v.estimateImpact('M', 'sell', 1)).toBe(-Infinity);
    limit(1, 'A', 'sell', 10002, 2);
    limit(2, 'A', 'sell', 10005, 3);
    // One-sided book: measured from the touch.
    expect(v.estimateImpact('M', 'buy', 2)).toBe(0);
    expect(v.estimateImpact('M', 'buy', 3)).toBe(3);
    limit(3, 'B', 'buy', 9998, 1);
    limit(4, 'B', 'buy', 9996, 4);
    // mid = (9998 + 10002) / 2 = 10000
    expect(v.estimateImpact('M', 'buy', 1)).toBe(2);
    expect(v.estimateImpact('M', 'buy', 2)).toBe(2);
    expect(v.estimateImpact('M', 'buy', 5)).toBe(5);
    expect(v.estimateImpact('M', 'buy', 6)).toBe(Infinity);
    expect(v.estimateImpact('M', 'sell', 1)).toBe(-2);
    expect(v.estimateImpact('M', 'sell', 3)).toBe(-4);
    expect(v.estimateImpact('M', 'sell', 6)).toBe(-Infinity);
    expect(v.estimateImpact('M', 'sell', 0)).toBe(0);
    expect(v.estimateImpact('nope', 'sell', 1)).toBe(0);
    // Estimating changes nothing.
    expect(v.getState('M', 10).asks).toEqual(levels([[10002, 2], [10005, 3]]));
  });
});

describe('venue-clob: book structure under many levels', () => {
  it('keeps levels sorted when orders arrive far from the touch in any order', () => {
    const { v, limit, cancel } = setup();
    // 40 bid levels inserted in a scrambled order (exercises the binary-search path).
    const prices = Array.from({ length: 40 }, (_, i) => 9000 + ((i * 17) % 40) * 3);
    prices.forEach((p, i) => limit(i + 1, 'A', 'buy', p, 1));
    const sorted = [...new Set(prices)].sort((a, b) => b - a);
    expect(v.getState('M', 100).bids.map((l) => l.price)).toEqual(sorted);
    // Cancel every other order by id; the remaining levels stay sorted and exact.
    for (let i = 0; i < 40; i += 2) expect(cancel(i + 1, 'A').status).toBe('cancelled');
    const left = prices.filter((_, i) => i % 2 === 1).sort((a, b) => b - a);
    expect(v.getState('M', 100).bids).toEqual(left.map((p) => ({ price: p, qty: 1 })));
    expect(v.restingOrderCount()).toBe(20);
  });
});
