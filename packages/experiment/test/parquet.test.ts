import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildColumns, dictionaryColumn } from '@venuelab/kernel';
import { columnType, loadExperiment, METRICS_COLUMNS, PARQUET_SCHEMAS, runExperiment, writeParquet } from '../src/index.js';

async function query(sql: string): Promise<{ names: string[]; types: string[]; rows: unknown[][] }> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const reader = await conn.runAndReadAll(sql);
    return { names: reader.columnNames(), types: reader.columnTypes().map((t) => t.toString()), rows: reader.getRows() };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

const quickstart = resolve(import.meta.dirname, '../../../examples/quickstart/experiment.yaml');

describe('writeParquet', () => {
  it('writes columns with their types, NaN as NULL and empty strings kept, atomically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vl-parquet-'));
    try {
      const path = join(dir, 't.parquet');
      await writeParquet(path, { t: [0, 1, 2], name: ['a', '', 'c,"q"'], price: [1.5, NaN, -2], n: [3, 4, 5] }, { n: 'DOUBLE' });
      expect(readdirSync(dir)).toEqual(['t.parquet']);
      const r = await query(`SELECT * FROM '${path}' ORDER BY t`);
      expect(r.names).toEqual(['t', 'name', 'price', 'n']);
      expect(r.types).toEqual(['BIGINT', 'VARCHAR', 'DOUBLE', 'DOUBLE']);
      expect(r.rows).toEqual([
        [0n, 'a', 1.5, 3],
        [1n, '', null, 4],
        [2n, 'c,"q"', -2, 5],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("writes a kernel log's string columns from their dictionary codes: the same strings, the codes left as they are", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vl-parquet-dict-'));
    try {
      const n = 5000;
      const levels = ['a', '', "it's", 'x,"y"', 'ünï'];
      const codes = new Int32Array(n).map((_, i) => (i * 7) % levels.length);
      // Also columns of more than 255 levels (codes stored in 16 bits) and of more levels than are
      // staged as codes (written as strings).
      const wide = Array.from({ length: 300 }, (_, i) => `agent-${i}`);
      const wideCodes = new Int32Array(n).map((_, i) => (i * 31) % wide.length);
      const many = Array.from({ length: 4097 }, (_, i) => `m${i}`);
      const manyCodes = new Int32Array(n).map((_, i) => (i * 13) % many.length);
      const table = buildColumns(
        ['t', 'name', 'wide', 'many'],
        { t: new Float64Array(n).map((_, i) => i) },
        { name: { codes, levels }, wide: { codes: wideCodes, levels: wide }, many: { codes: manyCodes, levels: many } },
      );
      const path = join(dir, 'd.parquet');
      await writeParquet(path, table, { t: 'BIGINT' });
      expect(dictionaryColumn(table, 'name')).toBeDefined(); // not turned into strings on the way
      const r = await query(`SELECT name, typeof(name), wide, many FROM '${path}' ORDER BY t`);
      expect(r.rows.map((x) => x[0])).toEqual(Array.from(codes, (c) => levels[c]));
      expect(r.rows[0]![1]).toBe('VARCHAR');
      expect(r.rows.map((x) => x[2])).toEqual(Array.from(wideCodes, (c) => wide[c]));
      expect(r.rows.map((x) => x[3])).toEqual(Array.from(manyCodes, (c) => many[c]));
      const schema = await query(`DESCRIBE SELECT * FROM '${path}'`);
      expect(schema.rows.map((x) => x[1])).toEqual(['BIGINT', 'VARCHAR', 'VARCHAR', 'VARCHAR']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('copies typed number columns exactly across chunks: -0 and infinities kept, NaN and non-numbers as NULL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vl-parquet-num-'));
    try {
      const n = 5000; // more than one 2,048-row chunk
      const special = [-0, Infinity, -Infinity, NaN, 0.1, -2.5e-300];
      const x = new Float64Array(n).map((_, i) => (i % 10 < special.length ? special[i % 10]! : i / 3));
      const k = new Float64Array(n).map((_, i) => (i % 7 === 3 ? NaN : i * 1000 - 7));
      const loose = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : i % 5 === 1 ? -0 : i + 0.5));
      const shared = new Float64Array(new SharedArrayBuffer(n * 8));
      shared.set(x);
      const path = join(dir, 'n.parquet');
      await writeParquet(path, { i: new Float64Array(n).map((_, j) => j), x, k, loose, shared } as never, { i: 'BIGINT', x: 'DOUBLE', k: 'BIGINT', loose: 'DOUBLE' });
      const r = await query(`SELECT i, x, k, loose FROM '${path}' ORDER BY i`);
      expect(r.types).toEqual(['BIGINT', 'DOUBLE', 'BIGINT', 'DOUBLE']);
      const same = await query(`SELECT count(*) FROM '${path}' WHERE x IS NOT DISTINCT FROM shared`);
      expect(same.rows[0]![0]).toBe(BigInt(n));
      expect(r.rows).toHaveLength(n);
      for (let i = 0; i < n; i++) {
        const [ri, rx, rk, rl] = r.rows[i]!;
        expect(ri).toBe(BigInt(i));
        if (Number.isNaN(x[i]!)) expect(rx).toBeNull();
        else expect(Object.is(rx, x[i])).toBe(true);
        expect(rk).toBe(Number.isNaN(k[i]!) ? null : BigInt(k[i]!));
        if (loose[i] === null) expect(rl).toBeNull();
        else expect(Object.is(rl, loose[i])).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a table whose columns differ in length, and leaves no file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vl-parquet-ragged-'));
    try {
      const path = join(dir, 'r.parquet');
      await expect(writeParquet(path, { t: new Float64Array(3000), x: new Float64Array(2999) })).rejects.toThrow(/column "x" has 2999 values, the table 3000 rows/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('infers types and widens a BIGINT column holding fractions', () => {
    expect(columnType([1, 2, NaN])).toBe('BIGINT');
    expect(columnType([1, 2.5])).toBe('DOUBLE');
    expect(columnType([1, 2.5], 'BIGINT')).toBe('DOUBLE');
    expect(columnType(['x'])).toBe('VARCHAR');
    expect(columnType([], 'DOUBLE')).toBe('DOUBLE');
  });
  it('writes an empty table with its declared schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vl-parquet-'));
    try {
      const path = join(dir, 'e.parquet');
      await writeParquet(path, { t: [], mid: [] }, { t: 'BIGINT', mid: 'DOUBLE' });
      const r = await query(`SELECT * FROM '${path}'`);
      expect(r.names).toEqual(['t', 'mid']);
      expect(r.types).toEqual(['BIGINT', 'DOUBLE']);
      expect(r.rows).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('run outputs', () => {
  it('writes trades, orders, mids, truth and metrics as CSV and Parquet that DuckDB reads with the documented columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vl-run-'));
    try {
      const exp = await loadExperiment(quickstart, { mutate: (raw) => ({ ...(raw as object), duration: 3000 }) });
      const result = await runExperiment(exp, { seed: 3, outDir: dir });
      for (const name of ['trades', 'orders', 'mids', 'truth', 'metrics']) {
        expect(existsSync(join(dir, `${name}.csv`))).toBe(true);
        expect(existsSync(join(dir, `${name}.parquet`))).toBe(true);
      }
      expect(readdirSync(dir).some((f) => f.includes('.tmp-'))).toBe(false);
      for (const name of ['trades', 'orders', 'mids', 'truth'] as const) {
        const r = await query(`DESCRIBE SELECT * FROM '${join(dir, `${name}.parquet`)}'`);
        expect(r.rows.map((x) => x[0])).toEqual(Object.keys(PARQUET_SCHEMAS[name]));
        expect(r.rows.map((x) => x[1])).toEqual(Object.values(PARQUET_SCHEMAS[name]));
      }
      const trades = await query(`SELECT count(*), sum(qty) FROM '${join(dir, 'trades.parquet')}'`);
      expect(trades.rows[0]![0]).toBe(BigInt(result.record.stats.fills * 2));
      const m = await query(`SELECT * FROM '${join(dir, 'metrics.parquet')}'`);
      expect(m.names).toEqual([...METRICS_COLUMNS]);
      expect(m.rows.length).toBe(result.metrics.length);
      expect(m.rows.length).toBeGreaterThan(100);
      const residual = await query(`SELECT run_id, seed, scope, key, horizon, value FROM '${join(dir, 'metrics.parquet')}' WHERE metric = 'conservation_residual'`);
      expect(residual.rows).toHaveLength(1);
      const [runId, seed, scope, key, horizon, value] = residual.rows[0]!;
      expect([runId, seed, scope, key, horizon]).toEqual([result.record.runId, 3n, 'all', '', null]);
      expect(value).toBe(result.metrics.find((x) => x.metric === 'conservation_residual')!.value);
      const markout = await query(`SELECT horizon FROM '${join(dir, 'metrics.parquet')}' WHERE metric = 'markout_truth_maker' AND scope = 'all' ORDER BY horizon`);
      expect(markout.rows.map((x) => x[0])).toEqual([0n, 10n, 100n]);
      const csv = readFileSync(join(dir, 'metrics.csv'), 'utf8').split('\n');
      expect(csv[0]).toBe(METRICS_COLUMNS.join(','));
      expect(csv.find((l) => l.includes(',conservation_residual,'))).toMatch(/^[^,]+,3,conservation_residual,all,,,/);
      expect(result.roleMetrics.map((r) => r.role)).toEqual(['noise']);
      expect(result.roleMetrics[0]!.volume).toBe(result.roles[0]!.volume);
      expect(Number.isFinite(result.roleMetrics[0]!.pnlTruth)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
