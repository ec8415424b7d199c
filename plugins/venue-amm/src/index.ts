/**
 * `@venuelab/plugin-venue-amm`: automated market maker pools. LMSR (Hanson) for event contracts
 * and constant product (Uniswap v2) with a fee. The pool is a participant (`<venueId>:pool`, role
 * `pool`), the maker leg of every fill, so its PnL and its loss to informed flow are in the trade log.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { AmmVenue } from './amm.js';
import { ammConfigSchema } from './schema.js';

export { AmmVenue, poolLevels, poolParticipantId, type VenueParticipant } from './amm.js';
export { Pool, createPool, type PoolQuote } from './pool.js';
export type { Curve } from './curve.js';
export { LmsrCurve, lmsrCost } from './lmsr.js';
export { ConstantProductCurve } from './constant-product.js';
export { ammConfigSchema, poolConfigSchema, DEFAULT_LMSR_B, DEFAULT_RESERVE_LOTS, type AmmConfig, type PoolConfig } from './schema.js';

/** The AMM venue plugin. */
export default definePlugin({
  id: 'venue-amm',
  kind: 'venue',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Automated market maker: LMSR for event contracts or constant product x*y=k with a fee; the pool is a participant',
  configSchema: ammConfigSchema,
  register(ctx) {
    ctx.registerVenue((vctx) => new AmmVenue(vctx, ctx.config));
  },
});
