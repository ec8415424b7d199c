/**
 * Config fields shared by the belief-trading agents, and the naive agent's schema.
 * @module
 */
import { z } from '@venuelab/kernel';

/**
 * Fields of every belief trader: what it trades, when it decides, its threshold and its size.
 * Other belief-agent plugins spread this shape into their own `z.strictObject`.
 */
export const tradingShape = {
  markets: z.array(z.string()).min(1).optional().describe('markets the agent trades (default: every market of the experiment)'),
  tiers: z
    .array(z.string())
    .min(1)
    .default(['routine'])
    .describe('signal tiers whose readings the agent absorbs (readings of other tiers are ignored)'),
  threshold: z
    .number()
    .nonnegative()
    .default(0.002)
    .describe('the agent trades when its belief and the price differ by more than this (unit: thresholdUnit)'),
  thresholdUnit: z
    .enum(['latent', 'ticks'])
    .default('latent')
    .describe('latent: the gap is measured in the truth process latent space (log price: a relative gap); ticks: in price ticks'),
  qty: z.number().int().positive().default(1).describe('lots per order'),
  maxPosition: z
    .number()
    .int()
    .positive()
    .default(20)
    .describe('largest absolute net position per market in lots, counting filled lots and open orders, over all venues'),
  orderLifetime: z
    .number()
    .int()
    .positive()
    .default(20)
    .describe('ticks after which an order that is still open (a resting limit or a pending batch order) is cancelled'),
  decideOnSignal: z.boolean().default(true).describe('decide for the markets a reading informs as soon as the reading is absorbed'),
  review: z.boolean().default(true).describe('also decide for every market at each review (every reviewInterval ticks of the agent latency)'),
};

/** Fields of a scalar (per-market) Gaussian belief. */
export const scalarBeliefShape = {
  q: z
    .number()
    .nonnegative()
    .default(0)
    .describe('assumed process variance of the latent per tick (time-aware Kalman step); 0 = a static target (plain conjugate update)'),
  priorPrecision: z
    .number()
    .nonnegative()
    .default(1e4)
    .describe('precision of the prior belief, centred on the opening mid in latent space (0 = diffuse)'),
};

/** Config schema of the naive Gaussian belief agent. */
export const naiveBeliefConfigSchema = z
  .strictObject({ ...tradingShape, ...scalarBeliefShape })
  .describe('naive Gaussian belief trader: absorbs routine signals, trades when belief and price differ by more than a threshold');

/** Validated config of the naive belief agent. */
export type NaiveBeliefConfig = z.output<typeof naiveBeliefConfigSchema>;

/** The trading part of a belief agent's validated config. */
export interface TradingConfig {
  /** Markets traded (undefined: all). */
  markets?: string[];
  /** Absorbed tiers. */
  tiers: string[];
  /** Threshold. */
  threshold: number;
  /** Unit of the threshold. */
  thresholdUnit: 'latent' | 'ticks';
  /** Lots per order. */
  qty: number;
  /** Largest absolute net position per market. */
  maxPosition: number;
  /** Ticks before an open order is cancelled. */
  orderLifetime: number;
  /** Decide when a reading is absorbed. */
  decideOnSignal: boolean;
  /** Decide at each review. */
  review: boolean;
}
