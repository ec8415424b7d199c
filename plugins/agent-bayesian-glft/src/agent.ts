/**
 * The Bayesian GLFT market maker agent.
 * @module
 */
import type { AgentContext, Fill, FillLeg } from '@venuelab/kernel';
import { askOnGrid, bidOnGrid, FillIntensityEstimator, MakerAgent, type MakerView, type QuoteLadder, type QuoteLevel } from '@venuelab/estimators';
import {
  correlationToCovariance,
  effectiveInventory,
  portfolioRisk,
  fitHawkes,
  glftLadder,
  glftQuote,
  HawkesIntensity,
  KappaPosterior,
  MarkoutModel,
  NigVolatility,
  OuDriftKalman,
  RiskModel,
  standardNormalCdf,
  type FeatureVector,
  type GlftQuote,
  type Ladder,
  type LadderLevel,
  type RiskAversion,
} from '@venuelab/bayes';
import { BayesianGlftDiagnostics, type DiagnosticsStore, type PostedLadderLevel, type QuoteDiagnostics } from './diagnostics.js';
import type { BayesianGlftConfig } from './schema.js';

/** Forwards the maker kit's exposure and fill records to the Gamma posterior of kappa and A. */
class PosteriorFeed extends FillIntensityEstimator {
  constructor(private readonly posterior: KappaPosterior) {
    super();
  }

  override addExposure(d: number, dt: number): void {
    this.posterior.addExposure(d, dt);
  }

  override addFill(d: number, n = 1): void {
    this.posterior.addFill(d, n);
  }
}

const MAX_HAWKES_EVENTS = 2000;

/**
 * What a maker of a multi-asset agent reads from its siblings: every market's inventory and sigma,
 * and the correlation matrix of the shared covariance estimate.
 */
export interface PortfolioLink {
  /** Index of this maker's market. */
  readonly index: number;
  /** Market ids of the portfolio, in index order. */
  readonly markets: readonly string[];
  /** Inventories of all markets, lots. */
  inventories(): number[];
  /** Sigmas of all markets as used now, price ticks per square-root tick. */
  sigmas(): number[];
  /** Correlation matrix of the markets' returns. */
  correlation(): number[][];
}

/** A reference-price observation of a review: tick, price, and whether others' book was two-sided. */
export interface ReferenceObservation {
  /** Tick. */
  t: number;
  /** Reference price, price ticks. */
  s: number;
  /** Others' book had both sides (the price is an observation, not a fallback). */
  twoSided: boolean;
}

/**
 * Quotes the GLFT closed form with every input from a posterior: `sigma` from a
 * Normal-Inverse-Gamma posterior on reference-price returns (with its realised-vs-predicted
 * correction), `kappa` and `A` from Gamma posteriors on own quote exposure and fills, the drift
 * from an OU Kalman filter whose observation variance is measured from its innovations, and
 * `gamma` from the log-additive risk model over volatility, toxicity (markout model), inventory,
 * Hawkes cascade intensity, book depth, posterior uncertainty and continuation probability. A
 * ladder of levels is formed per side and the expected-PnL filter drops levels whose spread
 * capture is below the expected adverse move; every kept level is posted with its size (the maker
 * kit's multi-level mode: unchanged levels stay, changed ones are cancelled and replaced). Each
 * quote's inputs and posted levels go to the diagnostics stream. In a multi-asset agent
 * ({@link BayesianGlftPortfolio}) the inventory in the GLFT formula is the portfolio's
 * `(Sigma q)_i / Sigma_ii`.
 */
export class BayesianGlftMaker extends MakerAgent {
  /** Volatility posterior (null when sigma is fixed). */
  readonly volatility: NigVolatility | null;
  /** Kappa and A posterior (null when fixed). */
  readonly intensityPosterior: KappaPosterior | null;
  /** Drift filter (null when the drift is off). */
  readonly drift: OuDriftKalman | null;
  /** Markout model. */
  readonly markout: MarkoutModel;
  /** Hawkes intensities of own buy and sell fills. */
  readonly hawkes: { buy: HawkesIntensity; sell: HawkesIntensity };
  /** The risk model. */
  readonly risk: RiskModel;
  /** The latest quote's diagnostics, or null. */
  lastQuote: QuoteDiagnostics | null = null;
  /** The latest review's reference price (NaN before the first). */
  lastObservation: ReferenceObservation = { t: NaN, s: NaN, twoSided: false };
  private readonly fillTimes: { buy: number[]; sell: number[] } = { buy: [], sell: [] };
  private readonly sinceFit = { buy: 0, sell: 0 };
  private lastT = NaN;
  private lastS = NaN;
  private lastRef = NaN;
  private store: DiagnosticsStore | null | undefined = undefined;

