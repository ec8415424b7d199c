/** Small inline plugins for the ABIDES agent tests: a constant truth, a quoting book seeder and a taker. */
import { definePlugin, z, type MarketSpec } from '@venuelab/kernel';
import clob from '@venuelab/plugin-venue-clob';

/** One market at $1,000.00 in cents. */
export const MKT: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 1000, kind: 'price' };

/** A truth whose fair value is a constant `value` in price ticks (linear space). */
export const constTruth = definePlugin({
  id: 'test-const-truth',
  kind: 'truth',
  version: '0.1.0',
  kernel: '^0.1.0',
  configSchema: z.strictObject({ value: z.number() }),
  register(ctx) {
    const v = ctx.config.value;
    ctx.registerTruth((t) => ({
      id: t.id,
      space: 'linear',
      latentAt: () => v * 0.01,
      fairAt: () => v,
      toTicks: (_m, x) => x / 0.01,
      toLatent: (_m, p) => p * 0.01,
    }));
  },
});

/**
 * Every `every` ticks: cancels its quotes and posts `qty` lots at `mid - 1` and `mid + 1`, with
 * `mid = start + drift * t` (rounded).
 */
export const seeder = definePlugin({
  id: 'test-seeder',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'seeder',
  configSchema: z.strictObject({ start: z.number(), drift: z.number().default(0), every: z.number().int().default(100), qty: z.number().int().default(1_000_000) }),
  register(ctx) {
    const c = ctx.config;
    ctx.registerAgent((a) => {
      let ids: number[] = [];
      const venue = a.venueIds[0]!;
      const quote = () => {
        for (const id of ids) a.cancel(venue, id);
        const mid = Math.round(c.start + c.drift * a.now());
        ids = [a.submitLimit(venue, { market: 'M', side: 'buy', price: mid - 1, qty: c.qty }), a.submitLimit(venue, { market: 'M', side: 'sell', price: mid + 1, qty: c.qty })];
        a.wakeIn(c.every);
      };
      return { id: a.id, role: a.role, start: () => a.wakeAt(0), onWake: quote };
    });
  },
});

/** Sends a market order of `qty` lots every `every` ticks, alternating sides. */
export const taker = definePlugin({
  id: 'test-taker',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'taker',
  configSchema: z.strictObject({ qty: z.number().int(), every: z.number().int() }),
  register(ctx) {
    ctx.registerAgent((a) => {
      let n = 0;
      return {
        id: a.id,
        role: a.role,
        start: () => a.wakeAt(ctx.config.every),
        onWake: () => {
          a.submitMarket(a.venueIds[0]!, { market: 'M', side: n++ % 2 ? 'sell' : 'buy', qty: ctx.config.qty });
          a.wakeIn(ctx.config.every);
        },
      };
    });
  },
});

/** The CLOB venue component. */
export const venue = { plugin: clob, id: 'x' };

/** Rows of the orders table as objects. */
export function orderRows(orders: Record<string, ArrayLike<number> | ArrayLike<string>>): Record<string, number | string>[] {
  const keys = Object.keys(orders);
  const n = orders[keys[0]!]!.length;
  const out: Record<string, number | string>[] = [];
  for (let i = 0; i < n; i++) out.push(Object.fromEntries(keys.map((k) => [k, orders[k]![i]!])));
  return out;
}

