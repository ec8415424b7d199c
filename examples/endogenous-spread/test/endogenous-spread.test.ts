/**
 * Scientific regression test of the endogenous-spread example at reduced size: the finding, checked
 * with a statistical margin (paired by seed), not exact floats.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runSweep, type PairedStat } from '@venuelab/experiment';

const here = join(import.meta.dirname, '..');

describe('endogenous-spread (reduced: 6 seeds, 2,500 ticks, CLOB vs FBA tau 1 with informed orders living 1 and 5 ticks)', () => {
  it('the endogenous LP quotes tighter under the FBA when informed orders live one batch, and wider when they linger on the visible book', async () => {
    const c = parse(readFileSync(join(here, 'experiment.yaml'), 'utf8'));
    c.duration = 2500;
    c.sweep.seeds = 6;
    const keep = ['clob', 'fba-1', 'fba-1-linger'];
    c.sweep.grid.mechanism.values = Object.fromEntries(Object.entries(c.sweep.grid.mechanism.values).filter(([k]) => keep.includes(k)));
    const dir = mkdtempSync(join(tmpdir(), 'venuelab-endogenous-spread-'));
    const cfg = join(dir, 'experiment.yaml');
    writeFileSync(cfg, stringify(c));
    const out = await runSweep(cfg, { outDir: join(dir, 'out'), workers: 2 });
    expect(out.failed).toEqual([]);
    const get = (treatment: string, metric: string, horizon: number | null): PairedStat => {
      const p = out.paired.find((x) => x.treatment === treatment && x.metric === metric && x.scope === 'role' && x.key === 'LP' && x.horizon === horizon);
      if (!p) throw new Error(`no paired row for ${treatment} ${metric}`);
      return p;
    };
    // The headline: informed orders live one batch; the LP quotes tighter under the FBA than under
    // the CLOB, paired by seed, by more than 4 SEM, on at least 5 of 6 seeds.
    const tight = get('fba-1', 'quoted_half_spread_mean', null);
    expect(tight.n).toBe(6);
    expect(tight.meanDiff).toBeLessThan(0);
    expect(tight.t).toBeLessThan(-4);
    expect(tight.shareImproved).toBeGreaterThanOrEqual(5 / 6);
    // Informed orders linger 5 ticks: the LP's non-marketable quotes are pushed outside them on
    // the visible batch book, and it quotes wider than on the CLOB (more than 3 SEM).
    const wide = get('fba-1-linger', 'quoted_half_spread_mean', null);
    expect(wide.meanDiff).toBeGreaterThan(0);
    expect(wide.t).toBeGreaterThan(3);
    // Either way the FBA protects the LP (truth markout at fill, paired, more than 4 SEM).
    for (const t of ['fba-1', 'fba-1-linger']) {
      const m = get(t, 'markout_truth', 0);
      expect(m.meanDiff).toBeGreaterThan(0);
      expect(m.t).toBeGreaterThan(4);
    }
  });
});
