/**
 * `@venuelab/plugin-venue-clob`: a continuous limit order book with price-time priority.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { ClobVenue } from './clob.js';
import { clobConfigSchema } from './schema.js';

export { ClobVenue } from './clob.js';
export { OrderBook, BookSide, BookOrder, Level, type SideCode } from './book.js';
export { clobConfigSchema, type ClobConfig } from './schema.js';

/** The CLOB venue plugin. */
export default definePlugin({
  id: 'venue-clob',
  kind: 'venue',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Continuous limit order book: price-time priority, partial fills, IOC market orders, fees, self-trade prevention',
  configSchema: clobConfigSchema,
  register(ctx) {
    ctx.registerVenue((vctx) => new ClobVenue(vctx, ctx.config));
  },
});
