/**
 * The order log as typed columns: one row per message (limit, market or cancel), with the role of
 * the sender and, for cancels, the market of the order they target.
 * @module
 */
import { rowCount, type RunRecord } from '@venuelab/kernel';
import { columnFactor, type Factor } from './factor.js';
import type { LegView } from './legs.js';
import { toFloat64 } from './numeric.js';

/** Action codes of {@link OrderView.action}. */
export const Action = {
  /** A limit order. */
  Limit: 1,
  /** A market order. */
  Market: 2,
  /** A cancel. */
  Cancel: 3,
} as const;

/** Typed view of a run's order log. */
export interface OrderView {
  /** Number of messages. */
  readonly n: number;
  /** Tick the message was sent. */
  readonly t: Float64Array;
  /** Tick the message reached the venue. */
  readonly arrivedAt: Float64Array;
  /** Order id (the target order for a cancel). */
  readonly orderId: Float64Array;
  /** {@link Action} code. */
  readonly action: Uint8Array;
  /** +1 buy, -1 sell, 0 for cancels. */
  readonly sign: Int8Array;
  /** Limit price in price ticks (NaN for market orders and cancels). */
  readonly price: Float64Array;
  /** Quantity in lots (0 for cancels). */
  readonly qty: Float64Array;
  /** 1 when the venue rejected the message. */
  readonly rejected: Uint8Array;
  /** 1 for a cancel that removed its order (status `cancelled`). */
  readonly cancelled: Uint8Array;
  /** Sender. */
  readonly agent: Factor;
  /** Sender's role (`unknown` when the sender is not a participant). */
  readonly role: Factor;
  /** Venue. */
  readonly venue: Factor;
  /** Market (a cancel takes the market of the order it targets; '' if unknown). */
  readonly market: Factor;
  /** Row of the limit or market order with an id (-1 if none). */
  rowOf(orderId: number): number;
}

const cache = new WeakMap<object, OrderView>();

/** The order view of a record (memoised on the record's order table). */
export function orderView(record: RunRecord): OrderView {
  const hit = cache.get(record.orders);
  if (hit && hit.n === rowCount(record.orders)) return hit;
  const v = buildOrderView(record);
  cache.set(record.orders, v);
  return v;
}

/** A lookup from order id to row: a dense array when ids are small non-negative integers, else a map. */
function idIndex(ids: Float64Array, include: Uint8Array): (id: number) => number {
  let max = -1;
  let dense = true;
  for (let i = 0; i < ids.length; i++) {
    if (!include[i]) continue;
    const id = ids[i]!;
    if (!(Number.isInteger(id) && id >= 0)) dense = false;
    else if (id > max) max = id;
  }
  if (dense && max < 4 * ids.length + 1024) {
    const rows = new Int32Array(max + 1).fill(-1);
    for (let i = 0; i < ids.length; i++) if (include[i]) rows[ids[i]!] = i;
    return (id) => (id >= 0 && id <= max && Number.isInteger(id) ? rows[id]! : -1);
  }
  const map = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) if (include[i]) map.set(ids[i]!, i);
  return (id) => map.get(id) ?? -1;
}

function buildOrderView(record: RunRecord): OrderView {
  const o = record.orders;
  const n = rowCount(o);
  const num = (c: string) => toFloat64(o[c] as ArrayLike<number> | undefined, n);
  const actionF = columnFactor(o, 'action', n);
  const sideF = columnFactor(o, 'side', n);
  const statusF = columnFactor(o, 'status', n);
  const actionOf = Uint8Array.from(actionF.levels, (a) => (a === 'limit' ? Action.Limit : a === 'market' ? Action.Market : Action.Cancel));
  const buyOf = Uint8Array.from(sideF.levels, (s) => (s === 'buy' ? 1 : 0));
  const rejectedOf = Uint8Array.from(statusF.levels, (s) => (s === 'rejected' ? 1 : 0));
  const cancelledOf = Uint8Array.from(statusF.levels, (s) => (s === 'cancelled' ? 1 : 0));
  const orderId = num('order_id');
  const action = new Uint8Array(n);
  const sign = new Int8Array(n);
  const rejected = new Uint8Array(n);
  const cancelled = new Uint8Array(n);
  const isOrder = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = actionOf[actionF.codes[i]!]!;
    action[i] = a;
    isOrder[i] = a === Action.Cancel ? 0 : 1;
    sign[i] = a === Action.Cancel ? 0 : buyOf[sideF.codes[i]!] ? 1 : -1;
    const st = statusF.codes[i]!;
    rejected[i] = rejectedOf[st]!;
    cancelled[i] = a === Action.Cancel ? cancelledOf[st]! : 0;
  }
  const rowOf = idIndex(orderId, isOrder);
  // A cancel takes the market of the order it targets.
  const rawMarket = columnFactor(o, 'market', n);
  const marketCodes = rawMarket.codes.slice();
  const levels = rawMarket.levels;
  for (let i = 0; i < n; i++) {
    if (isOrder[i]) continue;
    const r = rowOf(orderId[i]!);
    if (r >= 0) marketCodes[i] = marketCodes[r]!;
  }
  const agent = columnFactor(o, 'agent', n);
  const roles = new Map(record.participants.map((p) => [p.id, p.role]));
  const roleOfAgent = agent.levels.map((a) => roles.get(a) ?? 'unknown');
  const roleLevels = [...new Set(roleOfAgent)];
  const roleCodeOfAgent = Int32Array.from(roleOfAgent, (r) => roleLevels.indexOf(r));
  // A plain loop: a typed array's `from` with a mapping function costs hundreds of ns per row.
  const roleCodes = new Int32Array(n);
  for (let i = 0; i < n; i++) roleCodes[i] = roleCodeOfAgent[agent.codes[i]!]!;
  return {
    n,
    t: num('t'),
    arrivedAt: num('arrived_at'),
    orderId,
    action,
    sign,
    price: num('price'),
    qty: num('qty'),
    rejected,
    cancelled,
    agent,
    role: { codes: roleCodes, levels: roleLevels },
    venue: columnFactor(o, 'venue', n),
    market: { codes: marketCodes, levels },
    rowOf,
  };
}

