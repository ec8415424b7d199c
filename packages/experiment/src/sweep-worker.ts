/**
 * The worker-thread side of a sweep: runs one (cell, seed) and returns its metric rows. A failing
 * run returns its error instead of throwing, so the pool and the sweep carry on.
 * @module
 */
import { executeRun, isVenuelabError, type MetricRow, type RunStats } from '@venuelab/kernel';
import { buildRunSpec, loadExperimentFromObject } from './load.js';

/** One job: a cell's raw config (already with its assignments) and a seed. */
export interface SweepTask {
  /** Sweep id. */
  sweepId: string;
  /** Cell id. */
  cell: string;
  /** Seed. */
  seed: number;
  /** The cell's raw config. */
  config: Record<string, unknown>;
  /** Folder relative plugin paths resolve from. */
  baseDir: string;
  /** Metric scopes to return (default: all of them). */
  scopes?: string[];
  /** Shared heartbeat of the executor's watchdog (see `watchdog.ts`); absent when unwatched. */
  heartbeat?: SharedArrayBuffer;
}

/** What a job returns. */
export interface SweepTaskResult {
  /** Cell id. */
  cell: string;
  /** Seed. */
  seed: number;
  /** `ok` or `failed`. */
  status: 'ok' | 'failed';
  /** Error message of a failed run (names the plugin, tick and seed where the kernel knows them). */
  error?: string;
  /** Error code of a failed run. */
  code?: string;
  /** Metric rows of a successful run. */
  rows: MetricRow[];
  /** Run counters. */
  stats?: RunStats;
}

/** Runs one job (used by worker threads and by in-process execution). */
export async function runTask(task: SweepTask): Promise<SweepTaskResult> {
  try {
    const heartbeat = task.heartbeat ? new Float64Array(task.heartbeat) : undefined;
    if (heartbeat) heartbeat[2] = 1; // started: the watchdog's clock for this task runs from now
    const exp = await loadExperimentFromObject(task.config, task.baseDir, undefined, task.seed);
    const spec = buildRunSpec(exp.config, exp.plugins, task.seed);
    spec.runId = `${task.sweepId}:${task.cell}:seed-${task.seed}`;
    const { record, metrics } = executeRun(spec, heartbeat ? { heartbeat } : {});
    const keep = task.scopes ? new Set(task.scopes) : null;
    const rows = keep ? metrics.filter((m) => keep.has(m.scope)) : metrics;
    return { cell: task.cell, seed: task.seed, status: 'ok', rows, stats: record.stats };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { cell: task.cell, seed: task.seed, status: 'failed', error: message, code: isVenuelabError(e) ? e.code : 'VL_ERR_UNKNOWN', rows: [] };
  }
}

/** Piscina entry point. */
export default runTask;
