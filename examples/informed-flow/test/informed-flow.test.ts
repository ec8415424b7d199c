/**
 * Scientific regression test of the toxicity sweep at reduced size: the finding, checked with a
 * statistical margin (paired by seed), not exact floats.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runSweep, type CellStat, type PairedStat } from '@venuelab/experiment';

const here = join(import.meta.dirname, '..');

describe('informed-flow (reduced: 8 seeds, 2,500 ticks, informed share 0, 0.1, 0.25, 0.5)', () => {
  it("the market maker's markout and PnL fall as the informed share rises; with no informed flow its markout is not negative", async () => {
    const c = parse(readFileSync(join(here, 'experiment.yaml'), 'utf8'));
    c.duration = 2500;
    c.sweep.seeds = 8;
    const dir = mkdtempSync(join(tmpdir(), 'venuelab-informed-flow-'));
    const cfg = join(dir, 'experiment.yaml');
    writeFileSync(cfg, stringify(c, { aliasDuplicateObjects: false }));
    const out = await runSweep(cfg, { outDir: join(dir, 'out'), workers: 2 });
    expect(out.failed).toEqual([]);
    const cell = (share: string, metric: string, horizon: number | null): CellStat => {
      const s = out.cells.find((x) => x.cell === `share=${share}` && x.metric === metric && x.scope === 'role' && x.key === 'LP' && x.horizon === horizon);
      if (!s) throw new Error(`no cell row for ${share} ${metric}`);
      return s;
    };
    const paired = (control: string, treatment: string, metric: string, horizon: number | null): PairedStat => {
      const p = out.paired.find((x) => x.control === control && x.treatment === treatment && x.metric === metric && x.scope === 'role' && x.key === 'LP' && x.horizon === horizon);
      if (!p) throw new Error(`no paired row for ${treatment} vs ${control} ${metric}`);
      return p;
    };
    // No informed flow: the maker's truth markout is not negative (one-sided, mean > -2 SEM), at the
    // fill and 50 ticks later.
    for (const h of [0, 50]) {
      const s = cell('0', 'markout_truth', h);
      expect(s.n).toBe(8);
      expect(s.mean).toBeGreaterThan(-2 * s.sem);
    }
    // The trend, step by step, paired by seed: markout 50 ticks after the fill falls at every step
    // by more than 3 SEM. PnL at terminal truth is noisier (it carries the terminal inventory): at
    // no step does it rise by as much as 1 SEM, and from share 0 to 0.5 it falls by more than 3 SEM.
    const steps: [string, string][] = [['0', '0.1'], ['0.1', '0.25'], ['0.25', '0.5']];
    for (const [a, b] of steps) {
      const m = paired(a, b, 'markout_truth', 50);
      expect(m.meanDiff).toBeLessThan(0);
      expect(m.t).toBeLessThan(-3);
      expect(paired(a, b, 'pnl_truth', null).t).toBeLessThan(1);
    }
    const pnl = paired('0', '0.5', 'pnl_truth', null);
    expect(pnl.t).toBeLessThan(-3);
    expect(pnl.shareImproved).toBeLessThanOrEqual(0.125);
    // The informed edge is about the next 20 ticks, so it shows in the markout after the fill, not
    // at it: the change at D = 0 is under a tenth of the change at D = 50.
    const d0 = paired('0', '0.5', 'markout_truth', 0);
    const d50 = paired('0', '0.5', 'markout_truth', 50);
    expect(Math.abs(d0.meanDiff)).toBeLessThan(0.1 * Math.abs(d50.meanDiff));
    // At half informed flow the maker loses on its fills: markout at 50 ticks no longer positive.
    const half = cell('0.5', 'markout_truth', 50);
    expect(half.mean).toBeLessThan(2 * half.sem);
  });
});
