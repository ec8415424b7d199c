/**
 * `@venuelab/plugin-agent-joint-factor`: the joint-factor fair-value trader (role
 * `joint-factor`). It keeps a multivariate Gaussian posterior over the common factors of a
 * latent-factor model (and each market's idiosyncratic term), updates it with every reading of any
 * market (time-aware step with process variances `qFactor`, `qIdio`), reads each market's fair
 * value off the posterior, and trades when fair value and price differ by more than a threshold.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { JointFactorAgent } from './joint-factor-agent.js';
import { jointFactorConfigSchema } from './schema.js';

export { JointFactorAgent } from './joint-factor-agent.js';
export { configFactorModel } from './config-model.js';
export { jointFactorConfigSchema, type JointFactorConfig } from './schema.js';

/** The joint-factor fair-value agent plugin. */
export default definePlugin({
  id: 'agent-joint-factor',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'joint-factor',
  description: 'Joint-factor fair-value trader: multivariate Gaussian posterior over latent factors, fair values from the factor model',
  configSchema: jointFactorConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new JointFactorAgent(actx, ctx.config));
  },
});
