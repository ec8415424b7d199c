/**
 * The results store keeps what a run reported: every metric value bit for bit (-0, subnormals,
 * 17-digit values), strings with quotes, null horizons; a run stored again replaces its rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ResultsStore } from '../src/store.js';

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
});
