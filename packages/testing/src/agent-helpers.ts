/**
 * Test helpers for agent plugins: capture agent instances, a scripted venue with a fixed book, a
 * scripted signal source, simple known truths, and row access to run-record tables.
 * @module
 */
import {
  Priority,
  Tokens,
  definePlugin,
  latentToTicks,
  ticksToLatent,
  z,
  type Agent,
  type Columns,
  type LimitOrderRequest,
  type MarketOrderRequest,
  type PluginDefinition,
  type Signal,
  type Venue,
  type VenueCapabilities,
} from '@venuelab/kernel';

/** Wraps an agent plugin so that every agent it makes is pushed to `sink` (after `init`, which runs before the run starts). */
export function capture<A extends Agent>(plugin: PluginDefinition, sink: A[], init?: (agent: A) => void): PluginDefinition {
  return definePlugin({
    ...plugin,
    register(ctx) {
      plugin.register({
        ...ctx,
        registerAgent: (factory) =>
          ctx.registerAgent((a) => {
            const agent = factory(a) as A;
            init?.(agent);
            sink.push(agent);
            return agent;
          }),
      });
    },
  });
}

/** A message an agent sent, with the venue state it could see when sending. */
export interface Sent {
  /** Tick. */
  t: number;
  /** Agent id. */
  agent: string;
  /** Venue. */
  venue: string;
  /** Kind. */
  kind: 'limit' | 'market' | 'cancel';
  /** Market ('' for cancels). */
  market: string;
  /** Side. */
  side: 'buy' | 'sell' | '';
  /** Limit price (NaN for market orders and cancels). */
  price: number;
  /** Best bid the agent could see when sending. */
  bookBid: number;
  /** Best ask the agent could see when sending. */
  bookAsk: number;
}

/** Wraps an agent plugin so that every message its agents send is logged with the book they could see. */
export function spy(plugin: PluginDefinition, log: Sent[]): PluginDefinition {
  return definePlugin({
    ...plugin,
    register(ctx) {
      plugin.register({
        ...ctx,
        registerAgent: (factory) =>
          ctx.registerAgent((a) =>
            factory({
              ...a,
              submitLimit: (v, o) => {
                const s = a.venues.state(v, o.market);
                log.push({ t: a.now(), agent: a.id, venue: v, kind: 'limit', market: o.market, side: o.side, price: o.price, bookBid: s.bestBid, bookAsk: s.bestAsk });
                return a.submitLimit(v, o);
              },
              submitMarket: (v, o) => {
                const s = a.venues.state(v, o.market);
                log.push({ t: a.now(), agent: a.id, venue: v, kind: 'market', market: o.market, side: o.side, price: NaN, bookBid: s.bestBid, bookAsk: s.bestAsk });
                return a.submitMarket(v, o);
              },
              cancel: (v, id) => {
                log.push({ t: a.now(), agent: a.id, venue: v, kind: 'cancel', market: '', side: '', price: NaN, bookBid: NaN, bookAsk: NaN });
                a.cancel(v, id);
              },
            }),
          ),
      });
    },
  });
}

/** Capabilities of a continuous venue. */
export const CONTINUOUS: VenueCapabilities = { mechanism: 'continuous', limitOrders: true, marketOrders: true, prefersLimitForInformed: false, batchInterval: 0 };
/** Capabilities of a batch venue. */
export const BATCH: VenueCapabilities = { mechanism: 'batch', limitOrders: true, marketOrders: true, prefersLimitForInformed: true, batchInterval: 5 };

/** What a scripted venue received. */
export interface Received {
  /** Tick of arrival. */
  t: number;
  /** Kind. */
  kind: 'limit' | 'market' | 'cancel';
  /** The request (for a cancel, just the id). */
  order: LimitOrderRequest | MarketOrderRequest | CancelledId;
}

/** What a cancel records: the id of the order to cancel. */
export interface CancelledId {
  /** The order to cancel. */
  orderId: number;
}

/**
 * A venue with a fixed visible book (the same best bid and ask in every market) that records
 * every message and never trades: limit orders rest, market orders expire.
 */
