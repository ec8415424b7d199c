/**
 * Config schema of the hybrid venue: the book's config (the CLOB plugin's schema without its
 * market list) and the pool's (the AMM plugin's pool schema).
 * @module
 */
import { z } from '@venuelab/kernel';
import { clobConfigSchema } from '@venuelab/plugin-venue-clob';
import { poolConfigSchema } from '@venuelab/plugin-venue-amm';

/** Config schema of the hybrid venue. */
export const hybridConfigSchema = z
  .strictObject({
    markets: z.array(z.string()).min(1).optional().describe('markets traded (default: every market of the experiment); one book and one pool each'),
    book: clobConfigSchema
      .omit({ markets: true })
      .prefault({})
      .describe('the limit order book: tickSize and lotSize (shared with the pool), maker/taker fees, self-trade prevention (see the CLOB plugin)'),
    pool: poolConfigSchema.describe('the pool: curve lmsr (b) or constantProduct (reserveLots), and its fee (see the AMM plugin)'),
  })
  .describe('a limit order book beside an AMM pool; marketable flow is split so that marginal prices meet');

/** Validated hybrid config. */
export type HybridConfig = z.output<typeof hybridConfigSchema>;
