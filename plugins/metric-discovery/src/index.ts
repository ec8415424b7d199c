/**
 * `@venuelab/plugin-metric-discovery`: price discovery. Tracking error `|mid - truth|` (mean,
 * relative mean and integrated over time) of each venue's mid path, and the lag for the mid to come
 * within epsilon of truth after each truth move larger than a threshold.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { DiscoveryMetric } from './discovery.js';
import { discoveryConfigSchema } from './schema.js';

export { DiscoveryMetric, pathDiscovery, type PathDiscovery } from './discovery.js';
export { discoveryConfigSchema, type DiscoveryConfig } from './schema.js';

/** The price-discovery metric plugin. */
export default definePlugin({
  id: 'metric-discovery',
  kind: 'metric',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Price discovery: tracking error |mid - truth| (mean, integrated) and lag to within epsilon after truth moves',
  configSchema: discoveryConfigSchema,
  register(ctx) {
    ctx.registerMetric((mctx) => new DiscoveryMetric(mctx.id, ctx.config));
  },
});
