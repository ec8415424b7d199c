/**
 * The jump-diffusion truth process.
 * @module
 */
import {
  latentToTicks,
  openingMidTicks,
  ticksToLatent,
  type LatentSpace,
  type MarketSpec,
  type RandomStream,
  type TruthContext,
  type TruthProcess,
} from '@venuelab/kernel';
import type { JumpDiffusionConfig, JumpSize } from './schema.js';
import { resolveLatentSpace as resolveSpace } from '@venuelab/kernel';

/** One news jump of a market's latent value. */
export interface Jump {
  /** First tick whose latent value includes the jump. */
  t: number;
  /** Jump size in latent units. */
  size: number;
}

/** Draws one jump size. */
export function drawJumpSize(d: JumpSize, rng: RandomStream): number {
  switch (d.dist) {
    case 'normal':
      return d.sd > 0 ? rng.normal(d.mean, d.sd) : d.mean;
    case 'doubleExponential':
      return rng.bernoulli(d.pUp) ? rng.exponential(d.meanUp) : -rng.exponential(d.meanDown);
    case 'fixed':
      return rng.bernoulli(d.pUp) ? d.size : -d.size;
  }
}

/** Mean and variance of one jump size. */
export function jumpMoments(d: JumpSize): { mean: number; variance: number } {
  switch (d.dist) {
    case 'normal':
      return { mean: d.mean, variance: d.sd * d.sd };
    case 'doubleExponential': {
      const mean = d.pUp * d.meanUp - (1 - d.pUp) * d.meanDown;
      const second = 2 * (d.pUp * d.meanUp * d.meanUp + (1 - d.pUp) * d.meanDown * d.meanDown);
      return { mean, variance: second - mean * mean };
    }
    case 'fixed': {
      const mean = (2 * d.pUp - 1) * d.size;
      return { mean, variance: d.size * d.size - mean * mean };
    }
  }
}

/**
 * Fair values following a jump-diffusion in latent space from each market's opening mid:
 * `x_t = x_{t-1} + drift + N(0, q) + (sum of the jumps that arrive in (t-1, t])`, jumps arriving
 * as a Poisson process of rate `jumpRate` per tick. Each market has its own independent jumps.
 *
 * Streams (under `truth:<id>:`): `diffusion:<market>`, `jump-times:<market>` (exponential gaps
 * between arrivals), `jump-sizes:<market>`; changing the jump size distribution does not move the
 * jump times or the diffusion. Paths are precomputed for ticks 0..duration.
 */
export class JumpDiffusionTruth implements TruthProcess {
  readonly id: string;
  readonly space: LatentSpace;
  /** Latent variance per tick of the whole process: `q + jumpRate * E[J^2]` (the `q` a Gaussian tracker should assume). */
  readonly varianceRate: number;
  private readonly paths = new Map<string, Float64Array>();
  private readonly jumpLists = new Map<string, readonly Jump[]>();
  private readonly specs = new Map<string, MarketSpec>();

  /**
   * @param ctx - the truth context
   * @param config - the validated config
   */
  constructor(ctx: TruthContext, config: JumpDiffusionConfig) {
    this.id = ctx.id;
    this.space = resolveSpace(config.space, ctx.markets, 'truth-jump-diffusion');
    const jm = jumpMoments(config.jump);
    this.varianceRate = config.q + config.jumpRate * (jm.variance + jm.mean * jm.mean);
    const sd = Math.sqrt(config.q);
    const T = ctx.duration;
    for (const m of ctx.markets) {
      this.specs.set(m.id, m);
      const x0 = ticksToLatent(this.space, m.tickSize, openingMidTicks(m));
      if (!Number.isFinite(x0)) throw new Error(`truth-jump-diffusion: market ${m.id} has no finite anchor in ${this.space} space (opening mid ${m.openingMid})`);
      // jumps: arrival times on (0, T], applied from the first tick at or after the arrival
      const add = new Float64Array(T + 1);
      const jumps: Jump[] = [];
      if (config.jumpRate > 0) {
        const times = ctx.rng(`jump-times:${m.id}`);
        const sizes = ctx.rng(`jump-sizes:${m.id}`);
        const gap = 1 / config.jumpRate;
        for (let at = times.exponential(gap); at <= T; at += times.exponential(gap)) {
          const t = Math.max(1, Math.ceil(at));
          const size = drawJumpSize(config.jump, sizes);
          add[t] = add[t]! + size;
          jumps.push({ t, size });
        }
      }
      const diffusion = ctx.rng(`diffusion:${m.id}`);
      const path = new Float64Array(T + 1);
      let x = x0;
      path[0] = x;
      for (let t = 1; t <= T; t++) {
        x += config.drift + (sd > 0 ? diffusion.normal(0, sd) : 0) + add[t]!;
        path[t] = x;
      }
      this.paths.set(m.id, path);
      this.jumpLists.set(m.id, Object.freeze(jumps));
    }
  }

  /** The jumps of a market, in time order. */
  jumps(market: string): readonly Jump[] {
    const j = this.jumpLists.get(market);
    if (!j) throw new Error(`truth-jump-diffusion: unknown market "${market}"`);
    return j;
  }

  latentAt(market: string, t: number): number {
    const p = this.paths.get(market);
    if (!p) throw new Error(`truth-jump-diffusion: unknown market "${market}"`);
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
    if (!s) throw new Error(`truth-jump-diffusion: unknown market "${market}"`);
    return s;
  }
}
