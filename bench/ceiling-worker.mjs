// Control for the sweep benchmark: a bare worker thread (no pool, no store, no coordinator work)
// that runs its share of the sweep's tasks back to back and posts the time each one finished.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runTask } = await import('../packages/experiment/src/sweep-worker.ts');
for (const task of workerData.tasks) {
  const r = await runTask(task);
  if (r.status !== 'ok') throw new Error(`ceiling run ${task.cell}/${task.seed} failed: ${r.error}`);
  parentPort.postMessage(performance.timeOrigin + performance.now());
}
