/**
 * Config schema of the endogenous-spread LP.
 * @module
 */
import { z } from '@venuelab/kernel';
import { lpShape } from '@venuelab/plugin-agent-lp';

/** Config schema of the endogenous-spread LP: the LP's fields plus the markout feedback. */
export const endogenousLpConfigSchema = z
  .strictObject({
    ...lpShape,
    halfSpread: z.number().positive().default(2).describe('base half-spread in price ticks (quoted while the markout average is 0)'),
    minHalfSpread: z.number().positive().default(0.5).describe('smallest half-spread in price ticks'),
    maxHalfSpread: z.number().positive().default(50).describe('largest half-spread in price ticks'),
    sensitivity: z
      .number()
      .nonnegative()
      .default(1)
      .describe('ticks of half-spread added per tick of average markout loss per lot (and removed per tick of gain)'),
    alpha: z.number().gt(0).max(1).default(0.1).describe('EWMA weight of each new fill markout'),
    markoutHorizon: z.number().int().nonnegative().default(50).describe('ticks after a fill at which its markout is taken'),
    markoutReference: z
      .enum(['belief', 'mid'])
      .default('belief')
      .describe("what a fill is marked against at fill time + markoutHorizon: the LP's own belief then, or the venue's mid then (its belief when the venue shows no mid)"),
  })
  .refine((c) => c.minHalfSpread <= c.maxHalfSpread, { message: 'minHalfSpread must not exceed maxHalfSpread', path: ['minHalfSpread'] })
  .describe('endogenous-spread LP: the LP whose half-spread responds to the realised markout of its fills, per venue and market');

/** Validated config. */
export type EndogenousLpConfig = z.output<typeof endogenousLpConfigSchema>;
