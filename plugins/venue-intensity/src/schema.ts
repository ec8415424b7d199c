/**
 * Config schema of the intensity venue.
 * @module
 */
import { z } from '@venuelab/kernel';

/** Config schema of the reduced-form (Avellaneda-Stoikov) market-making venue. */
export const intensityConfigSchema = z
  .strictObject({
    markets: z.array(z.string()).min(1).optional().describe('markets traded (default: every market of the experiment)'),
    tickSize: z.number().int().positive().default(1).describe('price increment in price ticks; limit prices must be multiples'),
    lotSize: z.number().int().positive().default(1).describe('quantity increment in lots; quantities must be multiples'),
    A: z.number().nonnegative().finite().default(140).describe('arrival intensity at zero distance from the mid, per unit of model time'),
    k: z.number().nonnegative().finite().default(1.5).describe('decay of the intensity per price tick of distance from the mid'),
    dt: z.number().positive().finite().default(0.005).describe('model time per clock tick; a quote fills with probability min(1, A exp(-k d) dt) per tick'),
    lotsPerArrival: z
      .number()
      .int()
      .nonnegative()
      .default(1)
      .describe('lots one arrival takes from a quote (rounded up to whole lotSize blocks); 0 = the whole remaining quote'),
    flowId: z.string().min(1).optional().describe('participant id of the synthetic order flow (default `<venueId>:flow`), role `flow`'),
    marketOrders: z
      .enum(['fill', 'reject'])
      .default('fill')
      .describe('fill: market orders fill in full against the flow at mid +/- marketHalfSpread; reject: refused as Unsupported'),
    marketHalfSpread: z.number().nonnegative().finite().default(1).describe('half-spread in price ticks the flow charges a market order'),
    makerFeeBps: z.number().default(0).describe('fee of a filled quote in basis points of notional (negative = rebate)'),
    takerFeeBps: z.number().default(0).describe('fee of a market order in basis points of notional'),
  })
  .describe('reduced-form market-making venue: quotes filled by Poisson arrivals of intensity A exp(-k d)');

/** Validated intensity venue config. */
export type IntensityConfig = z.output<typeof intensityConfigSchema>;
