/**
 * Config schema of the arena score metric.
 * @module
 */
import { z } from '@venuelab/kernel';

/** Config schema of the arena score metric. */
export const arenaScoreConfigSchema = z
  .strictObject({
    roles: z.array(z.string()).min(1).default(['arena']).describe('roles of the agents scored (each agent is scored on its own)'),
    agents: z.array(z.string()).min(1).optional().describe('ids of the agents scored (overrides roles when given)'),
    interval: z.number().int().positive().default(100).describe('Delta: ticks between PnL samples; the per-book Sharpe is over the PnL increments of these intervals'),
    mark: z.enum(['truth', 'mid']).default('truth').describe('price the inventory is marked at: the truth fair value or the venue mid (last recorded sample at or before each sample tick)'),
    sharpeScale: z.number().positive().finite().default(1).describe('c: multiplies the per-interval Sharpe (e.g. sqrt(intervals per period) to annualise)'),
    referenceVolume: z.number().positive().finite().default(20).describe('V_ref: traded lots per book per 1,000 ticks at which the activity factor is 1'),
    activityCap: z.number().positive().finite().default(2).describe('a_max: the activity factor of a book is capped here'),
    outlierK: z.number().nonnegative().finite().default(2).describe('k: a book is a low outlier when its score is below median - k * 1.4826 * MAD'),
    outlierWeight: z.number().nonnegative().finite().default(1).describe('w: weight of the outlier penalty'),
    capital: z.number().positive().finite().default(200_000).describe('capital per book in tick-lots that inventory utilisation refers to'),
  })
  .describe('arena competition score: per-book Sharpe, activity factor, outlier penalty, final score, win rate, inventory utilisation');

/** Validated config. */
export type ArenaScoreConfig = z.output<typeof arenaScoreConfigSchema>;
