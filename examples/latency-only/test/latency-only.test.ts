/**
 * Scientific regression test of the latency-only control at reduced size: the finding, checked with
 * a statistical margin (cell means against their SEM, differences paired by seed), not exact floats.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runSweep, type CellStat, type PairedStat } from '@venuelab/experiment';

const here = join(import.meta.dirname, '..');

describe('latency-only (reduced: 6 seeds, 2,500 ticks, truth {frozen, moving} x takers {noise, fast})', () => {
  it('a slow LP does not bleed without an information edge; it bleeds only when truth moves and faster traders know it', async () => {
    const c = parse(readFileSync(join(here, 'experiment.yaml'), 'utf8'));
    c.duration = 2500;
    c.sweep.seeds = 6;
    const dir = mkdtempSync(join(tmpdir(), 'venuelab-latency-only-'));
    const cfg = join(dir, 'experiment.yaml');
    writeFileSync(cfg, stringify(c, { aliasDuplicateObjects: false }));
    const out = await runSweep(cfg, { outDir: join(dir, 'out'), workers: 2 });
    expect(out.failed).toEqual([]);
    const cell = (truth: string, takers: string, metric: string, horizon: number | null = 0): CellStat => {
      const s = out.cells.find((x) => x.cell === `truth=${truth},takers=${takers}` && x.metric === metric && x.scope === 'role' && x.key === 'LP' && x.horizon === horizon);
      if (!s) throw new Error(`no cell row for ${truth} ${takers} ${metric}`);
      return s;
    };
    const paired = (axis: string, cellId: string, metric: string, horizon: number | null = 0): PairedStat => {
      const p = out.paired.find((x) => x.axis === axis && x.cell === cellId && x.metric === metric && x.scope === 'role' && x.key === 'LP' && x.horizon === horizon);
      if (!p) throw new Error(`no paired row for ${cellId} ${metric}`);
      return p;
    };
    // The control: frozen truth, slow LP, noise takers only. The LP's truth markout at fill is not
    // significantly negative (one-sided: mean > -2 SEM), nor is its PnL at terminal truth.
    const lo = cell('frozen', 'noise', 'markout_truth');
    expect(lo.n).toBe(6);
    expect(lo.mean).toBeGreaterThan(-2 * lo.sem);
    const lp = cell('frozen', 'noise', 'pnl_truth', null);
    expect(lp.mean).toBeGreaterThan(-2 * lp.sem);
    // Latency alone is harmless even when truth moves, as long as nobody trades on it.
    const mn = cell('moving', 'noise', 'markout_truth');
    expect(mn.mean).toBeGreaterThan(-2 * mn.sem);
    // Fast traders over a frozen truth have an edge only while the LP's belief converges: no bleed.
    const ff = cell('frozen', 'fast', 'markout_truth');
    expect(ff.mean).toBeGreaterThan(-2 * ff.sem);
    // The moving-truth control with fast traders: the LP bleeds, paired by seed against frozen truth.
    const bleed = paired('truth', 'truth=moving,takers=fast', 'markout_truth');
    expect(bleed.meanDiff).toBeLessThan(0);
    expect(bleed.t).toBeLessThan(-4);
    expect(bleed.shareImproved).toBe(0);
    expect(cell('moving', 'fast', 'markout_truth').mean).toBeLessThan(0);
    // The bleed is far larger than any effect of fast traders over a frozen truth.
    const fastFrozen = paired('takers', 'truth=frozen,takers=fast', 'markout_truth');
    expect(Math.abs(fastFrozen.meanDiff)).toBeLessThan(0.25 * Math.abs(bleed.meanDiff));
  });
});
