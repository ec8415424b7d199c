/**
 * Small helpers for the SQL this package sends to DuckDB (internal: not part of the public API).
 * @module
 */
import type { ResultRow } from './plots.js';

/** A SQL string literal: `'it''s'`. */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** A quoted SQL identifier: `"tau, ticks"`. */
export const sqlIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/**
 * Row objects from the columns of a query selecting cell, seed, metric, scope, key, horizon and
 * value in that order (seed and horizon cast to DOUBLE); `[]` for no rows, where the driver returns
 * no columns at all.
 */
export function metricRowsFromColumns(columns: unknown[][]): ResultRow[] {
  if (columns.length === 0) return [];
  const [cell, seed, metric, scope, key, horizon, value] = columns as [string[], number[], string[], string[], string[], (number | null)[], number[]];
  const out = new Array<ResultRow>(cell.length);
  for (let i = 0; i < cell.length; i++) out[i] = { cell: cell[i]!, seed: seed[i]!, metric: metric[i]!, scope: scope[i]!, key: key[i]!, horizon: horizon[i]!, value: value[i]! };
  return out;
}
