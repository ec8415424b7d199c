/**
 * The metric contract: metrics read the finished run record, never the hot loop.
 * @module
 */
import type { RunRecord } from './record.js';

/** Scope of a metric row. */
export type MetricScope = 'all' | 'role' | 'agent' | 'venue' | 'market';

/** One tidy metric row: one run x group x metric. */
export interface MetricRow {
  /** Metric name, e.g. `markout_truth`. */
  metric: string;
  /** What the row aggregates over. */
  scope: MetricScope;
  /** Which role, agent, venue or market (empty for scope `all`). */
  key: string;
  /** Horizon in ticks where the metric has one; null otherwise. */
  horizon: number | null;
  /** The value; must be finite. */
  value: number;
}

/** A metric computed after a run from its record. */
export interface Metric {
  /** Component id. */
  readonly id: string;
  /** Computes tidy rows from a finished run. */
  compute(record: RunRecord): MetricRow[];
}
