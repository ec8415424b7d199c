/**
 * Machine controls for the sweep's scaling target: what two threads of this machine gain over one
 * on work that does not depend on venuelab, and whether its cores are equally fast. Each figure is
 * a rate of fixed work over a half-second window (machine-worker.mjs).
 * - Thread scaling (unpinned, as a sweep's workers run): the rate of two concurrent threads over one
 *   thread's, for compute in registers and for scattered memory access within a core's own caches
 *   (256 KB), within the last-level cache the cores share (16 MB each: two of them fill it) and over
 *   64 MB (in no cache: main memory).
 * - Per-core speed: the cache-resident work in a process pinned to each core in turn (taskset).
 *   Two threads can deliver at most (rate of core 0 + rate of core 1) / (rate of the fastest core)
 *   of what one thread on the fastest core does: a ceiling for any 2-worker / 1-worker ratio here.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { onEachCore } from './pin.js';
import { sharedRows, type Benchmark } from './types.js';

type Kind = 'compute' | 'cache' | 'shared' | 'memory';
const WINDOW_MS = 500;
const worker = new URL('./machine-worker.mjs', import.meta.url);

/** Rates of `threads` concurrent threads doing `kind` work, windows started together. */
async function rates(kind: Kind, threads: number): Promise<number[]> {
  const barrier = new SharedArrayBuffer(8);
  new Int32Array(barrier)[1] = threads;
  return Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<number>((resolve, reject) => {
          const w = new Worker(worker, { workerData: { kind, windowMs: WINDOW_MS, barrier } });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
}

/** Work rate of two concurrent threads over the rate of one thread alone. */
async function scaling(kind: Kind): Promise<number> {
  const [one] = await rates(kind, 1);
  const two = await rates(kind, 2);
  return (two[0]! + two[1]!) / one!;
}

/** Rate of cache-resident work in a process pinned to each core (NaN where taskset is missing). */
function coreRates(): number[] {
  return onEachCore([fileURLToPath(worker), 'cache', String(WINDOW_MS)]);
}

/** Per-core rows; repeat k of both reads the same per-core measurement. */
const coreRow = sharedRows(3, coreRates);

/** The machine-control rows of the benchmark table. */
export const benchmarks: Benchmark[] = [
  { name: 'machine control: compute-bound threads, scaling 2 / 1', unit: 'x', repeats: 3, run: () => scaling('compute') },
  { name: 'machine control: cache-resident threads (256 KB scattered each), scaling 2 / 1', unit: 'x', repeats: 3, run: () => scaling('cache') },
  { name: 'machine control: shared-cache threads (16 MB scattered each), scaling 2 / 1', unit: 'x', repeats: 3, run: () => scaling('shared') },
  { name: 'machine control: memory-bound threads (64 MB scattered each), scaling 2 / 1', unit: 'x', repeats: 3, run: () => scaling('memory') },
  coreRow('machine control: slowest / fastest core, cache-resident work pinned to each core', 'ratio', (r) => Math.min(...r) / Math.max(...r)),
  coreRow('machine control: 2-thread ceiling from per-core speeds, (core 0 + core 1) / fastest', 'x', (r) => r.reduce((s, x) => s + x, 0) / Math.max(...r)),
];
