/**
 * `@venuelab/plugin-agent-zero-intelligence`: Gode and Sunder's (1993) zero-intelligence traders as
 * a baseline population. ZI-C traders draw a private value around a reference and a random limit
 * price that never crosses it (budget-constrained); ZI-U traders draw prices on both sides of it.
 * Role `zi`.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { ZeroIntelligenceTrader } from './agent.js';
import { ziConfigSchema } from './schema.js';

export { ZeroIntelligenceTrader } from './agent.js';
export { ziConfigSchema, type ZiConfig } from './schema.js';
export { ziLimitPrice, type ZiPriceInput } from './price-rule.js';

/** The zero-intelligence trader plugin. */
export default definePlugin({
  id: 'agent-zero-intelligence',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'zi',
  description: 'Gode-Sunder zero-intelligence traders (ZI-C or ZI-U): random limit prices around private values',
  configSchema: ziConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new ZeroIntelligenceTrader(actx, ctx.config));
  },
});
