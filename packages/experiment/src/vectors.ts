/**
 * Filling DuckDB data chunks from typed arrays (internal). `@duckdb/node-api` sets a vector value
 * by value (a call per value, and per string a copy into DuckDB's memory); numbers already in a
 * typed array can instead be copied into the vector's memory as they are, which also keeps every
 * bit (NaN stays NaN, -0 stays -0). Strings are better staged as dictionary codes and turned back
 * into strings by DuckDB itself, in SQL.
 * @module
 */
import type { DuckDBDataChunk } from '@duckdb/node-api';
import bindings from '@duckdb/node-bindings';

/** Rows of a DuckDB data chunk (its vector size). */
export const CHUNK_ROWS = 2048;

/** A typed array whose element type matches a vector's storage. */
export type VectorData = Float64Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

/**
 * Copies `data` into column `column` of `chunk` from its first row. `data` must hold at most
 * {@link CHUNK_ROWS} values of the column's storage type (DOUBLE: `Float64Array`, INTEGER:
 * `Int32Array`, an ENUM: the width of {@link enumCodeArray}), over an ordinary (not shared) buffer;
 * the chunk's row count is set by the caller. Validity is left as it is (all valid after a reset).
 */
export function setVectorData(chunk: DuckDBDataChunk, column: number, data: VectorData): void {
  if (data.length > CHUNK_ROWS) throw new RangeError(`setVectorData: ${data.length} values exceed a chunk's ${CHUNK_ROWS} rows`);
  bindings.copy_data_to_vector(bindings.data_chunk_get_vector(chunk.chunk, column), 0, data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
}

/** An array of {@link CHUNK_ROWS} codes of the width in which DuckDB stores ENUM column `column` of `chunk`. */
export function enumCodeArray(chunk: DuckDBDataChunk, column: number): Uint8Array | Uint16Array | Uint32Array {
  const width = bindings.enum_internal_type(bindings.vector_get_column_type(bindings.data_chunk_get_vector(chunk.chunk, column)));
  if (width === bindings.Type.UTINYINT) return new Uint8Array(CHUNK_ROWS);
  if (width === bindings.Type.USMALLINT) return new Uint16Array(CHUNK_ROWS);
  return new Uint32Array(CHUNK_ROWS);
}

/** Whether a column is a `Float64Array` over an ordinary (not shared) buffer, which {@link setVectorData} can copy from directly. */
export function isOwnFloat64(col: unknown): col is Float64Array {
  return col instanceof Float64Array && col.buffer instanceof ArrayBuffer;
}
