/**
 * Test helper: wraps a venue plugin so that every limit order is audited when it reaches the venue
 * (marketable against the touch? crossing a live order of the same agent?), with the venue's own
 * record of which orders are live.
 */
import { definePlugin, z, type Agent, type Fill, type PluginDefinition, type Side, type Venue, type VenueContext } from '@venuelab/kernel';

/** One audited limit order. */
export interface AuditRecord {
  t: number;
  agentId: string;
  orderId: number;
  side: Side;
  price: number;
  bestBid: number;
  bestAsk: number;
  /** Would trade on arrival against the visible touch. */
  marketable: boolean;
  /** At or through a live opposite order of the same agent. */
  crossesOwn: boolean;
  status: string;
}

interface Live {
  agentId: string;
  side: Side;
  price: number;
  remaining: number;
}

/** Wraps a venue plugin; `records` fills up as a run proceeds. */
export function auditVenue(inner: PluginDefinition): { plugin: PluginDefinition; records: AuditRecord[] } {
  const records: AuditRecord[] = [];
  const plugin = definePlugin({
    id: inner.id,
    kind: 'venue',
    version: inner.version,
    kernel: inner.kernel,
    configSchema: inner.configSchema,
    register(ctx) {
      inner.register({
        ...ctx,
        registerVenue: (factory) =>
          ctx.registerVenue((vctx: VenueContext) => {
            const live = new Map<number, Live>();
            const onFill = (f: Fill) => {
              for (const leg of [f.maker, f.taker]) {
                const l = live.get(leg.orderId);
                if (!l) continue;
                l.remaining -= f.qty;
                if (l.remaining <= 0) live.delete(leg.orderId);
              }
            };
            const v: Venue = factory({ ...vctx, fills: { push: (f) => (onFill(f), vctx.fills.push(f)) } });
            const wrapped: Venue & { participants?: () => unknown } = {
              id: v.id,
              capabilities: v.capabilities,
              markets: v.markets,
              submitLimitOrder(o) {
                const s = v.getState(o.market, 1);
                const marketable = o.side === 'buy' ? o.price >= s.bestAsk : o.price <= s.bestBid;
                let crossesOwn = false;
                for (const l of live.values()) {
                  if (l.agentId !== o.agentId || l.side === o.side) continue;
                  if (o.side === 'buy' ? o.price >= l.price : o.price <= l.price) crossesOwn = true;
                }
                const r = v.submitLimitOrder(o);
                records.push({ t: vctx.now(), agentId: o.agentId, orderId: o.orderId, side: o.side, price: o.price, bestBid: s.bestBid, bestAsk: s.bestAsk, marketable, crossesOwn, status: r.status });
                if ((r.status === 'resting' || r.status === 'partial' || r.status === 'pending') && r.remainingQty > 0) {
                  live.set(o.orderId, { agentId: o.agentId, side: o.side, price: o.price, remaining: r.remainingQty });
                }
                return r;
              },
              submitMarketOrder: (o) => v.submitMarketOrder(o),
              cancelOrder(c) {
                const r = v.cancelOrder(c);
                if (r.status === 'cancelled') live.delete(c.orderId);
                return r;
              },
              getState: (m, d) => v.getState(m, d),
              estimateImpact: (m, side, q) => v.estimateImpact(m, side, q),
              tick: (now) => v.tick(now),
              restingOrderCount: () => v.restingOrderCount(),
            };
            const parts = (v as Venue & { participants?: () => unknown }).participants;
            if (parts) wrapped.participants = () => parts.call(v);
            return wrapped;
          }),
      });
    },
  });
  return { plugin, records };
}

/** Wraps an agent plugin so the agent objects it makes can be inspected after a run. */
export function captureAgents<A>(inner: PluginDefinition): { plugin: PluginDefinition; agents: A[] } {
  const agents: A[] = [];
  const plugin = definePlugin({
    ...inner,
    register(ctx) {
      inner.register({
        ...ctx,
        registerAgent: (factory) =>
          ctx.registerAgent((actx) => {
            const a = factory(actx);
            agents.push(a as A);
            return a;
          }),
      });
    },
  });
  return { plugin, agents };
}

/** Rows of the trades table as objects. */
export function tradeRows(trades: Record<string, ArrayLike<unknown>>): Record<string, unknown>[] {
  const cols = Object.keys(trades);
  const n = cols.length > 0 ? trades[cols[0]!]!.length : 0;
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const r: Record<string, unknown> = {};
    for (const c of cols) r[c] = trades[c]![i];
    out.push(r);
  }
  return out;
}

/** What a maker must never do, found in a run: marketable quotes (when `latencyFree`), own crosses, taker legs, self-trades. */
export function makerViolations(
  trades: Record<string, ArrayLike<unknown>>,
  records: AuditRecord[],
  makers: readonly string[],
  latencyFree: boolean,
): string[] {
  const ids = new Set(makers);
  const out: string[] = [];
  for (const r of records) {
    if (!ids.has(r.agentId)) continue;
    if (latencyFree && r.marketable) out.push(`marketable ${r.side} ${r.price} vs ${r.bestBid}/${r.bestAsk} by ${r.agentId} at t=${r.t}`);
    if (r.crossesOwn) out.push(`own cross ${r.side} ${r.price} by ${r.agentId} at t=${r.t}`);
  }
  for (const row of tradeRows(trades)) {
    if (!ids.has(row.agent as string)) continue;
    if (latencyFree && row.liquidity !== 'maker') out.push(`taker leg of ${String(row.agent)} at t=${String(row.t)}`);
    if (row.counterparty === row.agent) out.push(`self-trade of ${String(row.agent)} at t=${String(row.t)}`);
  }
  return out;
}

/** An agent plugin that sends the given orders at the given ticks on its first venue. */
export function scriptedOrders(orders: { t: number; kind: 'limit' | 'market'; side: Side; price?: number; qty: number; market?: string }[]): PluginDefinition {
  return definePlugin({
    id: 'scripted',
    kind: 'agent',
    version: '0.1.0',
    kernel: '^0.1.0',
    configSchema: z.strictObject({}),
    register(ctx) {
      ctx.registerAgent(
        (a): Agent => ({
          id: a.id,
          role: a.role,
          start: () => orders.forEach((o, i) => a.wakeAt(o.t, 0, i)),
          onWake: (_k, i) => {
            const o = orders[i]!;
            const market = o.market ?? a.markets[0]!.id;
            if (o.kind === 'limit') a.submitLimit(a.venueIds[0]!, { market, side: o.side, price: o.price!, qty: o.qty });
            else a.submitMarket(a.venueIds[0]!, { market, side: o.side, qty: o.qty });
          },
        }),
      );
    },
  });
}
