/**
 * Sweep throughput and its scaling from 1 to 2 workers.
 *
 * Workload: examples/pi-curve at its full 4,000 ticks per run, mechanisms CLOB, FBA tau 1 and FBA
 * tau 10, 48 seeds: 144 runs. Each repeat measures three things on the same runs:
 * - `runSweep` on 1 and on 2 worker threads (the product: piscina pool, DuckDB store, progress);
 * - bare worker threads (1 and 2) that run the same tasks back to back, taking the next from a
 *   shared counter, with nothing else going on: what the runs alone reach (machine.bench.ts
 *   measures the machine on work that does not depend on venuelab). Its scaling is not a ceiling
 *   for the sweep's: one bare thread has the other core to itself for its compiler and GC helper
 *   threads, and one sweep worker waits for the pool between runs, which a second worker hides;
 *   compare the rates, the two "share of bare threads" rows;
 * - the same runs in one process pinned to each core in turn (taskset): the cores of a virtual
 *   machine need not be equally fast, and two workers can deliver at most (rate on core 0 + rate on
 *   core 1) / (rate on the faster core) of what one worker does on the faster core.
 *
 * Two rates per sweep: whole (runs / wall time, including worker start-up and module loading) and
 * steady (the runs finished after every worker has finished WARM_UP runs / the time they took: the
 * rate a long sweep of thousands of runs sees once its workers are warm; a thread's first runs are
 * slow while its module loading and JIT compilation finish, 160 ms for its first pi-curve run against
 * about 25 ms warm). Counting the warm-up per worker keeps the comparison fair: with 1 worker the
 * window starts after run WARM_UP, with 2 after run 2 x WARM_UP. The 1.8x target applies to the
 * steady rate. Neither rate counts the sweep's finish (statistics and result files after the last
 * run is stored), which has its own row.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { expandSweep, NODE_FLAGS, readConfigFile, runSweep, sweepTasks, WORKER_RESOURCE_LIMITS, type SweepTask } from '@venuelab/experiment';
import { onEachCore } from './pin.js';
import { sharedRows, type Benchmark } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));
const REPEATS = 3;
const SEEDS = 48;
/** Runs each worker finishes before the steady window opens. */
const WARM_UP = 24;
const KEEP = ['clob', 'fba-1', 'fba-10'];
const RUNS = SEEDS * KEEP.length;
const NAME = `pi-curve sweep (${RUNS} runs x 4,000 ticks)`;

/** The pi-curve config reduced to the kept mechanisms, as a raw object. */
function benchConfig(): Record<string, unknown> {
  const c = readConfigFile(join(here, '..', 'examples', 'pi-curve', 'experiment.yaml')) as {
    sweep: { seeds: number; grid: { mechanism: { values: Record<string, unknown> } }; report?: unknown };
  };
  c.sweep.seeds = SEEDS;
  c.sweep.grid.mechanism.values = Object.fromEntries(Object.entries(c.sweep.grid.mechanism.values).filter(([k]) => KEEP.includes(k)));
  delete c.sweep.report;
  return c as unknown as Record<string, unknown>;
}

interface Rate {
  /** Runs / wall time from start to the last run. */
  whole: number;
  /** Runs finished after every worker's first WARM_UP runs / the time they took. */
  steady: number;
  /** Seconds from the last run stored to the sweep's return (statistics, result files, report); NaN for bare threads. */
  finish: number;
}

/** Rates from the start time, the sorted completion times (ms) and the return time (ms, NaN if none) of a sweep on `workers` threads. */
function rates(t0: number, doneAt: number[], workers: number, end = NaN): Rate {
  const n = doneAt.length;
  if (n !== RUNS) throw new Error(`sweep bench: ${n} of ${RUNS} runs finished`);
  const warm = WARM_UP * workers;
  return {
    whole: n / ((doneAt[n - 1]! - t0) / 1000),
    steady: (n - warm) / ((doneAt[n - 1]! - doneAt[warm - 1]!) / 1000),
    finish: (end - doneAt[n - 1]!) / 1000,
  };
}

