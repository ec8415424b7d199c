/**
 * Factors: a string column coded as small integers (one code per distinct value, in order of first
 * appearance), so that grouping is an array index instead of a string hash per row.
 * @module
 */
import { dictionaryColumn, type Columns } from '@venuelab/kernel';

/** A factorized string column. */
export interface Factor {
  /** Code of each row (index into {@link Factor.levels}). */
  readonly codes: Int32Array;
  /** Distinct values, in order of first appearance. */
  readonly levels: string[];
}

/**
 * The factor of a string column of a table: the kernel's dictionary codes when the table comes from
 * a run record (no string is read), else {@link factorize} of the column (a missing column is all
 * empty strings). The codes may be shared with the record: copy them before writing.
 */
export function columnFactor(table: Columns, name: string, n: number): Factor {
  const d = dictionaryColumn(table, name);
  if (d && d.codes.length === n) return { codes: d.codes, levels: [...d.levels] };
  return factorize((table[name] ?? new Array<string>(n).fill('')) as ArrayLike<string>);
}

/** Codes a string column. */
export function factorize(values: ArrayLike<string>): Factor {
  const n = values.length;
  const codes = new Int32Array(n);
  const index = new Map<string, number>();
  const levels: string[] = [];
  let prev: string | undefined;
  let prevCode = -1;
  for (let i = 0; i < n; i++) {
    const v = String(values[i]);
    if (v === prev) {
      codes[i] = prevCode;
      continue;
    }
    let c = index.get(v);
    if (c === undefined) {
      c = levels.length;
      index.set(v, c);
      levels.push(v);
    }
    codes[i] = c;
    prev = v;
    prevCode = c;
  }
  return { codes, levels };
}

/** Codes the pairs of two factors of equal length; each level is `joinKey(a, b)`. */
export function factorizePair(a: Factor, b: Factor): Factor {
  const n = a.codes.length;
  const codes = new Int32Array(n);
  const levels: string[] = [];
  const nb = b.levels.length;
  const space = a.levels.length * nb;
  // Few pairs (the usual venues x markets): a dense table instead of a hash lookup per row.
  const dense = space <= 4 * n + 65_536 ? new Int32Array(space).fill(-1) : null;
  const index = dense ? null : new Map<number, number>();
  const ac = a.codes;
  const bc = b.codes;
  for (let i = 0; i < n; i++) {
    const k = ac[i]! * nb + bc[i]!;
    let c = dense ? dense[k]! : (index!.get(k) ?? -1);
    if (c < 0) {
      c = levels.length;
      if (dense) dense[k] = c;
      else index!.set(k, c);
      levels.push(joinKey(a.levels[ac[i]!]!, b.levels[bc[i]!]!));
    }
    codes[i] = c;
  }
  return { codes, levels };
}

/** The key of a (venue, market) pair, or any pair of ids: `a` and `b` joined by `|`. */
export function joinKey(a: string, b: string): string {
  return `${a}|${b}`;
}

/** Map from level to code. */
export function levelIndex(f: Factor): Map<string, number> {
  const m = new Map<string, number>();
  f.levels.forEach((l, i) => m.set(l, i));
  return m;
}

/**
 * Codes a column that is a function of another factor (e.g. role of agent): one level per parent
 * level, checked on every row; falls back to {@link factorize} when a parent level maps to two values.
 */
export function factorizeBy(values: ArrayLike<string>, parent: Factor): Factor {
  const n = values.length;
  const first: (string | undefined)[] = new Array(parent.levels.length);
  for (let i = 0; i < n; i++) {
    const p = parent.codes[i]!;
    const v = values[i]!;
    const f = first[p];
    if (f === undefined) first[p] = v;
    else if (f !== v) return factorize(values);
  }
  const levels: string[] = [];
  const index = new Map<string, number>();
  const codeOfParent = new Int32Array(parent.levels.length);
  const seen = new Uint8Array(parent.levels.length);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = parent.codes[i]!;
    if (!seen[p]) {
      seen[p] = 1;
      const v = String(first[p]);
      let c = index.get(v);
      if (c === undefined) {
        c = levels.length;
        index.set(v, c);
        levels.push(v);
      }
      codeOfParent[p] = c;
    }
    codes[i] = codeOfParent[p]!;
  }
  return { codes, levels };
}
