/**
 * The run record: everything a finished run leaves behind, in columnar form, for metrics and files.
 * @module
 */
import type { MarketSpec } from './market.js';

/**
 * A column-oriented table: equal-length columns by name. Readable directly by arquero's `table()`.
 * In a run record, numeric columns are `Float64Array`s and string columns `string[]`s that the
 * kernel stores as dictionary codes and builds on first read; `dictionaryColumn(table, name)`
 * gives the codes without building the strings (what `@venuelab/analysis` uses).
 */
export interface Columns {
  [column: string]: ArrayLike<number> | ArrayLike<string>;
}

/** Participants of a run, for metrics that group by role. */
export interface ParticipantInfo {
  /** Agent (or pool) id. */
  id: string;
  /** Role tag (e.g. `LP`, `informed`, `noise`, `pool`). */
  role: string;
  /** Package name of the plugin that made it (or the venue's, for pools). */
  plugin: string;
}

/** A venue of a run. */
export interface VenueInfo {
  /** Venue id. */
  id: string;
  /** Package name of its plugin. */
  plugin: string;
  /** Matching mechanism. */
  mechanism: string;
}

/** Counters of a run. */
export interface RunStats {
  /** Scheduler events dispatched. */
  events: number;
  /** Fills drained. */
  fills: number;
  /** Orders and cancels sent through the router. */
  messages: number;
  /** Wall time of the `run` phase in milliseconds (not part of any deterministic output). */
  wallMs: number;
}

/**
 * The finished run. Column names of each table:
 * - `trades` (one row per fill leg): `fill_id, leg, t, venue, market, batch_id, agent, role, order_id,
 *   side, price, qty, fee, liquidity, submitted_at, mid_before, mid_after, counterparty`
 * - `orders` (one row per message): `t, arrived_at, agent, venue, market, order_id, action, side,
 *   price, qty, status, filled_qty, remaining_qty, reason`
 * - `mids` (one row per venue, market and sampled tick): `t, venue, market, best_bid, best_ask, mid`
 * - `truth` (one row per market and sampled tick): `t, market, latent, fair`
 */
export interface RunRecord {
  /** Run identifier (stable for a given config and seed). */
  runId: string;
  /** Root seed. */
  seed: number;
  /** Simulated duration in ticks. */
  duration: number;
  /** Markets. */
  markets: MarketSpec[];
  /** Agents and pools. */
  participants: ParticipantInfo[];
  /** Venues. */
  venues: VenueInfo[];
  /** Trade log, one row per fill leg. */
  trades: Columns;
  /** Order log, one row per message. */
  orders: Columns;
  /** Mid path. */
  mids: Columns;
  /** Truth path. */
  truth: Columns;
  /** Counters. */
  stats: RunStats;
}

/** Number of rows of a column table (length of its first column, 0 if none). */
export function rowCount(table: Columns): number {
  for (const k in table) return table[k]!.length;
  return 0;
}
