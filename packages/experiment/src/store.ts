/**
 * The results store: an embedded DuckDB database in the sweep's output folder. Every run's rows
 * are written in one transaction (with the other runs that finished meanwhile: group commit) keyed
 * by (sweep id, cell, seed), replacing any earlier rows of the same key, so retries and duplicates
 * can never double-count and a killed sweep leaves only whole runs behind.
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

  /**
   * Stores one run, replacing an earlier one of the same key, and resolves once it is committed.
   * Group commit: runs that arrive while a transaction is being written wait and go together in the
   * next one (one transaction, one insert of run rows, one appender of metric rows), so a sweep whose
   * runs finish faster than a commit takes does not queue behind one commit per run. Each run's rows
   * are still written whole or not at all, and a call resolves only after its run is durable.
   */
  put(sweepId: string, r: SweepTaskResult): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ sweepId, r, resolve, reject });
      if (this.queue.length === 1) this.chain = this.chain.then(() => this.flush());
    });
  }

  /** Writes every queued run in one transaction. */
  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    try {
      await this.conn.run('BEGIN TRANSACTION');
      try {
        await this.write(batch);
        await this.conn.run('COMMIT');
      } catch (e) {
        await this.conn.run('ROLLBACK');
        throw e;
      }
      for (const p of batch) p.resolve();
    } catch (e) {
      for (const p of batch) p.reject(e);
    }
  }

  private async write(batch: readonly PendingPut[]): Promise<void> {
    // Replace earlier rows of the same keys (a retried or resumed run); metric rows exist only with their run row.
    const keys = new Map<string, PendingPut>();
    for (const p of batch) keys.set(`${p.sweepId}\u0000${p.r.cell}\u0000${p.r.seed}`, p); // a key twice in one batch: the last one wins
    const puts = [...keys.values()];
    const tuple = (p: PendingPut) => `(${lit(p.sweepId)}, ${lit(p.r.cell)}, ${p.r.seed})`;
    const existing = await this.conn.runAndReadAll(`SELECT count(*) AS n FROM runs WHERE (sweep_id, cell, seed) IN (${puts.map(tuple).join(', ')})`);
    if (Number(existing.getRowObjects()[0]!.n) > 0) {
      for (const table of ['metrics', 'runs']) await this.conn.run(`DELETE FROM ${table} WHERE (sweep_id, cell, seed) IN (${puts.map(tuple).join(', ')})`);
    }
    await this.conn.run(
      `INSERT INTO runs VALUES ${puts
        .map(({ sweepId, r }) => `(${lit(sweepId)}, ${lit(r.cell)}, ${r.seed}, ${lit(r.status)}, ${r.error ? lit(r.error) : 'NULL'}, ${r.code ? lit(r.code) : 'NULL'}, ${num(r.stats?.events)}, ${num(r.stats?.fills)}, ${num(r.stats?.wallMs)})`)
        .join(', ')}`,
    );
    if (!puts.some((p) => p.r.rows.length > 0)) return;
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
