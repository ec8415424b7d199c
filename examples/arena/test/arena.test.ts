/**
 * Scientific regression tests of the arena. At reduced size (10 of the 20 books, 2,000 ticks,
 * 6 seeds): a larger response time lowers the reference maker's score against informed flow,
 * paired by seed, with a statistical margin (not exact floats). At full size (experiment-factor.yaml,
 * rho = 0 vs 0.9, 6 seeds): factor-correlated books make the maker's book PnLs move together and
 * lower the Sharpe of its summed PnL; the report draws the per-book Sharpe distribution of both makers.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { expandSweep, runSweep, type PairedStat } from '@venuelab/experiment';

const here = join(import.meta.dirname, '..');

describe('arena (reduced: 10 books, 2,000 ticks, 6 seeds, response time 0 vs 20 ticks)', () => {
  it('a slower response lowers the reference maker score and PnL against informed flow, every seed', async () => {
    const c = parse(readFileSync(join(here, 'experiment.yaml'), 'utf8'));
    c.markets = c.markets.slice(0, 10);
    const kept = new Set(c.markets.map((m: { id: string }) => m.id));
    c.agents = c.agents.filter((a: { id: string; config?: { market?: string } }) => !a.id.startsWith('noise-') || kept.has(a.config!.market!));
    expect(c.agents[0].id).toBe('reference');
    expect(c.agents.filter((a: { role?: string }) => a.role === 'informed').length).toBe(1);
    c.duration = 2000;
    c.sweep = {
      seeds: 6,
      scopes: ['agent'],
      grid: { responseTime: { path: 'agents[0].config.responseTime', values: [0, 20] } },
      comparisons: [{ axis: 'responseTime', control: '0' }],
    };
    const dir = mkdtempSync(join(tmpdir(), 'venuelab-arena-'));
    const cfg = join(dir, 'experiment.yaml');
    writeFileSync(cfg, stringify(c));
    const out = await runSweep(cfg, { outDir: join(dir, 'out'), workers: 2 });
    expect(out.failed).toEqual([]);
    const get = (metric: string, key = 'reference'): PairedStat => {
      const p = out.paired.find((x) => x.treatment === '20' && x.metric === metric && x.scope === 'agent' && x.key === key);
      if (!p) throw new Error(`no paired row for ${metric} ${key}`);
      return p;
    };
    const score = get('arena_score');
    // Lower on average by more than 4 standard errors of the paired difference, in every seed,
    // and by more than a quarter of the fast maker's score.
    expect(score.meanDiff).toBeLessThan(0);
    expect(score.t).toBeLessThan(-4);
    expect(score.shareImproved).toBe(0);
    expect(-score.meanDiff).toBeGreaterThan(0.25 * Math.abs(score.meanControl));
    // The mechanism is adverse selection of stale quotes: the PnL falls too.
    const pnl = get('arena_pnl');
    expect(pnl.meanDiff).toBeLessThan(0);
    expect(pnl.t).toBeLessThan(-3);
    // The naive maker's response time did not change: its score moves far less than the reference's.
    const naive = get('arena_score', 'naive');
    expect(Math.abs(naive.meanDiff)).toBeLessThan(0.5 * Math.abs(score.meanDiff));
  });
});

describe('arena on factor-correlated books (experiment-factor.yaml)', () => {
  const base = parse(readFileSync(join(here, 'experiment.yaml'), 'utf8'));
  const factor = parse(readFileSync(join(here, 'experiment-factor.yaml'), 'utf8'));

  it('is the scenario of experiment.yaml but for name, description, the truth config and the sweep; both sweeps validate', () => {
    const strip = (c: Record<string, unknown> & { truth: { config: unknown } }) => {
      const { name: _n, description: _d, sweep: _s, ...rest } = c;
      return { ...rest, truth: { ...c.truth, config: null } };
    };
    expect(strip(factor)).toEqual(strip(base));
    expect(factor.truth.config).toEqual({ ...base.truth.config, correlation: 0.5 });
    expect(expandSweep(factor).cells.map((c) => c.id)).toEqual(['rho=0', 'rho=0.5', 'rho=0.9']);
    expect(expandSweep(base).spec.report.distributions[0]).toMatchObject({ metric: 'arena_book_sharpe', scope: 'market', by: 'agent', groups: ['reference', 'naive'] });
  });

  it('rho = 0.9 vs 0: book PnLs correlate and the summed PnL has a lower Sharpe, every seed; the report shows both makers\' book Sharpes', async () => {
    const c = structuredClone(factor);
    c.sweep.grid.rho.values = [0, 0.9];
    const dir = mkdtempSync(join(tmpdir(), 'venuelab-arena-factor-'));
    const cfg = join(dir, 'experiment.yaml');
    writeFileSync(cfg, stringify(c));
    const out = await runSweep(cfg, { outDir: join(dir, 'out'), workers: 2 });
    expect(out.failed).toEqual([]);
    const get = (metric: string): PairedStat => {
      const p = out.paired.find((x) => x.treatment === '0.9' && x.metric === metric && x.scope === 'agent' && x.key === 'reference');
      if (!p) throw new Error(`no paired row for ${metric}`);
      return p;
    };
    // Measured (README): mean pairwise correlation of the reference maker's book PnL increments
    // 0.02 -> 0.19 (t = 6.1), Sharpe of its summed PnL 2.28 -> 1.33 (t = -5.4).
    const corr = get('arena_book_correlation');
    expect(corr.t).toBeGreaterThan(4);
    expect(corr.shareImproved).toBe(1);
    expect(Math.abs(corr.meanControl)).toBeLessThan(0.1);
    const port = get('arena_portfolio_sharpe');
    expect(port.t).toBeLessThan(-3);
    expect(port.shareImproved).toBe(0);
    // The report: one quartile box per (cell, maker) and the paired summary table beside it.
    const svg = readFileSync(join(dir, 'out', 'distribution-1.svg'), 'utf8');
    const bars = [...svg.matchAll(/<g class="mark-rect role-mark quartiles_marks"[^>]*>(.*?)<\/g>/g)].map((m) => (m[1]!.match(/<path /g) ?? []).length);
    expect(bars.reduce((a, b) => a + b, 0)).toBe(4);
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('id="distribution-1"');
    expect(html).toMatch(/arena score: paired diff \[95% CI\]/);
    // every row of the table shows both the per-seed mean and the arena score (mean +- SEM)
    const section = html.slice(html.indexOf('id="distribution-1"'));
    const table = section.slice(section.indexOf('<tbody>')).split('</tbody>')[0]!;
    const rows = (table.match(/<tr><td>/g) ?? []).length;
    expect(rows).toBeGreaterThan(0);
    expect((table.match(/ \+- /g) ?? []).length).toBe(2 * rows);
  });
});
