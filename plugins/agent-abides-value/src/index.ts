/**
 * `@venuelab/plugin-agent-abides-value`: ABIDES's value agent. At Poisson wake-ups it observes the
 * fundamental with Gaussian noise, updates a Bayesian estimate of it (mean reversion toward
 * `rBar` between observations), projects the estimate to the close, cancels its live orders and
 * sends one limit order toward the estimate: when the projected value is below the mid it sells at
 * `bid + adjust`, else buys at `ask - adjust`, where `adjust` is 0 with probability `percentAggr`
 * (a marketable order) and otherwise a uniform integer in `[0, depthSpread * spread)`. With no
 * two-sided book it sends a random side at the projected value.
 * @packageDocumentation
 */
import { FundamentalEstimate, OpenOrders, sampleOrderSize } from '@venuelab/abides-models';
import { definePlugin, openingMidTicks, z, type Agent, type AgentContext, type Fill, type FillLeg, type RandomStream } from '@venuelab/kernel';

/** Config schema of the ABIDES value agent (time in ticks, values in price ticks; defaults are RMSC04's at 1 ms ticks). */
export const abidesValueConfigSchema = z
  .strictObject({
    rBar: z.number().positive().optional().describe('long-run mean of the fundamental in price ticks (default: the opening mid)'),
    kappa: z.number().nonnegative().default(1.67e-9).describe('assumed mean-reversion speed per tick (ABIDES 1.67e-15 per ns)'),
    sigmaN: z.number().positive().default(1000).describe('variance of the observation noise, price ticks squared (ABIDES r_bar / 100)'),
    sigmaS: z.number().positive().default(100_000).describe('prior variance of the fundamental (ABIDES sigma_s)'),
    meanWakeGap: z.number().positive().default(175_439).describe('mean ticks between Poisson wake-ups (ABIDES rate 5.7e-12 per ns = 175.4 s)'),
    percentAggr: z.number().min(0).max(1).default(0.1).describe('probability an order is placed at the opposite touch (marketable)'),
    depthSpread: z.number().nonnegative().default(2).describe('passive orders sit up to depthSpread x spread inside the far touch'),
    venue: z.string().optional().describe('venue to trade on (default: the first venue the agent may use)'),
    market: z.string().optional().describe('market to trade (default: the first market)'),
  })
  .describe('ABIDES value agent');

/** Validated config. */
export type AbidesValueConfig = z.output<typeof abidesValueConfigSchema>;

/** ABIDES's value agent. */
export class AbidesValueAgent implements Agent {
  readonly id: string;
  readonly role: string;
  /** The agent's estimate of the fundamental. */
  readonly estimate: FundamentalEstimate;
  private readonly open = new OpenOrders();
  private readonly rng: RandomStream;
  private readonly obs: RandomStream;
  private readonly wakes: RandomStream;
  private readonly venue: string;
  private readonly market: string;
  private readonly noiseSd: number;

  /**
   * @param ctx - the agent context
   * @param config - the validated config
   */
  constructor(
    private readonly ctx: AgentContext,
    private readonly config: AbidesValueConfig,
  ) {
    this.id = ctx.id;
    this.role = ctx.role;
    this.rng = ctx.rng('orders');
    this.obs = ctx.rng('observations');
    this.wakes = ctx.rng('wakes');
    this.venue = config.venue ?? ctx.venueIds[0]!;
    this.market = config.market ?? ctx.markets[0]!.id;
    const spec = ctx.markets.find((m) => m.id === this.market);
    if (!spec) throw new Error(`agent-abides-value: unknown market "${this.market}"`);
    this.noiseSd = Math.sqrt(config.sigmaN);
    this.estimate = new FundamentalEstimate({ rBar: config.rBar ?? openingMidTicks(spec), kappa: config.kappa, sigmaN: config.sigmaN, sigmaS: config.sigmaS });
  }

  start(): void {
    this.next();
  }

  private next(): void {
    this.ctx.wakeIn(Math.max(1, Math.ceil(this.wakes.exponential(this.config.meanWakeGap))));
  }

  onWake(_kind: number, _arg: number, t: number): void {
    this.next();
    const ctx = this.ctx;
    const fundamental = ctx.truth.fairAt(this.market, t);
    this.estimate.observe(fundamental + this.obs.normal(0, this.noiseSd), t);
    const rT = this.estimate.projectTo(ctx.duration);
    for (const id of this.open.takeAll()) ctx.cancel(this.venue, id);
    const s = ctx.venues.state(this.venue, this.market);
    let buy: boolean;
    let price: number;
    if (s.bestBid === s.bestBid && s.bestAsk === s.bestAsk) {
      const spread = Math.abs(s.bestAsk - s.bestBid);
      const aggressive = this.rng.bernoulli(this.config.percentAggr);
      const span = Math.floor(this.config.depthSpread * spread);
      const adjust = aggressive || span <= 0 ? 0 : this.rng.int(span);
      buy = rT >= s.mid;
      price = buy ? s.bestAsk - adjust : s.bestBid + adjust;
    } else {
      buy = this.rng.bernoulli(0.5);
      price = Math.round(rT);
    }
    if (price < 1) return;
    const qty = sampleOrderSize(this.rng);
    const id = ctx.submitLimit(this.venue, { market: this.market, side: buy ? 'buy' : 'sell', price, qty });
    this.open.add(id, qty);
  }

  onFill(_fill: Fill, leg: FillLeg): void {
    this.open.filled(leg.orderId, _fill.qty);
  }
}

/** The ABIDES value-agent plugin. */
export default definePlugin({
  id: 'agent-abides-value',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'value',
  description: 'ABIDES value agent: Bayesian fundamental estimate, limit orders toward it',
  configSchema: abidesValueConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new AbidesValueAgent(actx, ctx.config));
  },
});
