import { z } from '@venuelab/kernel';
import { scopesField } from '@venuelab/analysis/core';

/** Config schema of the PnL, activity and conservation metric. */
export const pnlConfigSchema = z
  .strictObject({
    scopes: scopesField(),
    sharpeInterval: z.number().int().positive().default(100).describe('ticks per PnL interval of the Sharpe ratio'),
    maxIntervals: z
      .number()
      .int()
      .positive()
      .default(100_000)
      .describe('largest number of Sharpe intervals; a longer run widens the interval to fit'),
  })
  .describe('PnL by agent and role, Sharpe, volume, activity, per-market consistency, conservation check');

/** Validated config of the PnL metric. */
export type PnlConfig = z.output<typeof pnlConfigSchema>;
