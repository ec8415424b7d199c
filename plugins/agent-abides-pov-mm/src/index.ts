/**
 * `@venuelab/plugin-agent-abides-pov-mm`: ABIDES's adaptive POV market maker. At Poisson wake-ups
 * it cancels its ladder, reads the touch and the market volume traded since its last wake (from the
 * run's fill bus), updates an EWMA of the spread (`spreadAlpha`), and posts `numLevels` bids and
 * asks anchored on the mid: the innermost at `mid -/+ window / 2` (window = the spread EWMA, initial
 * `initialSpread`), the others `levelSpacing x window` ticks apart, each of
 * `max(minOrderSize, pov x volume)` lots.
 * @packageDocumentation
 */
import { OpenOrders } from '@venuelab/abides-models';
import { definePlugin, openingMidTicks, Tokens, z, type Agent, type AgentContext, type Fill, type FillLeg, type RandomStream } from '@venuelab/kernel';

/** Config schema of the ABIDES adaptive POV market maker (defaults are RMSC04's at 1 ms ticks). */
export const abidesPovMmConfigSchema = z
  .strictObject({
    pov: z.number().positive().max(1).default(0.025).describe('share of the market volume since the last wake quoted per level'),
    minOrderSize: z.number().int().positive().default(1).describe('smallest size per level in lots'),
    numLevels: z.number().int().positive().default(10).describe('levels per side (ABIDES num_ticks)'),
    levelSpacing: z.number().positive().default(5).describe('distance between levels as a multiple of the window (ABIDES level_spacing)'),
    initialSpread: z.number().positive().default(50).describe('initial window (spread EWMA) in price ticks'),
    spreadAlpha: z.number().min(0).max(1).default(0.75).describe('EWMA weight of the newest observed spread'),
    meanWakeGap: z.number().positive().default(60_000).describe('mean ticks between Poisson wake-ups (ABIDES: 60 s)'),
    venue: z.string().optional().describe('venue to trade on (default: the first venue the agent may use)'),
    market: z.string().optional().describe('market to trade (default: the first market)'),
  })
  .describe('ABIDES adaptive POV market maker');

/** Validated config. */
export type AbidesPovMmConfig = z.output<typeof abidesPovMmConfigSchema>;

/** ABIDES's adaptive POV market maker. */
export class AbidesPovMarketMaker implements Agent {
  readonly id: string;
  readonly role: string;
  /** Current window (EWMA of the spread) in price ticks. */
  window: number;
  /** Net position in lots. */
  inventory = 0;
  /** Size per level at the last wake. */
  levelSize = 0;
  private readonly open = new OpenOrders();
  private readonly wakes: RandomStream;
  private readonly venue: string;
  private readonly market: string;
  private volume = 0;
  private lastMid: number;

  /**
   * @param ctx - the agent context
   * @param config - the validated config
   */
  constructor(
    private readonly ctx: AgentContext,
    private readonly config: AbidesPovMmConfig,
  ) {
    this.id = ctx.id;
    this.role = ctx.role;
    this.wakes = ctx.rng('wakes');
    this.venue = config.venue ?? ctx.venueIds[0]!;
    this.market = config.market ?? ctx.markets[0]!.id;
    const spec = ctx.markets.find((m) => m.id === this.market);
    if (!spec) throw new Error(`agent-abides-pov-mm: unknown market "${this.market}"`);
    this.lastMid = openingMidTicks(spec);
    this.window = config.initialSpread;
    // Market volume is public (ABIDES's exchange reports transacted volume); read it from the fill bus.
    ctx.resolve(Tokens.Bus).on('fill.executed', (f: Fill) => {
      if (f.venue === this.venue && f.market === this.market) this.volume += f.qty;
    });
  }

  start(): void {
    this.next();
  }

  private next(): void {
    this.ctx.wakeIn(Math.max(1, Math.ceil(this.wakes.exponential(this.config.meanWakeGap))));
  }

  onWake(): void {
    this.next();
    const c = this.config;
    const ctx = this.ctx;
    for (const id of this.open.takeAll()) ctx.cancel(this.venue, id);
    const s = ctx.venues.state(this.venue, this.market);
    if (s.bestBid === s.bestBid && s.bestAsk === s.bestAsk) {
      this.window = c.spreadAlpha * (s.bestAsk - s.bestBid) + (1 - c.spreadAlpha) * this.window;
      this.lastMid = s.mid;
    } else if (s.last === s.last) this.lastMid = s.last;
    const mid = this.lastMid;
    const size = Math.max(c.minOrderSize, Math.round(c.pov * this.volume));
    this.levelSize = size;
    this.volume = 0;
    const spacing = Math.max(1, Math.round(c.levelSpacing * this.window));
    const topBid = Math.floor(mid - this.window / 2);
    const topAsk = Math.max(topBid + 1, Math.ceil(mid + this.window / 2));
    for (let i = 0; i < c.numLevels; i++) {
      const bid = topBid - i * spacing;
      if (bid >= 1) this.open.add(ctx.submitLimit(this.venue, { market: this.market, side: 'buy', price: bid, qty: size }), size);
      this.open.add(ctx.submitLimit(this.venue, { market: this.market, side: 'sell', price: topAsk + i * spacing, qty: size }), size);
    }
  }

  onFill(fill: Fill, leg: FillLeg): void {
    this.open.filled(leg.orderId, fill.qty);
    this.inventory += leg.side === 'buy' ? fill.qty : -fill.qty;
  }
}

/** The ABIDES adaptive POV market-maker plugin. */
export default definePlugin({
  id: 'agent-abides-pov-mm',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'MM',
  description: 'ABIDES adaptive POV market maker: ladder, volume-participation sizing, adaptive spread',
  configSchema: abidesPovMmConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new AbidesPovMarketMaker(actx, ctx.config));
  },
});
