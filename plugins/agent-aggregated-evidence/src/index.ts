/**
 * `@venuelab/plugin-agent-aggregated-evidence`: the aggregated-evidence trader (role
 * `aggregated`). One time-aware Gaussian belief per market, as the naive agent, but each reading
 * of one market is also pooled, as a pseudo-reading with the pair's assumed correlation, into every
 * other market's belief. Trades when belief and price differ by more than a threshold.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { AggregatedEvidenceAgent } from './aggregated-evidence-agent.js';
import { aggregatedEvidenceConfigSchema } from './schema.js';

export { AggregatedEvidenceAgent } from './aggregated-evidence-agent.js';
export { crossEvidence, type PseudoReading } from './cross-evidence.js';
export { aggregatedEvidenceConfigSchema, type AggregatedEvidenceConfig } from './schema.js';

/** The aggregated-evidence agent plugin. */
export default definePlugin({
  id: 'agent-aggregated-evidence',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'aggregated',
  description: 'Aggregated-evidence trader: pools signal readings across correlated markets into per-market Gaussian beliefs',
  configSchema: aggregatedEvidenceConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new AggregatedEvidenceAgent(actx, ctx.config));
  },
});
