/**
 * Column builders for the run's logs: numbers in growable `Float64Array`s and strings as
 * dictionary codes (an `Int32Array` of codes into a list of distinct values). Neither keeps a
 * per-row JavaScript object, so a record of millions of rows costs the garbage collector nothing
 * to trace, and metrics group by code instead of hashing a string per row.
 *
 * A finished table ({@link buildColumns}) is an ordinary {@link Columns} object: numeric columns are
 * `Float64Array`s, string columns are `string[]` built on first access (a lazy, enumerable property).
 * Code that knows about dictionaries reads them without building the strings through
 * {@link dictionaryColumn}, until the strings are read (from then on the strings are the column, since
 * their reader may change them).
 * @module
 */
import type { Columns } from '../contracts/record.js';
import { Dictionary } from './row-blocks.js';

/** Rows of a builder's first chunk. */
const FIRST_CHUNK = 256;
/** Largest chunk: 65,536 rows (512 KB of numbers). */
const MAX_CHUNK = 1 << 16;

/**
 * Chunked growth shared by the builders: values go into the current chunk; a full chunk is kept as
 * it is and the next one (twice as large, up to {@link MAX_CHUNK} rows) is allocated. Nothing is
 * copied while appending, so a log touches only the memory its rows need (fresh memory is costly:
 * every new page is a fault), and a log that fits one chunk is finished without a copy.
 */
abstract class Chunked<A extends Float64Array | Int32Array> {
  /** Full chunks, in order. */
  protected readonly full: A[] = [];
  /** The chunk being filled. */
  protected chunk: A;
  /** Values in the current chunk. */
  protected pos = 0;
  /** Number of values appended. */
  length = 0;

  constructor() {
    this.chunk = this.allocate(FIRST_CHUNK);
  }

  /** A new zeroed array of `n` values of the builder's type. */
  protected abstract allocate(n: number): A;

  /** Keeps the full current chunk and starts the next, twice as large up to the maximum. */
  protected nextChunk(): void {
    this.full.push(this.chunk);
    this.chunk = this.allocate(Math.min(this.chunk.length * 2, MAX_CHUNK));
    this.pos = 0;
  }

  /**
   * The values as one exact-length array: a view of the only chunk when there is one (the builder
   * only appends, so the values it shows never change), else a copy of every chunk.
   */
  protected values(): A {
    if (this.full.length === 0) return this.chunk.subarray(0, this.pos) as A;
    const out = this.allocate(this.length);
    let o = 0;
    for (const c of this.full) {
      out.set(c, o);
      o += c.length;
    }
    out.set(this.chunk.subarray(0, this.pos), o);
    return out;
  }
}

/** A growable column of numbers. */
export class NumberColumnBuilder extends Chunked<Float64Array> {
  /** A new zeroed `Float64Array` of `n` values. */
  protected allocate(n: number): Float64Array {
    return new Float64Array(n);
  }

  /** Appends one value. */
  push(v: number): void {
    if (this.pos === this.chunk.length) this.nextChunk();
    this.chunk[this.pos++] = v;
    this.length++;
  }

  /** The values as an exact-length array (a view when they fit one chunk; see the class comment). */
  finish(): Float64Array {
    return this.values();
  }
}

/** A string column stored as codes into its distinct values. */
export interface DictionaryColumn {
  /** Code of each row: an index into {@link DictionaryColumn.levels}. */
  readonly codes: Int32Array;
  /** Distinct values, in order of first appearance. */
  readonly levels: readonly string[];
}

/** A growable string column stored as dictionary codes. */
export class StringColumnBuilder extends Chunked<Int32Array> {
  private readonly dict = new Dictionary();

  /** A new zeroed `Int32Array` of `n` codes. */
  protected allocate(n: number): Int32Array {
    return new Int32Array(n);
  }

  /** Appends one value; returns its code. */
  push(v: string): number {
    const c = this.dict.code(v);
    if (this.pos === this.chunk.length) this.nextChunk();
    this.chunk[this.pos++] = c;
    this.length++;
    return c;
  }

  /** The codes (exact length; a view when they fit one chunk) and distinct values. */
  finish(): DictionaryColumn {
    return { codes: this.values(), levels: this.dict.levels.slice() };
  }
}

const dictionaries = new WeakMap<object, Map<string, DictionaryColumn>>();

/**
 * Builds a {@link Columns} table, in the order of `names`, from numeric columns and dictionary
 * columns. Every column is an enumerable property; a dictionary column becomes a `string[]` the
 * first time it is read (and stays one); until then its codes are available through {@link dictionaryColumn}.
 */
export function buildColumns(names: readonly string[], numbers: Record<string, Float64Array>, strings: Record<string, DictionaryColumn>): Columns {
  const table: Columns = {};
  const dict = new Map<string, DictionaryColumn>();
  for (const name of names) {
    const num = numbers[name];
    if (num) {
      table[name] = num;
      continue;
    }
    const d = strings[name];
    if (!d) throw new Error(`buildColumns: no data for column "${name}"`);
    dict.set(name, d);
    let values: ArrayLike<string> | undefined;
    Object.defineProperty(table, name, {
      enumerable: true,
      configurable: true,
      get(): ArrayLike<string> {
        if (values === undefined) {
          const strings = new Array<string>(d.codes.length);
          for (let i = 0; i < strings.length; i++) strings[i] = d.levels[d.codes[i]!]!;
          values = strings;
          // The caller may now change the strings in place: the codes would no longer match them.
          dict.delete(name);
        }
        return values;
      },
      set(v: ArrayLike<string>) {
        values = v;
        dict.delete(name);
      },
    });
  }
  dictionaries.set(table, dict);
  return table;
}

/**
 * The dictionary codes of a string column of a table made by the kernel (the run record's logs),
 * without building its strings; `undefined` for any other column or table (then read the column
 * itself), and `undefined` once the column's strings have been read (they may have been changed in
place). A shallow copy of a table (`{ ...table }`) reads every column and keeps no dictionary.
 */
export function dictionaryColumn(table: Columns, name: string): DictionaryColumn | undefined {
  if (!Object.prototype.hasOwnProperty.call(table, name)) return undefined;
  return dictionaries.get(table)?.get(name);
}
