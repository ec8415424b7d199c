/**
 * The diagnostics metric of the Bayesian GLFT maker: the per-quote diagnostics as metric rows,
 * their means per agent and role, and markouts by counterparty role.
 * @module
 */
import { definePlugin, z, type Metric, type MetricRow, type RunRecord } from '@venuelab/kernel';
import { legMarkouts, legView } from '@venuelab/analysis/core';
import { RISK_FEATURES } from '@venuelab/bayes';
import { BayesianGlftDiagnostics, DiagnosticsStore, type QuoteDiagnostics } from './diagnostics.js';

/** Config schema of the diagnostics metric. */
export const diagnosticsConfigSchema = z
  .strictObject({
    perQuote: z
      .boolean()
      .default(true)
      .describe('emit one row per quote and field (scope agent, key = agent id, horizon = the quote tick); sweeps drop agent-scope rows unless asked'),
    makerRoles: z.array(z.string()).min(1).default(['MM']).describe('roles whose legs are marked out by counterparty role'),
    counterpartyRoles: z.array(z.string()).default(['informed', 'noise']).describe('counterparty roles reported separately'),
    horizons: z.array(z.number().int().nonnegative()).min(1).default([0, 20]).describe('truth-markout horizons in ticks'),
  })
  .describe('Bayesian GLFT diagnostics and markouts by counterparty role');

/** Validated config. */
export type DiagnosticsConfig = z.output<typeof diagnosticsConfigSchema>;

/** Scalar fields of a diagnostics record written as rows (`bglft_<name>`). */
export const DIAGNOSTIC_FIELDS = [
  'reference',
  'inventory',
  'effectiveInventory',
  'portfolioVariance',
  'drift',
  'driftVariance',
  'driftObservationVariance',
  'sigma',
  'sigmaCorrection',
  'kappa',
  'A',
  'gamma',
  'halfSpread',
  'volatilityTerm',
  'reservation',
  'inventorySkew',
  'adverseBid',
  'adverseAsk',
  'hawkesBuy',
  'hawkesSell',
  'bid',
  'ask',
  'levelsBid',
  'levelsAsk',
] as const satisfies readonly (keyof QuoteDiagnostics)[];

/**
 * The numeric values of one record by row metric name: `bglft_<field>`, `bglft_x_<feature>`,
 * `bglft_c_<feature>`, per posted ladder level `bglft_<bid|ask><index>_<price|size|pnl>` (e.g.
 * `bglft_bid2_price`: the posted price of bid level 2), and in multi-asset mode
 * `bglft_corr_<market>`: the correlation used with each other market.
 */
export function diagnosticValues(r: QuoteDiagnostics): [string, number][] {
  const out: [string, number][] = DIAGNOSTIC_FIELDS.map((f) => [`bglft_${f}`, r[f] as number]);
  for (const f of RISK_FEATURES) out.push([`bglft_x_${f}`, r.features[f]], [`bglft_c_${f}`, r.contributions[f]]);
  for (const l of r.levels) {
    const p = `bglft_${l.side === 'buy' ? 'bid' : 'ask'}${l.index}`;
    out.push([`${p}_price`, l.price], [`${p}_size`, l.size], [`${p}_pnl`, l.expectedPnl]);
  }
  for (const [m, v] of Object.entries(r.correlation)) out.push([`bglft_corr_${m}`, v]);
  return out;
}

/** Row key of a record: the agent id, or `<agent>/<market>` for an agent that quotes several markets. */
export function diagnosticKey(r: QuoteDiagnostics, multiMarket: boolean): string {
  return multiMarket ? `${r.agent}/${r.market}` : r.agent;
}

