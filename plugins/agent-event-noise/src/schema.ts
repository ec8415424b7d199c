/**
 * Config schema of the event-driven noise trader.
 * @module
 */
import { z } from '@venuelab/kernel';

/** Config schema of the event-driven noise trader. */
export const eventNoiseConfigSchema = z
  .strictObject({
    arrivalRatePerUnit: z.number().positive().max(1_000).default(0.02).describe('Poisson arrival rate of trade events per tick (expected events per tick; at most 1,000: the events of one tick run inside one scheduler event, where no guardrail can stop them)'),
    minQty: z.number().int().positive().default(1).describe('smallest order size in lots'),
    maxQty: z.number().int().positive().default(3).describe('largest order size in lots'),
    buyProbability: z.number().min(0).max(1).default(0.5).describe('probability an event is a buy'),
    limitSlippage: z
      .number()
      .int()
      .nonnegative()
      .default(0)
      .describe('on venues without market orders: ticks beyond the touch of the marketable limit order sent instead'),
    markets: z.array(z.string()).min(1).optional().describe('markets to trade (default: every market); each event picks one uniformly'),
  })
  .refine((c) => c.minQty <= c.maxQty, { message: 'minQty must not exceed maxQty', path: ['minQty'] })
  .describe('event-driven noise trader: Poisson arrivals, random venue, market, side and size');

/** Validated config. */
export type EventNoiseConfig = z.output<typeof eventNoiseConfigSchema>;
