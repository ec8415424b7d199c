import { z } from '@venuelab/kernel';

/** Config schema of the frequent batch auction venue. */
export const fbaConfigSchema = z
  .strictObject({
    markets: z.array(z.string()).min(1).optional().describe('markets traded (default: every market of the experiment)'),
    tau: z.number().int().min(1).default(1).describe('batch interval in ticks: one uniform-price call every tau ticks (1 = every tick)'),
    phase: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('calls run at the ticks t with t % tau === phase (0 <= phase < tau), before agent events of that tick'),
    tickSize: z.number().int().positive().default(1).describe('price increment in price ticks; limit prices must be multiples'),
    lotSize: z.number().int().positive().default(1).describe('quantity increment in lots; quantities (and rationed allocations) are multiples'),
    makerFeeBps: z.number().default(0).describe('fee of the maker leg in basis points of notional (negative = rebate)'),
    takerFeeBps: z.number().default(0).describe('fee of the taker leg in basis points of notional'),
    rationing: z
      .enum(['proRataEarlierFirst', 'strictTime'])
      .default('proRataEarlierFirst')
      .describe('how the long side at the marginal price is rationed: pro-rata within a batch with earlier batches served first, or strict arrival-time priority'),
    display: z
      .enum(['book', 'lastClear', 'none'])
      .default('book')
      .describe('what getState() shows between calls: the resting book, only the last clearing price, or nothing'),
  })
  .refine((c) => c.phase < c.tau, { message: 'phase must be smaller than tau', path: ['phase'] })
  .describe('frequent batch auction (Budish-Cramton-Shim)');

/** Validated FBA config. */
export type FbaConfig = z.output<typeof fbaConfigSchema>;
