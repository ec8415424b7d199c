/**
 * The frozen latent-factor truth process.
 * @module
 */
import { latentToTicks, openingMidTicks, ticksToLatent, type LatentSpace, type MarketSpec, type TruthContext, type TruthProcess } from '@venuelab/kernel';
import type { LatentFactorModel } from '@venuelab/models';
import type { FrozenConfig } from './schema.js';
import { resolveLatentSpace as resolveSpace } from '@venuelab/kernel';

/**
 * Fair values drawn once at t = 0 from a log-linear latent-factor model anchored to the opening
 * mids, `x_m = anchor_m + sum_k beta_mk f_k + e_m`, and never moved.
 *
 * Streams (all under `truth:<id>:`): `factors` (the K factor values, in order), `betas:<market>`
 * (the K drawn loadings of a market), `idio:<market>` (the market's idiosyncratic term); adding a
 * market changes no other market's draws.
 */
export class FrozenFactorTruth implements TruthProcess {
  readonly id: string;
  readonly space: LatentSpace;
  /** The drawn model (structure and realised values). */
  readonly model: LatentFactorModel;
  private readonly values = new Map<string, number>();
  private readonly specs = new Map<string, MarketSpec>();

  /**
   * @param ctx - the truth context
   * @param config - the validated config
   */
  constructor(ctx: TruthContext, config: FrozenConfig) {
    this.id = ctx.id;
    this.space = resolveSpace(config.space, ctx.markets, 'truth-frozen');
    const K = config.factors;
    const factorVariance = Array.isArray(config.factorVariance) ? [...config.factorVariance] : new Array<number>(K).fill(config.factorVariance);
    const fs = ctx.rng('factors');
    const factors = factorVariance.map((v) => (v > 0 ? fs.normal(0, Math.sqrt(v)) : 0));
    const anchors: Record<string, number> = {};
    const loadings: Record<string, number[]> = {};
    const idioVariance: Record<string, number> = {};
    const idiosyncratic: Record<string, number> = {};
    for (const [key, rec] of [
      ['betas', config.betas],
      ['idioVariance', typeof config.idioVariance === 'number' ? undefined : config.idioVariance],
    ] as const) {
      const unknown = Object.keys(rec ?? {}).filter((m) => !ctx.markets.some((s) => s.id === m));
      if (unknown.length > 0) throw new Error(`truth-frozen: ${key} names unknown market(s) ${unknown.join(', ')}`);
    }
    for (const m of ctx.markets) {
      this.specs.set(m.id, m);
      const anchor = ticksToLatent(this.space, m.tickSize, openingMidTicks(m));
      if (!Number.isFinite(anchor)) throw new Error(`truth-frozen: market ${m.id} has no finite anchor in ${this.space} space (opening mid ${m.openingMid})`);
      let beta: number[];
      if (config.betas) {
        const b = config.betas[m.id];
        if (!b) throw new Error(`truth-frozen: betas lists no loadings for market ${m.id}`);
        beta = [...b];
      } else {
        const bs = ctx.rng(`betas:${m.id}`);
        beta = Array.from({ length: K }, () => bs.normal(config.betaMean, config.betaSd));
      }
      const iv = typeof config.idioVariance === 'number' ? config.idioVariance : config.idioVariance[m.id];
      if (iv === undefined) throw new Error(`truth-frozen: idioVariance lists no variance for market ${m.id}`);
      const e = iv > 0 ? ctx.rng(`idio:${m.id}`).normal(0, Math.sqrt(iv)) : 0;
      let x = anchor + e;
      for (let k = 0; k < K; k++) x += beta[k]! * factors[k]!;
      anchors[m.id] = anchor;
      loadings[m.id] = beta;
      idioVariance[m.id] = iv;
      idiosyncratic[m.id] = e;
      this.values.set(m.id, x);
    }
    for (const b of Object.values(loadings)) Object.freeze(b);
    this.model = Object.freeze({
      space: this.space,
      markets: Object.freeze(ctx.markets.map((m) => m.id)),
      factorCount: K,
      anchors: Object.freeze(anchors),
      loadings: Object.freeze(loadings),
      factorVariance: Object.freeze(factorVariance),
      idioVariance: Object.freeze(idioVariance),
      factors: Object.freeze(factors),
      idiosyncratic: Object.freeze(idiosyncratic),
    });
  }

  latentAt(market: string, _t: number): number {
    const x = this.values.get(market);
    if (x === undefined) throw new Error(`truth-frozen: unknown market "${market}"`);
    return x;
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
    if (!s) throw new Error(`truth-frozen: unknown market "${market}"`);
    return s;
  }
}
