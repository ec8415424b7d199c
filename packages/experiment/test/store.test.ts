/**
 * The results store keeps what a run reported: every metric value bit for bit (-0, subnormals,
 * 17-digit values), strings with quotes, null horizons; a run stored again replaces its rows.
 * Group commit: runs share a transaction, each `put` resolves once its run is committed, and a
 * failed transaction fails exactly the runs in it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DuckDBInstance } from '@duckdb/node-api';
import { ResultsStore, type GroupCommit } from '../src/store.js';
import type { SweepTaskResult } from '../src/sweep-worker.js';

const dir = mkdtempSync(join(tmpdir(), 'venuelab-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('results store', () => {
  it('round-trips every finite double exactly, and odd strings', async () => {
    const store = await ResultsStore.open(join(dir, 'a.duckdb'));
    try {
      const values = fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), { numRuns: 3000, seed: 5 });
      values.push(0, -0, 0.1, 1e-300, 5e-324, -1.7976931348623157e308, 12345.678901234567, 2 ** 53 + 2);
      const rows = values.map((value, i) => ({ metric: `m'${i % 7}`, scope: 'agent', key: i % 3 ? `it's "${i}"` : '', horizon: i % 5 ? i : null, value }));
      await store.put('s', { cell: "c'1", seed: 3, status: 'ok', rows });
      const back = await store.metricRows('s');
      expect(back.length).toBe(rows.length);
      const byKey = new Map(back.map((r) => [`${r.metric}|${r.key}|${r.horizon}|${r.value}`, r]));
      for (const r of rows) {
        const hit = byKey.get(`${r.metric}|${r.key}|${r.horizon}|${r.value}`);
        expect(hit, `row ${JSON.stringify(r)}`).toBeDefined();
        expect(hit!.cell).toBe("c'1");
        expect(hit!.seed).toBe(3);
      }
      // bitwise: sort both sides the same way and compare the doubles with Object.is
      const sortKey = (r: { metric: string; key: string; horizon: number | null; value: number }) => `${r.metric}|${r.key}|${r.horizon}`;
      const a = [...rows].sort((x, y) => (sortKey(x) < sortKey(y) ? -1 : sortKey(x) > sortKey(y) ? 1 : x.value - y.value || (Object.is(x.value, -0) ? -1 : 0) - (Object.is(y.value, -0) ? -1 : 0)));
      const b = [...back].sort((x, y) => (sortKey(x) < sortKey(y) ? -1 : sortKey(x) > sortKey(y) ? 1 : x.value - y.value || (Object.is(x.value, -0) ? -1 : 0) - (Object.is(y.value, -0) ? -1 : 0)));
      for (let i = 0; i < a.length; i++) expect(Object.is(b[i]!.value, a[i]!.value)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('replaces the rows of a run stored again', async () => {
    const store = await ResultsStore.open(join(dir, 'b.duckdb'));
    try {
      await store.put('s', { cell: 'c', seed: 1, status: 'ok', rows: [{ metric: 'x', scope: 'all', key: '', horizon: null, value: 1 }] });
      await store.put('s', { cell: 'c', seed: 1, status: 'ok', rows: [{ metric: 'x', scope: 'all', key: '', horizon: null, value: 2 }, { metric: 'y', scope: 'all', key: '', horizon: 3, value: 4 }] });
      const back = await store.metricRows('s');
      expect(back.map((r) => [r.metric, r.horizon, r.value]).sort()).toEqual([
        ['x', null, 2],
        ['y', 3, 4],
      ]);
    } finally {
      await store.close();
    }
  });

  it('replaces a run stored by an earlier session, and keeps failed runs with their error', async () => {
    const path = join(dir, 'c.duckdb');
    const first = await ResultsStore.open(path);
    await first.put('s', { cell: 'c', seed: 1, status: 'failed', error: "plugin 'x' threw", code: 'VL_ERR_PLUGIN', rows: [] });
    await first.put('s', { cell: 'c', seed: 2, status: 'ok', rows: [{ metric: 'x', scope: 'all', key: '', horizon: null, value: 5 }], stats: { events: 10, fills: 2, messages: 4, wallMs: 1.5 } });
    await first.close();
    const again = await ResultsStore.open(path);
    try {
      expect((await again.runs('s')).sort((a, b) => a.seed - b.seed)).toEqual([
        { cell: 'c', seed: 1, status: 'failed', error: "plugin 'x' threw" },
        { cell: 'c', seed: 2, status: 'ok', error: '' },
      ]);
      // the resumed sweep re-runs seed 1; seed 2 stored twice in one batch keeps the last
      await Promise.all([
        again.put('s', { cell: 'c', seed: 1, status: 'ok', rows: [{ metric: 'x', scope: 'all', key: '', horizon: null, value: 7 }] }),
        again.put('s', { cell: 'c', seed: 2, status: 'ok', rows: [{ metric: 'x', scope: 'all', key: '', horizon: null, value: 8 }] }),
        again.put('s', { cell: 'c', seed: 2, status: 'ok', rows: [{ metric: 'x', scope: 'all', key: '', horizon: null, value: 9 }] }),
      ]);
      expect((await again.runs('s')).map((r) => [r.seed, r.status]).sort()).toEqual([
        [1, 'ok'],
        [2, 'ok'],
      ]);
      expect((await again.metricRows('s')).map((r) => [r.seed, r.value])).toEqual([
        [1, 7],
        [2, 9],
      ]);
    } finally {
      await again.close();
    }
  });

  it('exports the successful runs as CSV and Parquet from the database, in cell order, with axis labels', async () => {
    const store = await ResultsStore.open(join(dir, 'e.duckdb'));
    const out = mkdtempSync(join(dir, 'export-'));
    try {
      expect(await store.metricRows('s')).toEqual([]); // nothing stored: no rows (the driver returns no columns)
      const row = (metric: string, horizon: number | null, value: number, key = '') => ({ metric, scope: 'all' as const, key, horizon, value });
      await store.put('s', { cell: 'z', seed: 2, status: 'ok', rows: [row('b', 5, 0.1 + 0.2), row('a', null, -0, `it's, "quoted"`)] });
      await store.put('s', { cell: 'z', seed: 1, status: 'ok', rows: [row('a', 10, 5), row('a', null, 2 ** 53 + 2)] });
      await store.put('s', { cell: 'a', seed: 1, status: 'ok', rows: [row('a', null, 1e-7)] });
      await store.put('s', { cell: 'a', seed: 2, status: 'failed', error: 'boom', rows: [] });
      await store.put('other', { cell: 'z', seed: 1, status: 'ok', rows: [row('a', null, 99)] });
      const cells = [
        { id: 'z', labels: { mechanism: 'fba', 'tau, ticks': '10' } },
        { id: 'a', labels: { mechanism: 'clob', 'tau, ticks': '0' } },
      ];
      const csv = join(out, 'results.csv');
      const parquet = join(out, 'results.parquet');
      await store.exportResults('s', cells, ['mechanism', 'tau, ticks'], { csv, parquet });
      // cells in the given order (z before a), then seed, metric, key, horizon with none first;
      // an empty key is "", a missing horizon empty
      expect(readFileSync(csv, 'utf8')).toBe(
        [
          'sweep_id,cell,mechanism,"tau, ticks",seed,metric,scope,key,horizon,value',
          's,z,fba,10,1,a,all,"",,9007199254740994.0',
          's,z,fba,10,1,a,all,"",10,5.0',
          's,z,fba,10,2,a,all,"it\'s, ""quoted""",,-0.0',
          's,z,fba,10,2,b,all,"",5,0.30000000000000004',
          's,a,clob,0,1,a,all,"",,1e-07',
          '',
        ].join('\n'),
      );
      expect(readdirSync(out).sort()).toEqual(['results.csv', 'results.parquet']); // no temporary file left
      const db = await DuckDBInstance.create(':memory:');
      const conn = await db.connect();
      try {
        const r = await conn.runAndReadAll(`SELECT seed, horizon, value, typeof(seed) AS ts, typeof(horizon) AS th, typeof(value) AS tv FROM read_parquet('${parquet}')`);
        const rows = r.getRowObjects();
        expect(rows.map((o) => [o.ts, o.th, o.tv])).toEqual(rows.map(() => ['BIGINT', 'BIGINT', 'DOUBLE']));
        expect(rows.map((o) => [Number(o.seed), o.horizon === null ? null : Number(o.horizon), o.value])).toEqual([
          [1, null, 2 ** 53 + 2],
          [1, 10, 5],
          [2, null, -0],
          [2, 5, 0.1 + 0.2],
          [1, null, 1e-7],
        ]);
        expect(Object.is(rows[2]!.value, -0)).toBe(true);
      } finally {
        conn.closeSync();
        db.closeSync();
      }
    } finally {
      await store.close();
    }
  });

  it('streams the values of successful runs key by key, by cell (in the given order) and seed', async () => {
    const store = await ResultsStore.open(join(dir, 'f.duckdb'));
    try {
      const row = (metric: string, horizon: number | null, value: number, key = '') => ({ metric, scope: 'all' as const, key, horizon, value });
      await store.put('s', { cell: 'b', seed: 2, status: 'ok', rows: [row('m', 1, 21), row('m', null, 20), row('m', null, -0)] }); // a key twice in one run: kept in the run's order
      await store.put('s', { cell: 'a', seed: 2, status: 'ok', rows: [row('m', null, 12), row('k', null, 1, 'x')] });
      await store.put('s', { cell: 'a', seed: 1, status: 'ok', rows: [row('m', null, 11), row('m', 1, 13)] });
      await store.put('s', { cell: 'a', seed: 3, status: 'failed', error: 'boom', rows: [] });
      await store.put('s', { cell: 'gone', seed: 1, status: 'ok', rows: [row('m', null, 99)] });
      await store.put('other', { cell: 'a', seed: 1, status: 'ok', rows: [row('m', null, 98)] });
      const seen: string[] = [];
      let negativeZero = false;
      const cells = [{ id: 'b', labels: {} }, { id: 'a', labels: {} }];
      await store.forEachRowKey('s', cells, (r, cell, seed, value, n) => {
        if (r.metric === 'm' && r.horizon === null) negativeZero = Object.is(value[1], -0);
        const vals = Array.from({ length: n }, (_, i) => `${cells[cell[i]!]!.id}${seed[i]}=${value[i]}`);
        seen.push(`${r.metric}/${r.scope}/${r.key}/${r.horizon}: ${vals.join(' ')}`);
      });
      expect(seen).toEqual(['k/all/x/null: a2=1', 'm/all//null: b2=20 b2=0 a1=11 a2=12', 'm/all//1: b2=21 a1=13']);
      expect(negativeZero).toBe(true);
    } finally {
      await store.close();
    }
  });

  describe('group commit', { timeout: 30_000 }, () => {
    const run = (seed: number, value: number | null = seed): SweepTaskResult => ({
      cell: 'c',
      seed,
      status: 'ok',
      rows: [{ metric: 'x', scope: 'all', key: '', horizon: null, value: value as number }],
    });
    /** Resolves to the puts that have settled so far (after the event loop has turned a few times). */
    const settledAfterTurns = async (puts: Promise<void>[]) => {
      const state = puts.map(() => 'pending');
      puts.forEach((p, i) => p.then(() => (state[i] = 'ok'), () => (state[i] = 'failed')));
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      return state;
    };
    const open = (name: string, group: GroupCommit) => ResultsStore.open(join(dir, name), group);
    /** Linger far longer than any test: only maxRuns, flush, a read or close can commit. */
    const HOLD = 600_000;

    it('holds runs until maxRuns of them wait, then commits them together', async () => {
      const store = await open('g1.duckdb', { lingerMs: HOLD, maxRuns: 3 });
      try {
        const first = [store.put('s', run(1)), store.put('s', run(2))];
        expect(await settledAfterTurns(first)).toEqual(['pending', 'pending']);
        const third = store.put('s', run(3));
        await Promise.all([...first, third]);
        expect((await store.runs('s')).map((r) => r.seed).sort()).toEqual([1, 2, 3]);
      } finally {
        await store.close();
      }
    });

    it('flush commits the waiting runs at once; a read or close commits them too', async () => {
      const path = 'g2.duckdb';
      const store = await open(path, { lingerMs: HOLD, maxRuns: 100 });
      const a = store.put('s', run(1));
      await store.flush();
      expect(await settledAfterTurns([a])).toEqual(['ok']);
      const b = store.put('s', run(2));
      expect((await store.metricRows('s')).map((r) => r.seed)).toEqual([1, 2]);
      await b;
      const c = store.put('s', run(3));
      await store.close();
      await c;
      const again = await open(path, { lingerMs: 0, maxRuns: 1 });
      try {
        expect((await again.runs('s')).map((r) => r.seed).sort()).toEqual([1, 2, 3]);
      } finally {
        await again.close();
      }
    });

    it('commits a batch of more runs than one DuckDB data chunk holds (runs queued during a slow commit)', async () => {
      const store = await open('g5.duckdb', { lingerMs: HOLD, maxRuns: 100_000 });
      try {
        const n = 2048 + 700;
        await Promise.all([...Array(n).keys()].map((i) => store.put('s', run(i + 1))).concat([store.flush()]));
        expect((await store.runs('s')).length).toBe(n);
        expect((await store.metricRows('s')).length).toBe(n);
      } finally {
        await store.close();
      }
    });

    it('commits after the linger without a flush', async () => {
      const store = await open('g3.duckdb', { lingerMs: 5, maxRuns: 100 });
      try {
        await Promise.all([store.put('s', run(1)), store.put('s', run(2))]); // would hang without the timer
        expect((await store.runs('s')).length).toBe(2);
      } finally {
        await store.close();
      }
    });

    it('a transaction that fails rejects every run in it and no other, and writes none of them', async () => {
      const store = await open('g4.duckdb', { lingerMs: HOLD, maxRuns: 100 });
      try {
        const before = store.put('s', run(1));
        await store.flush();
        await before;
        const group = [store.put('s', run(2)), store.put('s', run(3, null))]; // value is NOT NULL
        const flushed = store.flush();
        await expect(flushed).rejects.toThrow();
        expect(await settledAfterTurns(group)).toEqual(['failed', 'failed']);
        const after = store.put('s', run(4));
        await store.flush();
        await after;
        expect((await store.runs('s')).map((r) => r.seed).sort()).toEqual([1, 4]);
        expect((await store.metricRows('s')).map((r) => r.seed)).toEqual([1, 4]);
      } finally {
        await store.close();
      }
    });

    it('refuses a group commit that cannot commit', async () => {
      await expect(open('g5.duckdb', { lingerMs: -1, maxRuns: 1 })).rejects.toThrow(/lingerMs must be >= 0/);
      await expect(open('g6.duckdb', { lingerMs: 0, maxRuns: 0 })).rejects.toThrow(/maxRuns >= 1/);
    });
  });
});
