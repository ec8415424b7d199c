/**
 * Writing column tables as Parquet with DuckDB (`@duckdb/node-api`, in-process). Each file is
 * written to a temporary sibling and renamed over the target, so no partial file is ever left
 * behind. Numbers that are NaN become NULL; strings are kept as they are (an empty key stays '').
 * @module
 */
import { renameSync, rmSync } from 'node:fs';
import { DOUBLE, DuckDBDataChunk, DuckDBInstance, INTEGER, VARCHAR, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { dictionaryColumn, rowCount, type Columns } from '@venuelab/kernel';
import { tempSibling } from './files.js';
import { sqlIdent as ident, sqlString as literal } from './sql.js';

/** Column types written to Parquet. */
export type ParquetType = 'BIGINT' | 'DOUBLE' | 'VARCHAR';

/** A column-name to type map. */
export type ParquetSchema = Record<string, ParquetType>;

/** Parquet column types of the run record's tables and of the tidy metric table. */
export const PARQUET_SCHEMAS = {
  trades: {
    fill_id: 'BIGINT', leg: 'VARCHAR', t: 'BIGINT', venue: 'VARCHAR', market: 'VARCHAR', batch_id: 'BIGINT',
    agent: 'VARCHAR', role: 'VARCHAR', order_id: 'BIGINT', side: 'VARCHAR', price: 'DOUBLE', qty: 'BIGINT',
    fee: 'DOUBLE', liquidity: 'VARCHAR', submitted_at: 'BIGINT', mid_before: 'DOUBLE', mid_after: 'DOUBLE',
    counterparty: 'VARCHAR',
  },
  orders: {
    t: 'BIGINT', arrived_at: 'BIGINT', agent: 'VARCHAR', venue: 'VARCHAR', market: 'VARCHAR', order_id: 'BIGINT',
    action: 'VARCHAR', side: 'VARCHAR', price: 'DOUBLE', qty: 'BIGINT', status: 'VARCHAR', filled_qty: 'BIGINT',
    remaining_qty: 'BIGINT', reason: 'VARCHAR',
  },
  mids: { t: 'BIGINT', venue: 'VARCHAR', market: 'VARCHAR', best_bid: 'DOUBLE', best_ask: 'DOUBLE', mid: 'DOUBLE' },
  truth: { t: 'BIGINT', market: 'VARCHAR', latent: 'DOUBLE', fair: 'DOUBLE' },
  metrics: { run_id: 'VARCHAR', seed: 'BIGINT', metric: 'VARCHAR', scope: 'VARCHAR', key: 'VARCHAR', horizon: 'BIGINT', value: 'DOUBLE' },
} as const satisfies Record<string, ParquetSchema>;

/** One Parquet file to write. */
export interface ParquetFile {
  /** Target path. */
  path: string;
  /** The table. */
  columns: Columns;
  /** Column types; columns not named are inferred (strings VARCHAR, integral numbers BIGINT, other numbers DOUBLE). */
  schema?: ParquetSchema;
}

const CHUNK = 2048;

/** The type a column is written as: the schema's, except that a BIGINT column holding a fraction becomes DOUBLE. */
export function columnType(values: ArrayLike<unknown>, declared?: ParquetType): ParquetType {
  const n = values.length;
  let kind = declared;
  if (!kind) {
    if (n === 0) return 'VARCHAR';
    kind = typeof values[0] === 'string' ? 'VARCHAR' : 'BIGINT';
  }
  if (kind === 'BIGINT') {
    for (let i = 0; i < n; i++) {
      const v = values[i] as number;
      if (typeof v !== 'number') return 'VARCHAR';
      if (Number.isFinite(v) ? !Number.isSafeInteger(v) : !Number.isNaN(v)) return 'DOUBLE';
    }
  }
  return kind;
}


/** Most distinct values of a kernel string column staged as codes (their list is part of the SQL text). */
const MAX_LEVELS = 4096;

async function writeOne(conn: DuckDBConnection, file: ParquetFile, index: number): Promise<void> {
  const names = Object.keys(file.columns);
  // A kernel log's string column still held as dictionary codes is staged as its codes (numbers
  // cross into DuckDB far faster than strings) and decoded by the COPY; read before anything
  // touches the column, which would turn it into strings.
  const dicts = names.map((c) => {
    const d = dictionaryColumn(file.columns, c);
    return d && d.levels.length <= MAX_LEVELS && (file.schema?.[c] ?? 'VARCHAR') === 'VARCHAR' ? d : undefined;
  });
  const n = dicts.find((d) => d)?.codes.length ?? rowCount(file.columns);
  const types = names.map((c, j) => (dicts[j] ? 'VARCHAR' : columnType(file.columns[c]!, file.schema?.[c])));
  // Staged as DOUBLE / VARCHAR / INTEGER codes (cheap to append), cast to the final types when copied out.
  const stage: DuckDBType[] = types.map((t, j) => (dicts[j] ? INTEGER : t === 'VARCHAR' ? VARCHAR : DOUBLE));
  const table = `vl_stage_${index}`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${table} (${names.map((c, j) => `${ident(c)} ${dicts[j] ? 'INTEGER' : types[j] === 'VARCHAR' ? 'VARCHAR' : 'DOUBLE'}`).join(', ')})`);
  if (n > 0 && names.length > 0) {
    const appender = await conn.createAppender(table);
    const chunk = DuckDBDataChunk.create(stage);
    for (let s = 0; s < n; s += CHUNK) {
      const e = Math.min(n, s + CHUNK);
      const data = names.map((c, j) => {
        const d = dicts[j];
        if (d) return Array.from(d.codes.subarray(s, e));
        const col = file.columns[c]!;
        const out = new Array<string | number | null>(e - s);
        if (types[j] === 'VARCHAR') for (let i = s; i < e; i++) out[i - s] = col[i] === undefined || col[i] === null ? null : String(col[i]);
        else {
          for (let i = s; i < e; i++) {
            const v = col[i] as number;
            out[i - s] = v === v ? v : null; // NaN -> NULL
          }
        }
        return out;
      });
      chunk.reset();
      chunk.setColumns(data);
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
    appender.closeSync();
  }
  const tmp = tempSibling(file.path);
  const select = names
    .map((c, j) => {
      const d = dicts[j];
      if (d) return `CAST([${d.levels.map(literal).join(', ')}] AS VARCHAR[])[${ident(c)} + 1] AS ${ident(c)}`;
      return types[j] === 'BIGINT' ? `CAST(${ident(c)} AS BIGINT) AS ${ident(c)}` : ident(c);
    })
    .join(', ');
  try {
    await conn.run(`COPY (SELECT ${select || '*'} FROM ${table}) TO ${literal(tmp)} (FORMAT PARQUET)`);
    renameSync(tmp, file.path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${table}`);
  }
}

/** Writes several column tables as Parquet files (each atomically) with one in-memory DuckDB. */
export async function writeParquetFiles(files: readonly ParquetFile[]): Promise<void> {
  if (files.length === 0) return;
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    for (let i = 0; i < files.length; i++) await writeOne(conn, files[i]!, i);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** Writes one column table as a Parquet file, atomically. */
export async function writeParquet(path: string, columns: Columns, schema?: ParquetSchema): Promise<void> {
  await writeParquetFiles([{ path, columns, schema }]);
}
