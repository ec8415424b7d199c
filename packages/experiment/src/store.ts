/**
 * The results store: an embedded DuckDB database in the sweep's output folder. Runs are written in
 * transactions keyed by (sweep id, cell, seed), replacing any earlier rows of the same key, so
 * retries and duplicates can never double-count and a killed sweep leaves only whole runs behind.
 * Runs are grouped into transactions (group commit, see {@link GroupCommit}): each SQL statement
 * and each commit costs milliseconds of CPU through the driver, on the thread that also feeds the
 * workers, so one transaction per run would take a share of the machine from the simulations.
 * @module
 */
import { renameSync, rmSync } from 'node:fs';
import { BIGINT, DOUBLE, DuckDBDataChunk, DuckDBInstance, INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { MetricScope } from '@venuelab/kernel';
import { tempSibling } from './files.js';
import type { ResultRow } from './plots.js';
import { metricRowsFromColumns, sqlIdent as ident, sqlString as lit } from './sql.js';
import type { RowKey } from './stats.js';
import type { Cell } from './sweep-spec.js';
import type { SweepTaskResult } from './sweep-worker.js';

/** A stored run. */
export interface StoredRun {
  cell: string;
  seed: number;
  status: string;
  error: string;
}

/**
 * FROM clause of a sweep's metric rows `m` from successful runs, each with its cell `c` (in
 * `vl_cells`) and row key `k` (in `vl_keys`): see `ResultsStore.withSweepTables`.
 */
const okRows = (sweepId: string) => `metrics m JOIN runs r USING (sweep_id, cell, seed) JOIN vl_cells c ON c.cell = m.cell
  JOIN vl_keys k ON k.metric = m.metric AND k.scope = m.scope AND k.key = m.key AND k.horizon IS NOT DISTINCT FROM m.horizon
  WHERE m.sweep_id = ${lit(sweepId)} AND r.status = 'ok'`;

/** `b` holding `a`'s values at its start. */
const grown = <T extends Int32Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
const runKey = (cell: string, seed: number) => `${cell}\u0000${seed}`;

/**
 * How the store groups runs into transactions. A run is durable (and its `put` resolves) once its
 * transaction commits; a sweep killed meanwhile loses only runs that had not committed yet, which a
 * resumed sweep runs again.
 */
export interface GroupCommit {
  /** Longest a run waits for others to share its transaction, in ms (0: commit at once). */
  lingerMs: number;
  /** Most runs in one transaction: a commit starts as soon as this many are waiting. */
  maxRuns: number;
}

/**
 * The sweep's default: a run waits at most 200 ms (a progress bar still moves several times a
 * second). Measured on the pi-curve sweep, one run alone costs about 4 ms of CPU to store (2.7 ms
 * on the calling thread, the rest on libuv's and DuckDB's threads), a run in a group of 16 about
 * 0.85 ms.
 */
export const DEFAULT_GROUP_COMMIT: GroupCommit = { lingerMs: 200, maxRuns: 256 };

/** A run waiting for the next group commit. */
interface PendingPut {
  sweepId: string;
  r: SweepTaskResult;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** An open results store. */
export class ResultsStore {
  private chain: Promise<unknown> = Promise.resolve();
  private queue: PendingPut[] = [];
  private linger: ReturnType<typeof setTimeout> | null = null;
  private readonly known = new Map<string, Set<string>>();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    private readonly group: GroupCommit,
  ) {}

  /** Opens (or creates) the store at `path`; `group` sets how runs share transactions. */
  static async open(path: string, group: GroupCommit = DEFAULT_GROUP_COMMIT): Promise<ResultsStore> {
    if (!(group.lingerMs >= 0) || !(group.maxRuns >= 1)) throw new RangeError(`group commit: lingerMs must be >= 0 and maxRuns >= 1, got ${JSON.stringify(group)}`);
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    await conn.run(`CREATE TABLE IF NOT EXISTS runs (
      sweep_id VARCHAR NOT NULL, cell VARCHAR NOT NULL, seed BIGINT NOT NULL, status VARCHAR NOT NULL,
      error VARCHAR, code VARCHAR, events BIGINT, fills BIGINT, wall_ms DOUBLE,
      PRIMARY KEY (sweep_id, cell, seed))`);
    await conn.run(`CREATE TABLE IF NOT EXISTS metrics (
      sweep_id VARCHAR NOT NULL, cell VARCHAR NOT NULL, seed BIGINT NOT NULL, metric VARCHAR NOT NULL,
      scope VARCHAR NOT NULL, key VARCHAR NOT NULL, horizon BIGINT, value DOUBLE NOT NULL)`);
    return new ResultsStore(instance, conn, group);
  }

  /** Runs already stored for a sweep. */
  async runs(sweepId: string): Promise<StoredRun[]> {
    await this.settled();
    const r = await this.conn.runAndReadAll(`SELECT cell, seed, status, coalesce(error, '') AS error FROM runs WHERE sweep_id = ${lit(sweepId)}`);
    return r.getRowObjects().map((o) => ({ cell: String(o.cell), seed: Number(o.seed), status: String(o.status), error: String(o.error) }));
  }

  /**
   * Stores one run, replacing an earlier one of the same key, and resolves once it is committed.
   * The run joins the next transaction (see {@link GroupCommit}): that starts when `maxRuns` runs
   * wait, `lingerMs` after the first of them arrived, or at {@link flush}; runs that arrive while a
   * transaction is being written go in the next one. Each run's rows are written whole or not at
   * all, and a transaction that fails rejects the `put` of every run in it.
   */
  put(sweepId: string, r: SweepTaskResult): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiting = this.queue.push({ sweepId, r, resolve, reject });
      if (waiting === this.group.maxRuns) this.flushQuietly();
      else if (this.group.lingerMs === 0) {
        if (waiting === 1) this.flushQuietly(); // later arrivals join it until it starts
      } else this.linger ??= setTimeout(() => this.flushQuietly(), this.group.lingerMs);
    });
  }

  /**
   * Commits the runs waiting now without waiting out the linger (a sweep calls it when its last run
   * has arrived); resolves once they are committed (rejects if that transaction fails).
   */
  flush(): Promise<void> {
    if (this.linger) clearTimeout(this.linger);
    this.linger = null;
    const done = this.chain.then(() => this.commitQueued());
    this.chain = done.catch(() => undefined);
    return done;
  }

  /** {@link flush} whose failure only the waiting runs' `put`s report. */
  private flushQuietly(): void {
    this.flush().catch(() => undefined);
  }

  /** Writes every queued run in one transaction. */
  private async commitQueued(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    try {
      await this.conn.run('BEGIN TRANSACTION');
      let added: Array<[Set<string>, string]>;
      try {
        added = await this.write(batch);
        await this.conn.run('COMMIT');
      } catch (e) {
        await this.conn.run('ROLLBACK');
        throw e;
      }
      for (const [keys, k] of added) keys.add(k);
      for (const p of batch) p.resolve();
    } catch (e) {
      for (const p of batch) p.reject(e);
      throw e;
    }
  }

  /**
   * The (cell, seed) keys of a sweep's stored runs, read once per sweep and then kept up to date by
   * this store (DuckDB locks its file, so no other writer can change them). With it a run that is
   * new needs no lookup before it is written: each SQL statement costs a millisecond or more of CPU
   * through the driver, which a sweep pays per commit.
   */
  private async storedKeys(sweepId: string): Promise<Set<string>> {
    let keys = this.known.get(sweepId);
    if (!keys) {
      const r = await this.conn.runAndReadAll(`SELECT cell, seed FROM runs WHERE sweep_id = ${lit(sweepId)}`);
      keys = new Set(r.getRowObjects().map((o) => runKey(String(o.cell), Number(o.seed))));
      this.known.set(sweepId, keys);
    }
    return keys;
  }

  private async write(batch: readonly PendingPut[]): Promise<Array<[Set<string>, string]>> {
    // Replace earlier rows of the same keys (a retried or resumed run); metric rows exist only with their run row.
    const unique = new Map<string, PendingPut>();
    for (const p of batch) unique.set(`${p.sweepId}\u0000${runKey(p.r.cell, p.r.seed)}`, p); // a key twice in one batch: the last one wins
    const puts = [...unique.values()];
    const added: Array<[Set<string>, string]> = [];
    const replaced: PendingPut[] = [];
    for (const p of puts) {
      const keys = await this.storedKeys(p.sweepId);
      const k = runKey(p.r.cell, p.r.seed);
      if (keys.has(k)) replaced.push(p);
      else added.push([keys, k]);
    }
    if (replaced.length > 0) {
      const tuples = replaced.map((p) => `(${lit(p.sweepId)}, ${lit(p.r.cell)}, ${p.r.seed})`).join(', ');
      for (const table of ['metrics', 'runs']) await this.conn.run(`DELETE FROM ${table} WHERE (sweep_id, cell, seed) IN (${tuples})`);
    }
    // Both tables through appenders: no SQL to parse per commit.
    const runs = await this.conn.createAppender('runs');
    const runChunk = DuckDBDataChunk.create([VARCHAR, VARCHAR, BIGINT, VARCHAR, VARCHAR, VARCHAR, BIGINT, BIGINT, DOUBLE]);
    const opt = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? null : x);
    const big = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? null : BigInt(Math.round(x)));
    // A data chunk holds at most 2048 rows; a batch can hold more runs (those queued while a commit was written).
    for (let s = 0; s < puts.length; s += 2048) {
      const part = puts.slice(s, s + 2048);
      runChunk.reset();
      runChunk.setColumns([
        part.map((p) => p.sweepId),
        part.map((p) => p.r.cell),
        part.map((p) => BigInt(p.r.seed)),
        part.map((p) => p.r.status),
        part.map((p) => p.r.error || null),
        part.map((p) => p.r.code || null),
        part.map((p) => big(p.r.stats?.events)),
        part.map((p) => big(p.r.stats?.fills)),
        part.map((p) => opt(p.r.stats?.wallMs)),
      ]);
      runs.appendDataChunk(runChunk);
    }
    runs.flushSync();
    runs.closeSync();
    if (!puts.some((p) => p.r.rows.length > 0)) return added;
    const appender = await this.conn.createAppender('metrics');
    const chunk = DuckDBDataChunk.create([VARCHAR, VARCHAR, BIGINT, VARCHAR, VARCHAR, VARCHAR, BIGINT, DOUBLE]);
    for (const { sweepId, r } of puts) {
      const seed = BigInt(r.seed);
      for (let i = 0; i < r.rows.length; i += 2048) {
        const part = r.rows.slice(i, i + 2048);
        chunk.reset();
        chunk.setColumns([
          part.map(() => sweepId),
          part.map(() => r.cell),
          part.map(() => seed),
          part.map((m) => m.metric),
          part.map((m) => m.scope),
          part.map((m) => m.key),
          part.map((m) => (m.horizon === null ? null : BigInt(m.horizon))),
          part.map((m) => m.value),
        ]);
        appender.appendDataChunk(chunk);
      }
    }
    appender.flushSync();
    appender.closeSync();
    return added;
  }

  /**
   * Metric rows of a sweep's successful runs, all in memory at once, ordered by cell, seed and row
   * key. The sweep's statistics do not use this: {@link ResultsStore.forEachRowKey} streams the
   * values instead.
   */
  async metricRows(sweepId: string): Promise<ResultRow[]> {
    await this.settled();
    // A fixed order, so float sums over seeds do not depend on the order in which runs finished (a resumed sweep).
    const r = await this.conn.runAndReadAll(
      `SELECT m.cell, CAST(m.seed AS DOUBLE) AS seed, m.metric, m.scope, m.key, CAST(m.horizon AS DOUBLE) AS horizon, m.value FROM metrics m
       JOIN runs r USING (sweep_id, cell, seed) WHERE m.sweep_id = ${lit(sweepId)} AND r.status = 'ok'
       ORDER BY m.cell, m.seed, m.metric, m.scope, m.key, m.horizon NULLS FIRST`,
    );
    // Read by column (seed and horizon as doubles, not BigInts): several times faster than row objects.
    return metricRowsFromColumns(r.getColumns());
  }

  /**
   * Writes the tidy metric table of a sweep's successful runs (one row per run and metric row:
   * sweep id, cell, one column per axis with the cell's label, seed, metric, scope, key, horizon,
   * value; an axis named like one of the other columns is written as `axis_<name>`) straight from the database to CSV and Parquet, each through a temporary sibling renamed
   * over the target. Rows are ordered by the cells' order in `cells`, then seed, metric, scope,
   * key and horizon (none first). The rows never pass through JavaScript, so a sweep of millions
   * of metric rows costs no memory here and no limit on string length applies. In the CSV, a
   * missing horizon is empty, an empty key is `""`, and doubles are written as DuckDB prints them
   * (`5.0`, `1e-07`).
   * @param sweepId - the sweep
   * @param cells - every cell in output order, with its label on each axis
   * @param axes - axis names, in column order
   * @param paths - where to write each file (either may be omitted)
   */
  async exportResults(sweepId: string, cells: readonly Pick<Cell, 'id' | 'labels'>[], axes: readonly string[], paths: { csv?: string; parquet?: string }): Promise<void> {
    await this.withSweepTables(sweepId, cells, axes, async () => {
      // Sorted once into a temporary table; each COPY then reads it in that order.
      const fixed = new Set(['sweep_id', 'cell', 'seed', 'metric', 'scope', 'key', 'horizon', 'value']);
      const label = (a: string) => `c.${ident(`axis_${a}`)} AS ${ident(fixed.has(a) ? `axis_${a}` : a)}`;
      await this.conn.run(`CREATE OR REPLACE TEMP TABLE vl_export AS SELECT m.sweep_id, m.cell${axes.map((a) => `, ${label(a)}`).join('')}, m.seed, m.metric, m.scope, m.key, m.horizon, m.value
        FROM ${okRows(sweepId)} ORDER BY c.cell_index, m.seed, k.gid, m.rowid`);
      try {
        if (paths.csv) await this.copyTo('vl_export', paths.csv, 'FORMAT CSV, HEADER');
        if (paths.parquet) await this.copyTo('vl_export', paths.parquet, 'FORMAT PARQUET');
      } finally {
        await this.conn.run('DROP TABLE IF EXISTS vl_export');
      }
    });
  }

  /**
   * Streams the values of a sweep's successful runs, one metric row key at a time: `fn` gets the
   * key (in order of metric, scope, key and horizon, none first) and its values in every cell and
   * seed, ordered by cell (in the order of `cells`) and then seed. The arrays are reused between
   * calls; entries `0 .. n-1` are valid. Memory is that of the largest key's values, however many
   * rows the sweep has; feed a {@link SweepStats} with it.
   * @param sweepId - the sweep
   * @param cells - every cell, in order (runs of other cells are left out)
   * @param fn - receives each key's values
   */
  async forEachRowKey(sweepId: string, cells: readonly Pick<Cell, 'id' | 'labels'>[], fn: (row: RowKey, cell: Int32Array, seed: Float64Array, value: Float64Array, n: number) => void): Promise<void> {
    await this.withSweepTables(sweepId, cells, [], async () => {
      const keys = (await this.conn.runAndReadAll('SELECT metric, scope, key, CAST(horizon AS DOUBLE) AS horizon FROM vl_keys ORDER BY gid')).getColumns();
      if (keys.length === 0) return;
      const [metric, scope, key, horizon] = keys as [string[], MetricScope[], string[], (number | null)[]];
      const result = await this.conn.stream(`SELECT k.gid, c.cell_index, CAST(m.seed AS DOUBLE), m.value FROM ${okRows(sweepId)} ORDER BY k.gid, c.cell_index, m.seed, m.rowid`);
      let cell = new Int32Array(4096);
      let seed = new Float64Array(4096);
      let value = new Float64Array(4096);
      let gid = -1;
      let n = 0;
      const emit = () => {
        if (n > 0) fn({ metric: metric[gid]!, scope: scope[gid]!, key: key[gid]!, horizon: horizon[gid]! }, cell, seed, value, n);
        n = 0;
      };
      for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        const g = chunk.getColumnVector(0);
        const c = chunk.getColumnVector(1);
        const s = chunk.getColumnVector(2);
        const v = chunk.getColumnVector(3);
        for (let i = 0, rows = chunk.rowCount; i < rows; i++) {
          const gi = g.getItem(i) as number;
          if (gi !== gid) {
            emit();
            gid = gi;
          }
          if (n === cell.length) {
            cell = grown(cell, new Int32Array(n * 2));
            seed = grown(seed, new Float64Array(n * 2));
            value = grown(value, new Float64Array(n * 2));
          }
          cell[n] = c.getItem(i) as number;
          seed[n] = s.getItem(i) as number;
          value[n++] = v.getItem(i) as number;
        }
      }
      emit();
    });
  }

  /**
   * Runs `body` with two temporary tables: `vl_cells` (cell, cell_index and a label column
   * `axis_<name>` per axis) and `vl_keys` (every metric row key of the sweep with its index `gid`
   * in order of metric, scope, key and horizon, none first), which `okRows` joins.
   */
  private async withSweepTables(sweepId: string, cells: readonly Pick<Cell, 'id' | 'labels'>[], axes: readonly string[], body: () => Promise<void>): Promise<void> {
    await this.settled();
    await this.conn.run(`CREATE OR REPLACE TEMP TABLE vl_cells (cell VARCHAR, cell_index INTEGER${axes.map((a) => `, ${ident(`axis_${a}`)} VARCHAR`).join('')})`);
    try {
      if (cells.length > 0) {
        const appender = await this.conn.createAppender('vl_cells');
        const chunk = DuckDBDataChunk.create([VARCHAR, INTEGER, ...axes.map(() => VARCHAR)]);
        for (let s = 0; s < cells.length; s += 2048) {
          const part = cells.slice(s, s + 2048);
          chunk.reset();
          chunk.setColumns([part.map((c) => c.id), part.map((_, i) => s + i), ...axes.map((a) => part.map((c) => c.labels[a] ?? null))]);
          appender.appendDataChunk(chunk);
        }
        appender.flushSync();
        appender.closeSync();
      }
      await this.conn.run(`CREATE OR REPLACE TEMP TABLE vl_keys AS
        SELECT metric, scope, key, horizon, CAST(row_number() OVER (ORDER BY metric, scope, key, horizon NULLS FIRST) - 1 AS INTEGER) AS gid
        FROM (SELECT DISTINCT metric, scope, key, horizon FROM metrics WHERE sweep_id = ${lit(sweepId)})`);
      await body();
    } finally {
      await this.conn.run('DROP TABLE IF EXISTS vl_cells');
      await this.conn.run('DROP TABLE IF EXISTS vl_keys');
    }
  }

  /** `COPY table TO path`, through a temporary sibling renamed over `path`. */
  private async copyTo(table: string, path: string, options: string): Promise<void> {
    const tmp = tempSibling(path);
    try {
      await this.conn.run(`COPY ${table} TO ${lit(tmp)} (${options})`);
      renameSync(tmp, path);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  }

  /** Commits what is waiting (a failed commit has already rejected its runs' `put`s). */
  private async settled(): Promise<void> {
    await this.flush().catch(() => undefined);
  }

  /** Commits what is waiting and closes the database. */
  async close(): Promise<void> {
    await this.settled();
    this.conn.closeSync();
    this.instance.closeSync();
  }
}
