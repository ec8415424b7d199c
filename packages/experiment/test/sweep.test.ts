import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { fromCSV } from 'arquero';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runSweep } from '../src/index.js';

const root = join(import.meta.dirname, '../../..');

/** A small sweep over the quickstart: two cells, `seeds` seeds, short runs, two metrics. */
function sweepConfig(seeds: number, extra: (c: Record<string, any>) => void = () => {}): string {
  const c = parse(readFileSync(join(root, 'examples/quickstart/experiment.yaml'), 'utf8'));
  c.duration = 1500;
  c.agents[0].count = 12;
  c.metrics = [
    { id: 'pnl', plugin: '@venuelab/plugin-metric-pnl' },
    { id: 'markout', plugin: '@venuelab/plugin-metric-markout', config: { horizons: [0, 10] } },
  ];
  c.sweep = {
    seeds,
    grid: { share: { path: 'agents[0].config.marketShare', values: [0.1, 0.4] } },
    comparisons: [{ axis: 'share', control: '0.1' }],
  };
  extra(c);
  const dir = mkdtempSync(join(tmpdir(), 'venuelab-sweep-'));
  const p = join(dir, 'experiment.yaml');
  writeFileSync(p, stringify(c));
  return p;
}

const out = () => mkdtempSync(join(tmpdir(), 'venuelab-sweep-out-'));

async function countDuplicates(dir: string): Promise<{ dup: number; rows: number; runs: number }> {
  const db = await DuckDBInstance.create(join(dir, 'results.duckdb'));
  const c = await db.connect();
  const dup = Number((await c.runAndReadAll(`SELECT count(*) AS n FROM (SELECT cell, seed, metric, scope, key, horizon, count(*) AS k FROM metrics GROUP BY ALL HAVING k > 1)`)).getRowObjects()[0]!.n);
  const rows = Number((await c.runAndReadAll('SELECT count(*) AS n FROM metrics')).getRowObjects()[0]!.n);
  const runs = Number((await c.runAndReadAll("SELECT count(*) AS n FROM runs WHERE status = 'ok'")).getRowObjects()[0]!.n);
  c.closeSync();
  db.closeSync();
  return { dup, rows, runs };
}

