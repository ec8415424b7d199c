/**
 * `@venuelab/plugin-venue-intensity`: the reduced-form market-making venue of Avellaneda-Stoikov
 * and Gueant-Lehalle-Fernandez-Tapia. Resting quotes at distance `d` ticks from the mid (which
 * follows the truth process) are filled by a synthetic flow participant with probability
 * `min(1, A exp(-k d) dt)` per clock tick.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { IntensityVenue } from './intensity.js';
import { intensityConfigSchema } from './schema.js';

export { IntensityVenue, fillProbability, type FlowParticipant } from './intensity.js';
export { intensityConfigSchema, type IntensityConfig } from './schema.js';

/** The intensity venue plugin. */
export default definePlugin({
  id: 'venue-intensity',
  kind: 'venue',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Reduced-form market-making venue: quotes filled with probability A exp(-k d) dt per tick; the mid follows the truth process',
  configSchema: intensityConfigSchema,
  register(ctx) {
    ctx.registerVenue((vctx) => new IntensityVenue(vctx, ctx.config));
  },
});
