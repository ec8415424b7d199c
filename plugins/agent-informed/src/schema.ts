/**
 * Config schema of the informed trader.
 * @module
 */
import { z } from '@venuelab/kernel';

/** Config schema of the informed trader. */
export const informedConfigSchema = z
  .strictObject({
    horizon: z.number().int().positive().default(20).describe('h: the signal is about the latent move from now to h ticks ahead'),
    signalNoise: z
      .number()
      .nonnegative()
      .default(0.0005)
      .describe('standard deviation of the Gaussian noise on the signal, latent units (0 = the exact future move)'),
    threshold: z.number().nonnegative().default(0.001).describe('buy when the signal is above +threshold, sell when below -threshold (latent units)'),
    arrivalRatePerUnit: z.number().positive().default(0.05).describe('Poisson rate of decision times per tick'),
    qty: z.number().int().positive().default(2).describe('lots per order'),
    maxPosition: z
      .number()
      .int()
      .positive()
      .default(20)
      .describe('largest absolute net position per market in lots, counting filled lots and open orders, over all venues'),
    valuation: z
      .enum(['mid', 'truth'])
      .default('mid')
      .describe(
        "level its limit orders are priced from: mid = the venue's mid (else last trade) plus the signal (the signal is its only private information); truth = the current latent value plus the signal",
      ),
    orderLifetime: z.number().int().positive().default(10).describe('ticks after which an order still open (a resting limit or a pending batch order) is cancelled'),
    markets: z.array(z.string()).min(1).optional().describe('markets to trade (default: every market)'),
  })
  .describe('informed trader: a latent short-horizon signal correlated with the future move of truth, traded past a threshold');

/** Validated config. */
export type InformedConfig = z.output<typeof informedConfigSchema>;