/** `runSweep` on `workers` threads. */
async function sweepRate(workers: 1 | 2): Promise<Rate> {
  const dir = mkdtempSync(join(tmpdir(), 'venuelab-sweep-bench-'));
  try {
    const path = join(dir, 'experiment.json');
    writeFileSync(path, JSON.stringify(benchConfig()));
    const doneAt: number[] = [];
    const t0 = performance.now();
    const out = await runSweep(path, {
      outDir: join(dir, 'out'),
      workers,
      onProgress: (p) => {
        while (doneAt.length < p.done) doneAt.push(performance.now());
      },
    });
    const end = performance.now();
    if (out.failed.length > 0) throw new Error(`sweep bench: ${out.failed.length} runs failed: ${out.failed[0]!.error}`);
    return rates(t0, doneAt, workers, end);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The sweep's tasks, as `runSweep` sends them. */
function benchTasks(): SweepTask[] {
  const raw = benchConfig();
  return sweepTasks(raw, expandSweep(raw), join(here, '..', 'examples', 'pi-curve'));
}

/**
 * The same tasks on `threads` bare worker threads, no pool and no store; each thread takes the next
 * task from a shared counter, as the pool gives the next task to whichever worker is free.
 */
async function bareRate(threads: 1 | 2): Promise<Rate> {
  const tasks = benchTasks();
  const next = new SharedArrayBuffer(4);
  const doneAt: number[] = [];
  const t0 = performance.timeOrigin + performance.now();
  await Promise.all(
    Array.from({ length: threads }, () => {
      const worker = new Worker(new URL('./ceiling-worker.mjs', import.meta.url), { workerData: { tasks, next }, resourceLimits: { ...WORKER_RESOURCE_LIMITS } });
      worker.on('message', (t: number) => doneAt.push(t));
      return new Promise<void>((resolve, reject) => {
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ceiling worker exited with ${code}`))));
      });
    }),
  );
  doneAt.sort((a, b) => a - b);
  return rates(t0, doneAt, threads);
}

/**
 * Steady run rate of the same tasks in a process pinned to each core (runs after WARM_UP; two cores
 * at most); NaN where taskset is missing.
 */
function pinnedRates(): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'venuelab-pinned-bench-'));
  try {
    const file = join(dir, 'tasks.json');
    writeFileSync(file, JSON.stringify(benchTasks().slice(0, 3 * WARM_UP)));
    return onEachCore([...NODE_FLAGS, '--import', 'tsx', join(here, 'pinned-runs.ts'), file, String(WARM_UP)], join(here, '..'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Repeat {
  sweep: { 1: Rate; 2: Rate };
  bare: { 1: Rate; 2: Rate };
  /** Steady rate pinned to core 0, core 1. */
  pinned: number[];
}

/** One repeat: both sweeps, both bare-thread runs and the pinned runs, in that order. */
async function measure(): Promise<Repeat> {
  const sweep = { 1: await sweepRate(1), 2: await sweepRate(2) };
  const bare = { 1: await bareRate(1), 2: await bareRate(2) };
  return { sweep, bare, pinned: pinnedRates() };
}

/** One row; repeat k of every row reads repeat k. */
const row = sharedRows(REPEATS, measure);

/** The sweep rows of the benchmark table. */
export const benchmarks: Benchmark[] = [
  row(`${NAME}, 1 worker, whole sweep`, 'runs/s', (r) => r.sweep[1].whole),
  row(`${NAME}, 2 workers, whole sweep`, 'runs/s', (r) => r.sweep[2].whole),
  row(`${NAME}, 1 worker, steady (after ${WARM_UP} runs per worker)`, 'runs/s', (r) => r.sweep[1].steady),
  row(`${NAME}, 2 workers, steady (after ${WARM_UP} runs per worker)`, 'runs/s', (r) => r.sweep[2].steady),
  row('pi-curve sweep: scaling 2 / 1 workers, steady', 'x', (r) => r.sweep[2].steady / r.sweep[1].steady, 1.8),
  row('pi-curve sweep: scaling 2 / 1 workers, whole sweep', 'x', (r) => r.sweep[2].whole / r.sweep[1].whole),
  row(`${NAME}, finish: statistics and files after the last run, 1 worker`, 's', (r) => r.sweep[1].finish),
  row('control: same runs on bare threads (no pool, store or progress), 1 thread, steady', 'runs/s', (r) => r.bare[1].steady),
  row('control: same runs on bare threads, 2 threads, steady', 'runs/s', (r) => r.bare[2].steady),
  row('control: same runs on bare threads, scaling 2 / 1, steady', 'x', (r) => r.bare[2].steady / r.bare[1].steady),
  row('pi-curve sweep: steady rate as a share of bare threads, 1 worker', 'ratio', (r) => r.sweep[1].steady / r.bare[1].steady),
  row('pi-curve sweep: steady rate as a share of bare threads, 2 workers', 'ratio', (r) => r.sweep[2].steady / r.bare[2].steady),
  row('control: same runs pinned to one core, steady rate of the slower / the faster core', 'ratio', (r) => Math.min(...r.pinned) / Math.max(...r.pinned)),
  row('control: 2-worker ceiling from per-core rates, (core 0 + core 1) / faster core', 'x', (r) => r.pinned.reduce((s, x) => s + x, 0) / Math.max(...r.pinned)),
];
