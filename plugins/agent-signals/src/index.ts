/**
 * `@venuelab/plugin-agent-signals`: the signal source (role `signals`, never trades). Each tier
 * (e.g. `routine`: low precision, broad; `tail`: high precision, few recipients) holds rounds every
 * `cadence` ticks from `phase`; each round delivers `latent(t) + N(0, 1 / precision)` per market to
 * each recipient, after the recipient's observation delay.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { signalsConfigSchema } from './schema.js';
import { SignalSource } from './signal-source.js';

export { SignalSource, namesAgent, type SignalStats } from './signal-source.js';
export { signalsConfigSchema, tierSchema, type SignalsConfig, type SignalTier } from './schema.js';

/** The signal-source plugin. */
export default definePlugin({
  id: 'agent-signals',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'signals',
  description: 'Signal rounds in tiers: noisy readings of latent fair value delivered to agents after their observation delay',
  configSchema: signalsConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new SignalSource(actx, ctx.config));
  },
});
