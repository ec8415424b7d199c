/**
 * Config schema of the aggregated-evidence agent.
 * @module
 */
import { z } from '@venuelab/kernel';
import { scalarBeliefShape, tradingShape } from '@venuelab/plugin-agent-naive-belief';

/** Config schema of the aggregated-evidence agent. */
export const aggregatedEvidenceConfigSchema = z
  .strictObject({
    ...tradingShape,
    ...scalarBeliefShape,
    correlation: z
      .number()
      .min(-1)
      .max(1)
      .default(0.5)
      .describe('assumed correlation rho between two markets\' deviations from their opening mids (latent units); 0 pools nothing'),
    correlations: z
      .record(z.string(), z.number().min(-1).max(1))
      .optional()
      .describe('per-pair overrides of correlation, keyed "A|B" (either order) by market ids'),
    deviationVariance: z
      .number()
      .positive()
      .optional()
      .describe('assumed variance v of a market\'s deviation from its opening mid (default: 1 / priorPrecision, so the prior and the pooling agree)'),
  })
  .describe('aggregated-evidence trader: pools signal readings across correlated markets');

/** Validated config of the aggregated-evidence agent. */
export type AggregatedEvidenceConfig = z.output<typeof aggregatedEvidenceConfigSchema>;
