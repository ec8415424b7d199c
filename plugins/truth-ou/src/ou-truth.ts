/**
 * The Ornstein-Uhlenbeck truth process.
 * @module
 */
import { latentToTicks, openingMidTicks, ticksToLatent, type LatentSpace, type MarketSpec, type TruthContext, type TruthProcess } from '@venuelab/kernel';
import type { OuConfig } from './schema.js';
import { resolveLatentSpace as resolveSpace } from '@venuelab/kernel';

/**
 * Per-tick coefficients of the exact discretisation of `dx = kappa (mu - x) dt + sigma dW`:
 * `x_{t+1} = mu + a (x_t - mu) + sd * Z` with `a = exp(-kappa)` and
 * `sd^2 = sigma^2 (1 - exp(-2 kappa)) / (2 kappa)` (`sigma^2` when `kappa = 0`).
 */
export function ouStep(kappa: number, sigma: number): { a: number; sd: number } {
  if (kappa === 0) return { a: 1, sd: sigma };
  return { a: Math.exp(-kappa), sd: sigma * Math.sqrt(-Math.expm1(-2 * kappa) / (2 * kappa)) };
}

/**
 * Fair values following an Ornstein-Uhlenbeck process in latent space around each market's anchor
 * (its opening mid in latent space, plus `meanOffset`), simulated with the exact discretisation, so
 * the law of the path does not depend on a step size. One stream per market (`truth:<id>:path:<market>`);
 * the path is precomputed for ticks 0..duration.
 */
export class OuTruth implements TruthProcess {
  readonly id: string;
  readonly space: LatentSpace;
  private readonly paths = new Map<string, Float64Array>();
  private readonly specs = new Map<string, MarketSpec>();
  private readonly means = new Map<string, number>();

  /**
   * @param ctx - the truth context
   * @param config - the validated config
   */
  constructor(ctx: TruthContext, config: OuConfig) {
    this.id = ctx.id;
    this.space = resolveSpace(config.space, ctx.markets, 'truth-ou');
    const { a, sd } = ouStep(config.kappa, config.sigma);
    for (const m of ctx.markets) {
      this.specs.set(m.id, m);
      const anchor = ticksToLatent(this.space, m.tickSize, openingMidTicks(m));
      if (!Number.isFinite(anchor)) throw new Error(`truth-ou: market ${m.id} has no finite anchor in ${this.space} space (opening mid ${m.openingMid})`);
      const mu = anchor + config.meanOffset;
      this.means.set(m.id, mu);
      const rng = ctx.rng(`path:${m.id}`);
      const path = new Float64Array(ctx.duration + 1);
      let x = config.start === 'stationary' ? mu + rng.normal(0, config.sigma / Math.sqrt(2 * config.kappa)) : anchor;
      path[0] = x;
      for (let t = 1; t <= ctx.duration; t++) {
        x = mu + a * (x - mu) + (sd > 0 ? rng.normal(0, sd) : 0);
        path[t] = x;
      }
      this.paths.set(m.id, path);
    }
  }

  /** Long-run mean of a market's latent value. */
  meanOf(market: string): number {
    const mu = this.means.get(market);
    if (mu === undefined) throw new Error(`truth-ou: unknown market "${market}"`);
    return mu;
  }

  latentAt(market: string, t: number): number {
    const p = this.paths.get(market);
    if (!p) throw new Error(`truth-ou: unknown market "${market}"`);
    const i = t <= 0 ? 0 : t >= p.length ? p.length - 1 : Math.floor(t);
    return p[i]!;
  }

  fairAt(market: string, t: number): number {
    return this.toTicks(market, this.latentAt(market, t));
  }

  toTicks(market: string, latent: number): number {
    return latentToTicks(this.space, this.spec(market).tickSize, latent);
  }

  toLatent(market: string, ticks: number): number {
    return ticksToLatent(this.space, this.spec(market).tickSize, ticks);
  }

  private spec(market: string): MarketSpec {
    const s = this.specs.get(market);
    if (!s) throw new Error(`truth-ou: unknown market "${market}"`);
    return s;
  }
}
