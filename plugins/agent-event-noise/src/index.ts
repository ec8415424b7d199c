/**
 * `@venuelab/plugin-agent-event-noise`: the event-driven noise trader (role `noise`). Trade events
 * arrive as a Poisson process (`arrivalRatePerUnit` per tick); each picks a market, a venue, a side
 * and a size at random and takes liquidity at once (a market order; a marketable limit order on
 * venues without market orders). Uninformed by construction.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { EventNoiseTrader } from './event-noise-agent.js';
import { eventNoiseConfigSchema } from './schema.js';

export { EventNoiseTrader, drawNoiseEvent, type NoiseEvent } from './event-noise-agent.js';
export { eventNoiseConfigSchema, type EventNoiseConfig } from './schema.js';

/** The event-driven noise trader plugin. */
export default definePlugin({
  id: 'agent-event-noise',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'noise',
  description: 'Event-driven noise trader: Poisson arrivals, random venue, market, side and size, takes liquidity',
  configSchema: eventNoiseConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new EventNoiseTrader(actx, ctx.config));
  },
});
