/**
 * `@venuelab/plugin-metric-immediacy`: the cost of immediacy. Submit-to-fill wait in ticks (mean
 * and quantiles), the unfilled fraction of orders, and the price concession against the mid at
 * submission.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { ImmediacyMetric } from './immediacy.js';
import { immediacyConfigSchema } from './schema.js';

export { ImmediacyMetric, concessionRows, quantileName, unfilledRows, waitRows } from './immediacy.js';
export { immediacyConfigSchema, type ImmediacyConfig } from './schema.js';

/** The immediacy metric plugin. */
export default definePlugin({
  id: 'metric-immediacy',
  kind: 'metric',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Immediacy cost: submit-to-fill wait (mean, quantiles), unfilled fraction, price concession vs the mid at submission',
  configSchema: immediacyConfigSchema,
  register(ctx) {
    ctx.registerMetric((mctx) => new ImmediacyMetric(mctx.id, ctx.config));
  },
});
