/**
 * Runs a Node script once pinned to each core (`taskset -c K`, at most two cores) and returns the
 * number each run prints; `[NaN]` where taskset is missing. Used by the per-core speed controls.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** The number `node ...args` prints when pinned to core 0, then core 1. */
export function onEachCore(args: readonly string[], cwd?: string): number[] {
  try {
    return Array.from({ length: Math.min(availableParallelism(), 2) }, (_, k) =>
      Number(execFileSync('taskset', ['-c', String(k), process.execPath, ...args], { cwd, encoding: 'utf8' }).trim()),
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [NaN];
    throw e;
  }
}
