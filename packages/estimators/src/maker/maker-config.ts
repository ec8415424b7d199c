/**
 * Config fields every quoting agent shares.
 * @module
 */
import { z } from '@venuelab/kernel';

/**
 * Zod fields shared by the market makers' config schemas; spread them into a plugin's
 * `z.strictObject({...makerBaseShape, ...})`.
 */
export const makerBaseShape = {
  venue: z.string().min(1).optional().describe('venue to quote on (default: the first venue the agent may use)'),
  market: z.string().min(1).optional().describe("market to quote (default: the venue's first market)"),
  quoteSize: z.number().int().positive().default(1).describe('lots per quote (a multiple of the venue lot size)'),
  priceIncrement: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("price ticks between allowed limit prices (default: the venue's priceIncrement capability)"),
  bookDepth: z.number().int().positive().default(10).describe('levels per side read from the venue at each review'),
  keepUnchanged: z
    .boolean()
    .default(false)
    .describe('keep a live quote whose price and size are unchanged instead of cancelling and reposting it (keeps queue and batch priority)'),
};

/** The shared maker fields after validation. */
export interface MakerBaseConfig {
  /** Venue id (default: the first the agent may use). */
  venue?: string | undefined;
  /** Market id (default: the venue's first market). */
  market?: string | undefined;
  /** Lots per quote. */
  quoteSize: number;
  /** Price ticks between allowed limit prices. */
  priceIncrement?: number;
  /** Levels per side read at each review. */
  bookDepth: number;
  /** Keep unchanged live quotes. */
  keepUnchanged: boolean;
}
