/**
 * The storage of the run's logs while a run appends to them: rows of numbers and dictionary-coded
 * strings, written row by row into blocks (one `Float64Array` and one `Int32Array` per block) and
 * turned into columns once, when the log is read.
 *
 * Why rows and not one growable array per column: a log row is appended as a whole (an order
 * message, a fill leg), so one capacity check and two sequential write streams serve every column of
 * the row, where one builder per column pays a call, a check and a counter per value and keeps
 * fourteen or eighteen write streams open. Reading a log transposes the blocks into the columns of
 * {@link buildColumns}; that happens after the event loop, once per log. Internal to the kernel:
 * the public builders are {@link NumberColumnBuilder} and {@link StringColumnBuilder}.
 * @module
 */
import type { DictionaryColumn } from './columns.js';

/** Rows of a log's first block. */
const FIRST_ROWS = 256;
/** Largest block, in rows. */
const MAX_ROWS = 8192;

/**
 * Distinct values of one string column, in order of first appearance.
 * @internal
 */
export class Dictionary {
  readonly levels: string[] = [];
  private readonly index = new Map<string, number>();
  private last: string | undefined = undefined;
  private lastCode = -1;

  /** The code of `v` (a new code the first time a value is seen). */
  code(v: string): number {
    if (v === this.last) return this.lastCode;
    let c = this.index.get(v);
    if (c === undefined) {
      c = this.levels.length;
      this.index.set(v, c);
      this.levels.push(v);
    }
    this.last = v;
    this.lastCode = c;
    return c;
  }
}

/**
 * Rows of `numbers` numeric and `strings` string columns. Appending a row:
 * ```ts
 * const r = blocks.row();                 // index of the row in the current block
 * const n = blocks.nums, o = r * N;        // read after row(): row() may start a new block
 * n[o] = t; n[o + 1] = price;
 * const c = blocks.codes, p = r * S;
 * c[p] = blocks.code(0, agent);
 * ```
 * @internal
 */
export class RowBlocks {
  /** Numbers of the current block, row-major (`numbers` per row). */
  nums: Float64Array;
  /** String codes of the current block, row-major (`strings` per row). */
  codes: Int32Array;
  /** Rows appended. */
  length = 0;
  private readonly dicts: Dictionary[];
  private readonly fullNums: Float64Array[] = [];
  private readonly fullCodes: Int32Array[] = [];
  private readonly fullRows: number[] = [];
  private rows = 0;
  private cap = FIRST_ROWS;

  /**
   * @param numbers - numeric columns per row
   * @param strings - string columns per row
   */
  constructor(
    readonly numbers: number,
    readonly strings: number,
  ) {
    this.nums = new Float64Array(FIRST_ROWS * numbers);
    this.codes = new Int32Array(FIRST_ROWS * strings);
    this.dicts = Array.from({ length: strings }, () => new Dictionary());
  }

  /** Starts a row; returns its index in the current block ({@link RowBlocks.nums} and {@link RowBlocks.codes}). */
  row(): number {
    if (this.rows === this.cap) this.nextBlock();
    this.length++;
    return this.rows++;
  }

  /** The code of value `v` of string column `col`. */
  code(col: number, v: string): number {
    return this.dicts[col]!.code(v);
  }

  private nextBlock(): void {
    this.fullNums.push(this.nums);
    this.fullCodes.push(this.codes);
    this.fullRows.push(this.rows);
    this.cap = Math.min(this.cap * 2, MAX_ROWS);
    this.nums = new Float64Array(this.cap * this.numbers);
    this.codes = new Int32Array(this.cap * this.strings);
    this.rows = 0;
  }

  /** Numeric column `col` of every row. */
  numberColumn(col: number): Float64Array {
    const out = new Float64Array(this.length);
    const w = this.numbers;
    let o = 0;
    for (let b = 0; b < this.fullNums.length; b++) o = copyNumbers(this.fullNums[b]!, this.fullRows[b]!, col, w, out, o);
    copyNumbers(this.nums, this.rows, col, w, out, o);
    return out;
  }

  /** Codes of string column `col` of every row. */
  codeColumn(col: number): Int32Array {
    const out = new Int32Array(this.length);
    const w = this.strings;
    let o = 0;
    for (let b = 0; b < this.fullCodes.length; b++) o = copyCodes(this.fullCodes[b]!, this.fullRows[b]!, col, w, out, o);
    copyCodes(this.codes, this.rows, col, w, out, o);
    return out;
  }

  /** Distinct values of string column `col`, in order of first appearance. */
  levels(col: number): readonly string[] {
    return this.dicts[col]!.levels;
  }

  /** String column `col` as a dictionary column. */
  stringColumn(col: number): DictionaryColumn {
    return { codes: this.codeColumn(col), levels: this.dicts[col]!.levels.slice() };
  }
}

/**
 * Copies column `col` of the first `rows` rows of a block (row width `w`) to `out` from `o`; returns
 * the next free index of `out`. Module functions (one per array type, so each stays monomorphic)
 * rather than a closure made per call: V8 keeps their optimised code from run to run, while a
 * fresh closure per call is compiled again.
 */
function copyNumbers(block: Float64Array, rows: number, col: number, w: number, out: Float64Array, o: number): number {
  for (let r = 0, i = col; r < rows; r++, i += w) out[o++] = block[i]!;
  return o;
}

/** {@link copyNumbers} for code blocks. */
function copyCodes(block: Int32Array, rows: number, col: number, w: number, out: Int32Array, o: number): number {
  for (let r = 0, i = col; r < rows; r++, i += w) out[o++] = block[i]!;
  return o;
}
