/**
 * A momentum / trend-following taker written against the arena interface: the arena's
 * trend-follower background population, and the example of a strategy in a few dozen lines.
 * @module
 */
import { z } from '@venuelab/kernel';
import { defineArenaStrategy, type ArenaConfig, type StrategyEnv } from './define.js';
import type { ArenaOrder, ArenaStrategy } from './types.js';

/** The trend follower's own config fields. */
export const trendFollowerShape = {
  fastHalfLife: z.number().positive().finite().default(20).describe('half-life in ticks of the fast EWMA of the mid'),
  slowHalfLife: z.number().positive().finite().default(200).describe('half-life in ticks of the slow EWMA of the mid'),
  threshold: z.number().nonnegative().finite().default(2).describe('buy when fast - slow exceeds this many price ticks, sell below minus it'),
  participation: z.number().min(0).max(1).default(0.3).describe('probability of trading a book at a decision where the signal fires'),
  qty: z.number().int().positive().default(1).describe('lots per market order'),
  maxPosition: z.number().int().positive().default(10).describe('largest absolute inventory per book in lots'),
};

/** Config of the trend follower. */
export type TrendFollowerConfig = ArenaConfig<typeof trendFollowerShape>;

/**
 * The trend follower's strategy. Per book: EWMAs of the mid (else the last trade) with weights
 * `1 - 2^(-dt / halfLife)`; when `fast - slow > threshold` and the inventory stays within
 * `maxPosition`, it buys `qty` at market with probability `participation`, and sells symmetrically.
 */
export function trendFollowerStrategy(c: Pick<TrendFollowerConfig, keyof typeof trendFollowerShape>, env: Pick<StrategyEnv, 'rng'>): ArenaStrategy {
  const rng = env.rng('trend');
  const ema = new Map<string, { fast: number; slow: number; t: number }>();
  const step = (prev: number, x: number, dt: number, h: number) => prev + (1 - 2 ** (-dt / h)) * (x - prev);
  return {
    onBooks(states, info) {
      const out: ArenaOrder[] = [];
      for (const b of states) {
        const x = Number.isFinite(b.mid) ? b.mid : b.last;
        if (!Number.isFinite(x)) continue;
        const e = ema.get(b.market);
        if (!e) {
          ema.set(b.market, { fast: x, slow: x, t: info.t });
          continue;
        }
        const dt = info.t - e.t;
        e.fast = step(e.fast, x, dt, c.fastHalfLife);
        e.slow = step(e.slow, x, dt, c.slowHalfLife);
        e.t = info.t;
        const signal = e.fast - e.slow;
        if (signal > c.threshold && b.inventory + c.qty <= c.maxPosition && rng.bernoulli(c.participation)) {
          out.push({ kind: 'take', market: b.market, side: 'buy', qty: c.qty });
        } else if (signal < -c.threshold && b.inventory - c.qty >= -c.maxPosition && rng.bernoulli(c.participation)) {
          out.push({ kind: 'take', market: b.market, side: 'sell', qty: c.qty });
        }
      }
      return out;
    },
  };
}

/** The trend-follower plugin (role `momentum`): {@link trendFollowerStrategy} on every book. */
export const trendFollower = defineArenaStrategy({
  id: 'agent-arena-strategy',
  version: '0.1.0',
  description: 'arena trend follower: takes liquidity in the direction of a fast-minus-slow EWMA of each book mid',
  defaultRole: 'momentum',
  shape: trendFollowerShape,
  create: trendFollowerStrategy,
});
