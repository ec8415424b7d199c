/**
 * `@venuelab/plugin-agent-endogenous-lp`: the endogenous-spread LP market maker (role `LP`). The
 * LP of `@venuelab/plugin-agent-lp` (stale belief, cancel and repost each review, never takes,
 * net-inventory margin with a solvency gate) whose half-spread on each venue and market follows an
 * EWMA of its fills' realised markout there: picked off, it widens; protected, it tightens, so a
 * venue that protects liquidity providers shows up as tighter quotes for everyone.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { EndogenousLp } from './endogenous-lp-agent.js';
import { endogenousLpConfigSchema } from './schema.js';

export { EndogenousLp, type MarkRecord, type SpreadState } from './endogenous-lp-agent.js';
export { endogenousHalfSpread, ewmaStep, markoutPerLot } from './spread-feedback.js';
export { endogenousLpConfigSchema, type EndogenousLpConfig } from './schema.js';

/** The endogenous-spread LP plugin. */
export default definePlugin({
  id: 'agent-endogenous-lp',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'LP',
  description: 'Endogenous-spread LP market maker: half-spread per venue and market responds to the realised markout of its fills',
  configSchema: endogenousLpConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new EndogenousLp(actx, ctx.config));
  },
});
