/**
 * `@venuelab/plugin-truth-jump-diffusion`: fair values follow a Gaussian diffusion (variance `q`
 * per tick) plus Poisson news jumps (rate `jumpRate` per tick; normal, double-exponential or
 * fixed-size jumps) in latent space, from each market's opening mid. Paths are precomputed and
 * deterministic per seed.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { JumpDiffusionTruth } from './jump-diffusion-truth.js';
import { jumpDiffusionConfigSchema } from './schema.js';

export { JumpDiffusionTruth, drawJumpSize, jumpMoments, type Jump } from './jump-diffusion-truth.js';
export { jumpDiffusionConfigSchema, jumpSizeSchema, type JumpDiffusionConfig, type JumpSize } from './schema.js';

/** The jump-diffusion truth plugin. */
export default definePlugin({
  id: 'truth-jump-diffusion',
  kind: 'truth',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Jump-diffusion fair values: Gaussian diffusion plus Poisson news jumps, from the opening mid',
  configSchema: jumpDiffusionConfigSchema,
  register(ctx) {
    ctx.registerTruth((tctx) => new JumpDiffusionTruth(tctx, ctx.config));
  },
});
