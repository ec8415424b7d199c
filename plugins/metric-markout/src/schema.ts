import { z } from '@venuelab/kernel';
import { horizonsField, scopesField } from '@venuelab/analysis/core';

/** Config schema of the markout and spread metric. */
export const markoutConfigSchema = z
  .strictObject({
    horizons: horizonsField([0, 10, 100]),
    bases: z
      .array(z.enum(['truth', 'mid']))
      .min(1)
      .default(['truth', 'mid'])
      .describe('reference paths: truth (adverse selection) and/or the venue mid'),
    scopes: scopesField(),
    spreads: z.boolean().default(true).describe('also report effective spread, realised spread and price impact'),
  })
  .describe('markouts at horizons, effective and realised spreads, price impact');

/** Validated config of the markout metric. */
export type MarkoutConfig = z.output<typeof markoutConfigSchema>;
