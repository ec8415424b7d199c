/**
 * `@venuelab/plugin-metric-markout`: markouts of every fill leg against the truth path (adverse
 * selection) and the venue mid at a list of horizons, aggregated per role, agent, venue and
 * market; effective spread, realised spread and price impact.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { MarkoutMetric } from './markout.js';
import { markoutConfigSchema } from './schema.js';

export { MarkoutMetric, markoutRows, spreadRows } from './markout.js';
export { markoutConfigSchema, type MarkoutConfig } from './schema.js';

/** The markout metric plugin. */
export default definePlugin({
  id: 'metric-markout',
  kind: 'metric',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Markouts against truth and mid at horizons D; effective and realised spreads, price impact',
  configSchema: markoutConfigSchema,
  register(ctx) {
    ctx.registerMetric((mctx) => new MarkoutMetric(mctx.id, ctx.config));
  },
});
