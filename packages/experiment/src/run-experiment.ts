/**
 * Running one experiment config with one seed and writing its files.
 * @module
 */
import { mkdirSync } from 'node:fs';
import { executeRun, KERNEL_VERSION, rowCount, type MetricRow, type RunOptions, type RunRecord } from '@venuelab/kernel';
import { buildRunSpec, type LoadedExperiment } from './load.js';
import { hashOf, outputPath, toCsv, writeFileAtomic } from './files.js';

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
 * Runs a loaded experiment once and, when `outDir` is given, writes `manifest.json`,
 * `trades.csv`, `orders.csv`, `mids.csv` and `truth.csv` there (each atomically).
 */
export function runExperiment(exp: LoadedExperiment, options: RunOptions & { seed?: number; outDir?: string } = {}): RunResult {
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
    write('trades.csv', toCsv(record.trades));
    write('orders.csv', toCsv(record.orders));
    write('mids.csv', toCsv(record.mids));
    write('truth.csv', toCsv(record.truth));
    write('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  }
  return { record, metrics, manifest, files, roles: summariseRoles(record) };
}
