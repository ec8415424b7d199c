/**
 * `@venuelab/plugin-venue-fba`: the frequent batch auction of Budish, Cramton and Shim (2015).
 * Submissions are sealed and pending; every `tau` ticks a uniform-price call per market clears the
 * book at the midpoint of the clearing interval of aggregate demand and supply.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { FbaVenue } from './fba.js';
import { fbaConfigSchema } from './schema.js';

export { FbaVenue } from './fba.js';
export { findClearing, type ClearingResult } from './clearing.js';
export { rationProRataEarlierFirst, rationStrictTime, type RationedOrder } from './rationing.js';
export type { LastBatch } from './market-book.js';
export { fbaConfigSchema, type FbaConfig } from './schema.js';

/** The FBA venue plugin. */
export default definePlugin({
  id: 'venue-fba',
  kind: 'venue',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Frequent batch auction: sealed orders, a uniform-price call every tau ticks, pro-rata rationing at the margin',
  configSchema: fbaConfigSchema,
  register(ctx) {
    ctx.registerVenue((vctx) => new FbaVenue(vctx, ctx.config));
  },
});
