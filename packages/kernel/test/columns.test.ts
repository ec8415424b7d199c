import { describe, expect, it } from 'vitest';
import { buildColumns, dictionaryColumn, MidLog, NumberColumnBuilder, rowCount, StringColumnBuilder } from '../src/index.js';

describe('typed log columns', () => {
  it('builders grow past their initial capacity and keep every value in order', () => {
    const n = new NumberColumnBuilder();
    const s = new StringColumnBuilder();
    const words = ['a', 'b', 'a', 'c'];
    for (let i = 0; i < 1000; i++) {
      n.push(i * 0.5);
      expect(s.push(words[i % 4]!)).toBe([0, 1, 0, 2][i % 4]);
    }
    const nums = n.finish();
    expect(nums).toBeInstanceOf(Float64Array);
    expect(nums.length).toBe(1000);
    expect(nums[999]).toBe(499.5);
    const d = s.finish();
    expect(d.levels).toEqual(['a', 'b', 'c']);
    expect(d.codes.length).toBe(1000);
    expect([...d.codes.slice(0, 5)]).toEqual([0, 1, 0, 2, 0]);
  });

  it('a table keeps column order, gives strings on read and its codes until then', () => {
    const log = new MidLog();
    log.append(0, 'clob', 'M', 99, 101, 100);
    log.append(0, 'fba', 'M', NaN, NaN, NaN);
    log.append(1, 'clob', 'M', 99, 102, 100.5);
    const table = log.columns();
    expect(Object.keys(table)).toEqual(['t', 'venue', 'market', 'best_bid', 'best_ask', 'mid']);
    expect(rowCount(table)).toBe(3);
    expect(table.mid).toBeInstanceOf(Float64Array);
    const d = dictionaryColumn(table, 'venue')!;
    expect(d.levels).toEqual(['clob', 'fba']);
    expect([...d.codes]).toEqual([0, 1, 0]);
    expect(dictionaryColumn(table, 'mid')).toBeUndefined();
    expect(table.venue).toEqual(['clob', 'fba', 'clob']);
    // Read as strings, the column may be changed in place: its codes are no longer offered.
    expect(dictionaryColumn(table, 'venue')).toBeUndefined();
    expect(dictionaryColumn(table, 'market')).toBeDefined();
    (table as Record<string, unknown>).market = ['X', 'Y', 'Z'];
    expect(dictionaryColumn(table, 'market')).toBeUndefined();
    expect(table.market).toEqual(['X', 'Y', 'Z']);
    // A shallow copy reads every column: plain values, no dictionaries.
    const copy = { ...log.columns() };
    expect(copy.venue).toEqual(['clob', 'fba', 'clob']);
    expect(dictionaryColumn(copy, 'venue')).toBeUndefined();
  });

  it('buildColumns names a column without data', () => {
    expect(() => buildColumns(['a'], {}, {})).toThrow(/column "a"/);
  });
});
