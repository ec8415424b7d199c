/**
 * `@venuelab/plugin-agent-tail-belief`: the tail-aware Gaussian belief trader (role `tail`). The
 * naive agent's model (one time-aware Gaussian belief per market, trades past a threshold), but it
 * also hears the `tail` tier: rare, precise readings delivered to few agents. Each reading is
 * weighted by its own precision, so a tail reading dominates the routine ones it joins, and a
 * decision follows each reading at once. Fast access to precise tail signals is the edge a batch
 * auction is meant to erase.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { ScalarBeliefAgent } from '@venuelab/plugin-agent-naive-belief';
import { tailBeliefConfigSchema } from './schema.js';

export { tailBeliefConfigSchema, type TailBeliefConfig } from './schema.js';

/** The tail-aware Gaussian belief agent plugin. */
export default definePlugin({
  id: 'agent-tail-belief',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'tail',
  description: 'Tail-aware Gaussian belief trader: routine and tail signals, time-aware Kalman update, trades past a threshold',
  configSchema: tailBeliefConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new ScalarBeliefAgent(actx, ctx.config));
  },
});
