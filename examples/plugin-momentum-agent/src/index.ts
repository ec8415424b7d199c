/**
 * `venuelab-plugin-momentum-agent`: an out-of-tree agent plugin, a moving-average crossover
 * momentum trader.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { MomentumAgent } from './momentum-agent.js';
import { momentumConfigSchema } from './schema.js';

export { MomentumAgent } from './momentum-agent.js';
export { MovingAverage } from './moving-average.js';
export { momentumConfigSchema, type MomentumConfig } from './schema.js';

/** The momentum-trader plugin. */
export default definePlugin({
  id: 'agent-momentum',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'momentum',
  description: 'Moving-average crossover momentum trader: buys when the fast average of the mid is above the slow one, sells when below',
  configSchema: momentumConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new MomentumAgent(actx, ctx.config));
  },
});
