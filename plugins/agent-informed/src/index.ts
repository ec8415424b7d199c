/**
 * `@venuelab/plugin-agent-informed`: the informed trader (role `informed`). It sees a latent
 * short-horizon signal correlated with the future move of truth (`s = x(t + h) - x(t) + noise`),
 * buys above a threshold and sells below, with a market order on continuous venues and a limit
 * order at its valuation on venues that prefer limit orders for informed traders (batch venues).
 * "Informed" is a property of its trades, `E[future move | trade direction] != 0`, not a label.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { InformedTrader } from './informed-agent.js';
import { informedConfigSchema } from './schema.js';

export { InformedTrader, type InformedDecision } from './informed-agent.js';
export { informedOrderType, informedSide, informedSignal, limitAtValuation } from './rule.js';
export { informedConfigSchema, type InformedConfig } from './schema.js';

/** The informed-trader plugin. */
export default definePlugin({
  id: 'agent-informed',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'informed',
  description: 'Informed trader: latent short-horizon signal correlated with the future truth move, traded past a threshold',
  configSchema: informedConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new InformedTrader(actx, ctx.config));
  },
});
