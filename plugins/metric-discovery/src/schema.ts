import { z } from '@venuelab/kernel';

/** Config schema of the price-discovery metric. */
export const discoveryConfigSchema = z
  .strictObject({
    scopes: z
      .array(z.enum(['all', 'venue', 'market']))
      .default(['all', 'venue', 'market'])
      .describe('scopes to report: all, venue, market'),
    moveThreshold: z
      .number()
      .positive()
      .default(10)
      .describe('truth move (price ticks, from the fair value at the previous move) that starts a lag measurement'),
    epsilon: z.number().nonnegative().default(1).describe('distance |mid - truth| (price ticks) at which the mid has caught up'),
  })
  .describe('price discovery: tracking error and lag after truth moves');

/** Validated config of the price-discovery metric. */
export type DiscoveryConfig = z.output<typeof discoveryConfigSchema>;
