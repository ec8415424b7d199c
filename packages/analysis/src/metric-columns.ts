/**
 * Metric rows as the columns of a tidy metric table.
 * @module
 */
import type { Columns, MetricRow } from '@venuelab/kernel';

/** Column names of a tidy metric table, in order. */
export const METRIC_COLUMNS = ['run_id', 'seed', 'metric', 'scope', 'key', 'horizon', 'value'] as const;

/** Metric rows as columns `run_id, seed, metric, scope, key, horizon, value` (horizon NaN where none). */
export function metricColumns(rows: readonly MetricRow[], runId: string, seed: number): Columns {
  const n = rows.length;
  return {
    run_id: new Array<string>(n).fill(runId),
    seed: new Array<number>(n).fill(seed),
    metric: rows.map((r) => r.metric),
    scope: rows.map((r) => r.scope),
    key: rows.map((r) => r.key),
    horizon: rows.map((r) => (r.horizon === null ? NaN : r.horizon)),
    value: rows.map((r) => r.value),
  };
}
