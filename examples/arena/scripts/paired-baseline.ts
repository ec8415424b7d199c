/**
 * Runs the arena's base config (no grid) on seeds 1..N and prints, paired by seed, both makers'
 * scores and the distribution of their per-book Sharpe ratios (the tables of the README).
 *   npx tsx examples/arena/scripts/paired-baseline.ts [seeds=6]
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { runSweep } from '@venuelab/experiment';

const seeds = Number(process.argv[2] ?? 6);
const c = parse(readFileSync(join(import.meta.dirname, '..', 'experiment.yaml'), 'utf8'));
c.sweep = { seeds, scopes: ['agent', 'market'] };
const dir = mkdtempSync(join(tmpdir(), 'venuelab-arena-'));
writeFileSync(join(dir, 'experiment.yaml'), stringify(c));
const out = await runSweep(join(dir, 'experiment.yaml'), { outDir: join(dir, 'out'), workers: 2 });
if (out.failed.length > 0) throw new Error(`failed runs: ${JSON.stringify(out.failed)}`);
const [head, ...lines] = readFileSync(join(dir, 'out', 'results.csv'), 'utf8').trim().split('\n');
const col = head!.split(',');
const rows = lines.map((l) => {
  const v = l.split(',');
  const g = (n: string) => v[col.indexOf(n)]!;
  return { seed: Number(g('seed')), metric: g('metric'), key: g('key'), value: Number(g('value')) };
});
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * p;
  return s[Math.floor(i)]! + (s[Math.ceil(i)]! - s[Math.floor(i)]!) * (i - Math.floor(i));
};
const f = (x: number) => x.toFixed(3);
console.log('| seed | reference score | naive score | reference mean book Sharpe | naive mean book Sharpe | reference PnL | naive PnL |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const s of out.sweep.seeds) {
  const v = (m: string, k: string) => rows.find((r) => r.seed === s && r.metric === m && r.key === k)!.value;
  console.log(`| ${s} | ${f(v('arena_score', 'reference'))} | ${f(v('arena_score', 'naive'))} | ${f(v('arena_sharpe_mean', 'reference'))} | ${f(v('arena_sharpe_mean', 'naive'))} | ${v('arena_pnl', 'reference').toFixed(0)} | ${v('arena_pnl', 'naive').toFixed(0)} |`);
}
console.log('\n| maker | books x seeds | min | 10% | 25% | median | 75% | 90% | max | share < 0 |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const a of ['reference', 'naive']) {
  const xs = rows.filter((r) => r.metric === 'arena_book_sharpe' && r.key.startsWith(`${a}@`)).map((r) => r.value);
  console.log(`| ${a} | ${xs.length} | ${[0, 0.1, 0.25, 0.5, 0.75, 0.9, 1].map((p) => f(q(xs, p))).join(' | ')} | ${f(xs.filter((x) => x < 0).length / xs.length)} |`);
}
for (const m of ['arena_activity', 'arena_outlier_penalty', 'arena_win_rate', 'arena_inventory_utilisation']) {
  console.log(m, ['reference', 'naive'].map((a) => `${a} ${f(rows.filter((r) => r.metric === m && r.key === a).reduce((s, r, _, all) => s + r.value / all.length, 0))}`).join(', '));
}
