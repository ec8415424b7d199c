import { z } from '@venuelab/kernel';

/** Config schema of the momentum trader. */
export const momentumConfigSchema = z
  .strictObject({
    fastWindow: z.number().int().positive().default(5).describe('samples in the fast moving average of the mid'),
    slowWindow: z.number().int().positive().default(20).describe('samples in the slow moving average of the mid'),
    interval: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("ticks between samples of the mid (default: the agent's reviewInterval latency draw)"),
    threshold: z.number().nonnegative().default(1).describe('the fast average must exceed the slow one by more than this many price ticks to buy (fall short of it to sell)'),
    qty: z.number().int().positive().default(1).describe('lots per order'),
    maxPosition: z.number().int().positive().default(20).describe('largest absolute inventory in lots; no order beyond it'),
    limitSlippage: z
      .number()
      .int()
      .nonnegative()
      .default(2)
      .describe('on venues that take no market orders or prefer limit orders, a marketable limit this many ticks through the touch (or the mid)'),
    orderLifetime: z.number().int().positive().default(10).describe('ticks before an unfilled limit order is cancelled'),
    venue: z.string().optional().describe('venue to trade on (default: the first venue the agent may use)'),
    market: z.string().optional().describe('market to trade (default: the first market)'),
  })
  .refine((c) => c.fastWindow < c.slowWindow, { message: 'fastWindow must be shorter than slowWindow', path: ['fastWindow'] })
  .describe('moving-average crossover momentum trader');

/** Validated momentum config. */
export type MomentumConfig = z.output<typeof momentumConfigSchema>;
