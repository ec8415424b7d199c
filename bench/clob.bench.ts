/**
 * CLOB throughput through its public venue API, against the npm package `nodejs-order-book` on the
 * same pre-generated message stream, in the same process.
 *
 * The stream: a prefill of 1,000 passive limit orders (not timed), then 1,000,000 messages: ~45%
 * limit orders near the touch (about 5% of them marketable), ~40% cancels of live orders, ~15%
 * market orders, whose size adapts so the book holds about 1,000 resting orders. The stream is
 * generated once by driving a reference ClobVenue (so every cancel names a live order) and replayed
 * on fresh books; generation is not timed. nodejs-order-book (whose cancel is linear in the queue
 * length) is timed on the first 200,000 messages of the same stream, and the ratio compares both
 * books on those same 200,000 messages.
 */
import { createStream, type CancelRequest, type Fill, type LimitOrderRequest, type MarketOrderRequest, type VenueContext } from '@venuelab/kernel';
import { ClobVenue, clobConfigSchema } from '@venuelab/plugin-venue-clob';
import { OrderBook as NobBook } from 'nodejs-order-book';
import type { Benchmark } from './types.js';

const PREFILL = 1_000;
const MESSAGES = 1_000_000;
/** nodejs-order-book is timed on the first 200,000 messages of the same stream (it is much slower). */
const NOB_MESSAGES = 200_000;
const TARGET_RESTING = 1_000;
const AGENTS = 16;
const MARKET = 'M';

const LIMIT = 0;
const MARKET_ORDER = 1;
const CANCEL = 2;

/** One pre-generated stream in both APIs' shapes. */
interface Stream {
  kinds: Uint8Array;
  ours: (LimitOrderRequest | MarketOrderRequest | CancelRequest)[];
  theirs: unknown[];
  /** Mean resting orders over the timed part. */
  meanResting: number;
  /** Share of each kind in the timed part. */
  mix: [number, number, number];
}

