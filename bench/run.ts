/**
 * `pnpm bench`: runs every `bench/*.bench.ts`, prints one table (median of repeated runs, their
 * range, target, met by the median and by how many of the repeats), and writes bench/results.json.
 * `--compare` compares with the previous results.json (a change is starred when the median lies
 * outside the previous run's range of repeats); `--filter TEXT` runs only benchmarks whose
 * name contains TEXT and merges their figures into the previous results.json (figures of the
 * benchmarks it did not run are kept, those of benchmarks that no longer exist are dropped; a
 * re-measured figure replaces its old entry in place). Each bench file runs in its own child process
 * (`--child FILE`), so benchmarks do not perturb each other, started with the Node flags the
 * `venuelab` command uses (NODE_FLAGS), so each measures the product as it runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NODE_FLAGS } from '@venuelab/experiment/runtime';
import type { Benchmark, BenchResult } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const compare = args.includes('--compare');
const fi = args.indexOf('--filter');
const filter = fi >= 0 ? args[fi + 1] ?? '' : '';
const resultsFile = join(here, 'results.json');
const stored: BenchResult[] = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as BenchResult[]) : [];
const previous: BenchResult[] = compare ? stored : [];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(3));

const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort();

/** What a child process reports for its bench file. */
interface FileReport {
  /** Every benchmark name in the file. */
  names: string[];
  /** Measured benchmarks (those matching the filter). */
  measured: { name: string; unit: string; target?: number; better: 'higher' | 'lower'; value: number; values: number[] }[];
}

/** Runs the benchmarks of one file in this process (the child side) and prints a FileReport. */
async function measureFile(f: string): Promise<void> {
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { benchmarks: Benchmark[] };
  const report: FileReport = { names: mod.benchmarks.map((b) => b.name), measured: [] };
  for (const b of mod.benchmarks) {
    if (filter && !b.name.includes(filter)) continue;
    const values: number[] = [];
    for (let i = 0; i < (b.repeats ?? 5); i++) values.push(await b.run());
    report.measured.push({ name: b.name, unit: b.unit, target: b.target, better: b.better ?? 'higher', value: median(values), values });
    process.stderr.write(`  measured ${b.name}\n`);
  }
  process.stdout.write(`${REPORT}${JSON.stringify(report)}\n`);
}

const REPORT = 'bench-report:';
const ci = args.indexOf('--child');
if (ci >= 0) {
  await measureFile(args[ci + 1]!);
  process.exit(0);
}

const results: BenchResult[] = [];
/** Names of every benchmark that exists now (filtered or not). */
const known = new Set<string>();
const rows: string[][] = [];
// Each file runs in a fresh process: a benchmark that leaves a large heap behind (the metrics
// benchmark builds a 1M-fill record) or keeps the garbage collector's helper threads busy would
// otherwise slow the benchmarks measured after it in the same process.
for (const f of files) {
  const childArgs = [...NODE_FLAGS, '--import', 'tsx', fileURLToPath(import.meta.url), '--child', f, ...(filter ? ['--filter', filter] : [])];
  const out = execFileSync(process.execPath, childArgs, { cwd: join(here, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  const line = out.split('\n').find((l) => l.startsWith(REPORT));
  if (!line) throw new Error(`bench: ${f} printed no report`);
  const report = JSON.parse(line.slice(REPORT.length)) as FileReport;
  for (const n of report.names) known.add(n);
  for (const m of report.measured) {
    const { name, unit, target, better, value, values } = m;
    const meets = (x: number) => (better === 'higher' ? x >= target! : x <= target!);
    const met = target === undefined ? null : meets(value);
    const metRepeats = target === undefined ? null : values.filter(meets).length;
    const min = Math.min(...values);
    const max = Math.max(...values);
    results.push({ name, value, unit, target: target ?? null, met, min, max, repeats: values.length, metRepeats });
    const prev = previous.find((p) => p.name === name);
    // starred when the median left the previous run's range of repeats (beyond that run's own noise)
    const outside = prev?.min !== undefined && prev.max !== undefined && (value < prev.min || value > prev.max);
    const change = prev ? `${(((value - prev.value) / prev.value) * 100).toFixed(1)}%${outside ? ' *' : ''}` : '';
    rows.push([
      name,
      fmt(value),
      values.length > 1 ? `${fmt(min)} - ${fmt(max)}` : '',
      unit,
      target === undefined ? '' : `${better === 'higher' ? '>=' : '<='} ${fmt(target)}`,
      met === null ? '' : `${met ? 'yes' : 'NO'} (${metRepeats}/${values.length})`,
      change,
    ]);
  }
}
const header = ['benchmark (median)', 'value', 'range of repeats', 'unit', 'target', 'met (repeats)', compare ? 'vs last' : ''];
const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
const line = (r: string[]) => r.map((c, j) => (j === 1 || j === 2 ? c.padStart(widths[j]!) : c.padEnd(widths[j]!))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
/**
 * With `--filter`, the new figures replace their old entries and every other stored figure of a
 * benchmark that still exists is kept.
 */
function merged(): BenchResult[] {
  if (!filter) return results;
  const fresh = new Map(results.map((r) => [r.name, r]));
  const out = stored.filter((r) => known.has(r.name)).map((r) => fresh.get(r.name) ?? r);
  for (const r of results) if (!stored.some((p) => p.name === r.name)) out.push(r);
  return out;
}
writeFileSync(resultsFile, JSON.stringify(merged(), null, 2) + '\n');
console.log(`\nwrote ${resultsFile} (${process.version}, ${(await import('node:os')).cpus()[0]?.model ?? 'unknown cpu'})`);
