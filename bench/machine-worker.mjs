// Machine control for the benchmarks (machine.bench.ts): repeats one kind of fixed work for a time
// window and reports its rate in units per second. Runs as a worker thread (workerData: kind,
// windowMs, barrier: the threads of one measurement start their windows together) or as a process
// (`node machine-worker.mjs KIND WINDOW_MS`, prints the rate), which taskset can pin to one core.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

/** Compute-bound: eight independent 32-bit multiply chains, all in registers. */
function compute() {
  let a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8;
  for (let i = 0; i < 4e6; i++) {
    a = (Math.imul(a, 1103515245) + 12345) | 0;
    b = (Math.imul(b, 1103515245) + 12345) | 0;
    c = (Math.imul(c, 1103515245) + 12345) | 0;
    d = (Math.imul(d, 1103515245) + 12345) | 0;
    e = (Math.imul(e, 22695477) + 1) | 0;
    f = (Math.imul(f, 22695477) + 1) | 0;
    g = (Math.imul(g, 22695477) + 1) | 0;
    h = (Math.imul(h, 22695477) + 1) | 0;
  }
  return a ^ b ^ c ^ d ^ e ^ f ^ g ^ h;
}

/**
 * Scattered read-modify-writes over `words` 32-bit words (256 KB: in a core's own caches; 16 MB: in
 * the last-level cache the cores share, the size of a V8 young generation at 8 MB semi-spaces; 64 MB:
 * in none).
 */
function scattered(words, steps) {
  const a = new Int32Array(words);
  let x = 12345, s = 0;
  for (let i = 0; i < steps; i++) {
    x = (Math.imul(x, 1103515245) + 12345) | 0;
    const j = (x >>> 8) & (words - 1);
    s = (s + a[j]) | 0;
    a[j] = s ^ i;
  }
  return s;
}

const kinds = {
  compute,
  cache: () => scattered(1 << 16, 2e6),
  shared: () => scattered(1 << 22, 1e6),
  memory: () => scattered(1 << 24, 1e6),
};

/** Units of `kind` work per second over a window of `windowMs` (after one unit of warm-up). */
function rate(kind, windowMs, barrier) {
  const work = kinds[kind];
  if (!work) throw new Error(`machine-worker: unknown kind ${kind}`);
  work();
  if (barrier) {
    const b = new Int32Array(barrier);
    Atomics.add(b, 0, 1);
    while (Atomics.load(b, 0) < b[1]) Atomics.wait(b, 0, Atomics.load(b, 0), 1);
  }
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < windowMs) {
    work();
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

if (isMainThread) console.log(rate(process.argv[2], Number(process.argv[3] ?? 1000)));
else parentPort.postMessage(rate(workerData.kind, workerData.windowMs, workerData.barrier));
