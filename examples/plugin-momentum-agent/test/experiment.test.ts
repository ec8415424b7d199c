/**
 * The momentum experiment at reduced size (6 seeds, 2,000 ticks; CLOB vs FBA tau 10): the finding of
 * README.md, checked with a statistical margin, not exact floats.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runSweep, type PairedStat } from '@venuelab/experiment';

const here = join(import.meta.dirname, '..');

describe('momentum experiment (reduced)', () => {
  it('trend followers lose to the truth on the CLOB even though the mid lags it; a batch auction cuts their volume and their loss', async () => {
    const c = parse(readFileSync(join(here, 'experiment.yaml'), 'utf8'));
    c.duration = 2000;
    c.sweep.seeds = 6;
    const keep = ['clob', 'fba-10'];
    c.sweep.grid.mechanism.values = Object.fromEntries(Object.entries(c.sweep.grid.mechanism.values).filter(([k]) => keep.includes(k)));
    const dir = mkdtempSync(join(tmpdir(), 'venuelab-momentum-'));
    const cfg = join(dir, 'experiment.yaml');
    writeFileSync(cfg, stringify(c));
    // Plugins resolve by package name from the project (the config lives in a temporary folder).
    const out = await runSweep(cfg, { outDir: join(dir, 'out'), workers: 2 });
    expect(out.failed).toEqual([]);
    const cell = (mechanism: string, metric: string, key: string, horizon: number | null = 0) => {
      const s = out.cells.find((x) => x.cell === `mechanism=${mechanism}` && x.metric === metric && x.scope === 'role' && x.key === key && x.horizon === horizon);
      if (!s) throw new Error(`no cell row for ${mechanism} ${metric} ${key}`);
      return s;
    };
    const paired = (metric: string, key: string, horizon: number | null = 0): PairedStat => {
      const p = out.paired.find((x) => x.treatment === 'fba-10' && x.metric === metric && x.scope === 'role' && x.key === key && x.horizon === horizon);
      if (!p) throw new Error(`no paired row for ${metric} ${key}`);
      return p;
    };
    // On the CLOB the momentum traders lose more than a tick per lot against the truth at fill.
    const perLot = cell('clob', 'markout_truth_per_lot', 'momentum');
    expect(perLot.mean + 4 * perLot.sem).toBeLessThan(-1);
    // Under the batch auction they trade less and lose less, paired by seed.
    const volume = paired('volume', 'momentum', null);
    expect(volume.meanDiff).toBeLessThan(0);
    expect(volume.t).toBeLessThan(-4);
    const markout = paired('markout_truth', 'momentum');
    expect(markout.meanDiff).toBeGreaterThan(0);
    expect(markout.t).toBeGreaterThan(4);
  });
});
