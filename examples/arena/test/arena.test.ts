/**
 * Scientific regression test of the arena at reduced size (10 of the 20 books, 2,000 ticks,
 * 6 seeds): a larger response time lowers the reference maker's score against informed flow,
 * paired by seed, with a statistical margin (not exact floats).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runSweep, type PairedStat } from '@venuelab/experiment';

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
