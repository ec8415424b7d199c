/**
 * Running one experiment config with one seed and writing its files.
 * @module
 */
import { mkdirSync } from 'node:fs';
import { METRIC_COLUMNS, metricColumns } from '@venuelab/analysis/core';
import { executeRun, KERNEL_VERSION, rowCount, type Columns, type MetricRow, type RunOptions, type RunRecord } from '@venuelab/kernel';
import { buildRunSpec, type LoadedExperiment } from './load.js';
import { hashOf, outputPath, writeCsvFile, writeFileAtomic } from './files.js';
import { PARQUET_SCHEMAS, writeParquetFiles, type ParquetFile } from './parquet.js';

/** Summary of one role in a run. */
export interface RoleSummary {
  /** Role tag. */
  role: string;
  /** Number of participants with this role. */
  participants: number;
  /** Fill legs. */
  fills: number;
  /** Lots traded. */
  volume: number;
  /** Net position in lots (bought minus sold). */
  net: number;
}

/** What {@link runExperiment} returns. */
export interface RunResult {
  /** The run record. */
  record: RunRecord;
  /** Metric rows. */
  metrics: MetricRow[];
  /** The manifest written. */
  manifest: Record<string, unknown>;
  /** Files written (absolute paths). */
  files: string[];
  /** Per-role summary. */
  roles: RoleSummary[];
  /** Per-role metric summary (volume, PnL, markout, effective spread) from the metric rows. */
  roleMetrics: RoleMetricSummary[];
}

/** One role's headline metrics, read from the metric rows (NaN where the metric was not computed). */
export interface RoleMetricSummary {
  /** Role tag. */
  role: string;
  /** Lots traded (`volume`, scope role). */
  volume: number;
  /** Truth-marked PnL in tick-lots (`pnl_truth`, scope role). */
  pnlTruth: number;
  /** Truth markout at D = 0 in tick-lots (`markout_truth`, scope role, horizon 0). */
  markoutTruth0: number;
  /** Quantity-weighted effective spread as a fraction of the mid (`effective_spread`, scope role). */
  effectiveSpread: number;
}

/** Column names of `metrics.csv` and `metrics.parquet`, in order (the tidy metric table of `@venuelab/analysis`). */
export const METRICS_COLUMNS = METRIC_COLUMNS;

/** Metric rows as the tidy table `run_id, seed, metric, scope, key, horizon, value` (horizon NaN, written empty, where none). */
export const metricsColumns = metricColumns;

/** The headline metrics of every role: roles from the role summary plus any role the metric rows name. */
export function summariseRoleMetrics(roles: readonly RoleSummary[], metrics: readonly MetricRow[]): RoleMetricSummary[] {
  const by = new Map<string, RoleMetricSummary>();
  const get = (role: string) => {
    let s = by.get(role);
    if (!s) by.set(role, (s = { role, volume: NaN, pnlTruth: NaN, markoutTruth0: NaN, effectiveSpread: NaN }));
    return s;
  };
  for (const r of roles) get(r.role);
  for (const m of metrics) {
    if (m.scope !== 'role') continue;
    if (m.metric === 'volume' && m.horizon === null) get(m.key).volume = m.value;
    else if (m.metric === 'pnl_truth' && m.horizon === null) get(m.key).pnlTruth = m.value;
    else if (m.metric === 'markout_truth' && m.horizon === 0) get(m.key).markoutTruth0 = m.value;
    else if (m.metric === 'effective_spread' && m.horizon === null) get(m.key).effectiveSpread = m.value;
  }
  for (const r of roles) if (Number.isNaN(get(r.role).volume)) get(r.role).volume = r.volume;
  return [...by.values()].sort((a, b) => a.role.localeCompare(b.role));
}

/** Package versions of the kernel and every plugin of an experiment. */
export function packageVersions(exp: LoadedExperiment): Record<string, string> {
  const out: Record<string, string> = { '@venuelab/kernel': KERNEL_VERSION };
  for (const p of [...exp.plugins.values()].sort((a, b) => a.packageName.localeCompare(b.packageName))) out[p.packageName] = p.version;
  return out;
}

