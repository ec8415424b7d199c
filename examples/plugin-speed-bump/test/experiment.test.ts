/**
 * The speed-bump experiment at reduced size (6 seeds, 2,000 ticks; CLOB, bump 1, FBA tau 2): the
 * finding of README.md, checked with a statistical margin (paired by seed), not exact floats.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runSweep, type PairedStat } from '@venuelab/experiment';

const here = join(import.meta.dirname, '..');

describe('speed-bump experiment (reduced)', () => {
  it('a 1-tick bump protects the LP somewhat, at a large cost in unfilled orders; the FBA protects more and fills more', async () => {
    const c = parse(readFileSync(join(here, 'experiment.yaml'), 'utf8'));
    c.duration = 2000;
    c.sweep.seeds = 6;
    const keep = ['clob', 'bump-1', 'fba-2'];
    c.sweep.grid.mechanism.values = Object.fromEntries(Object.entries(c.sweep.grid.mechanism.values).filter(([k]) => keep.includes(k)));
    const dir = mkdtempSync(join(tmpdir(), 'venuelab-speed-bump-'));
    const cfg = join(dir, 'experiment.yaml');
    writeFileSync(cfg, stringify(c));
    // Plugins resolve by package name from the project (the config lives in a temporary folder).
    const out = await runSweep(cfg, { outDir: join(dir, 'out'), workers: 2 });
    expect(out.failed).toEqual([]);
    const get = (treatment: string, metric: string, key: string, horizon: number | null = 0): PairedStat => {
      const p = out.paired.find((x) => x.treatment === treatment && x.metric === metric && x.scope === 'role' && x.key === key && x.horizon === horizon);
      if (!p) throw new Error(`no paired row for ${treatment} ${metric} ${key}`);
      return p;
    };
    const lpBump = get('bump-1', 'markout_truth', 'LP');
    const lpFba = get('fba-2', 'markout_truth', 'LP');
    // The bump protects the LP, paired by seed, by more than 4 SEM, on every seed...
    expect(lpBump.meanDiff).toBeGreaterThan(0);
    expect(lpBump.t).toBeGreaterThan(4);
    expect(lpBump.shareImproved).toBe(1);
    // ...and the informed traders' gain falls.
    expect(get('bump-1', 'markout_truth', 'informed').meanDiff).toBeLessThan(0);
    // But the LP's quotes spend `delay` ticks of every re-quote in the bump: more noise orders go unfilled.
    const unfilled = get('bump-1', 'unfilled_fraction', 'noise', null);
    expect(unfilled.meanDiff).toBeGreaterThan(4 * unfilled.sem);
    // The batch auction protects the LP more than the bump does, and leaves fewer noise orders unfilled.
    expect(lpFba.meanTreatment - lpBump.meanTreatment).toBeGreaterThan(4 * Math.hypot(lpFba.sem, lpBump.sem));
    expect(get('fba-2', 'unfilled_fraction', 'noise', null).meanTreatment).toBeLessThan(unfilled.meanTreatment);
  });
});