/**
 * Rows of the diagnostics:
 * - with `perQuote`, `bglft_*` per quote and field (see {@link diagnosticValues}): scope `agent`,
 *   key the agent id (`<agent>/<market>` for a multi-asset agent), horizon the quote's tick (the
 *   column carries the time so a run's quotes can be read back in order);
 * - `bglft_*_mean`: the mean over an agent's (or agent-market's) quotes (scope `agent`, same key)
 *   and over a role's quotes (scope `role`), horizon null; non-finite values (e.g. a side the
 *   filter dropped) are skipped;
 * - `markout_truth_vs_<role>` (tick-lots, sum) and `lots_vs_<role>` per maker role and counterparty
 *   role at each horizon: `sign (fair(t + D) - price) qty` over the maker role's legs whose
 *   counterparty has that role (scope `role`, key the maker role).
 */
export function diagnosticsRows(records: readonly QuoteDiagnostics[], record: RunRecord, c: DiagnosticsConfig): MetricRow[] {
  const rows: MetricRow[] = [];
  const roleOf = new Map(record.participants.map((p) => [p.id, p.role]));
  const sums = new Map<string, { scope: 'agent' | 'role'; key: string; metric: string; s: number; n: number }>();
  const add = (scope: 'agent' | 'role', key: string, metric: string, v: number) => {
    const k = `${scope}\u0000${key}\u0000${metric}`;
    let e = sums.get(k);
    if (!e) sums.set(k, (e = { scope, key, metric, s: 0, n: 0 }));
    e.s += v;
    e.n++;
  };
  const marketsOf = new Map<string, Set<string>>();
  for (const r of records) {
    let ms = marketsOf.get(r.agent);
    if (!ms) marketsOf.set(r.agent, (ms = new Set()));
    ms.add(r.market);
  }
  for (const r of records) {
    const role = roleOf.get(r.agent) ?? '';
    const key = diagnosticKey(r, marketsOf.get(r.agent)!.size > 1);
    for (const [m, v] of diagnosticValues(r)) {
      if (!Number.isFinite(v)) continue;
      if (c.perQuote) rows.push({ metric: m, scope: 'agent', key, horizon: r.t, value: v });
      add('agent', key, `${m}_mean`, v);
      add('role', role, `${m}_mean`, v);
    }
  }
  for (const e of sums.values()) rows.push({ metric: e.metric, scope: e.scope, key: e.key, horizon: null, value: e.s / e.n });
  const legs = legView(record);
  const cp = record.trades.counterparty as ArrayLike<string> | undefined;
  if (legs.n > 0 && cp) {
    for (const h of c.horizons) {
      const mk = legMarkouts(legs, 'truth', h);
      for (const maker of c.makerRoles) {
        for (const other of c.counterpartyRoles) {
          let s = 0;
          let lots = 0;
          for (let i = 0; i < legs.n; i++) {
            if (legs.role.levels[legs.role.codes[i]!] !== maker || roleOf.get(cp[i]!) !== other) continue;
            const v = mk[i]!;
            if (!Number.isFinite(v)) continue;
            s += v;
            lots += legs.qty[i]!;
          }
          rows.push({ metric: `markout_truth_vs_${other}`, scope: 'role', key: maker, horizon: h, value: s });
          rows.push({ metric: `lots_vs_${other}`, scope: 'role', key: maker, horizon: h, value: lots });
        }
      }
    }
  }
  return rows;
}

/**
 * The diagnostics metric plugin. Its `register` creates the run's {@link DiagnosticsStore} and
 * provides it under {@link BayesianGlftDiagnostics}; the makers write to it, the metric reads it
 * after the run. One store per run (made in `register`), no module-level state.
 */
export const diagnosticsPlugin = definePlugin({
  id: 'metric-bayesian-glft-diagnostics',
  kind: 'metric',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Bayesian GLFT maker: per-quote diagnostics (drift, sigma, kappa, gamma and its feature contributions) and markouts by counterparty role',
  configSchema: diagnosticsConfigSchema,
  register(ctx) {
    const store = new DiagnosticsStore();
    ctx.provide(BayesianGlftDiagnostics, () => store);
    ctx.registerMetric((mctx): Metric => ({ id: mctx.id, compute: (record) => diagnosticsRows(store.records, record, ctx.config) }));
  },
});
