import { z } from '@venuelab/kernel';

/** Config schema of the CLOB venue. */
export const clobConfigSchema = z
  .strictObject({
    markets: z.array(z.string()).min(1).optional().describe('markets traded (default: every market of the experiment)'),
    tickSize: z.number().int().positive().default(1).describe('price increment in price ticks; limit prices must be multiples'),
    lotSize: z.number().int().positive().default(1).describe('quantity increment in lots; quantities must be multiples'),
    makerFeeBps: z.number().default(0).describe('fee of the resting leg in basis points of notional (negative = rebate)'),
    takerFeeBps: z.number().default(0).describe('fee of the incoming leg in basis points of notional'),
    selfTradePrevention: z
      .enum(['none', 'cancelResting', 'cancelIncoming'])
      .default('none')
      .describe('what happens when an incoming order would trade with a resting order of the same agent'),
  })
  .describe('continuous limit order book');

/** Validated CLOB config. */
export type ClobConfig = z.output<typeof clobConfigSchema>;
