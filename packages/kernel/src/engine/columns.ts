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

const INITIAL = 256;

/** A growable column of numbers. */
export class NumberColumnBuilder {
  private data = new Float64Array(INITIAL);
  /** Number of values appended. */
  length = 0;

  /** Appends one value. */
  push(v: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = v;
  }

  private grow(): void {
    const d = new Float64Array(this.data.length * 2);
    d.set(this.data);
    this.data = d;
  }

  /** The values as an exact-length copy. */
  finish(): Float64Array {
    return this.data.slice(0, this.length);
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
export class StringColumnBuilder {
  private codes = new Int32Array(INITIAL);
  private readonly levels: string[] = [];
  private readonly index = new Map<string, number>();
  private last: string | undefined = undefined;
  private lastCode = -1;
  /** Number of values appended. */
  length = 0;

  /** Appends one value; returns its code. */
  push(v: string): number {
    let c: number;
    if (v === this.last) c = this.lastCode;
    else {
      const known = this.index.get(v);
      if (known === undefined) {
        c = this.levels.length;
        this.index.set(v, c);
        this.levels.push(v);
      } else c = known;
      this.last = v;
      this.lastCode = c;
    }
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length++] = c;
    return c;
  }

  private grow(): void {
    const d = new Int32Array(this.codes.length * 2);
    d.set(this.codes);
    this.codes = d;
  }

  /** The codes (exact-length copy) and distinct values. */
  finish(): DictionaryColumn {
    return { codes: this.codes.slice(0, this.length), levels: this.levels.slice() };
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
