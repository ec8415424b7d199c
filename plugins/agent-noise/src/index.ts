/**
 * `@venuelab/plugin-agent-noise`: a Poisson noise trader. Arrivals come at rate
 * `arrivalRatePerUnit` per tick; each picks a side at random and sends either a market order
 * (probability `marketShare`) or a limit order a random number of ticks from the reference price
 * (the venue mid, else the last trade, else the opening mid). Limit orders are cancelled after
 * `orderLifetime` ticks. Noise traders know nothing about fair value.
 * @packageDocumentation
 */
import { definePlugin, openingMidTicks, z, type Agent, type AgentContext, type OrderId, type RandomStream } from '@venuelab/kernel';

/** Config schema of the noise trader. */
export const noiseConfigSchema = z
  .strictObject({
    arrivalRatePerUnit: z.number().positive().default(0.05).describe('Poisson arrival rate per tick'),
    marketShare: z.number().min(0).max(1).default(0.3).describe('probability an arrival is a market order'),
    minOffset: z.number().int().default(-1).describe('smallest limit offset from the reference, in ticks away from the touch (negative crosses)'),
    maxOffset: z.number().int().nonnegative().default(5).describe('largest limit offset from the reference, in ticks'),
    minQty: z.number().int().positive().default(1).describe('smallest order size in lots'),
    maxQty: z.number().int().positive().default(5).describe('largest order size in lots'),
    orderLifetime: z.number().int().nonnegative().default(50).describe('ticks before a resting limit order is cancelled (0 = never)'),
    venue: z.string().optional().describe('venue to trade on (default: the first venue the agent may use)'),
    market: z.string().optional().describe('market to trade (default: the first market)'),
  })
  .refine((c) => c.minOffset <= c.maxOffset, { message: 'minOffset must not exceed maxOffset', path: ['minOffset'] })
  .refine((c) => c.minQty <= c.maxQty, { message: 'minQty must not exceed maxQty', path: ['minQty'] });

/** Validated config. */
export type NoiseConfig = z.output<typeof noiseConfigSchema>;

const WAKE_ARRIVAL = 0;
const WAKE_EXPIRE = 1;

/** A Poisson noise trader. */
export class NoiseTrader implements Agent {
  readonly id: string;
  readonly role: string;
  private readonly rng: RandomStream;
  private readonly arrivals: RandomStream;
  private readonly venue: string;
  private readonly market: string;

  constructor(
    private readonly ctx: AgentContext,
    private readonly config: NoiseConfig,
  ) {
    this.id = ctx.id;
    this.role = ctx.role;
    this.rng = ctx.rng('orders');
    this.arrivals = ctx.rng('arrivals');
    this.venue = config.venue ?? ctx.venueIds[0]!;
    this.market = config.market ?? ctx.markets[0]!.id;
  }

  start(): void {
    this.scheduleNext();
  }

  private scheduleNext(): void {
    const gap = Math.max(1, Math.ceil(this.arrivals.exponential(1 / this.config.arrivalRatePerUnit)));
    this.ctx.wakeIn(gap, WAKE_ARRIVAL);
  }

  onWake(kind: number, arg: number): void {
    if (kind === WAKE_EXPIRE) {
      this.ctx.cancel(this.venue, arg as OrderId);
      return;
    }
    this.trade();
    this.scheduleNext();
  }

  private trade(): void {
    const c = this.config;
    const ctx = this.ctx;
    const side = this.rng.bernoulli(0.5) ? 'buy' : 'sell';
    const qty = c.minQty + this.rng.int(c.maxQty - c.minQty + 1);
    const caps = ctx.venues.capabilities(this.venue);
    const wantMarket = this.rng.bernoulli(c.marketShare);
    if (wantMarket && caps.marketOrders) {
      ctx.submitMarket(this.venue, { market: this.market, side, qty });
      return;
    }
    if (!caps.limitOrders) return;
    const s = ctx.venues.state(this.venue, this.market);
    const spec = ctx.markets.find((m) => m.id === this.market)!;
    const ref = s.mid === s.mid ? s.mid : s.last === s.last ? s.last : openingMidTicks(spec);
    const offset = c.minOffset + this.rng.int(c.maxOffset - c.minOffset + 1);
    const raw = side === 'buy' ? Math.floor(ref) - offset : Math.ceil(ref) + offset;
    const price = Math.max(1, raw);
    const id = ctx.submitLimit(this.venue, { market: this.market, side, price, qty });
    if (c.orderLifetime > 0) ctx.wakeIn(c.orderLifetime, WAKE_EXPIRE, id);
  }
}

/** The noise-trader plugin. */
export default definePlugin({
  id: 'agent-noise',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'noise',
  description: 'Poisson noise trader: random side, market or limit orders around the venue mid',
  configSchema: noiseConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new NoiseTrader(actx, ctx.config));
  },
});
