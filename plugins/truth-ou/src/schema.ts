import { z } from '@venuelab/kernel';

/** Config schema of the Ornstein-Uhlenbeck truth. */
export const ouConfigSchema = z
  .strictObject({
    kappa: z.number().nonnegative().default(1e-3).describe('mean-reversion speed per tick (0 = a random walk with variance sigma^2 per tick)'),
    sigma: z.number().nonnegative().default(1e-3).describe('volatility of the latent per square-root tick (dx = kappa (mu - x) dt + sigma dW)'),
    meanOffset: z.number().default(0).describe('long-run mean mu as an offset from the anchor (the opening mid in latent space)'),
    start: z
      .enum(['anchor', 'stationary'])
      .default('anchor')
      .describe('x_0: the anchor, or a draw from the stationary law N(mu, sigma^2 / (2 kappa))'),
    space: z
      .enum(['auto', 'log', 'logodds', 'linear'])
      .default('auto')
      .describe('latent space; auto = log for price markets, logodds for probability markets'),
  })
  .refine((c) => c.start !== 'stationary' || c.kappa > 0, { message: 'a stationary start needs kappa > 0', path: ['start'] })
  .describe('Ornstein-Uhlenbeck fair values');

/** Validated config of the OU truth. */
export type OuConfig = z.output<typeof ouConfigSchema>;