export function scriptVenue(book: { bid: number; ask: number }, caps: VenueCapabilities, sink: Received[]): PluginDefinition {
  return definePlugin({
    id: 'script-venue',
    kind: 'venue',
    version: '0.1.0',
    kernel: '^0.1.0',
    configSchema: z.strictObject({}),
    register(ctx) {
      ctx.registerVenue((v): Venue => {
        let live = 0;
        return {
          id: v.id,
          capabilities: caps,
          markets: v.markets.map((m) => m.id),
          submitLimitOrder: (o) => {
            sink.push({ t: v.now(), kind: 'limit', order: o });
            live++;
            return { orderId: o.orderId, status: 'resting', filledQty: 0, remainingQty: o.qty };
          },
          submitMarketOrder: (o) => {
            sink.push({ t: v.now(), kind: 'market', order: o });
            return { orderId: o.orderId, status: 'expired', filledQty: 0, remainingQty: 0 };
          },
          cancelOrder: (c) => {
            sink.push({ t: v.now(), kind: 'cancel', order: { orderId: c.orderId } });
            live--;
            return { orderId: c.orderId, status: 'cancelled', filledQty: 0, remainingQty: 0 };
          },
          getState: (m) => ({
            market: m,
            t: v.now(),
            bestBid: book.bid,
            bestAsk: book.ask,
            bidQty: 10,
            askQty: 10,
            mid: (book.bid + book.ask) / 2,
            last: NaN,
            bids: [{ price: book.bid, qty: 10 }],
            asks: [{ price: book.ask, qty: 10 }],
          }),
          estimateImpact: () => 0,
          tick: () => {},
          restingOrderCount: () => live,
        };
      });
    },
  });
}

/** A reading to deliver: to `agent` (all agents when absent), at tick `at` (the reading's own tick). */
export interface ScriptedReading {
  /** Tick the reading is taken (and handed to the kernel for delivery after the recipient's observation delay). */
  at: number;
  /** Market. */
  market: string;
  /** Value (latent). */
  value: number;
  /** Precision. */
  precision: number;
  /** Tier (default `routine`). */
  tier?: string;
  /** Recipient id (default: every agent but the source). */
  agent?: string;
}

/** A signal source that delivers scripted readings through the kernel's signal delivery. */
export function scriptSignals(readings: ScriptedReading[]): PluginDefinition {
  return definePlugin({
    id: 'script-signals',
    kind: 'agent',
    version: '0.1.0',
    kernel: '^0.1.0',
    defaultRole: 'signals',
    configSchema: z.strictObject({}),
    register(ctx) {
      ctx.registerAgent((a) => {
        const ticks = [...new Set(readings.map((r) => r.at))].sort((x, y) => x - y);
        return {
          id: a.id,
          role: a.role,
          start() {
            for (const t of ticks) a.wakeAt(t, 0, t, Priority.World);
          },
          onWake(_k: number, t: number) {
            const d = a.resolve(Tokens.Signals);
            for (const r of readings) {
              if (r.at !== t) continue;
              const s: Signal = { market: r.market, value: r.value, precision: r.precision, tier: r.tier ?? 'routine', t };
              const to = r.agent ? [r.agent] : d.agentIds().filter((x) => x !== a.id);
              for (const id of to) d.deliver(id, s);
            }
          },
        };
      });
    },
  });
}

/** A truth plugin with latent path `f(market, t)` in log space (fair = exp(latent) / tickSize). */
export function logTruth(f: (market: string, t: number) => number, id = 'log-truth'): PluginDefinition {
  return definePlugin({
    id,
    kind: 'truth',
    version: '0.1.0',
    kernel: '^0.1.0',
    configSchema: z.strictObject({}),
    register(ctx) {
      ctx.registerTruth((tc) => {
        const tick = (m: string) => tc.markets.find((x) => x.id === m)!.tickSize;
        return {
          id: tc.id,
          space: 'log',
          latentAt: (m, t) => f(m, t),
          fairAt: (m, t) => latentToTicks('log', tick(m), f(m, t)),
          toTicks: (m, x) => latentToTicks('log', tick(m), x),
          toLatent: (m, x) => ticksToLatent('log', tick(m), x),
        };
      });
    },
  });
}

/** The rows of a run-record table as objects. */
export function rows(table: Columns): Record<string, any>[] {
  const keys = Object.keys(table);
  const n = keys.length === 0 ? 0 : table[keys[0]!]!.length;
  const out: Record<string, any>[] = [];
  for (let i = 0; i < n; i++) {
    const r: Record<string, any> = {};
    for (const k of keys) r[k] = table[k]![i];
    out.push(r);
  }
  return out;
}
