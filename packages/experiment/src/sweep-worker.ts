/**
 * The worker-thread side of a sweep: runs one (cell, seed) and returns its metric rows. A failing
 * run returns its error instead of throwing, so the pool and the sweep carry on.
 * @module
 */
import { executeRun, isVenuelabError, type MetricRow, type RunStats } from '@venuelab/kernel';
import { buildRunSpec, loadExperimentFromObject, loadPlugin } from './load.js';

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
    const rows = task.scopes ? inScopes(metrics, new Set(task.scopes)) : metrics;
    return { cell: task.cell, seed: task.seed, status: 'ok', rows, stats: record.stats };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { cell: task.cell, seed: task.seed, status: 'failed', error: message, code: isVenuelabError(e) ? e.code : 'VL_ERR_UNKNOWN', rows: [] };
  }
}

/** The rows of the given scopes (a loop, not a filter callback made per run that V8 would recompile). */
function inScopes(rows: MetricRow[], scopes: ReadonlySet<string>): MetricRow[] {
  const out: MetricRow[] = [];
  for (const r of rows) if (scopes.has(r.scope)) out.push(r);
  return out;
}

/** A plugin a worker imports before its first run. */
export interface PluginPreload {
  /** Plugin reference as written in the config. */
  ref: string;
  /** Folder it resolves from. */
  baseDir: string;
}

/** Every distinct plugin reference of the tasks' configs (truth, venues, agents, metrics), to preload. */
export function taskPlugins(tasks: readonly SweepTask[]): PluginPreload[] {
  const out = new Map<string, PluginPreload>();
  const add = (ref: unknown, baseDir: string) => {
    if (typeof ref === 'string') out.set(`${baseDir}\u0000${ref}`, { ref, baseDir });
  };
  for (const t of tasks) {
    const c = t.config as { truth?: { plugin?: unknown }; venues?: unknown; agents?: unknown; metrics?: unknown };
    add(c.truth?.plugin, t.baseDir);
    for (const list of [c.venues, c.agents, c.metrics]) {
      if (Array.isArray(list)) for (const x of list as { plugin?: unknown }[]) add(x?.plugin, t.baseDir);
    }
  }
  return [...out.values()];
}

/**
 * Imports plugins ahead of the first run (a worker thread does this while it starts, so module
 * loading never stalls a run). A plugin that fails to load is left alone: the run that uses it
 * reports the problem.
 */
export async function preloadPlugins(list: readonly PluginPreload[]): Promise<void> {
  await Promise.all(list.map((p) => loadPlugin(p.ref, p.baseDir)));
}

/** Piscina entry point. */
export default runTask;
