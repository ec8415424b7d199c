/**
 * `@venuelab/plugin-agent-abides-noise`: ABIDES's noise agent. It wakes once, at a tick drawn from
 * a U-quadratic distribution over `[wakeFrom, wakeTo]`, reads the touch, and with 50/50 odds buys
 * at the best ask or sells at the best bid with a limit order (marketable on arrival unless the
 * book moved), sized by the ABIDES order-size mixture. With an empty touch on its side it does nothing.
 * @packageDocumentation
 */
import { sampleOrderSize, uQuadratic } from '@venuelab/abides-models';
import { definePlugin, z, type Agent, type AgentContext, type RandomStream } from '@venuelab/kernel';

/** Config schema of the ABIDES noise agent. */
export const abidesNoiseConfigSchema = z
  .strictObject({
    wakeFrom: z.number().int().nonnegative().default(0).describe('start of the wake-time window in ticks'),
    wakeTo: z.number().int().positive().optional().describe('end of the wake-time window in ticks (default: the last tick of the run)'),
    venue: z.string().optional().describe('venue to trade on (default: the first venue the agent may use)'),
    market: z.string().optional().describe('market to trade (default: the first market)'),
  })
  .describe('ABIDES noise agent');

/** Validated config. */
export type AbidesNoiseConfig = z.output<typeof abidesNoiseConfigSchema>;

/** ABIDES's noise agent: one wake, one order at the touch. */
export class AbidesNoiseAgent implements Agent {
  readonly id: string;
  readonly role: string;
  /** The tick the agent wakes at. */
  readonly wakeTick: number;
  private readonly rng: RandomStream;
  private readonly venue: string;
  private readonly market: string;

  /**
   * @param ctx - the agent context
   * @param config - the validated config
   */
  constructor(
    private readonly ctx: AgentContext,
    config: AbidesNoiseConfig,
  ) {
    this.id = ctx.id;
    this.role = ctx.role;
    this.rng = ctx.rng('orders');
    this.venue = config.venue ?? ctx.venueIds[0]!;
    this.market = config.market ?? ctx.markets[0]!.id;
    const to = Math.min(config.wakeTo ?? ctx.duration - 1, ctx.duration - 1);
    const from = Math.min(config.wakeFrom, to - 1);
    this.wakeTick = Math.floor(uQuadratic(ctx.rng('wake'), from, to));
  }

  start(): void {
    this.ctx.wakeAt(this.wakeTick);
  }

  onWake(): void {
    const s = this.ctx.venues.state(this.venue, this.market);
    const buy = this.rng.bernoulli(0.5);
    const qty = sampleOrderSize(this.rng);
    const price = buy ? s.bestAsk : s.bestBid;
    if (price !== price) return;
    this.ctx.submitLimit(this.venue, { market: this.market, side: buy ? 'buy' : 'sell', price, qty });
  }
}

/** The ABIDES noise-agent plugin. */
export default definePlugin({
  id: 'agent-abides-noise',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'noise',
  description: 'ABIDES noise agent: one U-quadratic wake, buys at the ask or sells at the bid',
  configSchema: abidesNoiseConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new AbidesNoiseAgent(actx, ctx.config));
  },
});
