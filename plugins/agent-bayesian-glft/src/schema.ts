/**
 * Config schema of the Bayesian GLFT market maker.
 * @module
 */
import { z } from '@venuelab/kernel';
import { makerBaseShape } from '@venuelab/estimators';

const beta = (def: number, what: string) => z.number().finite().default(def).describe(what);

/** Config schema of the Bayesian GLFT market maker. */
export const bayesianGlftConfigSchema = z
  .strictObject({
    ...makerBaseShape,
    keepUnchanged: z
      .boolean()
      .default(true)
      .describe('keep a live ladder level whose price and size are unchanged instead of cancelling and reposting it (keeps queue and batch priority; false = cancel and repost every level at every review, as the plain GLFT maker does by default)'),
    markets: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        'multi-asset mode: quote all these markets of the venue at once (one review quotes each in turn), with vector inventory and the shared covariance of `portfolio` entering every reservation price; replaces `market` (default: one market)',
      ),
    portfolio: z
      .strictObject({
        estimator: z
          .enum(['ewma', 'fixed'])
          .default('ewma')
          .describe("ewma: the correlation of the markets' reference-price returns, an EWMA covariance shrunk to a diagonal prior; fixed: `correlation` between every pair"),
        correlation: z.number().min(-1).max(1).default(0).describe('fixed: correlation of every pair of markets'),
        returnInterval: z
          .number()
          .int()
          .positive()
          .default(20)
          .describe(
            'ewma: ticks a return vector spans at least (reviews in between are skipped): over short intervals the bid-ask noise of reference prices swamps the common moves and biases the correlation towards 0',
          ),
        halfLife: z.number().positive().default(500).describe('ewma: half-life in return vectors of the evidence'),
        priorWeight: z.number().positive().default(20).describe('ewma: weight in return vectors of the prior (zero correlation, variances sigma^2 of `volatility.sigma`)'),
      })
      .prefault({})
      .describe(
        'multi-asset mode: Sigma = D R D with D the per-market sigmas (volatility posteriors) and R this correlation; market i is quoted with inventory (Sigma q)_i / Sigma_ii, i.e. reservation_i = s_i + mu_i T_i - gamma_i T_i (Sigma q)_i - carry',
      ),
    maxInventory: z
      .number()
      .int()
      .nonnegative()
      .default(10)
      .describe('inventory bound Q in lots: no bid when a fill would take inventory above Q, no ask when below -Q; also the scale of the inventory feature'),
    carry: z.number().finite().default(0).describe('carry (e.g. funding) per quote subtracted from the reservation price, price ticks'),
    risk: z
      .strictObject({
        gammaBase: z.number().positive().finite().default(0.01).describe('base risk aversion gamma_base per tick-lot'),
        bound: z.number().positive().finite().default(1).describe('bound c of each feature contribution to log gamma: c tanh(beta x / c)'),
        betas: z
          .strictObject({
            volatility: beta(0.5, 'beta of log(sigma / sigma prior)'),
            toxicity: beta(1, 'beta of the expected adverse move per fill over the reference GLFT half-spread'),
            inventory: beta(0.5, 'beta of (q / maxInventory)^2'),
            hawkes: beta(0.5, 'beta of log(lambda / mu) of the busier side of the same-side fill Hawkes intensity'),
            depth: beta(0.2, "beta of -log((others' visible depth + 1) / (depthReference + 1))"),
            uncertainty: beta(0.3, 'beta of the posterior coefficients of variation of sigma^2 and kappa (summed)'),
            continuation: beta(-0.5, 'beta of sign(q) (2 P(drift has the sign of q) - 1); negative: confidence in the position lowers gamma'),
          })
          .prefault({})
          .describe('coefficients of the log-additive risk model (0 switches a feature off)'),
        depthReference: z.number().nonnegative().finite().default(20).describe("others' visible lots (bookDepth levels, both sides) at which the depth feature is 0"),
      })
      .prefault({})
      .describe('risk aversion: log gamma = log gamma_base + sum_i c tanh(beta_i x_i / c), no other multiplier'),
    volatility: z
      .strictObject({
        estimator: z.enum(['nig', 'fixed']).default('nig').describe('nig: Normal-Inverse-Gamma posterior from reference-price returns; fixed: use sigma'),
        sigma: z.number().nonnegative().finite().default(1).describe('price ticks per square-root tick: the fixed value, or the prior mean (and the volatility feature reference)'),
        priorShape: z.number().positive().finite().default(3).describe('nig: prior shape a0 of the variance (its weight: 2 (a0 - 1) returns)'),
        halfLife: z.number().positive().default(2000).describe('nig: half-life of the evidence in observed returns'),
        correctionHalfLife: z.number().nonnegative().default(50).describe('nig: half-life in returns of the realised-vs-predicted correction (0 = none)'),
        clipSd: z.number().positive().default(6).describe('nig: a return further than this many predictive standard deviations is pulled in to that distance before it is absorbed'),
      })
      .prefault({})
      .describe('sigma'),
    intensity: z
      .strictObject({
        estimator: z.enum(['gamma', 'fixed']).default('gamma').describe('gamma: Gamma posteriors on kappa and A from own quote exposure and fills; fixed: use A and kappa'),
        A: z.number().positive().finite().default(0.7).describe('arrivals per tick at distance 0: the fixed value or the prior mean'),
        kappa: z.number().positive().finite().default(1.5).describe('decay per price tick: the fixed value or the prior mean'),
        priorShape: z.number().positive().finite().default(10).describe('gamma: prior shape of kappa and of A (their prior weight in fills)'),
        binWidth: z.number().positive().finite().default(0.5).describe('gamma: distance bin width in price ticks'),
      })
      .prefault({})
      .describe('fill intensity A exp(-kappa d)'),
    drift: z
      .strictObject({
        estimator: z.enum(['kalman', 'none']).default('kalman').describe('kalman: OU-drift Kalman filter on reference-price returns; none: zero drift'),
        theta: z.number().nonnegative().finite().default(0.01).describe('mean-reversion rate of the drift per tick'),
        q: z.number().nonnegative().finite().default(1e-4).describe('diffusion variance of the drift per tick (price ticks^2 per tick^3)'),
        observationPrior: z
          .number()
          .positive()
          .finite()
          .optional()
          .describe('prior noise variance of a one-tick return as a drift observation (default sigma^2); replaced by the measured innovation variance as evidence accumulates'),
        observationHalfLife: z.number().positive().default(500).describe('half-life in observations of the measured observation variance'),
      })
      .prefault({})
      .describe('drift of the reference price'),
    hawkes: z
      .strictObject({
        mu: z.number().positive().finite().default(0.02).describe('background rate of own fills per side per tick'),
        n: z.number().nonnegative().lt(1).default(0.5).describe('branching ratio'),
        beta: z.number().positive().finite().default(0.05).describe('decay rate per tick (a cascade stays elevated for about 1 / beta ticks)'),
        refitEvery: z.number().int().nonnegative().default(50).describe('refit (mu, n, beta) by EM from own fill times every this many fills of a side (0 = keep fixed)'),
      })
      .prefault({})
      .describe('Hawkes intensity of same-side fill cascades'),
    markout: z
      .strictObject({
        horizon: z.number().int().positive().default(20).describe('ticks after a fill at which its adverse move is read'),
        priorMean: z.number().finite().default(0).describe('prior mean adverse move per lot (price ticks)'),
        priorWeight: z.number().positive().default(10).describe('prior weight in fills of the mean adverse move'),
        slopePriorWeight: z
          .number()
          .positive()
          .default(10)
          .describe("prior weight of the slope of the adverse move in the side's Hawkes log excitation log(lambda / mu) at the fill (zero-mean prior)"),
        halfLife: z.number().positive().default(200).describe('half-life of the evidence in fills'),
      })
      .prefault({})
      .describe('markout model: expected adverse selection per side'),
    ladder: z
      .strictObject({
        levels: z.number().int().positive().default(4).describe('ladder levels per side considered; every level the filter keeps is posted'),
        sizes: z
          .array(z.number().int().positive())
          .default([])
          .describe('lots per level, innermost first, the last repeated for further levels (default: quoteSize at every level)'),
        spacing: z.number().positive().finite().default(1).describe('price ticks between ladder levels'),
        pnlFilter: z.boolean().default(true).describe('drop levels whose expected PnL (capture - expected adverse move - fee) is negative'),
        fee: z.number().finite().default(0).describe('maker fee per lot (tick-lots, negative = rebate) in the expected PnL'),
      })
      .prefault({})
      .describe(
        'ladder and expected-PnL filter: every kept level is posted (price rounded onto the grid away from the reference, levels innermost first while a fill of all of them keeps inventory within maxInventory)',
      ),
  })
  .describe('Bayesian GLFT market maker');

/** Validated config. */
export type BayesianGlftConfig = z.output<typeof bayesianGlftConfigSchema>;
