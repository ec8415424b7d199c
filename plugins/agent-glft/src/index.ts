/**
 * `@venuelab/plugin-agent-glft`: the Gueant-Lehalle-Fernandez-Tapia (2013) market maker. At every
 * review it quotes the closed-form asymptotic (infinite-horizon) optimal quotes
 * `s - delta_b(q)`, `s + delta_a(q)` given `(q, gamma, sigma, A, k)`, within inventory bounds;
 * `sigma`, `A`, `k` are fixed or estimated online. Role `MM`.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { GlftMaker } from './agent.js';
import { glftConfigSchema } from './schema.js';

export { GlftMaker } from './agent.js';
export { glftConfigSchema, type GlftConfig } from './schema.js';
export { glftHalfSpread, glftOffsets, glftOmega, type GlftInput, type GlftOffsets } from './quotes.js';

/** The GLFT market-maker plugin. */
export default definePlugin({
  id: 'agent-glft',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'MM',
  description: 'Gueant-Lehalle-Fernandez-Tapia market maker: closed-form asymptotic quotes, inventory bounds',
  configSchema: glftConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new GlftMaker(actx, ctx.config));
  },
});
