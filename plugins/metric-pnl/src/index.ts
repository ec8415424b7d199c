/**
 * `@venuelab/plugin-metric-pnl`: PnL by agent and role (cash plus inventory marked at terminal
 * truth and at terminal mid), Sharpe of per-interval PnL, per-market consistency, volume, fees,
 * activity, and the conservation check (`conservation_residual`).
 * @packageDocumentation
 */
import { definePlugin } from '@venuelab/kernel';
import { PnlMetric } from './pnl.js';
import { pnlConfigSchema } from './schema.js';

export { PnlMetric, boundaries, cellGroups, cellPaths, cellPnl, sharpeOfPath, terminalMarks, type CellPnl } from './pnl.js';
export { pnlConfigSchema, type PnlConfig } from './schema.js';

/** The PnL metric plugin. */
export default definePlugin({
  id: 'metric-pnl',
  kind: 'metric',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'PnL by agent and role at terminal truth and mid, Sharpe, volume, activity, per-market consistency, conservation residual',
  configSchema: pnlConfigSchema,
  register(ctx) {
    ctx.registerMetric((mctx) => new PnlMetric(mctx.id, ctx.config));
  },
});
