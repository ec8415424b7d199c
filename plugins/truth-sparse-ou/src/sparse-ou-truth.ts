/**
 * The sparse mean-reverting truth process.
 * @module
 */
import { ouTransition } from '@venuelab/abides-models';
import { latentToTicks, openingMidTicks, ticksToLatent, type MarketSpec, type TruthContext, type TruthProcess } from '@venuelab/kernel';
import type { SparseOuConfig } from './schema.js';

/**
 * A fundamental in price ticks that follows an Ornstein-Uhlenbeck process toward `rBar`, drawn only
 * at grid points `0, g, 2g, ...` (g = `gridEvery`) with the exact OU transition between them, plus
 * megashocks: in each grid interval a Poisson number (rate `megashockRate` per tick) of jumps, each
 * `+/- megashockMean + N(0, megashockVar)`. The value is constant between grid points. The path
 * is drawn at construction from the stream `truth:<id>:path:<market>`, so it does not depend on
 * who reads it or when (ABIDES's oracle draws at query times instead). Memory is
 * `8 * duration / gridEvery` bytes per market. Latent space is `linear` (latent = price).
 */
export class SparseOuTruth implements TruthProcess {
  readonly id: string;
  readonly space = 'linear' as const;
  /** Megashocks drawn over the run (all markets). */
  readonly megashocks: number;
  private readonly paths = new Map<string, Float64Array>();
  private readonly specs = new Map<string, MarketSpec>();
  private readonly grid: number;

  /**
   * @param ctx - the truth context
   * @param config - the validated config
   */
  constructor(ctx: TruthContext, config: SparseOuConfig) {
    this.id = ctx.id;
    this.grid = config.gridEvery;
    let shocks = 0;
    const g = config.gridEvery;
    const step = ouTransition(0, 1, config.kappa, config.sigma, g);
    const a = step.mean; // e^(-kappa g)
    const sd = Math.sqrt(step.variance);
    const shockSd = Math.sqrt(config.megashockVar);
    for (const m of ctx.markets) {
      this.specs.set(m.id, m);
      const rBar = config.rBar ?? openingMidTicks(m);
      const rng = ctx.rng(`path:${m.id}`);
      const n = Math.floor(ctx.duration / g) + 2;
      const path = new Float64Array(n);
      let v = rBar;
      path[0] = v;
      for (let i = 1; i < n; i++) {
        v = rBar + (v - rBar) * a + (sd > 0 ? rng.normal(0, sd) : 0);
        const k = config.megashockRate > 0 ? rng.poisson(config.megashockRate * g) : 0;
        for (let j = 0; j < k; j++) {
          v += (rng.bernoulli(0.5) ? 1 : -1) * config.megashockMean + (shockSd > 0 ? rng.normal(0, shockSd) : 0);
          shocks++;
        }
        path[i] = v;
      }
      this.paths.set(m.id, path);
    }
    this.megashocks = shocks;
  }

  /** The fundamental of a market at tick t in price ticks (the value at the last grid point <= t). */
  valueAt(market: string, t: number): number {
    const p = this.paths.get(market);
    if (!p) throw new Error(`truth-sparse-ou: unknown market "${market}"`);
    const i = t <= 0 ? 0 : Math.min(p.length - 1, Math.floor(t / this.grid));
    return p[i]!;
  }

  latentAt(market: string, t: number): number {
    return this.valueAt(market, t) * this.spec(market).tickSize;
  }

  fairAt(market: string, t: number): number {
    return this.valueAt(market, t);
  }

  toTicks(market: string, latent: number): number {
    return latentToTicks(this.space, this.spec(market).tickSize, latent);
  }

  toLatent(market: string, ticks: number): number {
    return ticksToLatent(this.space, this.spec(market).tickSize, ticks);
  }

  private spec(market: string): MarketSpec {
    const s = this.specs.get(market);
    if (!s) throw new Error(`truth-sparse-ou: unknown market "${market}"`);
    return s;
  }
}
