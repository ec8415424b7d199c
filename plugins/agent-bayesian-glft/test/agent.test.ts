import { describe, expect, it } from 'vitest';
import type { MarketSpec, PluginDefinition } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import fba from '@venuelab/plugin-venue-fba';
import rw from '@venuelab/plugin-truth-random-walk';
import noise from '@venuelab/plugin-agent-noise';
import glft from '@venuelab/plugin-agent-glft';
import { RISK_FEATURES } from '@venuelab/bayes';
import bayesian, { BayesianGlftMaker, diagnosticsPlugin } from '../src/index.js';
import diagnosticsDefault from '../diagnostics/index.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const truth = { plugin: rw, config: { q: 1e-8 } };
const crowd = { plugin: noise, id: 'noise', count: 10, config: { arrivalRatePerUnit: 0.05, marketShare: 0.4, maxOffset: 4, orderLifetime: 50 } };
const OFF = Object.fromEntries(RISK_FEATURES.map((f) => [f, 0]));

/** Wraps the plugin so the test can reach the agents it made. */
function capture(): { plugin: PluginDefinition; agents: BayesianGlftMaker[] } {
  const agents: BayesianGlftMaker[] = [];
  const plugin = {
    ...bayesian,
    register(ctx: Parameters<typeof bayesian.register>[0]) {
      bayesian.register({
        ...ctx,
        registerAgent: (f) =>
          ctx.registerAgent((a) => {
            const x = f(a) as BayesianGlftMaker;
            agents.push(x);
            return x;
          }),
      });
    },
  } as PluginDefinition;
  return { plugin, agents };
}

describe('Bayesian GLFT maker', () => {
  it('with its features off, gamma, sigma, kappa fixed and one level reproduces the plain GLFT maker exactly (orders and trades)', () => {
    for (const [venue, keepUnchanged] of [[clob, false], [fba, false], [clob, true]] as const) {
      const common = { seed: 4, duration: 2500, markets: [M], truth, venues: [{ plugin: venue, id: 'v' }] };
      const plain = runTest({
        ...common,
        agents: [{ plugin: glft, id: 'mm', latency: { reviewInterval: 5 }, config: { keepUnchanged, gamma: 0.05, maxInventory: 6, intensity: { A: 0.5, k: 0.8 }, volatility: { sigma: 0.5 } } }, crowd],
      });
      const mine = runTest({
        ...common,
        agents: [
          {
            plugin: bayesian,
            id: 'mm',
            latency: { reviewInterval: 5 },
            config: {
              keepUnchanged,
              maxInventory: 6,
              risk: { gammaBase: 0.05, betas: OFF },
              volatility: { estimator: 'fixed', sigma: 0.5 },
              intensity: { estimator: 'fixed', A: 0.5, kappa: 0.8 },
              drift: { estimator: 'none' },
              ladder: { levels: 1, pnlFilter: false },
            },
          },
          crowd,
        ],
      });
      const mmOrders = (o: typeof plain) => (o.record.orders.agent as string[]).filter((a) => a === 'mm').length;
      expect(mmOrders(plain)).toBeGreaterThan(200);
      expect(mine.record.orders).toEqual(plain.record.orders);
      expect(mine.record.trades).toEqual(plain.record.trades);
    }
  });

  it('writes every quote to the diagnostics stream; gamma is gamma_base times the exp of its contributions', () => {
    const cap = capture();
    const out = runTest({
      seed: 3,
      duration: 3000,
      markets: [M],
      truth,
      venues: [{ plugin: clob, id: 'v' }],
      agents: [{ plugin: cap.plugin, id: 'mm', latency: { reviewInterval: 5 }, config: { risk: { gammaBase: 0.05 }, volatility: { sigma: 0.5 } } }, crowd],
      metrics: [{ plugin: diagnosticsDefault, id: 'diag', config: { counterpartyRoles: ['noise'] } }],
    });
    const a = cap.agents[0]!;
    expect(a.stats.fills).toBeGreaterThan(20);
    const rows = out.metrics.filter((r) => r.scope === 'agent' && r.key === 'mm');
    const gamma = rows.filter((r) => r.metric === 'bglft_gamma');
    expect(gamma.length).toBe(a.stats.reviews);
    for (const g of gamma.slice(-50)) {
      const sum = RISK_FEATURES.reduce((s, f) => s + (rows.find((r) => r.metric === `bglft_c_${f}` && r.horizon === g.horizon)?.value ?? 0), 0);
      expect(Math.log(g.value)).toBeCloseTo(Math.log(0.05) + sum, 9);
    }
    // Inputs come from the posteriors, not the priors.
    const last = a.lastQuote!;
    expect(last.sigma).not.toBe(0.5);
    expect(last.kappa).not.toBe(1.5);
    expect(Number.isFinite(last.drift)).toBe(true);
    // The markout-by-counterparty rows add up to the maker's legs against noise traders.
    const vs = out.metrics.find((r) => r.metric === 'lots_vs_noise' && r.key === 'MM' && r.horizon === 0)!;
    const tr = out.record.trades;
    let lots = 0;
    for (let i = 0; i < (tr.agent as string[]).length; i++) if ((tr.agent as string[])[i] === 'mm') lots += (tr.qty as number[])[i]!;
    expect(vs.value).toBe(lots);
    expect(diagnosticsDefault).toBe(diagnosticsPlugin);
  });

  it('runs without the diagnostics metric, and keeps inventory within its bound on the FBA', () => {
    const cap = capture();
    const out = runTest({
      seed: 5,
      duration: 3000,
      markets: [M],
      truth,
      venues: [{ plugin: fba, id: 'v', config: { tau: 5 } }],
      agents: [{ plugin: cap.plugin, id: 'mm', latency: { reviewInterval: 5 }, config: { maxInventory: 3, volatility: { sigma: 0.5 } } }, crowd],
    });
    const a = cap.agents[0]!;
    expect(a.stats.fills).toBeGreaterThan(5);
    const tr = out.record.trades;
    let inv = 0;
    for (let i = 0; i < (tr.agent as string[]).length; i++) {
      if ((tr.agent as string[])[i] !== 'mm') continue;
      inv += ((tr.side as string[])[i] === 'buy' ? 1 : -1) * (tr.qty as number[])[i]!;
      expect(Math.abs(inv)).toBeLessThanOrEqual(3);
    }
    expect(a.lastQuote).not.toBeNull();
  });
});
