/**
 * Multi-asset mode: vector inventory, the portfolio risk in every reservation price, and the shared
 * covariance estimate from the markets' reference prices.
 */
import { describe, expect, it } from 'vitest';
import { definePlugin, z, type Agent, type AgentContext, type MarketSpec, type OrderId, type PluginDefinition } from '@venuelab/kernel';
import { capture, logTruth, runTest } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import rw from '@venuelab/plugin-truth-random-walk';
import { RISK_FEATURES } from '@venuelab/bayes';
import bayesian, { BayesianGlftPortfolio, type QuoteDiagnostics } from '../src/index.js';
import diagnostics from '../diagnostics/index.js';

const A: MarketSpec = { id: 'A', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const B: MarketSpec = { id: 'B', tickSize: 0.01, lotSize: 1, openingMid: 50, kind: 'price' };
const OFF = Object.fromEntries(RISK_FEATURES.map((f) => [f, 0]));
const P = { gamma: 0.05, sigma: 0.5, A: 0.5, kappa: 0.8 };
/** GLFT omega = gamma sigma^2 T, closed form. */
const OMEGA = Math.sqrt(((P.sigma * P.sigma * P.gamma) / (2 * P.kappa * P.A)) * Math.pow(1 + P.gamma / P.kappa, 1 + P.kappa / P.gamma));

/** Sends one market order at tick `t`. */
function taker(t: number, market: string, side: 'buy' | 'sell', qty: number): PluginDefinition {
  return definePlugin({
    id: 'taker',
    kind: 'agent',
    version: '0.1.0',
    kernel: '^0.1.0',
    configSchema: z.strictObject({}),
    register(ctx) {
      ctx.registerAgent(
        (a): Agent => ({
          id: a.id,
          role: a.role,
          start: () => {
            a.wakeAt(t);
          },
          onWake: () => {
            a.submitMarket(a.venueIds[0]!, { market, side, qty });
          },
        }),
      );
    },
  });
}

/** Every tick, replaces a one-lot bid and ask `half` ticks around the truth in every market. */
function truthQuoter(half: number): PluginDefinition {
  return definePlugin({
    id: 'truth-quoter',
    kind: 'agent',
    version: '0.1.0',
    kernel: '^0.1.0',
    configSchema: z.strictObject({}),
    register(ctx) {
      ctx.registerAgent((a: AgentContext): Agent => {
        const live: OrderId[] = [];
        return {
          id: a.id,
          role: a.role,
          start: () => {
            a.wakeIn(0);
          },
          onWake: () => {
            const v = a.venueIds[0]!;
            for (const id of live.splice(0)) a.cancel(v, id);
            for (const m of a.markets) {
              const f = Math.round(a.truth.fairAt(m.id, a.now()));
              live.push(a.submitLimit(v, { market: m.id, side: 'buy', price: f - half, qty: 1 }));
              live.push(a.submitLimit(v, { market: m.id, side: 'sell', price: f + half, qty: 1 }));
            }
            a.wakeIn(1);
          },
        };
      });
    },
  });
}

/** A maker of markets A and B with every input fixed and a fixed correlation `rho`. */
function fixedPortfolio(rho: number) {
  return {
    markets: ['A', 'B'],
    quoteSize: 2,
    maxInventory: 10,
    risk: { gammaBase: P.gamma, betas: OFF },
    volatility: { estimator: 'fixed', sigma: P.sigma },
    intensity: { estimator: 'fixed', A: P.A, kappa: P.kappa },
    drift: { estimator: 'none' },
    hawkes: { refitEvery: 0 },
    ladder: { levels: 1, pnlFilter: false },
    portfolio: { estimator: 'fixed', correlation: rho },
  };
}

function quotesAt(records: readonly QuoteDiagnostics[], market: string, t: number): QuoteDiagnostics {
  const r = records.find((x) => x.market === market && x.t === t);
  if (!r) throw new Error(`no quote of ${market} at ${t}`);
  return r;
}

describe('Bayesian GLFT multi-asset mode', () => {
  for (const rho of [1, 0, -0.5]) {
    it(`a long position in A shifts B's reservation price by -gamma T Sigma_AB q_A (rho = ${rho})`, () => {
      const agents: BayesianGlftPortfolio[] = [];
      const out = runTest({
        seed: 2,
        duration: 15,
        markets: [A, B],
        truth: { plugin: rw, config: { q: 0 } },
        venues: [{ plugin: clob, id: 'v' }],
        agents: [
          { plugin: capture(bayesian, agents), id: 'mm', latency: { reviewInterval: 10, orderLatency: 0 }, config: fixedPortfolio(rho) },
          { plugin: taker(3, 'A', 'sell', 2), id: 'taker', latency: { orderLatency: 0 } },
        ],
        metrics: [{ plugin: diagnostics, id: 'diag' }],
      });
      const mm = agents[0]!;
      expect(mm.inventories).toEqual([2, 0]);
      const recs = mm.makers.flatMap((m) => (m.lastQuote ? [m.lastQuote] : []));
      expect(recs.map((r) => [r.market, r.t])).toEqual([
        ['A', 10],
        ['B', 10],
      ]);
      // Sigma_AB = rho sigma_A sigma_B; T_B = omega_B / (gamma sigma_B^2), so gamma T_B Sigma_AB q_A = rho omega q_A.
      const qA = 2;
      const sigmaAB = rho * P.sigma * P.sigma;
      const T = OMEGA / (P.gamma * P.sigma * P.sigma);
      const b = quotesAt(recs, 'B', 10);
      expect(b.inventory).toBe(0);
      expect(b.effectiveInventory).toBeCloseTo(rho * qA, 12);
      expect(b.reservation - b.reference).toBeCloseTo(-P.gamma * T * sigmaAB * qA, 9);
      if (rho > 0) expect(b.reservation).toBeLessThan(b.reference);
      if (rho === 0) expect(b.reservation).toBe(b.reference);
      expect(b.correlation).toEqual({ A: rho });
      expect(b.portfolioVariance).toBeCloseTo(qA * qA * P.sigma * P.sigma, 12);
      expect(out.metrics.find((r) => r.metric === 'bglft_corr_A' && r.key === 'mm/B' && r.horizon === 10)!.value).toBe(rho);
      // A's own reservation price carries its own position only (B is flat): -gamma T sigma_A^2 q_A.
      const a = quotesAt(recs, 'A', 10);
      expect(a.reservation - a.reference).toBeCloseTo(-P.gamma * T * P.sigma * P.sigma * qA, 9);
      // The diagnostics rows are keyed by agent and market.
      const row = out.metrics.find((r) => r.metric === 'bglft_reservation' && r.key === 'mm/B' && r.horizon === 10)!;
      expect(row.value).toBeCloseTo(b.reservation, 9);
      // B's quotes sit a half-spread around its reservation price (the bid rounded down, the ask up).
      expect(b.bid).toBe(Math.floor(b.reservation - b.halfSpread - b.volatilityTerm + 1e-9));
      expect(b.ask).toBe(Math.ceil(b.reservation + b.halfSpread + b.volatilityTerm - 1e-9));
    });
  }

  it('estimates the correlation of its markets from their reference prices (truth correlation 0.7 -> within 0.08)', () => {
    const rho = 0.7;
    const n = 4000;
    // Correlated log-price paths: 3 price ticks per tick of standard deviation in each market.
    let seed = 12345;
    const uniform = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) + 0.5) / 4294967296;
    const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    const pa = new Float64Array(n + 1);
    const pb = new Float64Array(n + 1);
    pa[0] = Math.log(100);
    pb[0] = Math.log(50);
    for (let t = 1; t <= n; t++) {
      const c = normal();
      const e = normal();
      pa[t] = pa[t - 1]! + 3e-4 * c;
      pb[t] = pb[t - 1]! + 6e-4 * (rho * c + Math.sqrt(1 - rho * rho) * e);
    }
    const run = (returnInterval: number) => {
      const agents: BayesianGlftPortfolio[] = [];
      runTest({
        seed: 3,
        duration: n,
        markets: [A, B],
        truth: { plugin: logTruth((m, t) => (m === 'A' ? pa : pb)[Math.min(n, Math.floor(t))]!) },
        venues: [{ plugin: clob, id: 'v' }],
        agents: [
          {
            plugin: capture(bayesian, agents),
            id: 'mm',
            latency: { reviewInterval: 5, orderLatency: 0 },
            config: { markets: ['A', 'B'], volatility: { sigma: 3 }, ladder: { levels: 2 }, portfolio: { estimator: 'ewma', returnInterval, halfLife: 1e6, priorWeight: 20 } },
          },
          { plugin: truthQuoter(2), id: 'quoter', latency: { orderLatency: 0 } },
        ],
      });
      return agents[0]!;
    };
    // Every review (5 ticks) gives a return vector; returnInterval 20 takes one per 20 ticks.
    const sparse = run(20).covariance!.weight;
    expect(sparse).toBeGreaterThan(150);
    expect(sparse).toBeLessThanOrEqual(n / 20);
    const mm = run(5);
    expect(mm.covariance!.weight).toBeGreaterThan(700);
    const r = mm.correlation()[0]![1]!;
    expect(Math.abs(r - rho)).toBeLessThan(0.08);
    // Both markets were quoted all along.
    for (const m of mm.makers) expect(m.stats.quotesSent).toBeGreaterThan(100);
  });

  it('rejects market and markets together, and repeated markets', () => {
    const go = (config: object) =>
      runTest({ duration: 5, markets: [A, B], truth: { plugin: rw, config: { q: 0 } }, venues: [{ plugin: clob, id: 'v' }], agents: [{ plugin: bayesian, id: 'mm', config }] });
    expect(() => go({ market: 'A', markets: ['A', 'B'] })).toThrow(/market or markets/);
    expect(() => go({ markets: ['A', 'A'] })).toThrow(/repeat/);
  });
});