  /**
   * @param ctx - the agent's context
   * @param config - validated config
   * @param portfolio - the sibling markets of a multi-asset agent (null: single market)
   */
  constructor(
    ctx: AgentContext,
    private readonly config: BayesianGlftConfig,
    private readonly portfolio: PortfolioLink | null = null,
  ) {
    const posterior =
      config.intensity.estimator === 'gamma'
        ? new KappaPosterior({ kappa: config.intensity.kappa, A: config.intensity.A, kappaShape: config.intensity.priorShape, AShape: config.intensity.priorShape, binWidth: config.intensity.binWidth })
        : null;
    super(ctx, config, posterior ? new PosteriorFeed(posterior) : null);
    this.intensityPosterior = posterior;
    const s2 = config.volatility.sigma * config.volatility.sigma;
    this.volatility =
      config.volatility.estimator === 'nig'
        ? new NigVolatility({
            sigma2: s2 > 0 ? s2 : 1,
            a0: config.volatility.priorShape,
            halfLife: config.volatility.halfLife,
            correctionHalfLife: config.volatility.correctionHalfLife,
            clipSd: config.volatility.clipSd,
          })
        : null;
    if (config.drift.estimator === 'kalman') {
      this.drift = new OuDriftKalman({ theta: config.drift.theta, q: config.drift.q });
      this.drift.addSource('returns', config.drift.observationPrior ?? (s2 > 0 ? s2 : 1), 10, config.drift.observationHalfLife);
    } else this.drift = null;
    this.markout = new MarkoutModel({
      horizon: config.markout.horizon,
      priorMean: config.markout.priorMean,
      priorWeight: config.markout.priorWeight,
      slopePriorWeight: config.markout.slopePriorWeight,
      halfLife: config.markout.halfLife,
    });
    const hp = { mu: config.hawkes.mu, n: config.hawkes.n, beta: config.hawkes.beta };
    this.hawkes = { buy: new HawkesIntensity({ ...hp }), sell: new HawkesIntensity({ ...hp }) };
    this.risk = new RiskModel({ gammaBase: config.risk.gammaBase, bound: config.risk.bound, betas: config.risk.betas });
  }

  private diagnosticsStore(): DiagnosticsStore | null {
    if (this.store === undefined) {
      try {
        this.store = this.ctx.resolve(BayesianGlftDiagnostics);
      } catch {
        this.store = null;
      }
    }
    return this.store;
  }

  /** Sigma as used now (the posterior's corrected value, or the fixed one), price ticks per square-root tick. */
  get sigmaNow(): number {
    return this.inputs().sigma;
  }

  /** Lots of ladder level `j` (0 = innermost). */
  private levelSize(j: number): number {
    const sizes = this.config.ladder.sizes;
    if (sizes.length === 0) return this.config.quoteSize;
    return sizes[Math.min(j, sizes.length - 1)]!;
  }

  /**
   * The levels of one side to post: kept levels, price rounded onto the grid away from the
   * reference (so capture only grows), expected PnL at the grid price, a level dropped when it lands
   * on a more inner level's price, innermost first while a fill of all kept levels keeps the
   * inventory within `maxInventory`.
   */
  private sideLevels(levels: readonly LadderLevel[], side: 'buy' | 'sell', s: number, q: number): PostedLadderLevel[] {
    const out: PostedLadderLevel[] = [];
    const Q = this.config.maxInventory;
    let cum = 0;
    levels.forEach((l, j) => {
      if (!l.kept) return;
      const price = side === 'buy' ? bidOnGrid(this.grid, s - l.offset) : askOnGrid(this.grid, s + l.offset);
      if (!(price === price)) return;
      if (out.some((o) => o.price === price)) return;
      const size = this.levelSize(j);
      if (side === 'buy' ? q + cum + size > Q : q - cum - size < -Q) return;
      cum += size;
      const offset = side === 'buy' ? s - price : price - s;
      out.push({ side, index: j, price, size, expectedPnl: l.expectedPnl + (offset - l.offset) });
    });
    return out;
  }

