/**
 * Sweep executors: where the runs of a sweep execute. The local executor uses worker threads on
 * this machine; a distributed executor (see `redis-executor.ts`) sends jobs to workers elsewhere.
 * Every executor returns each run's result exactly once through `onResult`; the sweep stores it.
 * @module
 */
import { Piscina } from 'piscina';
import { runTask, taskPlugins, type SweepTask, type SweepTaskResult } from './sweep-worker.js';
import { RunWatchdog } from './watchdog.js';
import { WORKER_RESOURCE_LIMITS } from './runtime.js';

/** What the sweep tells an executor besides the tasks. */
export interface ExecutorContext {
  /** Sweep id. */
  sweepId: string;
  /** The sweep manifest's identity: config hash and package versions workers must match. */
  identity: { configHash: string; packages: Record<string, string> };
  /** Called when a run is sent off (for in-flight counts). */
  onStart?: (task: SweepTask) => void;
}

/** Runs tasks and reports each result once. */
export type Executor = (tasks: SweepTask[], onResult: (r: SweepTaskResult) => Promise<void>, ctx: ExecutorContext) => Promise<void>;

/** A failed result for a task whose execution itself broke (a crashed worker, a lost connection). */
export function crashed(t: SweepTask, e: unknown, code = 'VL_ERR_WORKER'): SweepTaskResult {
  return { cell: t.cell, seed: t.seed, status: 'failed', error: `worker crashed: ${(e as Error)?.message ?? String(e)}`, code, rows: [] };
}

/**
 * Runs tasks on `workers` worker threads of this process (0 = in the calling thread, one at a time).
 * On worker threads a {@link RunWatchdog} stops a run stuck inside one event after its `maxWallMs`
 * (plus grace) and records it as failed; in the calling thread nothing can interrupt such a run.
 */
export function localExecutor(workers: number): Executor {
  return async (tasks, onResult, ctx) => {
    if (workers <= 0) {
      // The next run does not wait for this one's result to be stored (the store commits runs in
      // groups); a failure to store still fails the sweep once the runs are done.
      const stored: Promise<void>[] = [];
      for (const t of tasks) {
        ctx.onStart?.(t);
        const p = onResult(await runTask(t));
        p.catch(() => undefined); // handled by Promise.all below
        stored.push(p);
      }
      await Promise.all(stored);
      return;
    }
    const pool = new Piscina({
      filename: new URL('./sweep-worker-entry.mjs', import.meta.url).href,
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: 1000,
      resourceLimits: { ...WORKER_RESOURCE_LIMITS }, // see runtime.ts
      // Each thread imports every plugin of the sweep while it starts (see sweep-worker-entry.mjs).
      workerData: { preload: taskPlugins(tasks) },
    });
    const watchdog = new RunWatchdog();
    // The pool queues the tasks and starts the next one as soon as a thread is free. A task is
    // reported started when a thread is free for it (the first `workers` at once, then one per
    // result), so the in-flight count is what runs, not the whole queue; the pool starts tasks in
    // the order they were submitted.
    let started = 0;
    const startNext = () => {
      if (started < tasks.length) ctx.onStart?.(tasks[started++]!);
    };
    for (let i = 0; i < workers; i++) startNext();
    try {
      await Promise.all(
        tasks.map((t) =>
          watchdog
            .run(t, (task, signal) => pool.run(task, { signal }) as Promise<SweepTaskResult>)
            .catch((e: unknown) => crashed(t, e))
            .then((r) => {
              const stored = onResult(r); // counts this run out before the next one is counted in
              startNext();
              return stored;
            }),
        ),
      );
    } finally {
      watchdog.stop();
      await pool.destroy();
    }
  };
}
