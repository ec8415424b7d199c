/**
 * The results store: an embedded DuckDB database in the sweep's output folder. Every run's rows
 * are written in one transaction keyed by (sweep id, cell, seed), replacing any earlier rows of the
 * same key, so retries and duplicates can never double-count and a killed sweep leaves only whole
 * runs behind.
 * @module
 */
import { BIGINT, DOUBLE, DuckDBDataChunk, DuckDBInstance, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { SweepTaskResult } from './sweep-worker.js';

/** A stored run. */
export interface StoredRun {
  cell: string;
  seed: number;
  status: string;
  error: string;
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const num = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? 'NULL' : String(x));

/** An open results store. */
export class ResultsStore {
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  /** Opens (or creates) the store at `path`. */
  static async open(path: string): Promise<ResultsStore> {
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    await conn.run(`CREATE TABLE IF NOT EXISTS runs (
      sweep_id VARCHAR NOT NULL, cell VARCHAR NOT NULL, seed BIGINT NOT NULL, status VARCHAR NOT NULL,
      error VARCHAR, code VARCHAR, events BIGINT, fills BIGINT, wall_ms DOUBLE,
      PRIMARY KEY (sweep_id, cell, seed))`);
    await conn.run(`CREATE TABLE IF NOT EXISTS metrics (
      sweep_id VARCHAR NOT NULL, cell VARCHAR NOT NULL, seed BIGINT NOT NULL, metric VARCHAR NOT NULL,
      scope VARCHAR NOT NULL, key VARCHAR NOT NULL, horizon BIGINT, value DOUBLE NOT NULL)`);
    return new ResultsStore(instance, conn);
  }

  /** Runs already stored for a sweep. */
  async runs(sweepId: string): Promise<StoredRun[]> {
    await this.chain;
    const r = await this.conn.runAndReadAll(`SELECT cell, seed, status, coalesce(error, '') AS error FROM runs WHERE sweep_id = ${lit(sweepId)}`);
    return r.getRowObjects().map((o) => ({ cell: String(o.cell), seed: Number(o.seed), status: String(o.status), error: String(o.error) }));
  }

  /** Stores one run (replacing an earlier one of the same key) in a single transaction. Calls are serialised. */
  put(sweepId: string, r: SweepTaskResult): Promise<void> {
    const job = this.chain.then(async () => {
      const key = `sweep_id = ${lit(sweepId)} AND cell = ${lit(r.cell)} AND seed = ${r.seed}`;
      await this.conn.run('BEGIN TRANSACTION');
      try {
        await this.conn.run(`DELETE FROM metrics WHERE ${key}`);
        await this.conn.run(`DELETE FROM runs WHERE ${key}`);
        await this.conn.run(
          `INSERT INTO runs VALUES (${lit(sweepId)}, ${lit(r.cell)}, ${r.seed}, ${lit(r.status)}, ${r.error ? lit(r.error) : 'NULL'}, ${r.code ? lit(r.code) : 'NULL'}, ${num(r.stats?.events)}, ${num(r.stats?.fills)}, ${num(r.stats?.wallMs)})`,
        );
        if (r.rows.length > 0) {
          const appender = await this.conn.createAppender('metrics');
          const chunk = DuckDBDataChunk.create([VARCHAR, VARCHAR, BIGINT, VARCHAR, VARCHAR, VARCHAR, BIGINT, DOUBLE]);
          for (let i = 0; i < r.rows.length; i += 2048) {
            const part = r.rows.slice(i, i + 2048);
            chunk.reset();
            chunk.setColumns([
              part.map(() => sweepId),
              part.map(() => r.cell),
              part.map(() => BigInt(r.seed)),
              part.map((m) => m.metric),
              part.map((m) => m.scope),
              part.map((m) => m.key),
              part.map((m) => (m.horizon === null ? null : BigInt(m.horizon))),
              part.map((m) => m.value),
            ]);
            appender.appendDataChunk(chunk);
          }
          appender.flushSync();
          appender.closeSync();
        }
        await this.conn.run('COMMIT');
      } catch (e) {
        await this.conn.run('ROLLBACK');
        throw e;
      }
    });
    this.chain = job.catch(() => undefined);
    return job;
  }

  /** Metric rows of a sweep's successful runs. */
  async metricRows(sweepId: string): Promise<{ cell: string; seed: number; metric: string; scope: string; key: string; horizon: number | null; value: number }[]> {
    await this.chain;
    // A fixed order, so float sums over seeds do not depend on the order in which runs finished (a resumed sweep).
    const r = await this.conn.runAndReadAll(
      `SELECT m.cell, m.seed, m.metric, m.scope, m.key, m.horizon, m.value FROM metrics m
       JOIN runs r USING (sweep_id, cell, seed) WHERE m.sweep_id = ${lit(sweepId)} AND r.status = 'ok'
       ORDER BY m.cell, m.seed, m.metric, m.scope, m.key, m.horizon NULLS FIRST`,
    );
    return r.getRowObjects().map((o) => ({
      cell: String(o.cell),
      seed: Number(o.seed),
      metric: String(o.metric),
      scope: String(o.scope),
      key: String(o.key),
      horizon: o.horizon === null ? null : Number(o.horizon),
      value: Number(o.value),
    }));
  }

  /** Closes the database. */
  async close(): Promise<void> {
    await this.chain;
    this.conn.closeSync();
    this.instance.closeSync();
  }
}
