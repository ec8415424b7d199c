/**
 * The diagnostics stream: for every quote, the inputs that produced it.
 * @module
 */
import { createToken } from '@venuelab/kernel';
import type { FeatureVector } from '@venuelab/bayes';

/** One ladder level a quote posted (or kept resting, when unchanged). */
export interface PostedLadderLevel {
  /** Side. */
  side: 'buy' | 'sell';
  /** Level index in the ladder (0 = the GLFT quote, j = j spacings further out). */
  index: number;
  /** Limit price on the grid, price ticks. */
  price: number;
  /** Lots. */
  size: number;
  /** Expected profit per lot of a fill at this price: capture against the reservation price minus the expected adverse move minus the fee (tick-lots per lot; never negative with the filter on). */
  expectedPnl: number;
}

/** The inputs and outputs of one quote of a Bayesian GLFT maker. Prices in price ticks. */
export interface QuoteDiagnostics {
  /** Agent id. */
  agent: string;
  /** Market quoted. */
  market: string;
  /** Tick of the quote. */
  t: number;
  /** Reference price `s`. */
  reference: number;
  /** Inventory `q`, lots. */
  inventory: number;
  /** Inventory in the GLFT formula: `q`, or in multi-asset mode the portfolio's `(Sigma q)_i / Sigma_ii`. */
  effectiveInventory: number;
  /** Portfolio variance per tick `q' Sigma q` as the maker estimates it (`q^2 sigma^2` with one market), price-ticks^2 lots^2. */
  portfolioVariance: number;
  /** Multi-asset mode: the correlation used between this market and each other market, by market id (empty with one market). */
  correlation: Record<string, number>;
  /** Posterior mean drift, price ticks per tick. */
  drift: number;
  /** Posterior variance of the drift. */
  driftVariance: number;
  /** Measured observation variance of a one-tick return as a drift observation. */
  driftObservationVariance: number;
  /** Volatility used, price ticks per square-root tick. */
  sigma: number;
  /** Realised-vs-predicted correction applied to sigma^2 (1 = none). */
  sigmaCorrection: number;
  /** Fill-intensity decay used, per price tick. */
  kappa: number;
  /** Fill intensity at distance 0 used, per tick. */
  A: number;
  /** Risk aversion used. */
  gamma: number;
  /** Feature values of the risk model. */
  features: FeatureVector;
  /** Their contributions to log gamma. */
  contributions: FeatureVector;
  /** GLFT inventory-free half-spread `(1/gamma) ln(1 + gamma/kappa)`. */
  halfSpread: number;
  /** Volatility term `omega / 2`. */
  volatilityTerm: number;
  /** Reservation price `r`. */
  reservation: number;
  /** Inventory part of `r - s`. */
  inventorySkew: number;
  /** Expected adverse move after a bid fill (markout model). */
  adverseBid: number;
  /** Expected adverse move after an ask fill. */
  adverseAsk: number;
  /** Hawkes intensity of own buy fills. */
  hawkesBuy: number;
  /** Hawkes intensity of own sell fills. */
  hawkesSell: number;
  /** Innermost posted bid on the grid (NaN when no bid level is posted). */
  bid: number;
  /** Innermost posted ask on the grid (NaN when none). */
  ask: number;
  /** Ladder levels kept by the filter, bid side. */
  levelsBid: number;
  /** Ladder levels kept, ask side. */
  levelsAsk: number;
  /** The levels posted (bids innermost first, then asks): kept by the filter, on distinct grid prices, within the inventory bound. */
  levels: PostedLadderLevel[];
}

/** A run-scoped collection of quote diagnostics. */
export class DiagnosticsStore {
  /** Records in the order written. */
  readonly records: QuoteDiagnostics[] = [];

  /** Appends one record. */
  push(r: QuoteDiagnostics): void {
    this.records.push(r);
  }
}

/**
 * Token of the run's {@link DiagnosticsStore}. The diagnostics metric plugin provides it (one store
 * per run, created in its `register`); Bayesian GLFT makers resolve it at their first quote and
 * write to it when it is there. Without the metric in the experiment nothing is recorded.
 */
export const BayesianGlftDiagnostics = createToken<DiagnosticsStore>('bayesian-glft.Diagnostics');
