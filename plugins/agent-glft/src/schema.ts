/**
 * Config schema of the GLFT market maker.
 * @module
 */
import { z } from '@venuelab/kernel';
import { driftConfigSchema, fillIntensityConfigSchema, makerBaseShape, volatilityConfigSchema } from '@venuelab/estimators';

/** Config schema of the GLFT market maker. */
export const glftConfigSchema = z
  .strictObject({
    ...makerBaseShape,
    gamma: z.number().positive().finite().default(0.01).describe('risk aversion per tick-lot (CARA coefficient on cash in tick-lots)'),
    maxInventory: z
      .number()
      .int()
      .nonnegative()
      .default(10)
      .describe('inventory bound Q in lots: no bid when a fill would take inventory above Q, no ask when below -Q'),
    volatility: volatilityConfigSchema.prefault({}).describe('sigma: fixed or estimated online from the reference price'),
    intensity: fillIntensityConfigSchema.prefault({}).describe('A and k: fixed or estimated from own quote exposure and fills'),
    drift: driftConfigSchema.prefault({}).describe('optional Kalman-filtered OU drift used as mu in the quotes'),
  })
  .describe('Gueant-Lehalle-Fernandez-Tapia market maker');

/** Validated config. */
export type GlftConfig = z.output<typeof glftConfigSchema>;
