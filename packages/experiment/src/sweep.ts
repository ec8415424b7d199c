/**
 * Sweeps: every seed under every grid cell, on a pool of worker threads, into a DuckDB results
 * store, then paired statistics and exports.
 * @module
 */
import { existsSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { ConfigError, ErrorCode, KERNEL_VERSION, VenuelabError, type ConfigIssue, type Columns } from '@venuelab/kernel';
import { hashOf, outputPath, removeStaleTemps, writeCsvFile, writeFileAtomic } from './files.js';
import { loadExperimentFromObject, readConfigFile } from './load.js';
import { packageVersions } from './run-experiment.js';
import { SweepStats, type CellStat, type PairedStat } from './stats.js';
import { cellConfig, expandSweep, type ExpandedSweep } from './sweep-spec.js';
import type { SweepTask, SweepTaskResult } from './sweep-worker.js';
import { localExecutor, type Executor } from './executor.js';
import { ResultsStore } from './store.js';
import { writeReport } from './report.js';
import type { PiCurve } from './plots.js';

/** Progress of a sweep. */
export interface SweepProgress {
  /** Runs in the sweep (cells x seeds). */
  total: number;
  /** Runs finished and stored (including skipped and failed). */
  done: number;
  /** Runs failed. */
  failed: number;
  /** Runs skipped because `--resume` found them stored. */
  skipped: number;
  /** Runs being executed now (started, result not yet back). */
  inFlight: number;
}

/** Options of {@link runSweep}. */
export interface SweepOptions {
  /** Output folder (created if needed). */
  outDir: string;
  /** Worker threads (default: one per core). 0 runs in the calling thread. */
  workers?: number;
  /** Skip runs already stored in the output folder's results.duckdb. */
  resume?: boolean;
  /** Progress callback. */
  onProgress?: (p: SweepProgress) => void;
  /** Override the config's seeds (e.g. a smaller number for a quick look). */
  seeds?: number[];
  /** Where runs execute (default: worker threads on this machine, see {@link localExecutor}). */
  executor?: Executor;
}

/** A failed run. */
export interface FailedRun {
  cell: string;
  seed: number;
  error: string;
}

/** The outcome of a sweep. */
export interface SweepOutcome {
  /** Sweep id. */
  id: string;
  /** Output folder. */
  outDir: string;
  /** The expanded sweep. */
  sweep: ExpandedSweep;
  /** Runs in the sweep. */
  total: number;
  /** Runs that succeeded (including earlier ones found by `--resume`). */
  ok: number;
  /** Runs skipped because they were stored already. */
  skipped: number;
  /** Failed runs with their errors. */
  failed: FailedRun[];
  /** Per-cell statistics. */
  cells: CellStat[];
  /** Paired comparisons. */
  paired: PairedStat[];
  /** Files written. */
  files: string[];
  /** Wall time in milliseconds. */
  wallMs: number;
  /** Manifest written. */
  manifest: Record<string, unknown>;
  /** The pi-curve, when the sweep's report section configures one. */
  piCurve: PiCurve | null;
}

/** Package versions (kernel and every plugin) of every cell of a sweep, for manifests and worker checks. */
export async function packageVersionsOf(raw: Record<string, unknown>, baseDir: string): Promise<Record<string, string>> {
  const sweep = expandSweep(raw);
  const out: Record<string, string> = {};
  for (const cell of sweep.cells) Object.assign(out, packageVersions(await loadExperimentFromObject(cellConfig(raw, cell), baseDir)));
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Validates every cell of a sweep before anything runs; throws one ConfigError naming the cells. */
export async function validateSweep(raw: Record<string, unknown>, baseDir: string, sweep: ExpandedSweep): Promise<void> {
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  for (const cell of sweep.cells) {
    let cfg: Record<string, unknown>;
    try {
      cfg = cellConfig(raw, cell);
    } catch (e) {
      issues.push({ code: ErrorCode.Config, path: `sweep.grid (cell ${cell.id})`, message: (e as Error).message });
      continue;
    }
    try {
      await loadExperimentFromObject(cfg, baseDir);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      for (const i of e.issues) {
        const k = `${i.path}|${i.message}`;
        if (seen.has(k)) continue;
        seen.add(k);
        issues.push({ ...i, message: `${i.message} (in cell ${cell.id})` });
      }
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
}

/**
 * The jobs of an expanded sweep: every (cell, seed) for which `keep` holds (default: all), cell by
 * cell in grid order, each with its cell's config. `baseDir` is the folder relative plugin paths
 * resolve from (the config file's folder).
 */
export function sweepTasks(
  raw: Record<string, unknown>,
  sweep: ExpandedSweep,
  baseDir: string,
  keep: (cell: string, seed: number) => boolean = () => true,
): SweepTask[] {
  const tasks: SweepTask[] = [];
  for (const cell of sweep.cells) {
    const config = cellConfig(raw, cell);
    for (const seed of sweep.seeds) {
      if (keep(cell.id, seed)) tasks.push({ sweepId: sweep.id, cell: cell.id, seed, config, baseDir, scopes: sweep.spec.scopes });
    }
  }
  return tasks;
}

/** Runs a sweep from a config file. */
export async function runSweep(configPath: string, options: SweepOptions): Promise<SweepOutcome> {
  const started = performance.now(); // venuelab-allow-wallclock: reporting only
  const abs = resolve(configPath);
  const raw = readConfigFile(abs) as Record<string, unknown>;
  if (!raw || typeof raw !== 'object') throw new ConfigError([{ code: ErrorCode.Config, path: '', message: 'expected a config object' }]);
  const baseDir = dirname(abs);
  const sweep = expandSweep(raw);
  if (options.seeds) sweep.seeds = options.seeds;
  await validateSweep(raw, baseDir, sweep);

  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  removeStaleTemps(outDir); // left by a sweep killed mid-write (reliability: no partial file survives a resume)
  const dbPath = outputPath(outDir, 'results.duckdb');
  const fresh = !existsSync(dbPath);
  const store = await ResultsStore.open(dbPath);
  const files: string[] = [];
  try {
    const stored = fresh ? [] : await store.runs(sweep.id);
    if (stored.length > 0 && !options.resume) {
      throw new VenuelabError(ErrorCode.Io, `${outDir} already holds ${stored.length} runs of sweep ${sweep.id}: pass --resume to continue it, or choose another --out`);
    }
    const done = new Set(stored.filter((r) => r.status === 'ok').map((r) => `${r.cell}\u0000${r.seed}`));
    const tasks = sweepTasks(raw, sweep, baseDir, (cell, seed) => !done.has(`${cell}\u0000${seed}`));
    const total = sweep.cells.length * sweep.seeds.length;
    const progress: SweepProgress = { total, done: total - tasks.length, failed: 0, skipped: total - tasks.length, inFlight: 0 };
    options.onProgress?.({ ...progress });
    const failed: FailedRun[] = [];
    let received = 0;
    const onResult = async (r: SweepTaskResult) => {
      progress.inFlight = Math.max(0, progress.inFlight - 1);
      options.onProgress?.({ ...progress });
      const stored = store.put(sweep.id, r); // group commit: durable within DEFAULT_GROUP_COMMIT.lingerMs
      if (++received === tasks.length) void store.flush().catch(() => undefined); // the last run: no linger (a failure rejects `stored`)
      await stored;
      progress.done++; // counted once durable
      if (r.status === 'failed') {
        progress.failed++;
        failed.push({ cell: r.cell, seed: r.seed, error: r.error ?? 'unknown error' });
      }
      options.onProgress?.({ ...progress });
    };
    const workers = options.workers ?? availableParallelism();
    const executor = options.executor ?? localExecutor(workers);
    const identity = { configHash: hashOf(raw), packages: await packageVersionsOf(raw, baseDir) };
    const onStart = () => {
      progress.inFlight++;
      options.onProgress?.({ ...progress });
    };
    await executor(tasks, onResult, { sweepId: sweep.id, identity, onStart });

    // Statistics over every stored successful run (this invocation's and earlier ones'), streamed
    // from the store one metric row key at a time.
    const stats = new SweepStats(sweep.cells, sweep.axes, sweep.spec);
    await store.forEachRowKey(sweep.id, sweep.cells, (row, cell, seed, value, n) => stats.add(row, cell, seed, value, n));
    const cells = stats.cellStats();
    const paired = stats.pairedStats();
    const allRuns = await store.runs(sweep.id);
    const cellIndex = new Map(sweep.cells.map((c, i) => [c.id, i]));
    const byCell = new Map(sweep.cells.map((c) => [c.id, c]));
    const write = (name: string, data: string) => {
      const p = outputPath(outDir, name);
      writeFileAtomic(p, data);
      files.push(p);
    };
    const csv = (name: string, table: Columns) => {
      const p = outputPath(outDir, name);
      writeCsvFile(p, table);
      files.push(p);
    };
    const resultsCsv = outputPath(outDir, 'results.csv');
    const parquet = outputPath(outDir, 'results.parquet');
    await store.exportResults(sweep.id, sweep.cells, sweep.axes.map((a) => a.name), { csv: resultsCsv, parquet });
    files.push(resultsCsv, parquet);
    // One column per axis after the statistics; an axis named like one of them (`n`, `mean`) becomes `axis_<name>`.
    const statColumns = new Set(Object.keys(cells[0] ?? {}));
    const axisColumn = new Map(sweep.axes.map((a) => [a.name, statColumns.has(a.name) ? `axis_${a.name}` : a.name]));
    csv('cells.csv', objectsToColumns(cells.map((c) => ({ ...c, horizon: c.horizon ?? NaN, ...Object.fromEntries(Object.entries(byCell.get(c.cell)!.labels).map(([a, l]) => [axisColumn.get(a) ?? a, l])) }))));
    csv('paired.csv', objectsToColumns(paired.map((p) => ({ ...p, horizon: p.horizon ?? NaN }))));
    allRuns.sort((a, b) => cellIndex.get(a.cell)! - cellIndex.get(b.cell)! || a.seed - b.seed);
    csv('runs.csv', objectsToColumns(allRuns.map((r) => ({ cell: r.cell, seed: r.seed, status: r.status, error: r.error }))));
    const failedAll = allRuns.filter((r) => r.status !== 'ok').map((r) => ({ cell: r.cell, seed: r.seed, error: r.error }));
    const wallMs = performance.now() - started; // venuelab-allow-wallclock
    const { sweep: _s, ...base } = raw;
    const manifest = {
      sweepId: sweep.id,
      name: raw.name,
      configFile: abs,
      configHash: hashOf(raw),
      baseConfigHash: hashOf(base),
      config: raw,
      axes: sweep.axes.map((a) => ({ name: a.name, values: a.values.map((v) => v.label) })),
      cells: sweep.cells.map((c) => c.id),
      seeds: sweep.seeds,
      runs: { total, ok: allRuns.filter((r) => r.status === 'ok').length, failed: failedAll.length, skippedThisTime: progress.skipped },
      kernel: KERNEL_VERSION,
      node: process.version,
      executor: options.executor ? 'custom' : `local (${workers} worker threads)`,
      packages: identity.packages,
      wallMs,
    };
    write('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
    const report = await writeReport(outDir);
    files.push(...report.files);
    return {
      piCurve: report.piCurve,
      id: sweep.id,
      outDir,
      sweep,
      total,
      ok: allRuns.filter((r) => r.status === 'ok').length,
      skipped: progress.skipped,
      failed: failedAll,
      cells,
      paired,
      files,
      wallMs,
      manifest,
    };
  } finally {
    await store.close();
  }
}

/** Turns a list of flat objects into columns (keys of the first object, in order). */
export function objectsToColumns(objs: Record<string, unknown>[]): Columns {
  if (objs.length === 0) return {};
  const keys = Object.keys(objs[0]!);
  return Object.fromEntries(keys.map((k) => [k, objs.map((o) => o[k] as never)]));
}
