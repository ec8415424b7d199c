/**
 * `@venuelab/plugin-agent-avellaneda-stoikov`: the Avellaneda-Stoikov (2008) market maker. At
 * every review it quotes around the reservation price `r = s - q gamma sigma^2 (T - t)` with the
 * total spread `gamma sigma^2 (T - t) + (2 / gamma) ln(1 + gamma / k)` (`inventory` mode), or the
 * same spread around the mid (`symmetric` mode, the paper's benchmark). Inventory is bounded;
 * `sigma` and `k` are fixed or estimated online. Role `MM`.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { AvellanedaStoikovMaker } from './agent.js';
import { asConfigSchema } from './schema.js';

export { AvellanedaStoikovMaker } from './agent.js';
export { asConfigSchema, type AsConfig } from './schema.js';
export { asQuotes, reservationPrice, totalSpread, type AsQuote, type AsQuoteInput } from './quotes.js';

/** The Avellaneda-Stoikov market-maker plugin. */
export default definePlugin({
  id: 'agent-avellaneda-stoikov',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'MM',
  description: 'Avellaneda-Stoikov market maker: reservation price and optimal spread, finite horizon, inventory bounds',
  configSchema: asConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new AvellanedaStoikovMaker(actx, ctx.config));
  },
});
