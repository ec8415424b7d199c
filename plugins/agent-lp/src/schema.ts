/**
 * Config schema of the LP market maker.
 * @module
 */
import { z } from '@venuelab/kernel';

/** Fields of the LP market maker (the endogenous-spread LP spreads them into its own schema). */
export const lpShape = {
  markets: z.array(z.string()).min(1).optional().describe('markets to quote (default: every market of the experiment)'),
  tiers: z.array(z.string()).min(1).default(['routine']).describe('signal tiers whose readings feed the belief the LP quotes around'),
  q: z
    .number()
    .nonnegative()
    .default(0)
    .describe('assumed process variance of the latent per tick (time-aware Kalman step); 0 = a static target'),
  priorPrecision: z.number().nonnegative().default(1e4).describe('precision of the prior belief, centred on the opening mid in latent space'),
  halfSpread: z.number().positive().default(2).describe('half-spread in price ticks: bid at floor(belief - halfSpread), ask at ceil(belief + halfSpread)'),
  qty: z.number().int().positive().default(5).describe('lots quoted on each side'),
  budget: z
    .number()
    .positive()
    .default(1_000_000)
    .describe('margin budget in tick-lots; the solvency gate closes when the margin used reaches it'),
  marginRate: z
    .number()
    .positive()
    .default(1)
    .describe('margin per tick-lot of net inventory value: margin used = marginRate * sum over markets of |net lots| * belief price (ticks)'),
  gate: z
    .enum(['reduceOnly', 'sitOut'])
    .default('reduceOnly')
    .describe(
      'what the LP does while the gate is closed: reduceOnly = sit out of the side that adds to its inventory, post only the side that reduces it; sitOut = post nothing (the gate then only reopens if its marks fall)',
    ),
  startAt: z.number().int().nonnegative().default(0).describe('tick of the first review (later reviews every reviewInterval ticks of the agent latency)'),
};

/** Config schema of the LP market maker. */
export const lpConfigSchema = z
  .strictObject(lpShape)
  .describe('LP market maker: quotes both sides around a stale belief, cancels and reposts each review, margins its net inventory');

/** Validated config of the LP market maker. */
export type LpConfig = z.output<typeof lpConfigSchema>;
