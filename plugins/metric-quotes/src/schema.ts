import { z } from '@venuelab/kernel';
import { scopesField } from '@venuelab/analysis/core';

/** Config schema of the quotes metric. */
export const quotesConfigSchema = z
  .strictObject({
    scopes: scopesField(),
    roles: z
      .array(z.string())
      .optional()
      .describe('roles whose quotes are measured (default: every agent that posts a two-sided quote)'),
  })
  .describe('quoted spread of two-sided quotes, from the order log');

/** Validated config of the quotes metric. */
export type QuotesConfig = z.output<typeof quotesConfigSchema>;
