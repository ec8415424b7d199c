/**
 * `@venuelab/plugin-agent-bootstrap-ladder`: a static liquidity ladder around the opening mid,
 * posted at t = 0 (levels, spacing, size per level) and optionally replenished, so that a book
 * has depth before any market maker or trader arrives. Role `bootstrap`.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { BootstrapLadder } from './agent.js';
import { ladderConfigSchema } from './schema.js';

export { BootstrapLadder } from './agent.js';
export { ladderConfigSchema, type LadderConfig } from './schema.js';
export { ladderLevels, type LadderLevel } from './ladder.js';

/** The bootstrap ladder plugin. */
export default definePlugin({
  id: 'agent-bootstrap-ladder',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'bootstrap',
  description: 'Static liquidity ladder around the opening mid at t = 0, optionally replenished',
  configSchema: ladderConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new BootstrapLadder(actx, ctx.config));
  },
});
