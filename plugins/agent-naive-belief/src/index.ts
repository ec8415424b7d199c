/**
 * `@venuelab/plugin-agent-naive-belief`: the naive Gaussian belief trader (role `naive`). It keeps
 * one Gaussian belief per market, absorbs routine signal readings with the time-aware (Kalman)
 * update, and trades when its belief and a venue's price differ by more than a threshold (in
 * latent units or price ticks): a market order on continuous venues, a limit order at its belief
 * on venues that prefer limit orders for traders with a valuation (batch venues).
 *
 * The package also exports the belief-trading core ({@link BeliefTrader}, the decision rule, the
 * order-type choice and the position book-keeping) that the tail-aware, aggregated-evidence and
 * joint-factor agents build on.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { ScalarBeliefAgent } from './naive-belief-agent.js';
import { naiveBeliefConfigSchema } from './schema.js';

export { BeliefTrader, BeliefWake, type BeliefTraderStats, type DecisionTrace } from './belief-trader.js';
export { ScalarBeliefAgent, type ScalarBeliefConfig } from './naive-belief-agent.js';
export { beliefDecision, chooseOrderType, referencePrices, valuationLimit, type BeliefTrade, type LatentScale, type OrderType, type ReferencePrices } from './decision.js';
export { Exposure } from './exposure.js';
export { naiveBeliefConfigSchema, scalarBeliefShape, tradingShape, type NaiveBeliefConfig, type TradingConfig } from './schema.js';

/** The naive Gaussian belief agent plugin. */
export default definePlugin({
  id: 'agent-naive-belief',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  defaultRole: 'naive',
  description: 'Naive Gaussian belief trader: routine signals, time-aware Kalman update, trades when belief and price differ by more than a threshold',
  configSchema: naiveBeliefConfigSchema,
  register(ctx) {
    ctx.registerAgent((actx) => new ScalarBeliefAgent(actx, ctx.config));
  },
});
