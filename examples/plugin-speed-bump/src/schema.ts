import { z } from '@venuelab/kernel';

/** Config schema of the speed-bump venue: the CLOB's fields plus the delay. */
export const speedBumpConfigSchema = z
  .strictObject({
    delay: z
      .number()
      .int()
      .nonnegative()
      .default(3)
      .describe('ticks every incoming limit or market order waits before it reaches the book (cancels are not delayed; 0 = a plain CLOB)'),
    markets: z.array(z.string()).min(1).optional().describe('markets traded (default: every market of the experiment)'),
    tickSize: z.number().int().positive().default(1).describe('price increment in price ticks; limit prices must be multiples'),
    lotSize: z.number().int().positive().default(1).describe('quantity increment in lots; quantities must be multiples'),
    makerFeeBps: z.number().default(0).describe('fee of the resting leg in basis points of notional (negative = rebate)'),
    takerFeeBps: z.number().default(0).describe('fee of the incoming leg in basis points of notional'),
    selfTradePrevention: z
      .enum(['none', 'cancelResting', 'cancelIncoming'])
      .default('none')
      .describe('what happens when a released order would trade with a resting order of the same agent'),
  })
  .describe('limit order book behind a speed bump: orders wait `delay` ticks, cancels do not');

/** Validated speed-bump config. */
export type SpeedBumpConfig = z.output<typeof speedBumpConfigSchema>;
