/**
 * Config schema of the imbalance / microprice market maker.
 * @module
 */
import { z } from '@venuelab/kernel';
import { makerBaseShape } from '@venuelab/estimators';

/** Config schema of the imbalance / microprice market maker. */
export const imbalanceConfigSchema = z
  .strictObject({
    ...makerBaseShape,
    targetSpread: z.number().positive().finite().default(4).describe('full spread in price ticks at zero volatility'),
    baselineVol: z.number().positive().finite().default(1).describe('volatility (price ticks per square-root tick) at which the spread is twice the target'),
    volHalfLife: z.number().positive().finite().default(200).describe('half-life in ticks of the EWMA volatility of the reference price'),
    depths: z.array(z.number().int().positive()).min(1).default([1, 3, 5, 10]).describe('book depths (levels per side) at which imbalance is measured'),
    depthWeights: z.array(z.number().nonnegative()).min(1).default([1, 1.2, 1.5, 2]).describe('weight of the imbalance at each depth (same length as depths)'),
    imbalanceSkew: z.number().finite().default(0.5).describe('shift of the quote centre per unit of imbalance, in half-spreads (towards the heavier side)'),
    inventorySkew: z.number().nonnegative().finite().default(0.5).describe('shift of the quote centre at full inventory, in half-spreads (against the inventory)'),
    maxInventoryShare: z
      .number()
      .positive()
      .max(1)
      .default(0.3)
      .describe('inventory cap as a share of capital: |q| * s <= maxInventoryShare * capital'),
    capital: z.number().positive().finite().default(1_000_000).describe('capital in tick-lots (price ticks times lots) the inventory cap refers to'),
    minEdge: z.number().nonnegative().finite().default(1).describe('smallest distance in price ticks of each quote from the fair value'),
    fair: z.enum(['microprice', 'mid']).default('microprice').describe('fair value the quotes are built around: the microprice of the book without own orders, or the reference mid'),
  })
  .refine((c) => c.depths.length === c.depthWeights.length, { message: 'depthWeights must have one weight per depth', path: ['depthWeights'] })
  .describe('order-book imbalance / microprice market maker');

/** Validated config. */
export type ImbalanceConfig = z.output<typeof imbalanceConfigSchema>;
