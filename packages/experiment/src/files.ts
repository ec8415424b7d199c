/**
 * Writing result files: CSV from column tables, atomic writes (temporary file + rename, so no
 * partial file is ever left behind), canonical JSON and config hashes.
 * @module
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';
import { dictionaryColumn, ErrorCode, rowCount, VenuelabError, type Columns } from '@venuelab/kernel';

/** Formats one CSV cell: numbers in JavaScript's shortest round-trip form, NaN as empty, strings quoted when needed. */
export function csvCell(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? '' : v > 0 ? 'inf' : '-inf';
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows rendered per piece of a CSV (a piece is one string, written before the next is made). */
const CSV_PIECE_ROWS = 8192;

/** One column's cells, rendered as CSV for rows `from .. to-1` into `out[0 .. to-from-1]`. */
function renderColumn(table: Columns, name: string, from: number, to: number, out: string[]): void {
  const dict = dictionaryColumn(table, name);
  if (dict) {
    // a string column of a kernel log, still as codes: each distinct value is formatted once
    const levels = dict.levels.map(csvCell);
    const codes = dict.codes;
    for (let i = from; i < to; i++) out[i - from] = levels[codes[i]!]!;
    return;
  }
  const col = table[name]!;
  if (col instanceof Float64Array) {
    for (let i = from; i < to; i++) {
      const v = col[i]!;
      out[i - from] = v - v === 0 ? String(v) : csvCell(v); // finite: shortest round-trip form
    }
    return;
  }
  let last: unknown = undefined;
  let lastText = ''; // csvCell(undefined)
  for (let i = from; i < to; i++) {
    const v = col[i];
    if (v !== last) {
      last = v;
      lastText = csvCell(v);
    }
    out[i - from] = lastText;
  }
}

/** Rows `from .. to-1` of a table as CSV lines (each ending in a newline). */
function renderRows(table: Columns, columns: readonly string[], from: number, to: number, cells: string[][]): string {
  const n = to - from;
  for (let j = 0; j < columns.length; j++) {
    if (cells[j]!.length < n) cells[j]!.length = n;
    renderColumn(table, columns[j]!, from, to, cells[j]!);
  }
  const lines = new Array<string>(n);
  const first = cells[0];
  for (let i = 0; i < n; i++) {
    let line = first === undefined ? '' : first[i]!;
    for (let j = 1; j < cells.length; j++) line += ',' + cells[j]![i]!;
    lines[i] = line;
  }
  return n === 0 ? '' : lines.join('\n') + '\n';
}

/**
 * Renders a column table as CSV with a header row: numbers in JavaScript's shortest round-trip
 * form, NaN empty, strings quoted when needed (see {@link csvCell}). For a large table prefer
 * {@link writeCsvFile}, which never holds the whole text.
 */
export function toCsv(table: Columns, columns: string[] = Object.keys(table)): string {
  const n = rowCount(table);
  const cells = columns.map(() => [] as string[]);
  let text = columns.map(csvCell).join(',') + '\n';
  for (let from = 0; from < n; from += CSV_PIECE_ROWS) text += renderRows(table, columns, from, Math.min(n, from + CSV_PIECE_ROWS), cells);
  return text;
}

/**
 * Writes a column table as a CSV file ({@link toCsv}'s format), atomically: piece by piece into a
 * temporary sibling renamed over `path`, so the text of a table of millions of rows is never held
 * whole (a JavaScript string holds at most about 2^29 characters).
 */
export function writeCsvFile(path: string, table: Columns, columns: string[] = Object.keys(table)): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempSibling(path);
  const fd = openSync(tmp, 'w');
  try {
    try {
      const n = rowCount(table);
      const cells = columns.map(() => [] as string[]);
      writeSync(fd, columns.map(csvCell).join(',') + '\n');
      for (let from = 0; from < n; from += CSV_PIECE_ROWS) writeSync(fd, renderRows(table, columns, from, Math.min(n, from + CSV_PIECE_ROWS), cells));
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

let tmpCounter = 0;

/**
 * A fresh temporary sibling of `path` to write before renaming it over `path`. Its name ends in
 * `.tmp-<pid>-<thread>-<n>`, so {@link removeStaleTemps} removes it if the process dies first.
 */
export function tempSibling(path: string): string {
  return `${path}.tmp-${process.pid}-${threadId}-${tmpCounter++}`;
}

/** Writes a file atomically: to a temporary sibling, then renamed over the target. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempSibling(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

const TEMP_RE = /\.tmp-(\d+)-\d+-\d+$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files ({@link writeFileAtomic}, parquet exports) that a writer killed
 * between write and rename left in a folder (not recursive); files of live processes are kept.
 * The targets themselves are never partial, since they are only ever replaced by a rename.
 * @returns the names removed
 */
export function removeStaleTemps(dir: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = TEMP_RE.exec(name);
    if (!m || alive(Number(m[1]))) continue;
    rmSync(join(dir, name), { force: true, recursive: true });
    removed.push(name);
  }
  return removed;
}

/** Resolves a file name inside an output folder; refuses names that would escape it. */
export function outputPath(outDir: string, name: string): string {
  const p = resolve(outDir, name);
  const rel = relative(resolve(outDir), p);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new VenuelabError(ErrorCode.Io, `output file "${name}" would be written outside the output folder ${outDir}`);
  }
  return p;
}

/** JSON with object keys sorted, so equal values always serialise identically. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(sortKeys(v));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** SHA-256 of the canonical JSON of a value (hex, first 16 characters). */
export function hashOf(v: unknown): string {
  return createHash('sha256').update(canonicalJson(v)).digest('hex').slice(0, 16);
}
