/**
 * `@venuelab/plugin-metric-extraction`: extraction from liquidity providers (the LP roles' truth
 * markout loss, the informed roles' gain, everyone else's share: the transfer check) and latency
 * races (stale quotes hit before their owner's cancel or requote arrived).
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { ExtractionMetric } from './metric.js';
import { extractionConfigSchema } from './schema.js';

export { ExtractionMetric } from './metric.js';
export { extractionRows } from './extraction.js';
export { findRaces, raceRows, scanRaces, type Race, type RaceVisitor } from './races.js';
export { extractionConfigSchema, type ExtractionConfig } from './schema.js';

/** The extraction metric plugin. */
export default definePlugin({
  id: 'metric-extraction',
  kind: 'metric',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Extraction: LP truth-markout loss, informed gain, transfer share; latency races on stale quotes',
  configSchema: extractionConfigSchema,
  register(ctx) {
    ctx.registerMetric((mctx) => new ExtractionMetric(mctx.id, ctx.config));
  },
});
