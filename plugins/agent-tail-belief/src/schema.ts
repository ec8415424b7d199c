/**
 * Config schema of the tail-aware belief agent.
 * @module
 */
import { z } from '@venuelab/kernel';
import { scalarBeliefShape, tradingShape } from '@venuelab/plugin-agent-naive-belief';

/** Config schema of the tail-aware Gaussian belief agent: the naive agent's fields, listening to the tail tier too. */
export const tailBeliefConfigSchema = z
  .strictObject({
    ...tradingShape,
    ...scalarBeliefShape,
    tiers: z
      .array(z.string())
      .min(1)
      .default(['routine', 'tail'])
      .describe('signal tiers whose readings the agent absorbs (default: routine and tail)'),
  })
  .describe('tail-aware Gaussian belief trader: absorbs routine and tail signals, trades when belief and price differ by more than a threshold');

/** Validated config of the tail-aware belief agent. */
export type TailBeliefConfig = z.output<typeof tailBeliefConfigSchema>;
