/**
 * Writing column tables as Parquet with DuckDB (`@duckdb/node-api`, in-process). Each file is
 * written to a temporary sibling and renamed over the target, so no partial file is ever left
 * behind. Numbers that are NaN become NULL; strings are kept as they are (an empty key stays '').
 * @module
 */
import { renameSync, rmSync } from 'node:fs';
import {
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  ENUM,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBType,
} from '@duckdb/node-api';
import { dictionaryColumn, rowCount, type Columns } from '@venuelab/kernel';
import { tempSibling } from './files.js';
import { sqlIdent as ident, sqlString as literal } from './sql.js';
import { CHUNK_ROWS as CHUNK, enumCodeArray, isOwnFloat64, setVectorData, type VectorData } from './vectors.js';

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

/**
 * Rows `s` to `e` of a numeric column that is not a `Float64Array`, written into `out` (anything
 * not a number becomes NaN, then NULL); returns the part of `out` written.
 */
function fillNumbers(out: Float64Array, col: ArrayLike<unknown>, s: number, e: number): Float64Array {
  for (let i = s; i < e; i++) {
    const v = col[i];
    out[i - s] = typeof v === 'number' ? v : NaN;
  }
  return out.subarray(0, e - s);
}

/** Most distinct values of a kernel string column staged as ENUM codes (the ENUM is spelled out in SQL: about 4.5 us per value to parse). */
const MAX_LEVELS = 4096;

async function writeOne(conn: DuckDBConnection, file: ParquetFile, index: number): Promise<void> {
  const names = Object.keys(file.columns);
  // A kernel log's string column still held as dictionary codes is staged as an ENUM of its levels
  // and its codes copied as they are (numbers cross into DuckDB far faster than strings); the COPY
  // writes an ENUM as a plain UTF-8 string column. Read before anything touches the column, which
  // would turn it into strings.
  const dicts = names.map((c) => {
    const d = dictionaryColumn(file.columns, c);
    return d && d.levels.length <= MAX_LEVELS && (file.schema?.[c] ?? 'VARCHAR') === 'VARCHAR' ? d : undefined;
  });
  const n = dicts.find((d) => d)?.codes.length ?? rowCount(file.columns);
  names.forEach((c, j) => {
    const len = dicts[j]?.codes.length ?? file.columns[c]!.length;
    if (len !== n) throw new RangeError(`writeParquet ${file.path}: column "${c}" has ${len} values, the table ${n} rows`);
  });
  const types = names.map((c, j) => (dicts[j] ? 'VARCHAR' : columnType(file.columns[c]!, file.schema?.[c])));
  // Staged as DOUBLE / VARCHAR / ENUM codes (cheap to append), cast to the final types when copied out.
  const stage: DuckDBType[] = types.map((t, j) => (dicts[j] ? ENUM(dicts[j].levels) : t === 'VARCHAR' ? VARCHAR : DOUBLE));
  const stageSql = (j: number) => (dicts[j] ? `ENUM(${dicts[j].levels.map(literal).join(', ')})` : types[j] === 'VARCHAR' ? 'VARCHAR' : 'DOUBLE');
  const table = `vl_stage_${index}`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${table} (${names.map((c, j) => `${ident(c)} ${stageSql(j)}`).join(', ')})`);
  if (n > 0 && names.length > 0) {
    const appender = await conn.createAppender(table);
    const chunk = DuckDBDataChunk.create(stage);
    // Numbers and codes are copied into each vector's memory as they are (NaN stays NaN, for the
    // COPY to turn into NULL; -0 stays -0): a Float64Array column straight from its own buffer,
    // codes through an array of the ENUM's width, anything else through a scratch Float64Array.
    const direct = names.map((c, j) => !dicts[j] && isOwnFloat64(file.columns[c]));
    const scratch = names.map((_, j) => {
      if (dicts[j]) return enumCodeArray(chunk, j);
      return types[j] === 'VARCHAR' || direct[j] ? undefined : new Float64Array(CHUNK);
    });
    const strings = new Array<string | null>(CHUNK);
    for (let s = 0; s < n; s += CHUNK) {
      const e = Math.min(n, s + CHUNK);
      chunk.reset();
      chunk.rowCount = e - s;
      for (let j = 0; j < names.length; j++) {
        const d = dicts[j];
        let data: VectorData;
        if (d) {
          data = scratch[j]!.subarray(0, e - s);
          data.set(d.codes.subarray(s, e));
        } else {
          const col = file.columns[names[j]!]!; // not read for codes: reading a kernel string column builds its strings
          if (types[j] === 'VARCHAR') {
            strings.length = e - s;
            for (let i = s; i < e; i++) strings[i - s] = col[i] === undefined || col[i] === null ? null : String(col[i]);
            chunk.setColumnValues(j, strings);
            continue;
          }
          if (direct[j]) data = (col as Float64Array).subarray(s, e);
          else data = fillNumbers(scratch[j] as Float64Array, col, s, e);
        }
        setVectorData(chunk, j, data);
      }
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
    appender.closeSync();
  }
  const tmp = tempSibling(file.path);
  const select = names
    .map((c, j) => {
      if (types[j] === 'VARCHAR') return ident(c); // an ENUM too: written as strings
      const value = `NULLIF(${ident(c)}, 'NaN'::DOUBLE)`; // NaN (of any sign) -> NULL; -0 stays -0
      return `${types[j] === 'BIGINT' ? `CAST(${value} AS BIGINT)` : value} AS ${ident(c)}`;
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
