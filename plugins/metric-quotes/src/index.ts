/**
 * `@venuelab/plugin-metric-quotes`: the quoted spread of two-sided quotes (a bid and an ask sent by
 * one agent to one venue and market in the same tick), read from the order log.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { QuotesMetric } from './quotes.js';
import { quotesConfigSchema } from './schema.js';

export { QuotesMetric, quotePairs, type QuotePair } from './quotes.js';
export { quotesConfigSchema, type QuotesConfig } from './schema.js';

/** The quotes metric plugin. */
export default definePlugin({
  id: 'metric-quotes',
  kind: 'metric',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Quoted spread (ask - bid) of two-sided quotes sent in one tick, from the order log',
  configSchema: quotesConfigSchema,
  register(ctx) {
    ctx.registerMetric((mctx) => new QuotesMetric(mctx.id, ctx.config));
  },
});
