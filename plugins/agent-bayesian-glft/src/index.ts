/**
 * `@venuelab/plugin-agent-bayesian-glft`: a GLFT market maker whose every quoting number traces
 * back to a posterior or a measured quantity (drift: OU Kalman with measured observation
 * variance; sigma: Normal-Inverse-Gamma with a realised-vs-predicted correction; kappa and A:
 * Gamma posteriors; gamma: one log-additive model over volatility, toxicity, inventory, Hawkes
 * cascade intensity, depth, posterior uncertainty and continuation), with a ladder and an
 * expected-PnL level filter whose every kept level is posted. With `markets: [A, B, ...]` one agent
 * quotes several markets with vector inventory and a shared covariance in every reservation price
 * ({@link BayesianGlftPortfolio}). Role `MM`. The diagnostics metric ({@link diagnosticsPlugin}, the
 * default export of the `diagnostics/` folder) records every quote's inputs.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { BayesianGlftMaker } from './agent.js';
import { BayesianGlftPortfolio } from './portfolio-agent.js';
import { bayesianGlftConfigSchema } from './schema.js';

export { BayesianGlftMaker, type PortfolioLink, type ReferenceObservation } from './agent.js';
export { BayesianGlftPortfolio } from './portfolio-agent.js';
export { bayesianGlftConfigSchema, type BayesianGlftConfig } from './schema.js';
export { BayesianGlftDiagnostics, DiagnosticsStore, type PostedLadderLevel, type QuoteDiagnostics } from './diagnostics.js';
export { diagnosticsPlugin, diagnosticsConfigSchema, diagnosticsRows, diagnosticValues, diagnosticKey, DIAGNOSTIC_FIELDS, type DiagnosticsConfig } from './diagnostics-plugin.js';

/** The Bayesian GLFT market-maker plugin. */
export default definePlugin({
  id: 'agent-bayesian-glft',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'MM',
  description: 'Bayesian GLFT market maker: posteriors for drift, sigma, kappa and A, log-additive gamma, a posted ladder with expected-PnL filter, multi-asset mode',
  configSchema: bayesianGlftConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => (ctx.config.markets ? new BayesianGlftPortfolio(actx, ctx.config) : new BayesianGlftMaker(actx, ctx.config)));
  },
});
