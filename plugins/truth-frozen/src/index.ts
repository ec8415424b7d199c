/**
 * `@venuelab/plugin-truth-frozen`: a static log-linear latent-factor draw of fair values at t = 0,
 * anchored to the opening mids (`x_m = anchor_m + sum_k beta_mk f_k + e_m`), that never moves.
 * The drawn model (loadings, variances and realised values) is provided to other components under
 * `LatentFactorModelToken` from `@venuelab/models`, so a joint-factor agent can use the loadings.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { LatentFactorModelToken } from '@venuelab/models';
import { FrozenFactorTruth } from './frozen-truth.js';
import { frozenConfigSchema } from './schema.js';

export { FrozenFactorTruth } from './frozen-truth.js';
export { frozenConfigSchema, type FrozenConfig } from './schema.js';
export { LatentFactorModelToken, type LatentFactorModel } from '@venuelab/models';

/** The frozen latent-factor truth plugin. */
export default definePlugin({
  id: 'truth-frozen',
  kind: 'truth',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Frozen log-linear latent-factor fair values drawn at t = 0 and anchored to the opening mids',
  configSchema: frozenConfigSchema,
  register(ctx) {
    let built: FrozenFactorTruth | undefined;
    ctx.registerTruth((tctx) => (built = new FrozenFactorTruth(tctx, ctx.config)));
    ctx.provide(LatentFactorModelToken, () => {
      if (!built) throw new Error('truth-frozen: the factor model is resolved before the truth process was built');
      return built.model;
    });
  },
});
