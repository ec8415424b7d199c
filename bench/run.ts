/**
 * `pnpm bench`: runs every `bench/*.bench.ts`, prints one table (median of repeated runs, target,
 * met), and writes bench/results.json. `--compare` compares with the previous results.json;
 * `--filter TEXT` runs only benchmarks whose name contains TEXT and merges their figures into the
 * previous results.json (figures of the benchmarks it did not run are kept, those of benchmarks
 * that no longer exist are dropped; a re-measured figure replaces its old entry in place).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
const results: BenchResult[] = [];
/** Names of every benchmark that exists now (filtered or not). */
const known = new Set<string>();
const rows: string[][] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { benchmarks: Benchmark[] };
  for (const b of mod.benchmarks) {
    known.add(b.name);
    if (filter && !b.name.includes(filter)) continue;
    const values: number[] = [];
    for (let i = 0; i < (b.repeats ?? 5); i++) values.push(await b.run());
    const value = median(values);
    const better = b.better ?? 'higher';
    const met = b.target === undefined ? null : better === 'higher' ? value >= b.target : value <= b.target;
    results.push({ name: b.name, value, unit: b.unit, target: b.target ?? null, met });
    const prev = previous.find((p) => p.name === b.name);
    const change = prev ? `${(((value - prev.value) / prev.value) * 100).toFixed(1)}%` : '';
    rows.push([b.name, fmt(value), b.unit, b.target === undefined ? '' : `${better === 'higher' ? '>=' : '<='} ${fmt(b.target)}`, met === null ? '' : met ? 'yes' : 'NO', change]);
    process.stderr.write(`  measured ${b.name}\n`);
  }
}
const header = ['benchmark (median)', 'value', 'unit', 'target', 'met', compare ? 'vs last' : ''];
const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
const line = (r: string[]) => r.map((c, j) => (j === 1 ? c.padStart(widths[j]!) : c.padEnd(widths[j]!))).join('  ');
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