/** A minimal venue context: fills are counted (as a kernel drain would consume them), never kept. */
function context(): VenueContext & { fillCount: number } {
  const ctx = {
    id: 'clob',
    seed: 1,
    duration: 1_000_000,
    markets: [{ id: MARKET, tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' as const }],
    fillCount: 0,
    fills: { push: (_f: Fill) => void ctx.fillCount++ },
    bus: undefined as never,
    truth: undefined as never,
    now: () => 0,
    rng: () => {
      throw new Error('unused');
    },
    resolve: () => {
      throw new Error('unused');
    },
  };
  return ctx;
}

const config = clobConfigSchema.parse({});

function generate(seed: number): Stream {
  const rng = createStream(seed, 'bench:clob');
  const agents = Array.from({ length: AGENTS }, (_, i) => `a${i}`);
  const live: number[] = [];
  const pos = new Map<number, number>();
  const left = new Map<number, number>();
  const owner = new Map<number, string>();
  const drop = (id: number) => {
    const i = pos.get(id)!;
    const last = live.pop()!;
    if (last !== id) {
      live[i] = last;
      pos.set(last, i);
    }
    pos.delete(id);
    left.delete(id);
  };
  const ctx = context();
  ctx.fills.push = (f: Fill) => {
    const id = f.maker.orderId;
    const r = left.get(id)! - f.qty;
    if (r === 0) drop(id);
    else left.set(id, r);
  };
  const venue = new ClobVenue(ctx, config);
  const kinds = new Uint8Array(PREFILL + MESSAGES);
  const ours: Stream['ours'] = [];
  const theirs: unknown[] = [];
  let nextId = 1;
  let restingSum = 0;
  const mixCount: [number, number, number] = [0, 0, 0];

  const limit = (i: number, side: 'buy' | 'sell', price: number, qty: number) => {
    const agentId = agents[rng.int(AGENTS)]!;
    const orderId = nextId++;
    const req: LimitOrderRequest = { orderId, agentId, market: MARKET, side, price, qty, submittedAt: 0 };
    kinds[i] = LIMIT;
    ours.push(req);
    theirs.push({ id: String(orderId), side, size: qty, price });
    const r = venue.submitLimitOrder(req);
    if (r.remainingQty > 0) {
      pos.set(orderId, live.length);
      live.push(orderId);
      left.set(orderId, r.remainingQty);
      owner.set(orderId, agentId);
    }
  };

  for (let i = 0; i < PREFILL; i++) {
    const buy = rng.next() < 0.5;
    const d = 1 + Math.min(60, Math.floor(rng.exponential(8)));
    limit(i, buy ? 'buy' : 'sell', buy ? 10_000 - d : 10_000 + d, 1 + rng.int(10));
  }
  for (let i = PREFILL; i < PREFILL + MESSAGES; i++) {
    const s = venue.getState(MARKET, 1);
    const u = rng.next();
    // Feedback keeps about TARGET_RESTING orders live: slightly fewer cancels and smaller market
    // orders below the target, slightly more above it (40% cancels on average).
    const above = live.length > TARGET_RESTING;
    const pCancel = 0.4 + 0.04 * Math.max(-1, Math.min(1, (live.length - TARGET_RESTING) / 100));
    if (u < pCancel && live.length > 0) {
      const id = live[rng.int(live.length)]!;
      const req: CancelRequest = { orderId: id, agentId: owner.get(id)!, submittedAt: 0 };
      kinds[i] = CANCEL;
      ours.push(req);
      theirs.push(String(id));
      venue.cancelOrder(req);
      drop(id);
      mixCount[2]++;
    } else if (u < pCancel + 0.15) {
      const side = rng.next() < 0.5 ? 'buy' : 'sell';
      const qty = above ? 1 + rng.int(6) : 1;
      const req: MarketOrderRequest = { orderId: nextId++, agentId: agents[rng.int(AGENTS)]!, market: MARKET, side, qty, submittedAt: 0 };
      kinds[i] = MARKET_ORDER;
      ours.push(req);
      theirs.push({ side, size: qty });
      venue.submitMarketOrder(req);
      mixCount[1]++;
    } else {
      const buy = rng.next() < 0.5;
      const bid = s.bestBid === s.bestBid ? s.bestBid : 9_999;
      const ask = s.bestAsk === s.bestAsk ? s.bestAsk : 10_001;
      let price: number;
      if (rng.next() < 0.04) {
        price = buy ? ask + rng.int(3) : bid - rng.int(3); // marketable
      } else {
        const d = Math.min(40, Math.floor(rng.exponential(4)));
        price = buy ? Math.min(bid + 1 - d, ask - 1) : Math.max(ask - 1 + d, bid + 1);
      }
      limit(i, buy ? 'buy' : 'sell', price, 1 + rng.int(10));
      mixCount[0]++;
    }
    restingSum += venue.restingOrderCount();
  }
  return { kinds, ours, theirs, meanResting: restingSum / MESSAGES, mix: mixCount.map((c) => c / MESSAGES) as [number, number, number] };
}

let cached: Stream | undefined;
const stream = (): Stream => (cached ??= generate(7));

function replayOurs(s: Stream, from: number, to: number, venue: ClobVenue): void {
  const { kinds, ours } = s;
  for (let i = from; i < to; i++) {
    const k = kinds[i];
    if (k === LIMIT) venue.submitLimitOrder(ours[i] as LimitOrderRequest);
    else if (k === CANCEL) venue.cancelOrder(ours[i] as CancelRequest);
    else venue.submitMarketOrder(ours[i] as MarketOrderRequest);
  }
}

type Nob = { limit(o: unknown): unknown; market(o: unknown): unknown; cancel(id: string): unknown; depth(): [[number, number][], [number, number][]] };

function replayTheirs(s: Stream, from: number, to: number, book: Nob): void {
  const { kinds, theirs } = s;
  for (let i = from; i < to; i++) {
    const k = kinds[i];
    if (k === LIMIT) book.limit(theirs[i]);
    else if (k === CANCEL) book.cancel(theirs[i] as string);
    else book.market(theirs[i]);
  }
}

/** Messages per second of the CLOB on the first `n` timed messages (fresh venue, prefilled untimed). */
export function clobRate(n = MESSAGES): number {
  const s = stream();
  const venue = new ClobVenue(context(), config);
  replayOurs(s, 0, PREFILL, venue);
  const t0 = performance.now();
  replayOurs(s, PREFILL, PREFILL + n, venue);
  return n / ((performance.now() - t0) / 1000);
}

/** Messages per second of nodejs-order-book on the first `n` timed messages of the same stream. */
export function nobRate(n = NOB_MESSAGES): number {
  const s = stream();
  const book = new NobBook() as unknown as Nob;
  replayTheirs(s, 0, PREFILL, book);
  const t0 = performance.now();
  replayTheirs(s, PREFILL, PREFILL + n, book);
  return n / ((performance.now() - t0) / 1000);
}

const median3 = (f: () => number): number => {
  const xs = [f(), f(), f()].sort((a, b) => a - b);
  return xs[1]!;
};

/** Checks once that both books reach the same state after the compared messages (like for like). */
function crossCheck(): void {
  const s = stream();
  const venue = new ClobVenue(context(), config);
  replayOurs(s, 0, PREFILL + NOB_MESSAGES, venue);
  const book = new NobBook() as unknown as Nob;
  replayTheirs(s, 0, PREFILL + NOB_MESSAGES, book);
  const st = venue.getState(MARKET, Infinity);
  const [asks, bids] = book.depth();
  const ours = JSON.stringify([st.asks.map((l) => [l.price, l.qty]), st.bids.map((l) => [l.price, l.qty])]);
  const theirs = JSON.stringify([[...asks].sort((a, b) => a[0] - b[0]), [...bids].sort((a, b) => b[0] - a[0])]);
  if (ours !== theirs) throw new Error('clob bench: the CLOB and nodejs-order-book disagree on the final book');
  const mix = s.mix.map((x) => `${(x * 100).toFixed(1)}%`).join(' / ');
  process.stderr.write(`  clob stream: limit / market / cancel = ${mix}, mean resting orders ${s.meanResting.toFixed(0)}, final books agree\n`);
}

let checked = false;
const once = () => {
  if (!checked) {
    crossCheck();
    checked = true;
  }
};

export const benchmarks: Benchmark[] = [
  {
    name: 'clob mixed flow: CLOB via venue API (1M msgs)',
    unit: 'msg/s',
    target: 4_000_000,
    run: () => {
      once();
      return clobRate();
    },
  },
  {
    name: 'clob mixed flow: nodejs-order-book (same stream, first 200k)',
    unit: 'msg/s',
    repeats: 3,
    run: () => {
      once();
      return nobRate();
    },
  },
  {
    name: 'clob mixed flow: CLOB / nodejs-order-book ratio (first 200k)',
    unit: 'x',
    target: 10,
    repeats: 3,
    run: () => {
      once();
      // Like for like: both on the same 200k messages; the CLOB's rate is the median of 3 replays.
      const ours = median3(() => clobRate(NOB_MESSAGES));
      return ours / nobRate();
    },
  },
];