/**
 * Lots filled per order-log row (0 for cancels), summed over the fill legs carrying the row's order
 * id from the order's sender (pool legs, id -1, have no row).
 */
export function filledByOrder(legs: LegView, orders: OrderView): Float64Array {
  const out = new Float64Array(orders.n);
  const agentMap = legAgentToOrderAgent(legs, orders);
  for (let i = 0; i < legs.n; i++) {
    const r = orders.rowOf(legs.orderId[i]!);
    if (r < 0 || agentMap[legs.agent.codes[i]!] !== orders.agent.codes[r]) continue;
    out[r]! += legs.qty[i]!;
  }
  return out;
}

/** For each agent level of the legs, the code of the same agent in the order view (-1 if absent). */
export function legAgentToOrderAgent(legs: LegView, orders: OrderView): Int32Array {
  const idx = new Map<string, number>();
  orders.agent.levels.forEach((a, k) => idx.set(a, k));
  const levels = legs.agent.levels;
  const out = new Int32Array(levels.length);
  for (let k = 0; k < levels.length; k++) out[k] = idx.get(levels[k]!) ?? -1;
  return out;
}

/** Cells of the order log: every distinct (sender, venue, market) combination. */
export interface OrderCells {
  /** Number of cells. */
  readonly size: number;
  /** Cell of each order-log row. */
  readonly cellOf: Int32Array;
  /** Group code of each cell per scope (`all` is always 0). */
  readonly codes: Record<'all' | 'agent' | 'role' | 'venue' | 'market', Int32Array>;
}

const cellCache = new WeakMap<OrderView, OrderCells>();

/** The cells of an order view (memoised). */
export function orderCells(o: OrderView): OrderCells {
  const hit = cellCache.get(o);
  if (hit) return hit;
  const V = o.venue.levels.length;
  const M = o.market.levels.length;
  const cellOf = new Int32Array(o.n);
  // Few (sender, venue, market) combinations: a dense table instead of a hash lookup per row.
  const space = o.agent.levels.length * V * M;
  const dense = space <= 4 * o.n + 65_536 ? new Int32Array(space).fill(-1) : null;
  const index = dense ? null : new Map<number, number>();
  const agent: number[] = [];
  const role: number[] = [];
  const venue: number[] = [];
  const market: number[] = [];
  for (let i = 0; i < o.n; i++) {
    const key = (o.agent.codes[i]! * V + o.venue.codes[i]!) * M + o.market.codes[i]!;
    let c = dense ? dense[key]! : (index!.get(key) ?? -1);
    if (c < 0) {
      c = agent.length;
      if (dense) dense[key] = c;
      else index!.set(key, c);
      agent.push(o.agent.codes[i]!);
      role.push(o.role.codes[i]!);
      venue.push(o.venue.codes[i]!);
      market.push(o.market.codes[i]!);
    }
    cellOf[i] = c;
  }
  const cells: OrderCells = {
    size: agent.length,
    cellOf,
    codes: {
      all: new Int32Array(agent.length),
      agent: Int32Array.from(agent),
      role: Int32Array.from(role),
      venue: Int32Array.from(venue),
      market: Int32Array.from(market),
    },
  };
  cellCache.set(o, cells);
  return cells;
}

/** Keys of the groups of a scope in an order view. */
export function orderScopeKeys(o: OrderView, scope: 'all' | 'agent' | 'role' | 'venue' | 'market'): string[] {
  return scope === 'all' ? [''] : o[scope].levels;
}
