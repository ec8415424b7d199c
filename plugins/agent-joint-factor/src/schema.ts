/**
 * Config schema of the joint-factor fair-value agent.
 * @module
 */
import { z } from '@venuelab/kernel';
import { tradingShape } from '@venuelab/plugin-agent-naive-belief';

/** Config schema of the joint-factor fair-value agent. */
export const jointFactorConfigSchema = z
  .strictObject({
    ...tradingShape,
    model: z
      .enum(['auto', 'truth', 'config'])
      .default('auto')
      .describe(
        'where the factor structure comes from: truth = the LatentFactorModel the truth process provides (e.g. truth-frozen); config = the fields below; auto = truth when provided, else config',
      ),
    factors: z.number().int().min(1).default(1).describe('config model: number of common factors K'),
    loadings: z
      .record(z.string(), z.array(z.number()))
      .optional()
      .describe('config model: loadings beta_m (length K) per market id; markets not listed load 1 on every factor'),
    factorVariance: z
      .union([z.number().positive(), z.array(z.number().positive())])
      .default(1e-4)
      .describe('config model: prior variance of each factor (one number for all, or K numbers), latent units'),
    idioVariance: z.number().positive().default(1e-4).describe("config model: prior variance of each market's idiosyncratic term"),
    includeIdiosyncratic: z
      .boolean()
      .default(true)
      .describe('keep one idiosyncratic term per market in the state (exact for repeated readings); false = factors only, each reading inflated by the idiosyncratic variance'),
    qFactor: z.number().nonnegative().default(0).describe('assumed process variance per tick of each factor (time-aware step); 0 = static'),
    qIdio: z.number().nonnegative().default(0).describe('assumed process variance per tick of each idiosyncratic term; 0 = static'),
  })
  .describe('joint-factor fair-value trader: a multivariate Gaussian posterior over latent factors');

/** Validated config of the joint-factor agent. */
export type JointFactorConfig = z.output<typeof jointFactorConfigSchema>;
