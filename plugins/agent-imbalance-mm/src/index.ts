/**
 * `@venuelab/plugin-agent-imbalance-mm`: an order-book imbalance / microprice market maker.
 * Imbalance at several depths and the microprice of the book without its own orders set the quote
 * centre, the EWMA volatility scales the spread, inventory skews the centre and is capped at a
 * share of capital. Role `MM`.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { ImbalanceMaker } from './agent.js';
import { imbalanceConfigSchema } from './schema.js';

export { ImbalanceMaker } from './agent.js';
export { imbalanceConfigSchema, type ImbalanceConfig } from './schema.js';
export { imbalanceQuotes, type ImbalanceQuote, type ImbalanceQuoteInput } from './quotes.js';
export { bookImbalance, microprice, weightedImbalance } from './signals.js';

/** The imbalance / microprice market-maker plugin. */
export default definePlugin({
  id: 'agent-imbalance-mm',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'MM',
  description: 'Order-book imbalance / microprice market maker: multi-depth imbalance, EWMA volatility, inventory skew and cap',
  configSchema: imbalanceConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new ImbalanceMaker(actx, ctx.config));
  },
});
