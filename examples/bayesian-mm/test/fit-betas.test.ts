/**
 * The beta-fitting script reads a real run folder (Parquet files written by `venuelab run`).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperiment, runExperiment } from '@venuelab/experiment';
import { fitBetasFromRun } from '@venuelab/bayes/fit-betas';
import { RISK_FEATURES } from '@venuelab/bayes';

const here = join(import.meta.dirname, '..');

describe('fit-betas on a run of the example', () => {
  it('pairs every maker fill with the features of its latest quote and fits finite betas', async () => {
    const exp = await loadExperiment(join(here, 'experiment.yaml'));
    exp.config.duration = 1500;
    const dir = join(mkdtempSync(join(tmpdir(), 'venuelab-fit-')), 'run');
    const res = await runExperiment(exp, { seed: 2, outDir: dir });
    const fit = await fitBetasFromRun(dir, { agent: 'mm', horizon: 20 });
    expect(fit.agents).toEqual(['mm']);
    const makerLegs = res.record.trades;
    let n = 0;
    for (let i = 0; i < (makerLegs.agent as string[]).length; i++) if ((makerLegs.agent as string[])[i] === 'mm' && (makerLegs.liquidity as string[])[i] === 'maker') n++;
    expect(n).toBeGreaterThan(50);
    expect(fit.n).toBeGreaterThan(0.8 * n);
    expect(fit.n).toBeLessThanOrEqual(n);
    for (const f of RISK_FEATURES) expect(Number.isFinite(fit.betas[f])).toBe(true);
    expect(Number.isFinite(fit.lossSd)).toBe(true);
  });

  it('pairs a multi-asset maker\'s fills with the latest quote of the fill\'s market (diagnostics keyed agent/market)', async () => {
    const exp = await loadExperiment(join(here, 'experiment-multi.yaml'));
    exp.config.duration = 1500;
    const dir = join(mkdtempSync(join(tmpdir(), 'venuelab-fit-multi-')), 'run');
    const res = await runExperiment(exp, { seed: 2, outDir: dir });
    const fit = await fitBetasFromRun(dir, { agent: 'mm', horizon: 20 });
    expect(fit.agents).toEqual(['mm']);
    const tr = res.record.trades as unknown as { agent: string[]; liquidity: string[]; market: string[] };
    const legs = tr.agent.map((a, i) => (a === 'mm' && tr.liquidity[i] === 'maker' ? tr.market[i] : null)).filter((m) => m !== null);
    expect(new Set(legs)).toEqual(new Set(['A', 'B']));
    expect(legs.length).toBeGreaterThan(50);
    expect(fit.n).toBeGreaterThan(0.8 * legs.length);
    expect(fit.n).toBeLessThanOrEqual(legs.length);
  });
});
