/**
 * `@venuelab/plugin-agent-abides-momentum`: ABIDES's momentum agent. At Poisson wake-ups it reads
 * the mid and appends it to its history; once it holds `longWindow` samples it compares the
 * `shortWindow`- and `longWindow`-sample moving averages: it buys at the best ask when the short
 * average is at or above the long one, else sells at the best bid, with a limit order sized by the
 * ABIDES order-size mixture.
 * @packageDocumentation
 */
import { sampleOrderSize } from '@venuelab/abides-models';
import { definePlugin, z, type Agent, type AgentContext, type RandomStream } from '@venuelab/kernel';

/** Config schema of the ABIDES momentum agent. */
export const abidesMomentumConfigSchema = z
  .strictObject({
    meanWakeGap: z.number().positive().default(37_000).describe('mean ticks between Poisson wake-ups (ABIDES: 37 s = 37,000 ms ticks)'),
    shortWindow: z.number().int().positive().default(20).describe('samples in the short moving average'),
    longWindow: z.number().int().positive().default(50).describe('samples in the long moving average'),
    venue: z.string().optional().describe('venue to trade on (default: the first venue the agent may use)'),
    market: z.string().optional().describe('market to trade (default: the first market)'),
  })
  .refine((c) => c.shortWindow < c.longWindow, { message: 'shortWindow must be below longWindow', path: ['shortWindow'] })
  .describe('ABIDES momentum agent');

/** Validated config. */
export type AbidesMomentumConfig = z.output<typeof abidesMomentumConfigSchema>;

/** ABIDES's momentum agent. */
export class AbidesMomentumAgent implements Agent {
  readonly id: string;
  readonly role: string;
  /** Orders sent so far. */
  orders = 0;
  private readonly rng: RandomStream;
  private readonly wakes: RandomStream;
  private readonly venue: string;
  private readonly market: string;
  /** Ring buffer of the last `longWindow` mids. */
  private readonly mids: Float64Array;
  private count = 0;

  /**
   * @param ctx - the agent context
   * @param config - the validated config
   */
  constructor(
    private readonly ctx: AgentContext,
    private readonly config: AbidesMomentumConfig,
  ) {
    this.id = ctx.id;
    this.role = ctx.role;
    this.rng = ctx.rng('orders');
    this.wakes = ctx.rng('wakes');
    this.venue = config.venue ?? ctx.venueIds[0]!;
    this.market = config.market ?? ctx.markets[0]!.id;
    this.mids = new Float64Array(config.longWindow);
  }

  start(): void {
    this.next();
  }

  private next(): void {
    this.ctx.wakeIn(Math.max(1, Math.ceil(this.wakes.exponential(this.config.meanWakeGap))));
  }

  /** Mean of the last `n` recorded mids. */
  average(n: number): number {
    const L = this.mids.length;
    let s = 0;
    for (let i = 1; i <= n; i++) s += this.mids[(this.count - i) % L]!;
    return s / n;
  }

  onWake(): void {
    this.next();
    const s = this.ctx.venues.state(this.venue, this.market);
    if (s.mid !== s.mid) return;
    this.mids[this.count % this.mids.length] = s.mid;
    this.count++;
    if (this.count < this.config.longWindow) return;
    const buy = this.average(this.config.shortWindow) >= this.average(this.config.longWindow);
    const price = buy ? s.bestAsk : s.bestBid;
    if (price !== price) return;
    this.orders++;
    this.ctx.submitLimit(this.venue, { market: this.market, side: buy ? 'buy' : 'sell', price, qty: sampleOrderSize(this.rng) });
  }
}

/** The ABIDES momentum-agent plugin. */
export default definePlugin({
  id: 'agent-abides-momentum',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'momentum',
  description: 'ABIDES momentum agent: 20- vs 50-sample moving averages of the mid',
  configSchema: abidesMomentumConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new AbidesMomentumAgent(actx, ctx.config));
  },
});
