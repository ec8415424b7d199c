/** Small in-test plugins for kernel tests (the kernel itself imports no plugin). */
import {
  definePlugin,
  emptyVenueState,
  RejectReason,
  z,
  type Agent,
  type AgentContext,
  type Fill,
  type OrderResult,
  type Venue,
  type VenueContext,
} from '../src/index.js';

/** A truth process fixed at 100 ticks. */
export const flatTruth = definePlugin({
  id: 'truth-flat',
  kind: 'truth',
  version: '1.0.0',
  kernel: '^0.1.0',
  configSchema: z.strictObject({ level: z.number().default(100) }),
  register(ctx) {
    const level = ctx.config.level;
    ctx.registerTruth((t) => ({
      id: t.id,
      space: 'linear',
      latentAt: () => level,
      fairAt: () => level,
      toTicks: (_m, x) => x,
      toLatent: (_m, x) => x,
    }));
  },
});

/** A venue that fills every market order at 100 against a house account, and rests nothing. */
class HouseVenue implements Venue {
  readonly capabilities = { mechanism: 'continuous' as const, limitOrders: false, marketOrders: true, prefersLimitForInformed: false, batchInterval: 0 };
  readonly markets: string[];
  readonly id: string;
  ticks: number[] = [];
  constructor(private readonly ctx: VenueContext) {
    this.id = ctx.id;
    this.markets = ctx.markets.map((m) => m.id);
  }
  participants() {
    return [{ id: 'house', role: 'house' }];
  }
  submitLimitOrder(o: { orderId: number }): OrderResult {
    return { orderId: o.orderId, status: 'rejected', filledQty: 0, remainingQty: 0, reason: RejectReason.Unsupported };
  }
  submitMarketOrder(o: { orderId: number; agentId: string; market: string; side: 'buy' | 'sell'; qty: number; submittedAt: number }): OrderResult {
    const fill: Fill = {
      venue: this.id,
      market: o.market,
      t: this.ctx.now(),
      price: 100,
      qty: o.qty,
      maker: { agentId: 'house', orderId: -1, side: o.side === 'buy' ? 'sell' : 'buy', fee: 0, liquidity: 'maker', submittedAt: 0 },
      taker: { agentId: o.agentId, orderId: o.orderId, side: o.side, fee: 0, liquidity: 'taker', submittedAt: o.submittedAt },
      midBefore: 100,
      midAfter: 100,
      batchId: -1,
    };
    this.ctx.fills.push(fill);
    return { orderId: o.orderId, status: 'filled', filledQty: o.qty, remainingQty: 0 };
  }
  cancelOrder(c: { orderId: number }): OrderResult {
    return { orderId: c.orderId, status: 'rejected', filledQty: 0, remainingQty: 0, reason: RejectReason.UnknownOrder };
  }
  getState(market: string) {
    return { ...emptyVenueState(market, this.ctx.now()), bestBid: 99, bestAsk: 101, mid: 100 };
  }
  estimateImpact() {
    return 0;
  }
  tick(t: number) {
    this.ticks.push(t);
  }
  restingOrderCount() {
    return 0;
  }
}

/** The house venue plugin. */
export const houseVenue = definePlugin({
  id: 'venue-house',
  kind: 'venue',
  version: '1.0.0',
  kernel: '^0.1.0',
  configSchema: z.strictObject({}),
  register(ctx) {
    ctx.registerVenue((v) => new HouseVenue(v));
  },
});

/** An agent that buys or sells one lot at random every `every` ticks; records what it saw. */
export class RandomTaker implements Agent {
  readonly id: string;
  readonly role: string;
  fills: { t: number; side: string }[] = [];
  wakes: number[] = [];
  constructor(
    private readonly ctx: AgentContext,
    private readonly cfg: { every: number; failAt: number },
  ) {
    this.id = ctx.id;
    this.role = ctx.role;
  }
  start() {
    this.ctx.wakeIn(this.cfg.every);
  }
  onWake(_k: number, _a: number, t: number) {
    this.wakes.push(t);
    if (t === this.cfg.failAt) throw new Error('boom');
    const side = this.ctx.rng('side').bernoulli(0.5) ? 'buy' : 'sell';
    this.ctx.submitMarket(this.ctx.venueIds[0]!, { market: this.ctx.markets[0]!.id, side, qty: 1 + this.ctx.rng('qty').int(3) });
    this.ctx.wakeIn(this.cfg.every);
  }
  onFill(_f: Fill, leg: { side: string }, t: number) {
    this.fills.push({ t, side: leg.side });
  }
}

/** The random taker plugin. */
export const randomTaker = definePlugin({
  id: 'agent-random-taker',
  kind: 'agent',
  version: '1.0.0',
  kernel: '^0.1.0',
  defaultRole: 'taker',
  configSchema: z.strictObject({ every: z.number().int().positive().default(3), failAt: z.number().int().default(-1) }),
  register(ctx) {
    ctx.registerAgent((a) => new RandomTaker(a, ctx.config));
  },
});

/** A metric counting fill legs; can be told to return NaN. */
export const legCount = definePlugin({
  id: 'metric-legs',
  kind: 'metric',
  version: '1.0.0',
  kernel: '^0.1.0',
  configSchema: z.strictObject({ nan: z.boolean().default(false) }),
  register(ctx) {
    ctx.registerMetric((m) => ({
      id: m.id,
      compute: (r) => [{ metric: 'legs', scope: 'all', key: '', horizon: null, value: ctx.config.nan ? NaN : (r.trades.t as number[]).length }],
    }));
  },
});

/** A plugin needing the kernel 9.x. */
export const futurePlugin = definePlugin({ ...randomTaker, id: 'agent-future', kernel: '^9.0.0' });
/** A plugin depending on a plugin that is absent. */
export const needyPlugin = definePlugin({ ...randomTaker, id: 'agent-needy', dependsOn: ['venue-missing'] });