  /** Sigma, kappa, A and drift as used now. */
  private inputs(): { sigma: number; correction: number; sigma2Cv: number; kappa: number; A: number; kappaCv: number; mu: number; muVar: number } {
    const c = this.config;
    let sigma = c.volatility.sigma;
    let correction = 1;
    let sigma2Cv = 0;
    if (this.volatility) {
      const v = this.volatility.summary();
      if (v.sigma2Corrected > 0) sigma = Math.sqrt(v.sigma2Corrected);
      correction = v.correction;
      sigma2Cv = Number.isFinite(v.sigma2Sd) ? v.sigma2Sd / v.sigma2 : 0;
    }
    let kappa = c.intensity.kappa;
    let A = c.intensity.A;
    let kappaCv = 0;
    if (this.intensityPosterior) {
      const k = this.intensityPosterior.summary();
      kappa = k.kappa;
      A = k.A;
      kappaCv = k.kappaSd / k.kappa;
    }
    const mu = this.drift ? this.drift.mean : 0;
    const muVar = this.drift ? this.drift.variance : 0;
    return { sigma, correction, sigma2Cv, kappa, A, kappaCv, mu, muVar };
  }

  protected override quotes(view: MakerView): QuoteLadder {
    const c = this.config;
    const t = view.t;
    const s = view.reference;
    this.lastRef = s;
    // Returns are read only between two-sided books of others: a one-sided book's fallback
    // reference (last trade, previous reference) is not a price observation.
    const twoSided = Number.isFinite(view.book.bestBid) && Number.isFinite(view.book.bestAsk);
    if (twoSided && Number.isFinite(s)) {
      if (this.lastT === this.lastT && t > this.lastT) {
        const dt = t - this.lastT;
        const r = s - this.lastS;
        this.volatility?.observe(r, dt);
        if (this.drift) {
          this.drift.predict(dt);
          this.drift.observe('returns', r / dt, dt);
        }
      }
      this.lastT = t;
      this.lastS = s;
    }
    this.lastObservation = { t, s, twoSided: twoSided && Number.isFinite(s) };
    this.markout.resolve(t, s);
    const inp = this.inputs();
    const q = view.inventory;
    let qEff = q;
    let portfolioVariance = q * q * inp.sigma * inp.sigma;
    const correlation: Record<string, number> = {};
    if (this.portfolio) {
      const i = this.portfolio.index;
      const qs = this.portfolio.inventories();
      qs[i] = q;
      const sig = this.portfolio.sigmas();
      sig[i] = inp.sigma;
      const R = this.portfolio.correlation();
      qEff = effectiveInventory(i, qs, sig, R);
      portfolioVariance = portfolioRisk(qs, correlationToCovariance(R, sig));
      this.portfolio.markets.forEach((m, j) => {
        if (j !== i) correlation[m] = R[i]![j]!;
      });
    }
    // Expected adverse move of a fill on each side now, given that side's cascade state.
    const advBid = this.markout.adverse(1, Math.log(this.hawkes.buy.ratio(t))).mean;
    const advAsk = this.markout.adverse(-1, Math.log(this.hawkes.sell.ratio(t))).mean;
    let risk: RiskAversion;
    if (this.risk.off) {
      risk = this.risk.evaluate({ volatility: 0, toxicity: 0, inventory: 0, hawkes: 0, depth: 0, uncertainty: 0, continuation: 0 });
    } else {
      const ref = glftQuote({ q: 0, gamma: c.risk.gammaBase, sigma: inp.sigma, A: inp.A, kappa: inp.kappa });
      let depth = 0;
      for (const l of view.book.bids) depth += l.qty;
      for (const l of view.book.asks) depth += l.qty;
      const pPos = inp.muVar > 0 ? standardNormalCdf(inp.mu / Math.sqrt(inp.muVar)) : 0.5;
      const Q = c.maxInventory;
      const x: FeatureVector = {
        volatility: c.volatility.sigma > 0 ? Math.log(inp.sigma / c.volatility.sigma) : 0,
        toxicity: Math.max(advBid, advAsk) / (ref.halfSpread + ref.volatilityTerm),
        inventory: Q > 0 ? (q / Q) ** 2 : 0,
        hawkes: Math.log(Math.max(this.hawkes.buy.ratio(t), this.hawkes.sell.ratio(t))),
        depth: -Math.log((depth + 1) / (c.risk.depthReference + 1)),
        uncertainty: inp.sigma2Cv + inp.kappaCv,
        continuation: q === 0 ? 0 : Math.sign(q) * (2 * pPos - 1),
      };
      risk = this.risk.evaluate(x);
    }
    const quote: GlftQuote = glftQuote({ q: qEff, gamma: risk.gamma, sigma: inp.sigma, A: inp.A, kappa: inp.kappa, mu: inp.mu, carry: c.carry });
    const ladder: Ladder = glftLadder({
      quote,
      levels: c.ladder.levels,
      spacing: c.ladder.spacing,
      adverseBid: advBid,
      adverseAsk: advAsk,
      fee: c.ladder.fee,
      filter: c.ladder.pnlFilter,
    });
    const bids = this.sideLevels(ladder.bids, 'buy', s, q);
    let asks = this.sideLevels(ladder.asks, 'sell', s, q);
    if (bids.length > 0 && asks.length > 0 && asks[0]!.price <= bids[0]!.price) {
      // A degenerate ladder (an ask at or below the best bid): asks are pushed one increment above
      // the best bid, as the maker kit does; the expected PnL is taken at the new price.
      const floor = askOnGrid(this.grid, bids[0]!.price + this.grid.increment);
      const moved: PostedLadderLevel[] = [];
      for (const a of asks) {
        const price = a.price <= bids[0]!.price ? floor : a.price;
        if (!(price === price) || moved.some((o) => o.price === price)) continue;
        moved.push({ ...a, price, expectedPnl: a.expectedPnl + (price - a.price) });
      }
      asks = moved;
    }
    const bid = bids.length > 0 ? bids[0]!.price : NaN;
    const ask = asks.length > 0 ? asks[0]!.price : NaN;
    const d: QuoteDiagnostics = {
      agent: this.id,
      market: this.market,
      t,
      reference: s,
      inventory: q,
      effectiveInventory: qEff,
      portfolioVariance,
      correlation,
      drift: inp.mu,
      driftVariance: inp.muVar,
      driftObservationVariance: this.drift ? this.drift.sourceVariance('returns') : NaN,
      sigma: inp.sigma,
      sigmaCorrection: inp.correction,
      kappa: inp.kappa,
      A: inp.A,
      gamma: risk.gamma,
      features: risk.features,
      contributions: risk.contributions,
      halfSpread: quote.halfSpread,
      volatilityTerm: quote.volatilityTerm,
      reservation: s + quote.reservationShift,
      inventorySkew: quote.inventorySkew,
      adverseBid: advBid,
      adverseAsk: advAsk,
      hawkesBuy: this.hawkes.buy.intensity(t),
      hawkesSell: this.hawkes.sell.intensity(t),
      bid,
      ask,
      levelsBid: ladder.bids.filter((l) => l.kept).length,
      levelsAsk: ladder.asks.filter((l) => l.kept).length,
      levels: [...bids, ...asks],
    };
    this.lastQuote = d;
    this.diagnosticsStore()?.push(d);
    const level = (l: PostedLadderLevel): QuoteLevel => ({ price: l.price, size: l.size });
    return { bids: bids.map(level), asks: asks.map(level) };
  }

