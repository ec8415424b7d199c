/**
 * CSV files: numbers in JavaScript's shortest round-trip form, NaN empty, infinities as inf/-inf,
 * strings quoted when they hold a comma, quote or line break. `writeCsvFile` streams the same text
 * that `toCsv` returns, piece by piece, through a temporary file; a kernel table's string columns
 * are read through their dictionary codes without changing a byte.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildColumns, dictionaryColumn, rowCount, type Columns } from '@venuelab/kernel';
import { csvCell, toCsv, writeCsvFile } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'venuelab-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The format cell by cell, row by row: what the writers must reproduce. */
function reference(table: Columns, columns = Object.keys(table)): string {
  const lines = [columns.map(csvCell).join(',')];
  for (let i = 0; i < rowCount(table); i++) lines.push(columns.map((c) => csvCell(table[c]![i])).join(','));
  return lines.join('\n') + '\n';
}

describe('CSV', () => {
  it('formats numbers, NaN, infinities and strings that need quoting (hand-written)', () => {
    const table: Columns = {
      x: new Float64Array([1, 0.1 + 0.2, NaN, Infinity, -Infinity, -0]),
      'a, b': ['x', 'a,b', 'q"q', '', 'line\nbreak', 'y'],
      n: [1, 2e21, 1e-7, 4, 5, 6],
    };
    const want = ['x,"a, b",n', '1,x,1', '0.30000000000000004,"a,b",2e+21', ',"q""q",1e-7', 'inf,,4', '-inf,"line\nbreak",5', '0,y,6', ''].join('\n');
    expect(toCsv(table)).toBe(want);
    writeCsvFile(join(dir, 'hand.csv'), table);
    expect(readFileSync(join(dir, 'hand.csv'), 'utf8')).toBe(want);
  });

  it('a kernel table of several pieces: the same bytes as cell by cell, read through its dictionary codes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.array(fc.oneof(fc.string(), fc.constantFrom('', 'a,b', 'x"y', 'plain')), { minLength: 1, maxLength: 6 }),
        fc.integer(),
        (n, levels, seed) => {
          let s = seed >>> 0;
          const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
          const num = new Float64Array(n).map(() => (next() % 7 === 0 ? NaN : (next() - 2 ** 31) / 1024));
          const codes = new Int32Array(n).map(() => next() % levels.length);
          const table = buildColumns(['num', 'str'], { num }, { str: { codes, levels } });
          expect(dictionaryColumn(table, 'str')).toBeDefined();
          const path = join(dir, `prop-${n}.csv`);
          writeCsvFile(path, table);
          const text = toCsv(table);
          expect(dictionaryColumn(table, 'str')).toBeDefined(); // the writers did not turn the codes into strings
          expect(readFileSync(path, 'utf8')).toBe(text);
          expect(text).toBe(reference(table)); // reads the strings
        },
      ),
      { numRuns: 25 },
    );
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]); // no temporary file left
  });

  it('an empty table is its header line', () => {
    expect(toCsv({ a: [], b: new Float64Array(0) })).toBe('a,b\n');
    writeCsvFile(join(dir, 'empty.csv'), { a: [] });
    expect(readFileSync(join(dir, 'empty.csv'), 'utf8')).toBe('a\n');
  });
});
