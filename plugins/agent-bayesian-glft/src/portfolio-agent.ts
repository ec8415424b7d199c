/**
 * Multi-asset mode of the Bayesian GLFT maker: several markets quoted at once with vector inventory
 * and a shared covariance estimate.
 * @module
 */
import { ErrorCode, VenuelabError, type Agent, type AgentContext, type Fill, type FillLeg, type OrderResult } from '@venuelab/kernel';
import { EwmaCovariance } from '@venuelab/bayes';
import { BayesianGlftMaker, type PortfolioLink } from './agent.js';
import type { BayesianGlftConfig } from './schema.js';

const WAKE_REVIEW = 0;

/**
 * A Bayesian GLFT maker quoting every market of `config.markets` on one venue. It holds one
 * {@link BayesianGlftMaker} per market (each with its own drift, sigma, kappa, markout and Hawkes
 * posteriors and its own gamma) and links them through the portfolio:
 * - vector inventory `q` (each market's fills);
 * - a shared covariance `Sigma = D R D`: `D` the per-market sigmas as each maker uses them, `R` the
 *   correlation of the markets' reference-price returns, estimated by an `EwmaCovariance` of `@venuelab/bayes`
 *   (shrunk to zero correlation by its prior) or fixed by config;
 * - market `i` is quoted by the single-asset GLFT formula with the inventory `(Sigma q)_i / Sigma_ii`,
 *   so its reservation price is `s_i + mu_i T_i - gamma_i T_i (Sigma q)_i - carry`
 *   (`T_i = omega_i / (gamma_i sigma_i^2)`), the gradient of the portfolio risk `q' Sigma q`.
 *
 * One review (every `reviewInterval` ticks) reviews the markets in config order, then, once at
 * least `portfolio.returnInterval` ticks have passed since the last absorbed prices, absorbs the
 * vector of reference-price returns since then into the covariance estimate (only when every
 * market's book of others was two-sided at both ends; a review where one was not restarts the
 * interval).
 */
export class BayesianGlftPortfolio implements Agent {
  /** Agent id. */
  readonly id: string;
  /** Role tag. */
  readonly role: string;
  /** Markets quoted, in config order. */
  readonly markets: readonly string[];
  /** One maker per market. */
  readonly makers: readonly BayesianGlftMaker[];
  /** The shared covariance estimate (null when the correlation is fixed). */
  readonly covariance: EwmaCovariance | null;
  private readonly fixed: number[][] | null;
  private prev: { t: number; s: number[] } | null = null;
  private active = false;
  private readonly returnInterval: number;

  /**
   * @param ctx - the agent's context
   * @param config - validated config with `markets`
   */
  constructor(
    private readonly ctx: AgentContext,
    config: BayesianGlftConfig,
  ) {
    const markets = config.markets ?? [];
    if (markets.length === 0) throw new VenuelabError(ErrorCode.Config, `agent ${ctx.id}: multi-asset mode needs markets`, { agent: ctx.id });
    if (config.market !== undefined) {
      throw new VenuelabError(ErrorCode.Config, `agent ${ctx.id}: set either market or markets, not both`, { agent: ctx.id, market: config.market });
    }
    if (new Set(markets).size !== markets.length) throw new VenuelabError(ErrorCode.Config, `agent ${ctx.id}: markets repeat (${markets.join(', ')})`, { agent: ctx.id });
    this.id = ctx.id;
    this.role = ctx.role;
    this.markets = [...markets];
    const n = markets.length;
    const p = config.portfolio;
    this.returnInterval = p.returnInterval;
    const s2 = config.volatility.sigma * config.volatility.sigma;
    this.covariance = p.estimator === 'ewma' ? new EwmaCovariance({ assets: n, halfLife: p.halfLife, priorVariance: s2 > 0 ? s2 : 1, priorWeight: p.priorWeight }) : null;
    this.fixed = p.estimator === 'fixed' ? Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : p.correlation))) : null;
    // The makers share the agent's context except its review schedule: this agent wakes them.
    const sub: AgentContext = {
      ...ctx,
      latency: {
        observationDelay: () => ctx.latency.observationDelay(),
        orderLatency: () => ctx.latency.orderLatency(),
        reviewInterval: () => 0,
      },
      wakeIn: () => -1,
      wakeAt: () => -1,
    };
    const makers: BayesianGlftMaker[] = [];
    for (let i = 0; i < n; i++) {
      const link: PortfolioLink = {
        index: i,
        markets: this.markets,
        inventories: () => makers.map((m) => m.inventory),
        sigmas: () => makers.map((m) => m.sigmaNow),
        correlation: () => this.correlation(),
      };
      makers.push(new BayesianGlftMaker(sub, { ...config, market: markets[i]!, markets: undefined }, link));
    }
    this.makers = makers;
  }

  /** Inventories by market, lots. */
  get inventories(): number[] {
    return this.makers.map((m) => m.inventory);
  }

  /** The correlation matrix in use (fixed, or of the shared covariance estimate). */
  correlation(): number[][] {
    return this.fixed ? this.fixed.map((r) => [...r]) : this.covariance!.correlation();
  }

  start(): void {
    for (const m of this.makers) m.start();
    this.active = this.makers.some((m) => m.quoting);
    if (this.active) this.ctx.wakeIn(0, WAKE_REVIEW);
  }

  onWake(kind: number): void {
    if (kind !== WAKE_REVIEW || !this.active) return;
    for (const m of this.makers) m.onWake(WAKE_REVIEW);
    this.observeReturns();
    this.ctx.wakeIn(this.ctx.latency.reviewInterval(), WAKE_REVIEW);
  }

  private observeReturns(): void {
    const obs = this.makers.map((m) => m.lastObservation);
    const t = this.ctx.now();
    if (!obs.every((o) => o.twoSided && o.t === t)) {
      this.prev = null;
      return;
    }
    const s = obs.map((o) => o.s);
    if (this.prev && t - this.prev.t < this.returnInterval) return;
    if (this.prev && this.covariance) {
      const prev = this.prev.s;
      this.covariance.observe(
        s.map((x, i) => x - prev[i]!),
        t - this.prev.t,
      );
    }
    this.prev = { t, s };
  }

  onFill(fill: Fill, leg: FillLeg): void {
    for (const m of this.makers) m.onFill(fill, leg);
  }

  onOrderResult(r: OrderResult, venueId: string, t: number): void {
    for (const m of this.makers) m.onOrderResult(r, venueId, t);
  }
}
