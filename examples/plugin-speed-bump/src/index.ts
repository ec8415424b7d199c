/**
 * `venuelab-plugin-speed-bump`: an out-of-tree venue plugin, a limit order book behind an
 * IEX-style speed bump (every order except cancels waits a fixed delay).
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { SpeedBumpVenue } from './speed-bump-venue.js';
import { speedBumpConfigSchema } from './schema.js';

export { SpeedBumpVenue } from './speed-bump-venue.js';
export { DelayQueue, type DelayedOrder } from './delay-queue.js';
export { speedBumpConfigSchema, type SpeedBumpConfig } from './schema.js';

/** The speed-bump venue plugin. */
export default definePlugin({
  id: 'venue-speed-bump',
  kind: 'venue',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Limit order book behind a speed bump (IEX): orders wait a fixed delay before reaching the book, cancels do not',
  configSchema: speedBumpConfigSchema,
  register(ctx) {
    ctx.registerVenue((vctx) => new SpeedBumpVenue(vctx, ctx.config));
  },
});
