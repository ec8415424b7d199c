import { z } from '@venuelab/kernel';
import { scopesField } from '@venuelab/analysis/core';

/** Config schema of the immediacy metric. */
export const immediacyConfigSchema = z
  .strictObject({
    scopes: scopesField(),
    quantiles: z
      .array(z.number().min(0).max(1))
      .default([0.5, 0.95])
      .describe('quantiles of the wait to report (named p50, p95, ...)'),
  })
  .describe('immediacy cost: submit-to-fill wait, unfilled fraction, price concession');

/** Validated config of the immediacy metric. */
export type ImmediacyConfig = z.output<typeof immediacyConfigSchema>;
