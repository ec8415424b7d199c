/**
 * `@venuelab/plugin-metric-arena-score`: the arena competition score of multi-book strategies:
 * per-book Sharpe of the strategy's marked PnL, an activity factor from its traded volume against
 * a reference, an outlier penalty across books and the final score, plus win rate and inventory
 * utilisation. Formulas: see the README and {@link arenaScore}.
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { arenaScoreRows } from './metric.js';
import { arenaScoreConfigSchema } from './schema.js';

export { arenaScoreRows, inventoryUtilisation, scoredAgents } from './metric.js';
export { bookPaths, marksAt, sampleTicks, type BookPath } from './pnl-series.js';
export { arenaScoreConfigSchema, type ArenaScoreConfig } from './schema.js';
export {
  activityFactor,
  arenaScore,
  bookCorrelation,
  increments,
  mean,
  median,
  outlierPenalty,
  portfolioSharpe,
  sharpe,
  winRate,
  type ArenaScore,
  type BookScore,
  type BookSeries,
  type ScoreParams,
} from './score.js';

/** The arena score metric plugin. */
export default definePlugin({
  id: 'metric-arena-score',
  kind: 'metric',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'arena competition score: per-book Sharpe, activity factor, outlier penalty, final score, win rate, inventory utilisation',
  configSchema: arenaScoreConfigSchema,
  register(ctx) {
    ctx.registerMetric((mctx) => ({ id: mctx.id, compute: (record) => arenaScoreRows(record, ctx.config) }));
  },
});
