import { z } from '@venuelab/kernel';

/** Distribution of one jump's size, in latent units. */
export const jumpSizeSchema = z
  .discriminatedUnion('dist', [
    z
      .strictObject({
        dist: z.literal('normal').describe('Gaussian jump sizes (Merton 1976)'),
        mean: z.number().default(0).describe('mean jump size'),
        sd: z.number().nonnegative().default(0.01).describe('standard deviation of the jump size'),
      })
      .describe('normal jump sizes'),
    z
      .strictObject({
        dist: z.literal('doubleExponential').describe('asymmetric double-exponential jump sizes (Kou 2002)'),
        pUp: z.number().min(0).max(1).default(0.5).describe('probability a jump is upward'),
        meanUp: z.number().positive().default(0.01).describe('mean size of an upward jump'),
        meanDown: z.number().positive().default(0.01).describe('mean size of a downward jump (a positive number)'),
      })
      .describe('double-exponential jump sizes'),
    z
      .strictObject({
        dist: z.literal('fixed').describe('jumps of one size, up or down'),
        size: z.number().nonnegative().default(0.01).describe('absolute jump size'),
        pUp: z.number().min(0).max(1).default(0.5).describe('probability a jump is upward'),
      })
      .describe('fixed-size jumps'),
  ])
  .describe('jump size distribution');

/** A jump size distribution. */
export type JumpSize = z.output<typeof jumpSizeSchema>;

/** Config schema of the jump-diffusion truth. */
export const jumpDiffusionConfigSchema = z
  .strictObject({
    q: z.number().nonnegative().default(1e-7).describe('variance of the Gaussian (diffusion) latent increment per tick'),
    drift: z.number().default(0).describe('mean latent increment per tick, apart from jumps'),
    jumpRate: z.number().nonnegative().default(1e-3).describe('Poisson rate of news jumps per tick (expected jumps per tick)'),
    jump: jumpSizeSchema.default({ dist: 'normal', mean: 0, sd: 0.01 }).describe('distribution of a jump size in latent units'),
    space: z
      .enum(['auto', 'log', 'logodds', 'linear'])
      .default('auto')
      .describe('latent space; auto = log for price markets, logodds for probability markets'),
  })
  .describe('jump-diffusion fair values');

/** Validated config of the jump-diffusion truth. */
export type JumpDiffusionConfig = z.output<typeof jumpDiffusionConfigSchema>;
