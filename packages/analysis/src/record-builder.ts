/**
 * Building a run record by hand (for tests, examples and notebooks), with the kernel's own logs so
 * the columns are exactly those of a real run.
 * @module
 */
import {
  MidLog,
  OrderLog,
  TradeLog,
  TruthLog,
  type Fill,
  type MarketSpec,
  type OrderAction,
  type OrderResult,
  type ParticipantInfo,
  type RunRecord,
  type Side,
  type VenueInfo,
} from '@venuelab/kernel';

/** One leg of a {@link FillSpec}. */
export interface LegSpec {
  /** Agent (or pool) id. */
  agent: string;
  /** Side this participant traded. */
  side: Side;
  /** Fee paid (tick-lots; default 0). */
  fee?: number;
  /** Order id (default -1). */
  orderId?: number;
  /** Tick the order was sent (default: the fill's tick). */
  submittedAt?: number;
}

/** A fill for {@link buildRecord}. */
export interface FillSpec {
  /** Venue id (default `V`). */
  venue?: string;
  /** Market id (default `M`). */
  market?: string;
  /** Tick. */
  t: number;
  /** Price (price ticks). */
  price: number;
  /** Quantity (lots). */
  qty: number;
  /** Resting leg. */
  maker: LegSpec;
  /** Incoming leg. */
  taker: LegSpec;
  /** Mid before (default NaN). */
  midBefore?: number;
  /** Mid after (default NaN). */
  midAfter?: number;
  /** Batch id (default -1). */
  batchId?: number;
}

/** An order-log row for {@link buildRecord}. */
export interface OrderSpec {
  /** Tick sent. */
  t: number;
  /** Tick it reached the venue (default `t`). */
  arrivedAt?: number;
  /** Sender. */
  agent: string;
  /** Venue (default `V`). */
  venue?: string;
  /** Market (default `M`; '' for cancels). */
  market?: string;
  /** Kind of message. */
  action: OrderAction;
  /** Order id (the target for a cancel). */
  orderId: number;
  /** Side (omit for cancels). */
  side?: Side;
  /** Limit price (NaN for market orders and cancels). */
  price?: number;
  /** Quantity (0 for cancels). */
  qty?: number;
  /** Venue answer (default: resting, nothing filled, the whole quantity remaining). */
  status?: OrderResult['status'];
  /** Lots filled on arrival (default 0). */
  filledQty?: number;
  /** Lots live after arrival (default qty - filledQty, 0 for cancels). */
  remainingQty?: number;
  /** Reject reason. */
  reason?: OrderResult['reason'];
}

/** A hand-made run record. */
export interface RecordSpec {
  /** Run id (default `test`). */
  runId?: string;
  /** Seed (default 1). */
  seed?: number;
  /** Duration in ticks. */
  duration: number;
  /** Markets (default one price market `M`, tick 0.01, opening mid 1.00). */
  markets?: MarketSpec[];
  /** Participants (id and role; plugin defaults to `test`). */
  participants: (Omit<ParticipantInfo, 'plugin'> & { plugin?: string })[];
  /** Venues (default: every venue named by fills, orders and mids, mechanism `continuous`). */
  venues?: VenueInfo[];
  /** Fills in time order. */
  fills?: FillSpec[];
  /** Order-log rows in arrival order. */
  orders?: OrderSpec[];
  /** Mid samples. */
  mids?: { t: number; venue?: string; market?: string; mid: number; bestBid?: number; bestAsk?: number }[];
  /** Truth samples (fair in price ticks). */
  truth?: { t: number; market?: string; fair: number; latent?: number }[];
}

/** Builds a run record from hand-written fills, orders and paths. */
export function buildRecord(spec: RecordSpec): RunRecord {
  const roles = new Map(spec.participants.map((p) => [p.id, p.role]));
  const trades = new TradeLog((id) => roles.get(id) ?? 'unknown');
  const orders = new OrderLog();
  const mids = new MidLog();
  const truth = new TruthLog();
  const venues = new Set<string>();
  for (const f of spec.fills ?? []) {
    const venue = f.venue ?? 'V';
    venues.add(venue);
    const leg = (l: LegSpec, liquidity: 'maker' | 'taker') => ({
      agentId: l.agent,
      orderId: l.orderId ?? -1,
      side: l.side,
      fee: l.fee ?? 0,
      liquidity,
      submittedAt: l.submittedAt ?? f.t,
    });
    const fill: Fill = {
      venue,
      market: f.market ?? 'M',
      t: f.t,
      price: f.price,
      qty: f.qty,
      maker: leg(f.maker, 'maker'),
      taker: leg(f.taker, 'taker'),
      midBefore: f.midBefore ?? NaN,
      midAfter: f.midAfter ?? NaN,
      batchId: f.batchId ?? -1,
    };
    trades.append(fill);
  }
  for (const o of spec.orders ?? []) {
    const venue = o.venue ?? 'V';
    venues.add(venue);
    const qty = o.qty ?? 0;
    const filled = o.filledQty ?? 0;
    const isCancel = o.action === 'cancel';
    orders.append(o.t, o.arrivedAt ?? o.t, o.agent, venue, isCancel ? (o.market ?? '') : (o.market ?? 'M'), o.action, o.side ?? '', o.price ?? NaN, qty, {
      orderId: o.orderId,
      status: o.status ?? (isCancel ? 'cancelled' : 'resting'),
      filledQty: filled,
      remainingQty: o.remainingQty ?? (isCancel ? 0 : qty - filled),
      reason: o.reason,
    });
  }
  for (const m of spec.mids ?? []) {
    const venue = m.venue ?? 'V';
    venues.add(venue);
    mids.append(m.t, venue, m.market ?? 'M', m.bestBid ?? NaN, m.bestAsk ?? NaN, m.mid);
  }
  for (const s of spec.truth ?? []) truth.append(s.t, s.market ?? 'M', s.latent ?? s.fair, s.fair);
  return {
    runId: spec.runId ?? 'test',
    seed: spec.seed ?? 1,
    duration: spec.duration,
    markets: spec.markets ?? [{ id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 1, kind: 'price' }],
    participants: spec.participants.map((p) => ({ id: p.id, role: p.role, plugin: p.plugin ?? 'test' })),
    venues: spec.venues ?? [...venues].map((id) => ({ id, plugin: 'test', mechanism: 'continuous' })),
    trades: trades.columns(),
    orders: orders.columns(),
    mids: mids.columns(),
    truth: truth.columns(),
    stats: { events: 0, fills: trades.fills, messages: orders.length, wallMs: 0 },
  };
}
