/**
 * Test helpers for truth plugins: build a truth process outside a run, a venue that does nothing,
 * sample moments.
 * @module
 */
import {
  ErrorCode,
  RngStreams,
  VenuelabError,
  definePlugin,
  emptyVenueState,
  z,
  type MarketSpec,
  type PluginDefinition,
  type TruthProcess,
  type Venue,
} from '@venuelab/kernel';
import { TEST_MARKET } from './test-kernel.js';

/** Builds a truth process from its plugin outside any run, with streams named exactly as in a run. */
export function buildTruth<T extends TruthProcess = TruthProcess>(
  plugin: PluginDefinition,
  config: unknown,
  o: { seed?: number; duration?: number; markets?: MarketSpec[]; id?: string } = {},
): T {
  const parsed = plugin.configSchema.safeParse(config);
  if (!parsed.success) throw new VenuelabError(ErrorCode.Config, parsed.error.message);
  const seed = o.seed ?? 1;
  const id = o.id ?? plugin.id;
  const rng = new RngStreams(seed);
  let made: TruthProcess | undefined;
  const no = () => {
    throw new Error('not a truth plugin');
  };
  plugin.register({
    componentId: id,
    packageName: `test:${plugin.id}`,
    config: parsed.data,
    registerTruth: (factory) => {
      made = factory({
        id,
        seed,
        duration: o.duration ?? 100,
        markets: o.markets ?? [TEST_MARKET],
        rng: (name) => rng.stream(`truth:${id}:${name}`),
        resolve: no,
      });
    },
    registerVenue: no,
    registerAgent: no,
    registerMetric: no,
    provide: () => {},
  });
  return made as T;
}

/** A venue that accepts and rests every order and never trades (runs need one venue). */
export const nullVenue = definePlugin({
  id: 'null-venue',
  kind: 'venue',
  version: '0.1.0',
  kernel: '^0.1.0',
  configSchema: z.strictObject({}),
  register(ctx) {
    ctx.registerVenue((v): Venue => {
      let live = 0;
      return {
        id: v.id,
        capabilities: { mechanism: 'continuous', limitOrders: true, marketOrders: true, prefersLimitForInformed: false, batchInterval: 0 },
        markets: v.markets.map((m) => m.id),
        submitLimitOrder: (o) => (live++, { orderId: o.orderId, status: 'resting', filledQty: 0, remainingQty: o.qty }),
        submitMarketOrder: (o) => ({ orderId: o.orderId, status: 'expired', filledQty: 0, remainingQty: 0 }),
        cancelOrder: (c) => (live--, { orderId: c.orderId, status: 'cancelled', filledQty: 0, remainingQty: 0 }),
        getState: (m) => emptyVenueState(m, v.now()),
        estimateImpact: () => 0,
        tick: () => {},
        restingOrderCount: () => live,
      };
    });
  },
});

/** Sample size, mean and variance of a sample. */
export interface Moments {
  /** Number of values. */
  n: number;
  /** Sample mean. */
  mean: number;
  /** Sample variance (n - 1 denominator). */
  variance: number;
}

/** Sample mean and variance (n - 1 denominator). */
export function moments(xs: ArrayLike<number>): Moments {
  const n = xs.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i]!;
  const mean = s / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (xs[i]! - mean) ** 2;
  return { n, mean, variance: v / (n - 1) };
}
