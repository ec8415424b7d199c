/**
 * Arquero tables of a run record and of metric rows. Arquero reads the record's columns without
 * copying, so these are cheap to build; use them for exploration, joins and small aggregates.
 * The metrics' per-leg arithmetic and grouping over millions of legs run on typed arrays
 * ({@link legView}, {@link sumBy}): arquero's string `groupby` measured about 0.5 s per grouping on
 * 2 million legs, too slow to repeat for five scopes and several horizons within a run's time.
 * @module
 */
import * as arquero from 'arquero';
import type { Columns, MetricRow, RunRecord } from '@venuelab/kernel';
import { metricColumns } from './metric-columns.js';

/** Arquero itself (`aq.table`, `aq.from`, verbs, helpers), so metric plugins need no direct dependency. */
export const aq = arquero;

/** An arquero column table. */
export type ColumnTable = arquero.ColumnTable;

/** Arquero's operation library (`op.sum`, `op.mean`, ...). */
export const op = arquero.op;

/** An arquero table over a column table (no copy). */
export function columnsTable(columns: Columns): ColumnTable {
  return aq.table(columns as Record<string, ArrayLike<unknown>>);
}

/** Arquero tables of a run record's trade log, order log, mid path and truth path. */
export function recordTables(record: RunRecord): { trades: ColumnTable; orders: ColumnTable; mids: ColumnTable; truth: ColumnTable } {
  return {
    trades: columnsTable(record.trades),
    orders: columnsTable(record.orders),
    mids: columnsTable(record.mids),
    truth: columnsTable(record.truth),
  };
}

/** Metric rows as an arquero table (see {@link metricColumns}). */
export function metricTable(rows: readonly MetricRow[], runId: string, seed: number): ColumnTable {
  return columnsTable(metricColumns(rows, runId, seed));
}
