/**
 * Sweep throughput: a reduced pi-curve (examples/pi-curve with 2,000 ticks per run, 8 seeds,
 * mechanisms CLOB, FBA tau 1 and FBA tau 10: 24 runs) run by `runSweep` on 1 and on 2 worker
 * threads, two figures each: whole sweep (runs / wall time including worker start-up, module
 * loading in each worker, the DuckDB store) and warm workers (runs finished after every worker
 * finished its first run / the time they took: the throughput a long sweep sees). Scaling = 2-worker
 * over 1-worker rate of the same repeat; its target (1.8x) applies to warm workers, because a
 * 24-run sweep is dominated by start-up that a real sweep of thousands of runs amortises. The config is written as JSON to a temporary folder (plugins resolve by
 * package name from the project).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfigFile, runSweep } from '@venuelab/experiment';
import type { Benchmark } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));
const REPEATS = 3;
const KEEP = ['clob', 'fba-1', 'fba-10'];

/** Writes the reduced pi-curve config and returns its path and its number of runs. */
function reducedConfig(): { path: string; runs: number; dir: string } {
  const c = readConfigFile(join(here, '..', 'examples', 'pi-curve', 'experiment.yaml')) as {
    duration: number;
    sweep: { seeds: number; grid: { mechanism: { values: Record<string, unknown> } }; report?: unknown };
  };
  c.duration = 2000;
  c.sweep.seeds = 8;
  c.sweep.grid.mechanism.values = Object.fromEntries(Object.entries(c.sweep.grid.mechanism.values).filter(([k]) => KEEP.includes(k)));
  delete c.sweep.report;
  const dir = mkdtempSync(join(tmpdir(), 'venuelab-sweep-bench-'));
  const path = join(dir, 'experiment.json');
  writeFileSync(path, JSON.stringify(c));
  return { path, runs: 8 * KEEP.length, dir };
}

interface SweepRate {
  /** Runs / whole sweep wall time. */
  whole: number;
  /** Runs / time between the moment every worker finished its first run and the last run (warm workers). */
  steady: number;
}

/** Pair i: sweeps on 1 and on 2 workers, measured once and read by every row of repeat i. */
const pairs: { 1: SweepRate; 2: SweepRate }[] = [];

async function sweepRate(workers: 1 | 2): Promise<SweepRate> {
  const { path, runs, dir } = reducedConfig();
  try {
    const doneAt: number[] = [];
    const t0 = performance.now();
    const out = await runSweep(path, {
      outDir: join(dir, 'out'),
      workers,
      onProgress: (p) => {
        while (doneAt.length < p.done) doneAt.push(performance.now());
      },
    });
    const t1 = performance.now();
    if (out.failed.length > 0) throw new Error(`sweep bench: ${out.failed.length} runs failed: ${out.failed[0]!.error}`);
    const warm = doneAt[workers - 1]!;
    const last = doneAt[runs - 1] ?? t1;
    return { whole: runs / ((t1 - t0) / 1000), steady: (runs - workers) / ((last - warm) / 1000) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pair(i: number): Promise<{ 1: SweepRate; 2: SweepRate }> {
  while (pairs.length <= i) pairs.push({ 1: await sweepRate(1), 2: await sweepRate(2) });
  return pairs[i]!;
}

/** One row; repeat k of every row reads pair k. */
function row(name: string, unit: string, f: (p: { 1: SweepRate; 2: SweepRate }) => number, target?: number): Benchmark {
  let k = 0;
  return { name, unit, target, repeats: REPEATS, run: async () => f(await pair(k++)) };
}

/** The sweep rows of the benchmark table. */
export const benchmarks: Benchmark[] = [
  row('pi-curve sweep (24 runs x 2,000 ticks), 1 worker, whole sweep', 'runs/s', (p) => p[1].whole),
  row('pi-curve sweep (24 runs x 2,000 ticks), 2 workers, whole sweep', 'runs/s', (p) => p[2].whole),
  row('pi-curve sweep, 1 worker, warm workers', 'runs/s', (p) => p[1].steady),
  row('pi-curve sweep, 2 workers, warm workers', 'runs/s', (p) => p[2].steady),
  row('pi-curve sweep: scaling 2 / 1 workers, warm workers', 'x', (p) => p[2].steady / p[1].steady, 1.8),
  row('pi-curve sweep: scaling 2 / 1 workers, whole sweep', 'x', (p) => p[2].whole / p[1].whole),
];
