import { z } from '@venuelab/kernel';
import { horizonsField, scopesField } from '@venuelab/analysis/core';

/** Config schema of the extraction and latency-race metric. */
export const extractionConfigSchema = z
  .strictObject({
    lpRoles: z.array(z.string()).min(1).default(['LP', 'pool']).describe('roles that provide liquidity (their truth-markout loss is the extraction)'),
    informedRoles: z.array(z.string()).min(1).default(['informed']).describe('roles whose truth-markout gain is matched against the LP loss'),
    horizons: horizonsField([0]),
    scopes: scopesField(),
    races: z.boolean().default(true).describe('also report latency races on stale quotes'),
    moveThreshold: z
      .number()
      .positive()
      .default(10)
      .describe('truth move (price ticks, from the fair value at the previous move) that starts a race'),
    staleMargin: z
      .number()
      .nonnegative()
      .default(0)
      .describe('a quote is stale when it is more than this many price ticks on the wrong side of the new fair value'),
  })
  .refine((c) => !c.lpRoles.some((r) => c.informedRoles.includes(r)), { message: 'a role cannot be both LP and informed', path: ['informedRoles'] })
  .describe('extraction from liquidity providers, the transfer check, latency races');

/** Validated config of the extraction metric. */
export type ExtractionConfig = z.output<typeof extractionConfigSchema>;
