/**
 * `@venuelab/plugin-truth-random-walk`: fair values follow a Gaussian random walk in latent space
 * (log price, log-odds, or linear), with increments of variance `q` per tick, starting at each
 * market's opening mid. The path is a deterministic function of the run seed (one named stream per
 * market), precomputed for the whole run. With `correlation: rho > 0` the markets share one common
 * factor: each increment is `sqrt(rho) * common + sqrt(1 - rho) * own` (both of variance `q`), the
 * common shock drawn once per tick from its own stream, so any two markets' increments have
 * correlation `rho` and each market's variance is still `q`.
 * @packageDocumentation
 */
import { definePlugin, latentToTicks, openingMidTicks, ticksToLatent, z, type MarketSpec, type TruthContext, type TruthProcess } from '@venuelab/kernel';
import { resolveLatentSpace as resolveSpace } from '@venuelab/kernel';

/** Config schema of the random-walk truth. */
export const randomWalkConfigSchema = z
  .strictObject({
    q: z.number().nonnegative().default(1e-6).describe('variance of the latent increment per tick'),
    space: z
      .enum(['auto', 'log', 'logodds', 'linear'])
      .default('auto')
      .describe('latent space; auto = log for price markets, logodds for probability markets'),
    drift: z.number().default(0).describe('mean latent increment per tick'),
    correlation: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe(
        'one-factor model: correlation rho of any two markets\' increments; increment = sqrt(rho) * common shock + sqrt(1 - rho) * own shock (0 = independent walks)',
      ),
  })
  .describe('Gaussian random walk');

/** Validated config. */
export type RandomWalkConfig = z.output<typeof randomWalkConfigSchema>;

/** A Gaussian random walk truth process. */
export class RandomWalkTruth implements TruthProcess {
  readonly id: string;
  readonly space: 'log' | 'logodds' | 'linear';
  private readonly paths = new Map<string, Float64Array>();
  private readonly specs = new Map<string, MarketSpec>();

  constructor(ctx: TruthContext, config: RandomWalkConfig) {
    this.id = ctx.id;
    this.space = resolveSpace(config.space, ctx.markets, 'truth-random-walk');
    const sd = Math.sqrt(config.q);
    const rho = config.correlation;
    // Common factor: one standard normal per tick from its own stream, shared by every market.
    // Absent (rho = 0), nothing is drawn and each path is exactly the independent walk.
    let common: Float64Array | null = null;
    if (rho > 0 && sd > 0) {
      common = new Float64Array(ctx.duration + 1);
      const f = ctx.rng('factor:common');
      for (let t = 1; t <= ctx.duration; t++) common[t] = f.normal(0, 1);
    }
    const loading = Math.sqrt(rho) * sd;
    const ownSd = Math.sqrt(1 - rho) * sd;
    for (const m of ctx.markets) {
      this.specs.set(m.id, m);
      const path = new Float64Array(ctx.duration + 1);
      const rng = ctx.rng(`path:${m.id}`);
      let x = ticksToLatent(this.space, m.tickSize, openingMidTicks(m));
      path[0] = x;
      if (common) {
        for (let t = 1; t <= ctx.duration; t++) {
          x += config.drift + loading * common[t]! + rng.normal(0, ownSd);
          path[t] = x;
        }
      } else {
        for (let t = 1; t <= ctx.duration; t++) {
          x += config.drift + (sd > 0 ? rng.normal(0, sd) : 0);
          path[t] = x;
        }
      }
      this.paths.set(m.id, path);
    }
  }

  /** Latent value of a market at tick t (clamped to 0..duration). */
  latentAt(market: string, t: number): number {
    const p = this.paths.get(market);
    if (!p) throw new Error(`random walk: unknown market "${market}"`);
    const i = t <= 0 ? 0 : t >= p.length ? p.length - 1 : Math.floor(t);
    return p[i]!;
  }

  fairAt(market: string, t: number): number {
    return this.toTicks(market, this.latentAt(market, t));
  }

  toTicks(market: string, latent: number): number {
    return latentToTicks(this.space, this.specs.get(market)!.tickSize, latent);
  }

  toLatent(market: string, ticks: number): number {
    return ticksToLatent(this.space, this.specs.get(market)!.tickSize, ticks);
  }
}

/** The random-walk truth plugin. */
export default definePlugin({
  id: 'truth-random-walk',
  kind: 'truth',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Gaussian random walk of fair values (variance q per tick) in log, log-odds or linear space, optionally with a common factor (correlated markets)',
  configSchema: randomWalkConfigSchema,
  register(ctx) {
    ctx.registerTruth((tctx) => new RandomWalkTruth(tctx, ctx.config));
  },
});
