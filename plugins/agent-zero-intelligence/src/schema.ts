/**
 * Config schema of the zero-intelligence trader.
 * @module
 */
import { z } from '@venuelab/kernel';

/** Config schema of the zero-intelligence trader. */
export const ziConfigSchema = z
  .strictObject({
    arrivalRatePerUnit: z.number().positive().finite().default(0.05).describe('Poisson arrival rate of orders per tick'),
    buyerShare: z.number().min(0).max(1).default(0.5).describe('probability an arrival is a buyer'),
    reference: z
      .enum(['mid', 'truth', 'opening'])
      .default('mid')
      .describe("centre of private values: the venue mid (else last trade, else opening mid), the truth process's fair value, or the opening mid"),
    valueSpread: z.number().nonnegative().finite().default(10).describe('private values are uniform in reference +/- valueSpread price ticks'),
    priceRange: z
      .number()
      .nonnegative()
      .finite()
      .default(10)
      .describe('width in price ticks of the uniform limit-price draw (ZI-C: buyers in [v - range, v], sellers in [v, v + range])'),
    constrained: z.boolean().default(true).describe('true: ZI-C, never bid above / ask below the private value; false: ZI-U, prices uniform in v +/- priceRange'),
    minQty: z.number().int().positive().default(1).describe('smallest order size in lots'),
    maxQty: z.number().int().positive().default(3).describe('largest order size in lots'),
    orderLifetime: z.number().int().nonnegative().default(100).describe('ticks before an unfilled limit order is cancelled (0 = never)'),
    priceIncrement: z.number().int().positive().optional().describe("price ticks between allowed limit prices (default: the venue's priceIncrement capability)"),
    venue: z.string().min(1).optional().describe('venue to trade on (default: the first venue the agent may use)'),
    market: z.string().min(1).optional().describe("market to trade (default: the venue's first market)"),
  })
  .refine((c) => c.minQty <= c.maxQty, { message: 'minQty must not exceed maxQty', path: ['minQty'] })
  .describe('Gode-Sunder zero-intelligence trader');

/** Validated config. */
export type ZiConfig = z.output<typeof ziConfigSchema>;
