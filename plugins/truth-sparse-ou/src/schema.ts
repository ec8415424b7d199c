import { z } from '@venuelab/kernel';

/**
 * Config schema of the sparse mean-reverting truth. Time is in ticks and values in price ticks;
 * the defaults are ABIDES RMSC04's oracle at 1 ms ticks with prices in cents.
 */
export const sparseOuConfigSchema = z
  .strictObject({
    rBar: z.number().positive().optional().describe('long-run mean r_bar in price ticks (default: each market\'s opening mid)'),
    kappa: z.number().nonnegative().default(1.67e-10).describe('mean-reversion speed per tick (ABIDES 1.67e-16 per ns = 1.67e-10 per ms)'),
    sigma: z.number().nonnegative().default(0.05).describe('volatility in price ticks per square-root tick (ABIDES fund_vol 5e-5 per sqrt(ns) = 0.05 per sqrt(ms))'),
    megashockRate: z.number().nonnegative().default(2.77778e-12).describe('Poisson rate of megashocks per tick (ABIDES 2.77778e-18 per ns)'),
    megashockMean: z.number().nonnegative().default(1000).describe('absolute mean of a megashock in price ticks (its sign is +/- with equal odds)'),
    megashockVar: z.number().nonnegative().default(50_000).describe('variance of a megashock in price ticks squared'),
    gridEvery: z.number().int().positive().default(1000).describe('ticks between the points where the fundamental is drawn; it is constant in between'),
  })
  .describe('sparse mean-reverting fundamental with megashocks');

/** Validated config of the sparse OU truth. */
export type SparseOuConfig = z.output<typeof sparseOuConfigSchema>;