  protected override inventoryLimit(): number {
    return this.config.maxInventory;
  }

  protected override onOwnFill(fill: Fill, leg: FillLeg): void {
    const sign = leg.side === 'buy' ? 1 : -1;
    const ref = Number.isFinite(fill.midBefore) ? fill.midBefore : this.lastRef;
    const side = leg.side === 'buy' ? 'buy' : 'sell';
    this.markout.addFill(fill.t, sign, ref, Math.log(this.hawkes[side].ratio(fill.t)));
    this.hawkes[side].addEvent(fill.t);
    const times = this.fillTimes[side];
    times.push(fill.t);
    if (times.length > MAX_HAWKES_EVENTS) times.splice(0, times.length - MAX_HAWKES_EVENTS);
    const every = this.config.hawkes.refitEvery;
    if (every > 0 && ++this.sinceFit[side] >= every && times.length >= 20) {
      this.sinceFit[side] = 0;
      const t0 = times[0]!;
      const T = fill.t - t0 + 1;
      try {
        const f = fitHawkes(
          times.map((x) => x - t0),
          T,
          { init: { ...this.hawkes[side].params }, maxIterations: 100 },
        );
        if (f.mu > 0 && f.n >= 0 && f.n < 0.99 && f.beta > 0 && Number.isFinite(f.beta)) this.hawkes[side].params = { mu: f.mu, n: f.n, beta: f.beta };
      } catch {
        /* too little data: keep the current parameters */
      }
    }
  }
}
