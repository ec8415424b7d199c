/**
 * A sweep's finish at scale: the statistics (cell means, paired comparisons) and the result files
 * (results.csv, results.parquet) over a results store of 795,000 metric rows, what a sweep of
 * 3 cells x 1,000 seeds with 265 metric rows per run leaves (the pi-curve sweep's runs carry about
 * that many). The store is synthetic, built once through the store's API outside the timing; each repeat opens it
 * and does what `runSweep` does after its last run, with the same code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandSweep, ResultsStore, SweepStats } from '@venuelab/experiment';
import { createStream, type MetricRow } from '@venuelab/kernel';
import { sharedRows, type Benchmark } from './types.js';

const SEEDS = 1_000;
const ROWS_PER_RUN = 265;
const MECHANISMS = ['clob', 'fba-1', 'fba-10'];
const ROWS = SEEDS * ROWS_PER_RUN * MECHANISMS.length;
const SWEEP = 'bench';

const sweep = expandSweep({
  name: 'finish-bench',
  sweep: {
    seeds: SEEDS,
    grid: { mechanism: { path: 'venues[0].plugin', values: MECHANISMS } },
    comparisons: [{ axis: 'mechanism', control: 'clob' }],
  },
});

/** A store holding SEEDS runs per cell, each with ROWS_PER_RUN rows over 40 metrics, 3 scopes, 7 keys and some horizons. */
async function buildStore(path: string): Promise<void> {
  const store = await ResultsStore.open(path);
  const rng = createStream(4, 'bench:finish');
  const scopes = ['all', 'role', 'venue'] as const;
  try {
    const puts: Promise<void>[] = [];
    for (const cell of sweep.cells) {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const rows: MetricRow[] = [];
        for (let k = 0; k < ROWS_PER_RUN; k++) {
          rows.push({ metric: `metric_${k % 40}`, scope: scopes[k % 3]!, key: k % 3 === 0 ? '' : `key_${k % 7}`, horizon: k % 4 === 0 ? (k % 5) * 10 : null, value: rng.next() * 100 - 50 });
        }
        puts.push(store.put(SWEEP, { cell: cell.id, seed, status: 'ok', rows }));
      }
    }
    await Promise.all(puts);
  } finally {
    await store.close();
  }
}

interface Finish {
  statsS: number;
  filesS: number;
}

let built: Promise<string> | undefined;

async function measure(): Promise<Finish> {
  built ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'venuelab-finish-bench-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    await buildStore(join(dir, 'results.duckdb'));
    return dir;
  })();
  const dir = await built;
  const store = await ResultsStore.open(join(dir, 'results.duckdb'));
  try {
    const t0 = performance.now();
    const stats = new SweepStats(sweep.cells, sweep.axes, sweep.spec);
    let rows = 0;
    await store.forEachRowKey(SWEEP, sweep.cells, (row, cell, seed, value, n) => {
      rows += n;
      stats.add(row, cell, seed, value, n);
    });
    if (rows !== ROWS || stats.pairedStats().length === 0) throw new Error(`finish bench: streamed ${rows} of ${ROWS} rows`);
    const t1 = performance.now();
    await store.exportResults(SWEEP, sweep.cells, sweep.axes.map((a) => a.name), { csv: join(dir, 'results.csv'), parquet: join(dir, 'results.parquet') });
    const t2 = performance.now();
    return { statsS: (t1 - t0) / 1000, filesS: (t2 - t1) / 1000 };
  } finally {
    await store.close();
  }
}

const row = sharedRows(3, measure);
const NAME = `sweep finish, ${ROWS.toLocaleString('en-US')} stored metric rows (${MECHANISMS.length} cells x ${SEEDS.toLocaleString('en-US')} seeds x ${ROWS_PER_RUN})`;

export const benchmarks: Benchmark[] = [
  row(`${NAME}: cell and paired statistics`, 's', (m) => m.statsS, undefined, 'lower'),
  row(`${NAME}: results.csv and results.parquet`, 's', (m) => m.filesS, undefined, 'lower'),
];
