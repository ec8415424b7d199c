/**
 * `@venuelab/plugin-agent-lp`: the LP market maker (role `LP`). It quotes both sides around a
 * deliberately stale belief (its observation delay is a latency knob of the experiment), cancels
 * its previous quotes by id and reposts at each review, never takes, never crosses itself and is
 * never marketable against the visible book, and margins its own net inventory (capital is
 * released as inventory nets out) behind a solvency gate.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { LpMarketMaker } from './lp-agent.js';
import { lpConfigSchema } from './schema.js';

export { LpMarketMaker, LP_REVIEW, type LpStats, type PostedQuote, type ReviewRecord } from './lp-agent.js';
export { allowedSides, gateOpen, netInventoryMargin } from './margin.js';
export { lpQuotes, type Quote } from './quotes.js';
export { lpConfigSchema, lpShape, type LpConfig } from './schema.js';

/** The LP market-maker plugin. */
export default definePlugin({
  id: 'agent-lp',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'LP',
  description: 'LP market maker: two-sided quotes around a stale belief, cancel and repost each review, net-inventory margin with a solvency gate',
  configSchema: lpConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new LpMarketMaker(actx, ctx.config));
  },
});
