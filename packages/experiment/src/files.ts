/**
 * Writing result files: CSV from column tables, atomic writes (temporary file + rename, so no
 * partial file is ever left behind), canonical JSON and config hashes.
 * @module
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';
import { ErrorCode, rowCount, VenuelabError, type Columns } from '@venuelab/kernel';

/** Formats one CSV cell: numbers in JavaScript's shortest round-trip form, NaN as empty, strings quoted when needed. */
export function csvCell(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? '' : v > 0 ? 'inf' : '-inf';
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Renders a column table as CSV with a header row. */
export function toCsv(table: Columns, columns: string[] = Object.keys(table)): string {
  const n = rowCount(table);
  const cols = columns.map((c) => table[c]!);
  const lines: string[] = [columns.join(',')];
  for (let i = 0; i < n; i++) {
    let line = '';
    for (let j = 0; j < cols.length; j++) {
      if (j > 0) line += ',';
      line += csvCell(cols[j]![i]);
    }
    lines.push(line);
  }
  return lines.join('\n') + '\n';
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
