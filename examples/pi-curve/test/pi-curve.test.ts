/**
 * Scientific regression test of the pi-curve at reduced size: the finding, checked with a
 * statistical margin (paired by seed), not exact floats.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runSweep, type PairedStat } from '@venuelab/experiment';

const here = join(import.meta.dirname, '..');

describe('pi-curve (reduced: 8 seeds, 2,500 ticks, CLOB vs FBA tau 1, 10, 100)', () => {
  it('the FBA protects the LP against the CLOB, extraction is prevented rather than relocated, and immediacy cost rises with tau', async () => {
    const c = parse(readFileSync(join(here, 'experiment.yaml'), 'utf8'));
    c.duration = 2500;
    c.sweep.seeds = 8;
    const keep = ['clob', 'fba-1', 'fba-10', 'fba-100'];
    c.sweep.grid.mechanism.values = Object.fromEntries(Object.entries(c.sweep.grid.mechanism.values).filter(([k]) => keep.includes(k)));
    c.sweep.report.piCurve.tau = Object.fromEntries(Object.entries(c.sweep.report.piCurve.tau).filter(([k]) => keep.includes(k)));
    c.sweep.report.piCurve.references = [];
    const dir = mkdtempSync(join(tmpdir(), 'venuelab-pi-'));
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
    for (const t of ['fba-1', 'fba-10']) {
      const lp = get(t, 'markout_truth', 'LP');
      // Protection: the LP's truth markout at fill improves, paired by seed, by more than 4 SEM.
      expect(lp.meanDiff).toBeGreaterThan(0);
      expect(lp.t).toBeGreaterThan(4);
      expect(lp.shareImproved).toBeGreaterThanOrEqual(0.875);
      // Prevented, not relocated: the informed traders' gain falls by a comparable amount.
      const inf = get(t, 'markout_truth', 'informed');
      expect(inf.meanDiff).toBeLessThan(0);
      expect(Math.abs(inf.meanDiff)).toBeGreaterThan(0.5 * lp.meanDiff);
    }
    // The cost: noise traders wait longer as tau grows (monotone in the means, each step significant).
    const w1 = get('fba-1', 'taker_wait_mean', 'noise', null);
    const w10 = get('fba-10', 'taker_wait_mean', 'noise', null);
    const w100 = get('fba-100', 'taker_wait_mean', 'noise', null);
    expect(w1.meanDiff).toBeGreaterThan(0);
    expect(w10.meanTreatment - w1.meanTreatment).toBeGreaterThan(4 * Math.hypot(w10.sem, w1.sem));
    expect(w100.meanTreatment - w10.meanTreatment).toBeGreaterThan(4 * Math.hypot(w100.sem, w10.sem));
    // The report names a tau and draws the curve.
    expect(out.piCurve?.best?.tau).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'out', 'pi-curve.svg'), 'utf8')).toMatch(/^<svg/);
  });
});