/** Per-role fills, volume and net position from a trade log. */
export function summariseRoles(record: RunRecord): RoleSummary[] {
  const by = new Map<string, RoleSummary>();
  for (const p of record.participants) {
    const s = by.get(p.role) ?? { role: p.role, participants: 0, fills: 0, volume: 0, net: 0 };
    s.participants++;
    by.set(p.role, s);
  }
  const t = record.trades;
  const n = rowCount(t);
  const role = t.role as string[];
  const side = t.side as string[];
  const qty = t.qty as number[];
  for (let i = 0; i < n; i++) {
    const s = by.get(role[i]!) ?? { role: role[i]!, participants: 0, fills: 0, volume: 0, net: 0 };
    s.fills++;
    s.volume += qty[i]!;
    s.net += side[i] === 'buy' ? qty[i]! : -qty[i]!;
    by.set(role[i]!, s);
  }
  return [...by.values()].sort((a, b) => a.role.localeCompare(b.role));
}

/**
 * Runs a loaded experiment once and, when `outDir` is given, writes `manifest.json`, the run
 * record's tables as `trades`, `orders`, `mids` and `truth` in CSV and Parquet, and the metric rows
 * as `metrics.csv` and `metrics.parquet` (columns {@link METRICS_COLUMNS}); each file atomically.
 */
export async function runExperiment(exp: LoadedExperiment, options: RunOptions & { seed?: number; outDir?: string } = {}): Promise<RunResult> {
  const seed = options.seed ?? exp.config.seed;
  const spec = buildRunSpec(exp.config, exp.plugins, seed);
  const { record, metrics } = executeRun(spec, options);
  const { seed: _ignored, ...configWithoutSeed } = exp.config;
  const manifest = {
    name: exp.config.name,
    runId: record.runId,
    seed,
    configHash: hashOf(configWithoutSeed),
    config: { ...exp.config, seed },
    configFile: exp.path,
    packages: packageVersions(exp),
    node: process.version,
    stats: record.stats,
  };
  const files: string[] = [];
  if (options.outDir) {
    mkdirSync(options.outDir, { recursive: true });
    const write = (name: string, data: string) => {
      const p = outputPath(options.outDir!, name);
      writeFileAtomic(p, data);
      files.push(p);
    };
    const metricTable = metricsColumns(metrics, record.runId, seed);
    const csv = (name: string, table: Columns, columns?: string[]) => {
      const p = outputPath(options.outDir!, name);
      writeCsvFile(p, table, columns);
      files.push(p);
    };
    csv('trades.csv', record.trades);
    csv('orders.csv', record.orders);
    csv('mids.csv', record.mids);
    csv('truth.csv', record.truth);
    csv('metrics.csv', metricTable, [...METRICS_COLUMNS]);
    const parquet: ParquetFile[] = [
      { path: outputPath(options.outDir, 'trades.parquet'), columns: record.trades, schema: PARQUET_SCHEMAS.trades },
      { path: outputPath(options.outDir, 'orders.parquet'), columns: record.orders, schema: PARQUET_SCHEMAS.orders },
      { path: outputPath(options.outDir, 'mids.parquet'), columns: record.mids, schema: PARQUET_SCHEMAS.mids },
      { path: outputPath(options.outDir, 'truth.parquet'), columns: record.truth, schema: PARQUET_SCHEMAS.truth },
      { path: outputPath(options.outDir, 'metrics.parquet'), columns: metricTable, schema: PARQUET_SCHEMAS.metrics },
    ];
    await writeParquetFiles(parquet);
    files.push(...parquet.map((f) => f.path));
    write('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  }
  const roles = summariseRoles(record);
  return { record, metrics, manifest, files, roles, roleMetrics: summariseRoleMetrics(roles, metrics) };
}
