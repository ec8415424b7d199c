/**
 * Control for the sweep benchmark: runs the sweep's tasks back to back in this process (the
 * benchmark pins it to one core with taskset) and prints the rate of the runs after the first
 * `warmUp`, in runs/s.
 * Usage: tsx bench/pinned-runs.ts TASKS.json WARM_UP
 */
import { readFileSync } from 'node:fs';
import { runTask, type SweepTask } from '../packages/experiment/src/sweep-worker.js';

const tasks = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as SweepTask[];
const warmUp = Number(process.argv[3]);
let t0 = performance.now();
for (let i = 0; i < tasks.length; i++) {
  if (i === warmUp) t0 = performance.now();
  const r = await runTask(tasks[i]!);
  if (r.status !== 'ok') throw new Error(`pinned run ${r.cell}/${r.seed} failed: ${r.error}`);
}
console.log((tasks.length - warmUp) / ((performance.now() - t0) / 1000));
