// Control for the sweep benchmark: a bare worker thread (no pool, no store, no coordinator work)
// that runs the sweep's tasks back to back and posts the time each one finished. The threads of a
// control share one task list and take the next task from a shared counter (as a pool hands the
// next task to whichever worker is free), so a thread that runs slower does not leave the other
// idle at the end with a fixed share.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runTask } = await import('../packages/experiment/src/sweep-worker.ts');
const next = new Int32Array(workerData.next);
for (let i = Atomics.add(next, 0, 1); i < workerData.tasks.length; i = Atomics.add(next, 0, 1)) {
  const task = workerData.tasks[i];
  const r = await runTask(task);
  if (r.status !== 'ok') throw new Error(`ceiling run ${task.cell}/${task.seed} failed: ${r.error}`);
  parentPort.postMessage(performance.timeOrigin + performance.now());
  // Return to the event loop between runs, as a pool worker does between tasks.
  await new Promise((resolve) => setImmediate(resolve));
}
