/**
 * `@venuelab/plugin-truth-sparse-ou`: a sparse mean-reverting fundamental with Poisson megashocks,
 * after ABIDES's SparseMeanRevertingOracle (the RMSC04 reference scenario's fundamental).
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { SparseOuTruth } from './sparse-ou-truth.js';
import { sparseOuConfigSchema } from './schema.js';

export { SparseOuTruth } from './sparse-ou-truth.js';
export { sparseOuConfigSchema, type SparseOuConfig } from './schema.js';

/** The sparse mean-reverting truth plugin. */
export default definePlugin({
  id: 'truth-sparse-ou',
  kind: 'truth',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'sparse mean-reverting fundamental (exact OU steps on a grid) with Poisson megashocks',
  configSchema: sparseOuConfigSchema,
  register(ctx) {
    ctx.registerTruth((tctx) => new SparseOuTruth(tctx, ctx.config));
  },
});
