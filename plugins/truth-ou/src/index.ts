/**
 * `@venuelab/plugin-truth-ou`: fair values follow an Ornstein-Uhlenbeck process in latent space
 * (log price or log-odds), mean-reverting to the opening mid at speed `kappa` with volatility
 * `sigma`, simulated with the exact discretisation and precomputed for the run.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { OuTruth } from './ou-truth.js';
import { ouConfigSchema } from './schema.js';

export { OuTruth, ouStep } from './ou-truth.js';
export { ouConfigSchema, type OuConfig } from './schema.js';

/** The Ornstein-Uhlenbeck truth plugin. */
export default definePlugin({
  id: 'truth-ou',
  kind: 'truth',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Ornstein-Uhlenbeck fair values (exact discretisation) mean-reverting to the opening mid',
  configSchema: ouConfigSchema,
  register(ctx) {
    ctx.registerTruth((tctx) => new OuTruth(tctx, ctx.config));
  },
});