describe('sweeps', () => {
  it('give identical results.csv with 1 and 2 workers, and in-process', async () => {
    const cfg = sweepConfig(3);
    const [a, b, c] = [out(), out(), out()];
    const r1 = await runSweep(cfg, { outDir: a, workers: 1 });
    let inFlight = 0;
    await runSweep(cfg, { outDir: b, workers: 2, onProgress: (p) => (inFlight = Math.max(inFlight, p.inFlight)) });
    expect(inFlight).toBe(2); // runs in flight are the runs on the threads, not the queue
    await runSweep(cfg, { outDir: c, workers: 0 });
    expect(r1.total).toBe(6);
    expect(r1.ok).toBe(6);
    const csv = readFileSync(join(a, 'results.csv'), 'utf8');
    expect(csv.split('\n').length).toBeGreaterThan(20);
    expect(readFileSync(join(b, 'results.csv'), 'utf8')).toBe(csv);
    expect(readFileSync(join(c, 'results.csv'), 'utf8')).toBe(csv);
    expect(readFileSync(join(b, 'paired.csv'), 'utf8')).toBe(readFileSync(join(a, 'paired.csv'), 'utf8'));
    expect(r1.paired.some((p) => p.metric === 'pnl_truth' && p.scope === 'role' && p.key === 'noise')).toBe(true);
    for (const f of ['results.parquet', 'cells.csv', 'runs.csv', 'manifest.json', 'report.html']) expect(r1.files.some((x) => x.endsWith(f))).toBe(true);
  });

  it('refuses to write into a folder holding the same sweep unless resuming; resuming runs nothing twice', async () => {
    const cfg = sweepConfig(2);
    const dir = out();
    await runSweep(cfg, { outDir: dir, workers: 0 });
    await expect(runSweep(cfg, { outDir: dir, workers: 0 })).rejects.toThrow(/--resume/);
    const again = await runSweep(cfg, { outDir: dir, workers: 0, resume: true });
    expect(again.skipped).toBe(4);
    expect((await countDuplicates(dir)).dup).toBe(0);
  });

  it('records a run that fails mid-way, carries on, and reports it', async () => {
    // seed-dependent failure: the noise traders of cell share=0.4 send to a venue that does not exist
    const cfg = sweepConfig(2, (c) => {
      c.sweep.grid.share.values = [0.1, 0.4];
      c.sweep.grid.venue = { path: 'agents[0].config.venue', values: ['clob', 'nowhere'] };
    });
    const r = await runSweep(cfg, { outDir: out(), workers: 0 });
    expect(r.total).toBe(8);
    expect(r.ok).toBe(4);
    expect(r.failed).toHaveLength(4);
    expect(r.failed[0]!.error).toMatch(/VL_ERR|unknown venue "nowhere"/);
    expect(r.failed[0]!.error).toMatch(/seed \d/);
  });

  it('a sweep killed with SIGKILL and resumed has exactly one row per (cell, seed, metric) and the same results', async () => {
    // Enough runs, long enough, that the sweep outlasts several group commits (the store commits
    // runs together, at most 200 ms after the first of them finished), so the kill lands mid-sweep.
    const cfg = sweepConfig(24, (c) => (c.duration = 6000));
    const full = out();
    await runSweep(cfg, { outDir: full, workers: 1 });
    const dir = out();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [join(root, 'packages/cli/bin/venuelab.js'), 'sweep', cfg, '--out', dir, '--workers', '1', '--progress-lines'], { cwd: root });
      let killed = false;
      child.stderr.on('data', (d: Buffer) => {
        const m = /done=(\d+)/.exec(d.toString());
        if (!killed && m && Number(m[1]) >= 5) {
          killed = true;
          child.kill('SIGKILL');
        }
      });
      child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`sweep finished before it could be killed (${signal})`))));
    });
    const partial = await countDuplicates(dir);
    expect(partial.runs).toBeGreaterThanOrEqual(4);
    expect(partial.runs).toBeLessThan(48);
    const resumed = await runSweep(cfg, { outDir: dir, workers: 1, resume: true });
    expect(resumed.skipped).toBe(partial.runs);
    const after = await countDuplicates(dir);
    expect(after.dup).toBe(0);
    expect(after.runs).toBe(48);
    expect(readFileSync(join(dir, 'results.csv'), 'utf8')).toBe(readFileSync(join(full, 'results.csv'), 'utf8'));
  });
  it('over a 2-D grid, the report draws each report metric as a heat map of the per-cell means', async () => {
    const cfg = sweepConfig(2, (c) => {
      c.sweep.grid.count = { path: 'agents[0].count', values: [6, 12] };
      c.sweep.comparisons = [];
      c.sweep.report = { metrics: [{ metric: 'pnl_truth', scope: 'role', key: 'noise' }] };
    });
    const dir = out();
    const r = await runSweep(cfg, { outDir: dir, workers: 0 });
    expect(r.total).toBe(8);
    expect(r.files.map((f) => f.split('/').pop())).toContain('metric-1-surface.svg');
    const svg = readFileSync(join(dir, 'metric-1-surface.svg'), 'utf8');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('Metrics over share x count');
    // every square carries its cell's mean from cells.csv, to 3 significant digits
    const cells = fromCSV(readFileSync(join(dir, 'cells.csv'), 'utf8')).objects() as { metric: string; scope: string; key: string; mean: number }[];
    const means = cells.filter((c) => c.metric === 'pnl_truth' && c.scope === 'role' && c.key === 'noise').map((c) => c.mean);
    expect(means).toHaveLength(4);
    for (const m of means) expect(svg).toContain(`${Number(m.toPrecision(3))} (`);
  });

  it('axes named like a column of results.csv or cells.csv are written as axis_<name> there', async () => {
    const cfg = sweepConfig(1, (c) => {
      c.sweep.grid = { n: { path: 'agents[0].count', values: [6, 12] }, key: { path: 'agents[0].config.marketShare', values: [0.1] } };
      c.sweep.comparisons = [{ axis: 'n', control: '6' }];
    });
    const dir = out();
    const r = await runSweep(cfg, { outDir: dir, workers: 0 });
    expect(r.ok).toBe(2);
    const results = fromCSV(readFileSync(join(dir, 'results.csv'), 'utf8'), { autoType: false });
    expect(results.columnNames()).toEqual(['sweep_id', 'cell', 'n', 'axis_key', 'seed', 'metric', 'scope', 'key', 'horizon', 'value']);
    expect(new Set(results.array('n') as string[])).toEqual(new Set(['6', '12']));
    const cells = fromCSV(readFileSync(join(dir, 'cells.csv'), 'utf8'), { autoType: false });
    expect(cells.columnNames()).toEqual(['cell', 'metric', 'scope', 'key', 'horizon', 'n', 'mean', 'sd', 'sem', 'axis_n', 'axis_key']);
    expect(new Set(cells.array('n') as string[])).toEqual(new Set(['1'])); // seeds per cell, not the axis label
    expect(new Set(cells.array('axis_n') as string[])).toEqual(new Set(['6', '12']));
  });
});
