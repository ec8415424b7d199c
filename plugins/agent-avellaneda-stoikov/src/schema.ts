/**
 * Config schema of the Avellaneda-Stoikov market maker.
 * @module
 */
import { z } from '@venuelab/kernel';
import { driftConfigSchema, fillIntensityConfigSchema, makerBaseShape, volatilityConfigSchema } from '@venuelab/estimators';

/** Config schema of the Avellaneda-Stoikov market maker. */
export const asConfigSchema = z
  .strictObject({
    ...makerBaseShape,
    mode: z
      .enum(['inventory', 'symmetric'])
      .default('inventory')
      .describe("inventory: quote around the reservation price; symmetric: the paper's benchmark, the same spread around the mid"),
    gamma: z.number().positive().finite().default(0.01).describe('risk aversion per tick-lot (CARA coefficient on cash in tick-lots)'),
    horizon: z.number().int().positive().optional().describe('terminal tick T (default: the run duration)'),
    rollingHorizon: z
      .number()
      .positive()
      .finite()
      .optional()
      .describe('when set, T - t is this constant number of ticks (a receding horizon) instead of the ticks left to T'),
    maxInventory: z
      .number()
      .int()
      .nonnegative()
      .default(10)
      .describe('inventory bound in lots: no bid when a fill would take inventory above it, no ask when below minus it'),
    volatility: volatilityConfigSchema.prefault({}).describe('sigma: fixed or estimated online from the reference price'),
    intensity: fillIntensityConfigSchema.prefault({}).describe('k (A is not used by AS): fixed or estimated from own fills'),
    drift: driftConfigSchema.prefault({}).describe('optional Kalman-filtered OU drift; its expected move over T - t shifts the reservation price'),
  })
  .describe('Avellaneda-Stoikov market maker');

/** Validated config. */
export type AsConfig = z.output<typeof asConfigSchema>;
