/**
 * `@venuelab/plugin-venue-hybrid`: a continuous limit order book beside an AMM pool in one venue.
 * Marketable flow is split between book and pool so that their marginal prices meet (cheapest
 * source first, fees included); resting limit orders rest in the book; the pool is a participant
 * (`<venueId>:pool`, role `pool`).
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { HybridVenue } from './hybrid.js';
import { hybridConfigSchema } from './schema.js';

export { HybridVenue } from './hybrid.js';
export { planSplit, type Split, type SplitRequest } from './split.js';
export { OwnOrders, type TrackedOrder } from './own-orders.js';
export { hybridConfigSchema, type HybridConfig } from './schema.js';

/** The hybrid venue plugin. */
export default definePlugin({
  id: 'venue-hybrid',
  kind: 'venue',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'A limit order book beside an AMM pool; marketable orders are split so that marginal prices meet',
  configSchema: hybridConfigSchema,
  register(ctx) {
    ctx.registerVenue((vctx) => new HybridVenue(vctx, ctx.config));
  },
});
