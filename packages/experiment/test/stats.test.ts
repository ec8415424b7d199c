import { describe, expect, it } from 'vitest';
import { cellStats, describe as describeSample, expandSweep, pairedStats, type RunRows } from '../src/index.js';

const row = (metric: string, value: number, key = 'LP') => ({ metric, scope: 'role' as const, key, horizon: 0, value });

describe('paired statistics', () => {
  const sweep = expandSweep({
    name: 's',
    sweep: {
      seeds: 4,
      grid: { mech: { path: 'venues[0].plugin', values: ['clob', 'fba'] } },
      comparisons: [{ axis: 'mech', control: 'clob' }],
      better: { wait: 'lower' },
    },
  });
  // LP markout per seed: clob -10, -20, -30, -40; fba -1, -2, -3, -50 -> diffs 9, 18, 27, -10
  const clob = [-10, -20, -30, -40];
  const fba = [-1, -2, -3, -50];
  const wait = { clob: [0, 0, 0, 0], fba: [2, 3, 2, 1] };
  const runs: RunRows[] = [];
  for (let i = 0; i < 4; i++) {
    runs.push({ cell: 'mech=clob', seed: i + 1, rows: [row('markout', clob[i]!), row('wait', wait.clob[i]!)] });
    runs.push({ cell: 'mech=fba', seed: i + 1, rows: [row('markout', fba[i]!), row('wait', wait.fba[i]!)] });
  }

  it('match hand-computed values: mean diff, SEM, t, 95% CI, share improved', () => {
    const p = pairedStats(runs, sweep.cells, sweep.axes, sweep.spec);
    const m = p.find((x) => x.metric === 'markout')!;
    // diffs 9, 18, 27, -10: mean 11, deviations -2, 7, 16, -21, SS 4+49+256+441 = 750, sd = sqrt(250)
    expect(m.n).toBe(4);
    expect(m.meanDiff).toBeCloseTo(11, 12);
    expect(m.sdDiff).toBeCloseTo(Math.sqrt(250), 12);
    expect(m.sem).toBeCloseTo(Math.sqrt(250) / 2, 12);
    expect(m.t).toBeCloseTo(11 / (Math.sqrt(250) / 2), 12);
    // t(0.975, 3) = 3.182446305284263
    expect(m.ciLow).toBeCloseTo(11 - 3.182446305284263 * (Math.sqrt(250) / 2), 9);
    expect(m.ciHigh).toBeCloseTo(11 + 3.182446305284263 * (Math.sqrt(250) / 2), 9);
    expect(m.shareImproved).toBe(0.75);
    expect(m.meanControl).toBe(-25);
    expect(m.meanTreatment).toBe(-14);
    const w = p.find((x) => x.metric === 'wait')!;
    expect(w.better).toBe('lower');
    expect(w.meanDiff).toBe(2);
    expect(w.shareImproved).toBe(0); // every seed waited longer under fba
  });

  it('pair only seeds present in both arms', () => {
    const partial = runs.filter((r) => !(r.cell === 'mech=fba' && r.seed === 4));
    const m = pairedStats(partial, sweep.cells, sweep.axes, sweep.spec).find((x) => x.metric === 'markout')!;
    expect(m.n).toBe(3);
    expect(m.meanDiff).toBeCloseTo(18, 12);
  });

  it('cell statistics: mean, sd and SEM per cell', () => {
    const c = cellStats(runs).find((x) => x.cell === 'mech=clob' && x.metric === 'markout')!;
    expect(c.mean).toBe(-25);
    expect(c.sd).toBeCloseTo(Math.sqrt(500 / 3), 12);
    expect(c.sem).toBeCloseTo(Math.sqrt(500 / 3) / 2, 12);
    expect(describeSample([5]).sem).toBeNaN();
  });
});
