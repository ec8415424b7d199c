/**
 * Config schema of the bootstrap ladder.
 * @module
 */
import { z } from '@venuelab/kernel';

/** Config schema of the bootstrap ladder. */
export const ladderConfigSchema = z
  .strictObject({
    levels: z.number().int().positive().default(5).describe('price levels per side'),
    spacing: z.number().positive().finite().default(1).describe('price ticks between consecutive levels'),
    firstOffset: z.number().nonnegative().finite().default(1).describe('price ticks from the centre to the first level on each side'),
    sizePerLevel: z.number().int().positive().default(10).describe('lots at each level'),
    center: z.number().positive().finite().optional().describe("centre of the ladder in price ticks (default: the market's opening mid)"),
    replenish: z
      .boolean()
      .default(false)
      .describe('at each review (reviewInterval), top filled levels back up to sizePerLevel, when the level is not marketable then'),
    priceIncrement: z.number().int().positive().optional().describe("price ticks between allowed limit prices (default: the venue's priceIncrement capability)"),
    venue: z.string().min(1).optional().describe('venue to post on (default: the first venue the agent may use)'),
    market: z.string().min(1).optional().describe("market to post in (default: the venue's first market)"),
  })
  .describe('static liquidity ladder around the opening mid');

/** Validated config. */
export type LadderConfig = z.output<typeof ladderConfigSchema>;
