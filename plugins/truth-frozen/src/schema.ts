import { z } from '@venuelab/kernel';

/** Config schema of the frozen latent-factor truth. */
export const frozenConfigSchema = z
  .strictObject({
    factors: z.number().int().nonnegative().default(1).describe('number of common factors K'),
    betas: z
      .record(z.string(), z.array(z.number()))
      .optional()
      .describe('explicit loadings: market id -> K loadings (every market must be listed); when absent, loadings are drawn'),
    betaMean: z.number().default(1).describe('mean of the seeded loading draw beta_mk ~ N(betaMean, betaSd^2)'),
    betaSd: z.number().nonnegative().default(0.5).describe('standard deviation of the seeded loading draw'),
    factorVariance: z
      .union([z.number().nonnegative(), z.array(z.number().nonnegative())])
      .default(1e-4)
      .describe('variance of each factor f_k (one number for all, or K numbers), in latent units'),
    idioVariance: z
      .union([z.number().nonnegative(), z.record(z.string(), z.number().nonnegative())])
      .default(1e-4)
      .describe('variance of the idiosyncratic term e_m (one number for all, or market id -> variance), in latent units'),
    space: z
      .enum(['auto', 'log', 'logodds', 'linear'])
      .default('auto')
      .describe('latent space; auto = log for price markets, logodds for probability markets'),
  })
  .refine((c) => !Array.isArray(c.factorVariance) || c.factorVariance.length === c.factors, {
    message: 'factorVariance must list one variance per factor',
    path: ['factorVariance'],
  })
  .refine((c) => !c.betas || Object.values(c.betas).every((b) => b.length === c.factors), {
    message: 'every betas entry must list one loading per factor',
    path: ['betas'],
  })
  .describe('frozen log-linear latent-factor fair values');

/** Validated config of the frozen truth. */
export type FrozenConfig = z.output<typeof frozenConfigSchema>;
